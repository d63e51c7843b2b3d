"""Interrupting a run: a real process, a real signal, a valid partial report."""
import json
import signal
import subprocess
import sys
import time

import pytest


pytestmark = pytest.mark.slow


def _started(proc, after=1.0):
    """Wait for the campaign's first progress line (its signal handlers are in place, its search has
    begun; a loaded machine may take longer than any fixed sleep to get there), then ``after`` more."""
    line = proc.stderr.readline()
    assert line, "the process ended before its search started"
    time.sleep(after)


@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_signal_stops_the_run_and_writes_a_partial_report(tmp_path, signum, code):
    out = tmp_path / "partial.json"
    proc = subprocess.Popen([sys.executable, "-m", "proofcheck", "audit", "--budget", "300", "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _started(proc)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=120)  # generous: the outcome is what is tested, not the clock
    assert proc.returncode == code
    assert "Traceback" not in err
    report = json.loads(out.read_text())
    assert report["meta"]["partial"] is True
    # the first progress line is a finished statement's (workers report when they finish): one still running is cut
    assert any(s["stop_reason"] == "interrupted" for s in report["statements"])


def _fuzz(*args):
    return [sys.executable, "-m", "proofcheck", "fuzz", "claim-5", *map(str, args)]


def test_an_interrupted_then_resumed_campaign_equals_an_uninterrupted_one(tmp_path):
    from tests.test_cli import _strip_times
    whole, part = tmp_path / "whole.json", tmp_path / "part.json"
    subprocess.run(_fuzz("--cases", 30000, "--seed", 4, "--out", whole), check=True, capture_output=True, timeout=300)
    proc = subprocess.Popen(_fuzz("--cases", 30000, "--seed", 4, "--out", part), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    _started(proc, after=0.5)
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=60)
    assert proc.returncode == 130
    interrupted = json.loads(part.read_text())
    assert interrupted["meta"]["partial"] and list(interrupted["checkpoint"]["journals"]) == ["claim-5"]
    assert 0 < interrupted["statements"][0]["cases"] < 30000
    # the settings come from the partial report; a different one given again is refused
    bad = subprocess.run(_fuzz("--resume", part, "--seed", 5), capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "differs from the campaign's 4" in bad.stderr
    subprocess.run(_fuzz("--resume", part), check=True, capture_output=True, timeout=300)
    resumed = json.loads(part.read_text())
    assert resumed["meta"]["partial"] is False and resumed["checkpoint"] is None
    # every case evaluated before the interruption was replayed from the journal, none evaluated again
    assert resumed["meta"]["replayed_evaluations"] >= len(interrupted["checkpoint"]["journals"]["claim-5"]) - 5
    assert _strip_times(resumed) == _strip_times(json.loads(whole.read_text()))


def test_resuming_a_complete_report_is_refused(tmp_path):
    done = tmp_path / "done.json"
    subprocess.run(_fuzz("--cases", 500, "--out", done), check=True, capture_output=True, timeout=300)
    before = done.read_bytes()
    bad = subprocess.run(_fuzz("--resume", done), capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "complete (nothing to resume)" in bad.stderr
    assert done.read_bytes() == before
