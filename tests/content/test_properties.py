"""Property: whatever valid data the analyst gives (1 to 30 gminas, zeros or billions, a gmina
without rows, a new gmina, missing files, names with quotes, "<", emoji and 200 characters),
every chapter, the HTML edition and the open data say no "nan", "None", "inf" or "-0", and
no chapter holds a character the report's font lacks.

The input sets come from the contract (tests/fuzzing/datasets.py); each runs through every
chapter's own notebook cells in process, charts built but not drawn (tests/fuzzing/inprocess.py).
The end-to-end variant, notebooks and PDF included, is `make fuzz`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings

from ..fuzzing.cases import data_case
from ..fuzzing.datasets import InputSet, input_sets

EXAMPLES = 30


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(inputs=input_sets())
def test_any_valid_data_reads_without_nan_none_inf_or_minus_zero(inputs: InputSet) -> None:
    with tempfile.TemporaryDirectory(prefix="dane-") as folder:
        event(data_case(inputs, Path(folder) / "inputs"))
