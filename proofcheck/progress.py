"""Progress on the terminal: one updating line on a TTY, one line per phase otherwise."""
from __future__ import annotations

import sys
from typing import Any, TextIO


class ProgressLine:
    """A progress callback for the engine; writes to ``stream`` (stderr by default)."""

    def __init__(self, stream: TextIO | None = None, total: int = 1):
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.total, self.last = total, ("", "")
        self.numbers: dict[str, int] = {}

    def __call__(self, event: dict[str, Any]) -> None:
        if event["phase"] == "warning":  # one line of its own (a skipped database file), on a TTY too
            self.stream.write(("\r" + " " * 100 + "\r" if self.tty else "") + event["message"] + "\n")
            self.stream.flush()
            return
        key = (event["id"], event["phase"])
        # a statement keeps the number it got first: its proof steps ("<statement>:step-k"), a selftest's
        # planted variant ("<statement>:planted") and a second round are part of its turn; the
        # diagnoses after the searches are counted apart
        diagnosing = event["phase"] == "diagnose"
        statement = key[0].split(":step-")[0].removesuffix(":planted")
        number = self.numbers.setdefault(statement, len(self.numbers) + 1) if not diagnosing else 0
        best = event.get("best", float("nan"))
        count = "[diagnosis]" if diagnosing else f"[{number}/{self.total}]"
        text = (f"{count} {event['id']}: {event['phase']:<8} {event['cases']:>8} cases  "
                f"best ratio {best:.6g}  {event['seconds']:.1f}s")
        if self.tty:
            self.stream.write("\r" + text.ljust(100)[:100])
            self.stream.flush()
        elif key != self.last:
            self.stream.write(text + "\n")
        self.last = key

    def close(self) -> None:
        if self.tty and self.last[0]:
            self.stream.write("\r" + " " * 100 + "\r")
            self.stream.flush()
