"""Core: the protocol (statement, space, case, pack), the judgement, typed results, symbolic steps and
the registry of packs. Imports nothing else of proofcheck."""
