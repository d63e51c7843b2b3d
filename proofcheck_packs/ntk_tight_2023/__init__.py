"""The pack of "Tight conditions for when the NTK approximation is valid" (E. Boix-Adsera and
E. Littwin, TMLR 2023, arXiv 2305.13141): its 25 numbered statements with their ``:as-used`` and
``:repaired`` forms (``statements/``), its models (the quadratic models of Sections 1, 3 and Appendix A,
the two-layer network of Section 2, ``models/``), its symmetries (``dimensions.py``) and its studies."""
from proofcheck.core.pack import ModelClass, Pack

from proofcheck_packs.ntk_tight_2023.models.training import near_affine_on_the_ball, on_the_ball
from proofcheck_packs.ntk_tight_2023.studies import headline

# In the order the paper states them (Sections 1-3, then Appendices A-C).
STATEMENT_IDS: tuple[str, ...] = (
    "proposition-1.1", "theorem-1.2", "theorem-1.3",
    "lemma-2.1", "corollary-2.2",
    "inequality-7", "proposition-3.1", "first-attempt-3.1", "theorem-3.2", "lemma-3.3",
    "lemma-a.1", "lemma-a.2", "lemma-a.3", "lemma-a.4", "lemma-a.5", "lemma-a.6",
    "theorem-a.8", "lemma-a.9", "lemma-a.10",
    "claim-1", "claim-2", "claim-3", "claim-4", "claim-5", "claim-6",
)

# The statements trained on quadratic models whose hypotheses hold on a ball around w0 only, and
# their repairs: on quadratic models Lip(Dh) is the same everywhere, so leaving the ball cannot matter
# there; on cubic models it can (``models/training.on_the_ball``).
TRAINED_ON_A_BALL: tuple[str, ...] = (
    "proposition-1.1", "proposition-1.1:repaired", "theorem-1.2", "inequality-7", "inequality-7:repaired",
    "proposition-3.1", "first-attempt-3.1", "theorem-3.2", "lemma-a.1", "lemma-a.2", "lemma-a.3",
    "lemma-a.4", "lemma-a.4:repaired", "lemma-a.5",
)

# Proposition 1.1's printed horizon lets w(t) reach sqrt(2) rho; the statements whose horizons keep it in
# the ball (Lemma A.1) are checked beside it as a control
LEAVING_THE_BALL: tuple[str, ...] = ("proposition-1.1", "proposition-1.1:repaired", "theorem-1.2")

PACK = Pack(
    name="ntk-tight-2023",
    title=("E. Boix-Adsera and E. Littwin, Tight conditions for when the NTK approximation is valid "
           "(TMLR 2023, arXiv 2305.13141)"),
    version="1.0.0",
    statements="proofcheck_packs.ntk_tight_2023.statements",
    order=STATEMENT_IDS,
    # Lemma C.1 is Lemma 2.1 restated in Appendix C
    aliases={"lemma-c.1": "lemma-2.1"},
    # findings say whether the paper's main result survives each of them
    main_result="theorem-1.2",
    sections=r"Section \d+|Appendix [A-Z]",
    studies={"scaling": headline},
    description="the paper's numbered statements, their proofs line by line, and the studies of its headline",
    model_classes=(ModelClass("ball", "cubic models, Lip(Dh) and Lip(h) measured on the ball", TRAINED_ON_A_BALL,
                              on_the_ball),
                   # nearly affine on the ball and steep outside it: where a horizon lets w(t) leave the ball
                   ModelClass("near-affine", "models nearly affine on the ball, steep outside it", LEAVING_THE_BALL,
                              near_affine_on_the_ball)),
)
