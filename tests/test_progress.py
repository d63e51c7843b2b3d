"""The progress line's count: one number per statement, whatever else reports under its name."""
import io

from proofcheck.progress import ProgressLine


def _event(id_, phase="screen"):
    return {"id": id_, "phase": phase, "cases": 10, "seconds": 0.5, "best": 0.5}


def test_a_statement_keeps_its_number_through_steps_variants_and_second_rounds():
    stream = io.StringIO()
    line = ProgressLine(stream, total=2)
    for id_, phase in [("lemma-a.1", "screen"), ("lemma-a.1:planted", "confirm"), ("claim-3", "screen"),
                       ("claim-3:step-2", "screen"), ("claim-3:planted", "confirm"),
                       ("lemma-a.1", "screen"), ("lemma-a.1:planted", "confirm"), ("claim-3", "diagnose")]:
        line(_event(id_, phase))
    counts = [text.split()[0] for text in stream.getvalue().splitlines()]
    # a selftest's second round of lemma-a.1 is still statement 1 of 2, never 3 of 2
    assert counts == ["[1/2]", "[1/2]", "[2/2]", "[2/2]", "[2/2]", "[1/2]", "[1/2]", "[diagnosis]"]
