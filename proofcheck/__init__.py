"""proofcheck: a symbolic-plus-numeric checker for the numbered statements of a document, each
document a pack (``proofcheck packs`` lists those installed).

The Python API (``proofcheck.audit``, ``fuzz``, ``replay``, ``statements``) is ``proofcheck.api``,
loaded on first use so that importing a submodule stays cheap."""
from typing import Any

from proofcheck.core.version import __version__  # noqa: F401 (the package's version)

_API = ("audit", "fuzz", "replay", "statements", "installed_packs", "Audit", "InputError", "UnknownStatement")


def __getattr__(name: str) -> Any:
    if name in _API:
        from proofcheck import api
        return getattr(api, name)
    raise AttributeError(f"module 'proofcheck' has no attribute {name!r}")
