"""proofcheck: a symbolic-plus-numeric checker for the statements of
"Tight conditions for when the NTK approximation is valid" (Boix-Adsera & Littwin, TMLR 2023)."""

__version__ = "0.1.0"
PAPER = ("E. Boix-Adsera, E. Littwin, \"Tight conditions for when the NTK approximation is valid\", "
         "TMLR (11/2023), arXiv 2305.13141")
