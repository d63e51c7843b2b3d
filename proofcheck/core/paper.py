"""The paper's numbered statements: the ids the registry is checked against."""

# In the order the paper states them (Sections 1-3, then Appendices A-C).
STATEMENT_IDS: tuple[str, ...] = (
    "proposition-1.1", "theorem-1.2", "theorem-1.3",
    "lemma-2.1", "corollary-2.2",
    "inequality-7", "proposition-3.1", "first-attempt-3.1", "theorem-3.2", "lemma-3.3",
    "lemma-a.1", "lemma-a.2", "lemma-a.3", "lemma-a.4", "lemma-a.5", "lemma-a.6",
    "theorem-a.8", "lemma-a.9", "lemma-a.10",
    "claim-1", "claim-2", "claim-3", "claim-4", "claim-5", "claim-6",
)

TITLE = ("E. Boix-Adsera and E. Littwin, Tight conditions for when the NTK approximation is valid "
         "(TMLR 2023, arXiv 2305.13141)")

# The paper's main result: findings say whether it survives each of them.
MAIN_RESULT = "theorem-1.2"

# Lemma C.1 is Lemma 2.1 restated in Appendix C.
ALIASES: dict[str, str] = {"lemma-c.1": "lemma-2.1"}

AS_USED = ":as-used"
REPAIRED = ":repaired"


def module_name(statement_id: str) -> str:
    """The module in lemmas/ that declares an id: 'lemma-3.3' -> 'lemma_3_3', 'claim-5:as-used' ->
    'claim_5_as_used', 'claim-2:repaired' -> 'claim_2_repaired'."""
    return (statement_id.replace(AS_USED, "_as_used").replace(REPAIRED, "_repaired")
            .replace("-", "_").replace(".", "_"))


def is_paper_id(statement_id: str) -> bool:
    """An id of the paper, the narrower form a proof uses (``<id>:as-used``), or the corrected form of
    a statement found violated (``<id>:repaired``)."""
    for suffix in (AS_USED, REPAIRED):
        if statement_id.endswith(suffix):
            statement_id = statement_id[: -len(suffix)]
    return statement_id in STATEMENT_IDS
