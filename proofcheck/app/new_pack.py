"""``proofcheck new-pack NAME``: the skeleton of a pack that lives in a distribution of its own.

What it writes installs with pip and is found by ``proofcheck packs``: a ``pyproject.toml`` that registers
the pack in the entry-point group ``proofcheck.packs``, the package with its ``PACK``, one statement
module from the template, and that statement's test. Nothing already on disk is replaced.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from proofcheck.core.registry import GROUP

# template file -> where it goes in the skeleton ({package} is the pack's Python package)
FILES = (
    ("pyproject.toml.tmpl", "pyproject.toml"),
    ("pack_init.py.tmpl", "{package}/__init__.py"),
    ("statements_init.py.tmpl", "{package}/statements/__init__.py"),
    ("statement.py.tmpl", "{package}/statements/lemma_1.py"),
    ("test_pack.py.tmpl", "tests/test_{package}.py"),
)


class NewPackError(ValueError):
    """A name that cannot be a pack's, or a folder that is already there."""


@dataclass(frozen=True)
class Skeleton:
    root: Path
    files: tuple[Path, ...]
    package: str


def package_name(name: str) -> str:
    """The Python package of a pack: 'my-notes' -> 'my_notes'."""
    return name.replace("-", "_").replace(".", "_")


def write(name: str, where: Path | str = ".", title: str | None = None) -> Skeleton:
    """The skeleton of pack ``name`` in ``where/name``; NewPackError if that folder exists or the name
    is not a pack's (lowercase letters, digits, '-' and '.', starting with a letter)."""
    if not re.fullmatch(r"[a-z][a-z0-9.-]*", name or ""):
        raise NewPackError(f"'{name}' cannot name a pack: use lowercase letters, digits, '-' and '.', "
                           f"starting with a letter")
    root = Path(where) / name
    if root.exists():
        raise NewPackError(f"{root} already exists: nothing was written")
    package = package_name(name)
    fields = {"name": name, "package": package, "distribution": f"proofcheck-pack-{name}",
              "title": title or f"the document of the pack {name}", "group": GROUP}
    templates = resources.files("proofcheck.app") / "templates"
    written = []
    root.mkdir(parents=True)
    for template, target in FILES:
        path = root / target.format(**fields)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text((templates / template).read_text(encoding="utf-8").format(**fields), encoding="utf-8")
        written.append(path)
    return Skeleton(root, tuple(written), package)


__all__ = ["write", "Skeleton", "NewPackError", "package_name", "FILES"]
