"""``proofcheck new-pack``: a skeleton that installs with pip, is found by ``proofcheck packs`` and audits."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from proofcheck.app import new_pack
from proofcheck.cli import main


def test_the_skeleton_has_its_files_and_refuses_to_overwrite(tmp_path, capsys):
    assert main(["new-pack", "my-notes", "--dir", str(tmp_path), "--title", "My notes"]) == 0
    root = tmp_path / "my-notes"
    files = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    assert files == ["my_notes/__init__.py", "my_notes/statements/__init__.py", "my_notes/statements/lemma_1.py",
                     "pyproject.toml", "tests/test_my_notes.py"]
    assert 'my-notes = "my_notes:PACK"' in (root / "pyproject.toml").read_text()
    before = (root / "pyproject.toml").read_text()
    capsys.readouterr()
    assert main(["new-pack", "my-notes", "--dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "already exists" in err[0]
    assert (root / "pyproject.toml").read_text() == before  # nothing already written is lost
    for bad in ("My Notes", "-x", "", "notes/1"):
        assert main(["new-pack", bad, "--dir", str(tmp_path)]) == 2


def test_the_skeleton_statement_compiles_to_a_statement(tmp_path, monkeypatch):
    skeleton = new_pack.write("compile-check", tmp_path)
    monkeypatch.syspath_prepend(str(skeleton.root))
    from compile_check.statements import lemma_1  # noqa: the skeleton's own module
    assert lemma_1.STATEMENT.id == "lemma-1" and lemma_1.STATEMENT.kind == "upper"


@pytest.mark.slow
def test_a_pack_written_outside_the_repository_installs_and_is_found(tmp_path):
    skeleton = new_pack.write("outside-notes", tmp_path / "src", "Notes written elsewhere")
    site = tmp_path / "site"
    # installed for this test only (pip --target): the suite's own environment keeps its one pack
    install = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site),
                              str(skeleton.root)], capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stderr[-2000:]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]),
           "PROOFCHECK_DB": ""}

    def proofcheck(*argv: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "proofcheck", *argv], capture_output=True, text=True,
                              timeout=300, env=env, cwd=tmp_path)

    listed = proofcheck("packs")
    assert listed.returncode == 0 and "outside-notes" in listed.stdout and "Notes written elsewhere" in listed.stdout
    out = tmp_path / "audit.json"
    audited = proofcheck("audit", "--pack", "outside-notes", "--cases", "300", "--seed", "0", "--out", str(out))
    assert audited.returncode == 0, audited.stderr[-2000:]
    report = json.loads(out.read_text())
    assert report["meta"]["pack"]["name"] == "outside-notes" and report["meta"]["title"] == "Notes written elsewhere"
    (s,) = report["statements"]
    # the template's bound is 1/sqrt(2t) against a supremum of 1/sqrt(2 e t): worst ratio 1/sqrt(e)
    assert s["id"] == "lemma-1" and s["verdict"] == "holds" and abs(s["worst_ratio"] - 0.6065306597) < 1e-3
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0",
                            str(skeleton.root / "tests")], capture_output=True, text=True, timeout=300, env=env,
                           cwd=skeleton.root)
    assert tests.returncode == 0, tests.stdout[-2000:]
