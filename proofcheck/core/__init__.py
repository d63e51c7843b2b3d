"""Core: the protocol (statement, space, case), the judgement, typed results, symbolic steps, the document's ids
and the registry. Imports nothing else of proofcheck."""
