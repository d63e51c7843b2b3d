"""The HTML slack report: rendered from a fixture with every verdict (and hostile strings), then
opened from disk in headless Chromium."""
import json
import re
import shutil
import struct
import zlib
from pathlib import Path

import pytest

from proofcheck.cli import main
from proofcheck.api import load_studies
from proofcheck.report import html, json_report

FIXTURE = Path(__file__).parent / "fixtures" / "every_verdict.json"


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    out = tmp_path_factory.mktemp("html") / "slack.html"
    assert main(["report", "--in", str(FIXTURE), "--html", str(out)]) == 0
    return out


def test_every_string_from_the_report_is_escaped(page):
    text = page.read_text()
    assert "<script>alert(1)</script>" not in text and "<img src=x" not in text and "<b>bold</b>" not in text
    assert "x&lt;script&gt;alert(1)&lt;/script&gt;&amp;y" in text
    assert "&lt;img src=x onerror=alert(2)&gt;" in text
    assert text.count("<script>") == 1  # the page's own script, and nothing else


def test_the_page_is_self_contained(page):
    text = page.read_text()
    for fetch in ("http://", "https://", "<link", "@import"):
        assert fetch not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert all(src.startswith("data:") for src in re.findall(r'src="([^"]*)"', text))  # plots are inlined


def test_studies_are_inlined_as_data_uris(tmp_path):
    plot = tmp_path / "p.svg"
    plot.write_text('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>')
    study = tmp_path / "study.json"
    study.write_text(json.dumps({"pack": "any", "study": "scaling", "studies": [
        {"name": "scaling", "title": "Validity time", "lines": ["quadratic: slope 0.900 ± 0.050"], "plot": str(plot)}]}))
    text = html.render(json_report.read(FIXTURE), load_studies(study))
    assert "<h2>Studies</h2>" in text and "slope 0.900 ± 0.050" in text
    assert 'src="data:image/svg+xml;base64,' in text and "http://" not in text.split("<h2>Studies</h2>")[1]


def test_the_reporter_reads_only_what_it_is_given(tmp_path, monkeypatch):
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "study-scaling.json").write_text(json.dumps({"scaling": {"eps": 0.05, "models": {}}}))
    monkeypatch.chdir(tmp_path)  # a study in the working folder is not the reporter's business
    assert "<h2>Studies</h2>" not in html.render(json_report.read(FIXTURE))


def test_counts_rows_and_order_most_dangerous_first(page):
    report = json_report.read(FIXTURE)
    text = page.read_text()
    rows = text.split("<tbody>")[1].split("</tbody>")[0].count("<tr ")
    assert rows == len(report["statements"])
    ids = [line.split('data-id="')[1].split('"')[0] for line in text.split("<tbody>")[1].split("</tbody>")[0].splitlines()
           if 'data-id="' in line]
    assert ids[:3] == ["claim-2", "lemma-a.9", "claim-6"]  # violated, error, inconclusive


def test_reliance_on_a_violated_statement_is_marked():
    report = json_report.read(FIXTURE)
    support = html.support(report["statements"])
    assert support["lemma-a.10"] == "broken"  # through claim-2
    assert support["claim-2"] == "unknown"  # claim-4 holds, but claim-4 uses claim-6, inconclusive
    assert support["claim-4"] == "unknown" and support["claim-3"] == "leaf"
    assert support["x<script>alert(1)</script>&y"] == "sound"


def test_report_html_refuses_what_is_not_a_report(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"hello": 1}))
    out = tmp_path / "page.html"
    assert main(["report", "--in", str(bad), "--html", str(out)]) == 2
    assert "not a proofcheck report" in capsys.readouterr().err and not out.exists()
    assert main(["report", "--in", str(FIXTURE), "--html", str(tmp_path / "none" / "p.html")]) == 2


def test_audit_writes_the_page_directly(tmp_path):
    out, page = tmp_path / "a.json", tmp_path / "a.html"
    assert main(["fuzz", "claim-3", "--cases", "300", "--out", str(out), "--html", str(page)]) == 0
    assert "claim-3" in page.read_text() and page.read_text().startswith("<!DOCTYPE html>")


def _png_is_not_blank(png: bytes) -> bool:
    """Decode the PNG's image data (no imaging library needed) and look for more than a few distinct bytes."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    at, data = 8, b""
    while at < len(png):
        length, kind = struct.unpack(">I4s", png[at:at + 8])
        if kind == b"IDAT":
            data += png[at + 8:at + 8 + length]
        at += 12 + length
    return len(set(zlib.decompress(data))) > 16


def _chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.mark.browser
def test_the_page_works_in_headless_chromium(page, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install '.[test]')")
    browser_path = _chromium()
    if browser_path is None:
        pytest.skip("no Chromium on this machine (Debian: apt-get install chromium; .ci/run installs it)")
    errors = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=["--no-sandbox"])
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(page.resolve().as_uri())
        rows = tab.locator("#statements tbody tr")
        assert rows.count() == len(json_report.read(FIXTURE)["statements"])
        # sorting: by worst ratio, ascending then descending
        tab.click("th[data-key=ratio]")
        ascending = tab.eval_on_selector_all("#statements tbody tr", "rs => rs.map(r => r.dataset.id)")
        assert ascending[0] == "lemma-a.9" and ascending[-1] == "claim-2"  # no ratio sorts first
        tab.click("th[data-key=ratio]")
        assert tab.eval_on_selector_all("#statements tbody tr", "rs => rs.map(r => r.dataset.id)")[0] == "claim-2"
        # text columns sort too (a report without certification or proof chains shows "-")
        tab.click("th[data-key=certified]")
        tab.click("th[data-key=proof]")
        assert tab.locator("#statements tbody tr").count() == rows.count()
        # a detail section opens from its row
        assert not tab.eval_on_selector("#s-claim-4", "d => d.open")
        tab.click("#statements a[data-target=s-claim-4]")
        assert tab.eval_on_selector("#s-claim-4", "d => d.open")
        # filters hide rows, and are remembered while the page is open
        tab.uncheck("#filters input[value=holds]")
        assert tab.locator("#statements tbody tr.hidden").count() == 3
        tab.reload()
        assert tab.locator("#statements tbody tr.hidden").count() == 3
        shot = tab.screenshot(full_page=True)
        (tmp_path / "slack.png").write_bytes(shot)
        browser.close()
    assert not errors, errors
    assert _png_is_not_blank(shot)
