"""Generated inputs (hypothesis) and the cheap, in-process report they are checked against.

Shared by the property suites that `make test` runs (tests/data/commentary/test_properties.py,
tests/content/test_properties.py), the replay of saved failures (tests/test_fuzz_fixtures.py)
and the slow end-to-end variant, `make fuzz` (scripts/fuzz.py).
"""
