"""Property: whatever commentary the analyst writes, in Word or in Markdown, `validate` stops
with Polish problems or the report is made (chapters, PDF parts, HTML edition, open data),
never a traceback; every photo described, no empty caption, no word lost on the way.

The documents come from the contract's grammar (tests/fuzzing/commentary.py); each case runs
through the cheap report of tests/fuzzing/inprocess.py (no notebooks, no kernels). A failure
hypothesis finds is saved as a fixture by `make fuzz` (scripts/fuzz.py), and replayed by
tests/test_fuzz_fixtures.py.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings

from pipeline.data.registry import read_powiat

from ...conftest import INPUTS
from ...fuzzing.cases import commentary_case, example_dataset
from ...fuzzing.commentary import Document, documents

EXAMPLES = 200


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(document=documents(read_powiat(INPUTS)))
def test_any_commentary_is_made_or_stopped_with_polish_problems(document: Document) -> None:
    with tempfile.TemporaryDirectory(prefix="komentarz-") as folder:
        event(commentary_case(document, Path(folder), example_dataset()))
