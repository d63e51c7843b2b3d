"""The pack of Lecture 08, "The Neural Tangent Kernel Approximation" (G. Pleiss, course notes): the loss of
Theorem 1, the bounds of Section 1 (the gradient of the square loss, the Jacobian over n data points) and the
orders of the 1/sqrt(d) two-layer network (Jacobian, Hessian terms, sparsity and norm, and kappa of (3)).

Ids: ``theorem-1-loss`` for the loss displayed in Theorem 1; ``display-<what>`` for the unnumbered displays
of Section 1 (``display-gradient-loss``, ``display-jacobian-norm``); ``remark-<what>`` for the bullets on the
1/sqrt(d) network after (3) (``remark-jacobian-order``, ``remark-hessian-terms``, ``remark-hessian-sparsity``,
``remark-hessian-norm``, ``remark-kappa``); the summary's "kappa ≍ O(1/sqrt d)" is an alias of ``remark-kappa``."""
from proofcheck.core.pack import Pack

STATEMENT_IDS: tuple[str, ...] = (
    "theorem-1-loss", "display-gradient-loss", "display-jacobian-norm",
    "remark-jacobian-order", "remark-hessian-terms", "remark-hessian-sparsity", "remark-hessian-norm",
    "remark-kappa",
)

PACK = Pack(
    name="ntk-lecture-pleiss",
    title='G. Pleiss, Lecture 08: "The Neural Tangent Kernel Approximation" (course notes)',
    version="0.1.0",
    statements="proofcheck_packs.ntk_lecture_pleiss.statements",
    order=STATEMENT_IDS,
    aliases={"summary-kappa": "remark-kappa"},
    main_result=None,
    sections=r"Theorem \d+|Section \d+",
    description="the loss, the Jacobian and gradient bounds, and the width orders of the 1/sqrt(d) network",
)
