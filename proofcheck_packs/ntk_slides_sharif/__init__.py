"""The pack of the slides "Neural Tangent Kernel: High-Dimensional Probability Analysis" (H. Zolfaghari,
A. Zohrabi, A. Velae, Sharif University of Technology, February 5, 2025).

Ids: the slides number equations (1), (2), (8), (9) only; a numbered fact is ``eq-N``, an unnumbered one
is named by what the slide says of it (``diagonal-value``, ``off-diagonal-bound``, ``gershgorin-bound``, ...). The ``ref``
of each names its section as the slides' outline does ("Section 5, Our Results and Observations").

Not transcribed, and why: the residual dynamics (8) and the generalization bound (9) are probability
statements whose hypotheses carry unnamed constants (kappa = O(.), m = Omega(n^7 / (lambda_0^4 kappa^2 delta^4
epsilon^2)), eta = O(.)): a claim for "m large enough", which no finite experiment refutes and whose widths at
constant 1 (m ~ 1e17 at n = 3) no experiment reaches; the engine's probability kind takes an unnamed constant in
the bound, not in the hypotheses. The (lambda_0, delta, n)-non-degenerate distribution and the data scaling and
Lipschitz concentration conditions are definitions and assumptions; the theorem on lambda_min(K^(L)) is about the
deep NTK (9) of another paper, cited without its definitions.
"""
from proofcheck.core.pack import Pack

# In the order the slides state them (Sections 2, 3 and 5).
STATEMENT_IDS: tuple[str, ...] = (
    "eq-2",
    "quadratic-form", "quadratic-form-end",
    "diagonal-value", "off-diagonal-bound", "off-diagonal-half", "gershgorin-bound",
    "max-correlation-sphere", "max-correlation-subgaussian",
)

PACK = Pack(
    name="ntk-slides-sharif",
    title=("H. Zolfaghari, A. Zohrabi and A. Velae, Neural Tangent Kernel: High-Dimensional Probability "
           "Analysis (slides, Sharif University of Technology, February 5, 2025)"),
    version="0.1.0",
    statements="proofcheck_packs.ntk_slides_sharif.statements",
    order=STATEMENT_IDS,
    main_result=None,
    sections=r"Section \d+",
    description="the closed form of H^infinity, its diagonal, off-diagonal and Gershgorin bounds, the quadratic "
                "form on y and the maximal correlation of points on the sphere",
)
