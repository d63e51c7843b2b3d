"""Packs: found through the entry-point group, told apart where they share an id, and a broken one never
hides the others. The engine names no document."""
import importlib.metadata
import pathlib
import re
import textwrap

import pytest

from proofcheck.cli import main
from proofcheck.core import registry
from proofcheck.core.pack import Pack
from proofcheck_packs.ntk_tight_2023 import PACK as PAPER

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _write_pack(root: pathlib.Path, package: str, name: str, statement_id: str) -> None:
    """A pack on disk whose one statement (a copy of the paper's Claim 3, renamed) has ``statement_id``."""
    (root / package / "statements").mkdir(parents=True)
    (root / package / "__init__.py").write_text(textwrap.dedent(f'''
        from proofcheck.core.pack import Pack
        PACK = Pack(name="{name}", title="A test document", version="0.0.1",
                    statements="{package}.statements", order=("{statement_id}",))
        '''))
    (root / package / "statements" / "__init__.py").write_text("")
    source = (ROOT / "proofcheck_packs/ntk_tight_2023/statements/claim_3.py").read_text()
    module = statement_id.replace("-", "_").replace(".", "_")
    (root / package / "statements" / f"{module}.py").write_text(source.replace('id="claim-3"', f'id="{statement_id}"'))


@pytest.fixture(autouse=True)
def no_default_pack(monkeypatch):
    monkeypatch.delenv("PROOFCHECK_PACK", raising=False)


@pytest.fixture
def extra_packs(tmp_path, monkeypatch):
    """The installed entry points plus the given ones (name -> 'module:attr'), on a fresh registry."""
    real = registry._entry_points()

    def install(points: dict[str, str]) -> None:
        fake = [importlib.metadata.EntryPoint(n, v, registry.GROUP) for n, v in points.items()]
        monkeypatch.setattr(registry, "_entry_points", lambda: sorted(real + fake, key=lambda ep: ep.name))
        registry.refresh()

    monkeypatch.syspath_prepend(str(tmp_path))
    yield install
    registry.refresh()


def test_the_paper_is_a_pack_found_through_its_entry_point():
    assert registry.packs()["ntk-tight-2023"] is PAPER
    assert [ep.value for ep in registry._entry_points() if ep.name == PAPER.name] == ["proofcheck_packs.ntk_tight_2023:PACK"]
    assert registry.pack_of(registry.resolve("claim-5")) is PAPER
    assert registry.resolve("ntk-tight-2023/lemma-c.1").id == "lemma-2.1"  # aliases within a pack


def test_packs_lists_name_version_count_and_title(capsys):
    assert main(["packs"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith(PAPER.name))
    assert PAPER.version in line and f"{len(registry.discover(PAPER.name))} statements" in line and "Boix-Adsera" in line


def test_two_packs_sharing_an_id_are_told_apart(tmp_path, extra_packs, capsys):
    _write_pack(tmp_path, "twin_pack", "twin", "claim-3")
    extra_packs({"twin": "twin_pack:PACK"})
    with pytest.raises(registry.AmbiguousStatement) as err:
        registry.resolve("claim-3")
    assert set(err.value.suggestions) == {"ntk-tight-2023/claim-3", "twin/claim-3"}
    twin, paper = registry.resolve("twin/claim-3"), registry.resolve("ntk-tight-2023/claim-3")
    assert twin is not paper and registry.pack_of(twin).name == "twin" and registry.pack_of(paper) is PAPER
    assert registry.resolve("claim-3", pack_name="twin") is twin
    assert "twin/claim-3" in registry.discover() and "claim-5" in registry.discover()  # only the shared id is qualified
    assert main(["fuzz", "claim-3", "--cases", "10"]) == 2
    assert "twin/claim-3" in capsys.readouterr().err
    assert main(["list"]) == 0
    listed = capsys.readouterr().out
    assert "twin: A test document" in listed and f"{PAPER.name}: {PAPER.title}" in listed
    # with several packs an audit must be told which; one line, exit 2
    assert main(["audit", "--cases", "10"]) == 2
    assert "--pack" in capsys.readouterr().err


def test_a_broken_entry_point_is_one_line_and_hides_no_other_pack(tmp_path, extra_packs, capsys):
    before = set(registry.packs())
    (tmp_path / "not_a_pack.py").write_text("PACK = 42\n")
    (tmp_path / "raises_pack.py").write_text("raise RuntimeError('this pack is broken')\n")
    extra_packs({"absent": "no_such_module_here:PACK", "wrong": "not_a_pack:PACK", "raising": "raises_pack:PACK"})
    assert set(registry.packs()) == before
    assert {b.name for b in registry.broken_packs()} == {"absent", "wrong", "raising"}
    assert main(["packs"]) == 0
    out = capsys.readouterr().out
    assert PAPER.name in out and out.count("BROKEN") == 3 and "this pack is broken" in out
    for argv in (["audit", "--pack", "raising", "--cases", "5"], ["list", "--pack", "absent"], ["list", "--pack", "nope"]):
        assert main(argv) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("proofcheck: error:") and "Traceback" not in err[0]
    assert main(["list", "--pack", PAPER.name]) == 0 and "claim-5" in capsys.readouterr().out


def test_a_pack_whose_statements_do_not_import_is_one_line(tmp_path, extra_packs, capsys):
    _write_pack(tmp_path, "half_pack", "half", "lemma-9")
    (tmp_path / "half_pack" / "statements" / "lemma_9.py").write_text("import no_such_dependency\n")
    extra_packs({"half": "half_pack:PACK"})
    assert main(["list", "--pack", "half"]) == 2
    assert "half_pack.statements.lemma_9 does not import" in capsys.readouterr().err
    assert main(["list", "--pack", PAPER.name]) == 0


def test_a_pack_declares_a_valid_name_and_main_result():
    with pytest.raises(ValueError):
        Pack(name="Has Spaces", title="t", version="1", statements="x", order=("a",))
    with pytest.raises(ValueError):
        Pack(name="fine", title="t", version="1", statements="x", order=("a",), main_result="b")


def test_the_engine_names_no_document():
    """No module under proofcheck/ names an installed pack, its package, its statements' ids or its
    document's authors (the done-when list of engine modules that still name a document: empty)."""
    offenders = []
    for p in registry.packs().values():
        words = set(p.order) | set(p.aliases) | {p.name, p.statements.split(".")[0] + "." + p.statements.split(".")[1]}
        words |= {w for w in re.findall(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?", p.title.split(",")[0]) if len(w) > 3}
        pattern = re.compile(r"(?<![\w.-])(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                             + r")(?![\w]|\.\d)")
        for f in sorted((ROOT / "proofcheck").rglob("*")):
            # the skeleton new-pack writes is an example of its own ("lemma-1" of a pack not yet written)
            if f.suffix in (".py", ".j2") and "templates" not in f.parts:
                offenders += [f"{f.relative_to(ROOT)}:{n}" for n, line in enumerate(f.read_text().splitlines(), 1)
                              if pattern.search(line)]
    assert offenders == []


def test_a_pack_declares_its_studies_and_the_page_shows_them(tmp_path, extra_packs, capsys):
    (tmp_path / "study_pack").mkdir()
    (tmp_path / "study_pack" / "__init__.py").write_text(textwrap.dedent('''
        from proofcheck.core.pack import Pack, Study

        def halving(seed, eps, progress, stem):
            progress("halving")
            return [Study("halving", f"Halving at eps = {eps}", (f"seed {seed}: 1/2",), data={"ratio": 0.5})]

        PACK = Pack(name="studied", title="A studied document", version="1", statements="study_pack",
                    order=(), studies={"halving": halving})
        '''))
    extra_packs({"studied": "study_pack:PACK"})
    out = tmp_path / "study.json"
    assert main(["study", "halving", "--pack", "studied", "--eps", "0.5", "--out", str(out)]) == 0
    written = __import__("json").loads(out.read_text())
    assert written["pack"] == "studied" and written["studies"][0]["lines"] == ["seed 0: 1/2"]
    assert "Halving at eps = 0.5" in capsys.readouterr().out
    assert main(["study", "scaling", "--pack", "studied", "--out", str(tmp_path / "x.json")]) == 2
    assert "declares no study 'scaling' (its studies: halving)" in capsys.readouterr().err
    from proofcheck.api import load_studies
    from proofcheck.report import html, json_report
    page = html.render(json_report.read(ROOT / "tests/fixtures/every_verdict.json"), load_studies(out))
    assert "Halving at eps = 0.5" in page and "seed 0: 1/2" in page
