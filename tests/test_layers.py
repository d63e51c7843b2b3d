"""The layers of ../shared/ARCHITECTURE.md, kept by import-linter's contract in pyproject.toml."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT = shutil.which("lint-imports")

pytestmark = pytest.mark.skipif(LINT is None, reason="import-linter is not installed (pip install -e '.[test]')")


def _lint(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([LINT, "--config", str(root / "pyproject.toml")], cwd=root, capture_output=True, text=True,
                          timeout=120, env={"PATH": str(Path(sys.executable).parent), "PYTHONPATH": str(root)})


def test_the_layer_contract_is_kept():
    run = _lint(ROOT)
    assert run.returncode == 0, run.stdout[-3000:]
    assert "5 kept, 0 broken" in run.stdout


@pytest.mark.parametrize("module, line, contract", [
    ("proofcheck_packs/ntk_tight_2023/statements/claim_3.py", "import proofcheck.search.engine", "Packs declare"),
    ("proofcheck/search/engine.py", "import proofcheck_packs.ntk_tight_2023.models.training", "The engine never imports a pack"),
    ("proofcheck/report/text.py", "import proofcheck.search.engine", "Reports read results only"),
    ("proofcheck/numerics/linalg.py", "import proofcheck_packs.ntk_tight_2023.models.training", "Layers"),
    ("proofcheck/cli.py", "import proofcheck.search.confirm", "The face goes through the API"),
])
def test_an_import_that_crosses_a_layer_breaks_the_contract(tmp_path, module, line, contract):
    for part in ("proofcheck", "proofcheck_packs", "pyproject.toml"):
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / part)
    target = tmp_path / module
    target.write_text(target.read_text() + f"\n{line}  # planted\n")
    run = _lint(tmp_path)
    assert run.returncode != 0
    broken = run.stdout[run.stdout.index("Broken contracts"):]
    assert contract in broken
