"""proofcheck: a symbolic-plus-numeric checker for the statements of
"Tight conditions for when the NTK approximation is valid" (Boix-Adsera & Littwin, TMLR 2023).

The Python API (``proofcheck.audit``, ``fuzz``, ``replay``, ``statements``) is ``proofcheck.api``,
loaded on first use so that importing a submodule stays cheap."""
from typing import Any

from proofcheck.core.version import __version__  # noqa: F401 (the package's version)
PAPER = ("E. Boix-Adsera, E. Littwin, \"Tight conditions for when the NTK approximation is valid\", "
         "TMLR (11/2023), arXiv 2305.13141")

_API = ("audit", "fuzz", "replay", "statements", "Audit", "InputError", "UnknownStatement")


def __getattr__(name: str) -> Any:
    if name in _API:
        from proofcheck import api
        return getattr(api, name)
    raise AttributeError(f"module 'proofcheck' has no attribute {name!r}")
