"""The pack of "Neural Tangent Kernels", lecture notes on the NTK formulation (2025-08-10; no author named in
the extraction): its checkable statements (``statements/``) and its models (``models/``: linear least squares
in an overparametrized basis, and a smooth model with a rigorously bounded beta).

The notes number nothing. Ids follow their words: ``<environment>-<k>`` numbers each printed environment of
that kind in the notes' order (``theorem-1`` is the Theorem, ``lemma-1`` the Lemma's first display); a second
display of the same environment takes a letter (``lemma-1b``); a fact the notes state inside a proof or in the
text is named by what it is about (``pseudoinverse-1``: the proof of the Theorem's ||Phi^+||_op = 1/sigma;
``scaling-1``: the Reparametrization paragraph; ``loss-1``: the display of the quadratic loss L_hat). The Definition (the NTK K(x, x') = <phi(x), phi(x')>) defines and
claims nothing, and the "Wide Neural Nets" paragraph states a setting only: neither is a statement.
"""
from proofcheck.core.pack import Pack

# In the order the notes state them.
STATEMENT_IDS: tuple[str, ...] = ("loss-1", "theorem-1", "pseudoinverse-1", "lemma-1", "lemma-1b", "scaling-1")

PACK = Pack(
    name="ntk-notes-2025",
    title='"Neural Tangent Kernels", lecture notes on the NTK formulation (2025-08-10; no author named)',
    version="1.0.0",
    statements="proofcheck_packs.ntk_notes_2025.statements",
    order=STATEMENT_IDS,
    main_result=None,
    sections=r'section "[^"]+"',
    description="the notes' theorem on the minimum-norm solution, its lemma on the linearization's remainder, "
                "and the reparametrization f = alpha fbar",
)
