"""Interrupting a run: a real process, a real signal, a valid partial report."""
import json
import signal
import subprocess
import sys
import time

import pytest


@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_signal_stops_the_run_and_writes_a_partial_report(tmp_path, signum, code):
    out = tmp_path / "partial.json"
    proc = subprocess.Popen([sys.executable, "-m", "proofcheck", "audit", "--budget", "300", "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(4)
    sent = time.monotonic()
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code
    assert time.monotonic() - sent < 20
    assert "Traceback" not in err
    report = json.loads(out.read_text())
    assert report["meta"]["partial"] is True
    assert report["statements"] and report["statements"][0]["stop_reason"] == "interrupted"
