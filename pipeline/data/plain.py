"""Checked data as plain JSON values and back: what the cache keeps of a checked year folder
and of the commentary (`dataset`), so that nothing executable is ever read from it.

A frame becomes its index and columns, each with its dtype's name and its values: numbers,
text and null, dates as ISO text, and in a column of Python objects one of the few value
types the checks produce, tagged with its name ({"Term": {"first_month": 3, ...}}). Only
the types listed in VALUE_TYPES are ever made from a stored entry. A frame that would not
come back exactly as it was (a dtype this module does not know, say) is refused when it is
written, so the cache can only ever hold what gives the same report as no cache.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import math
import re
from typing import Any

import pandas as pd

from ..errors import Problem, Severity
from .cells import Term
from .commentary.pieces import Commentary, Piece

__all__ = ["commentary_from_plain", "commentary_to_plain", "frame_from_plain", "frame_to_plain",
           "problems_from_plain", "problems_to_plain"]

VALUE_TYPES: dict[str, type] = {"Term": Term}  # the dataclasses a checked cell can hold
_DATES = "datetime64"
# The dtypes a column may have: numbers, truth values, text, dates, Python objects. Others
# (a category's order, a time zone) would need more than values to come back as they were.
DTYPES = re.compile(r"(u?int|float|U?Int|Float)(8|16|32|64)|bool|boolean|object|string|str|datetime64\[(s|ms|us|ns)\]")


class NotPlain(TypeError):
    """A value or frame that cannot be stored as plain data and read back exactly."""


# ---------------------------------------------------------------- frames


def frame_to_plain(frame: pd.DataFrame) -> dict[str, Any]:
    if not frame.columns.is_unique:
        raise NotPlain("duplicate column names")
    plain = {"index": _index_to_plain(frame.index),
             "columns": [[str(name), _series_to_plain(frame[name])] for name in frame.columns]}
    back = frame_from_plain(plain)
    if not (back.equals(frame) and list(back.dtypes) == list(frame.dtypes) and list(back.columns) == list(frame.columns)
            and type(back.index) is type(frame.index) and back.index.dtype == frame.index.dtype):
        raise NotPlain("the frame does not come back as it was")
    return plain


def frame_from_plain(plain: dict[str, Any]) -> pd.DataFrame:
    frame = pd.DataFrame({name: _series_from_plain(column) for name, column in plain["columns"]})
    frame.index = _index_from_plain(plain["index"])  # after: an index may repeat a label
    return frame


def _index_to_plain(index: pd.Index) -> dict[str, Any]:
    if isinstance(index, pd.RangeIndex):
        return {"range": [index.start, index.stop, index.step], "name": index.name}
    return {**_series_to_plain(pd.Series(index)), "name": index.name}


def _index_from_plain(plain: dict[str, Any]) -> pd.Index:
    if "range" in plain:
        return pd.RangeIndex(*plain["range"], name=plain["name"])
    return pd.Index(_series_from_plain(plain), name=plain["name"])


def _series_to_plain(series: pd.Series) -> dict[str, Any]:
    dtype = str(series.dtype)
    if not DTYPES.fullmatch(dtype):
        raise NotPlain(f"a column of dtype {dtype}")
    if dtype.startswith(_DATES):
        values = [None if pd.isna(v) else v.isoformat() for v in series]
    elif dtype == "object":
        values = [_value_to_plain(v) for v in series]
    else:
        values = [None if _missing(v) else v for v in series.tolist()]
    return {"dtype": dtype, "values": values}


def _series_from_plain(plain: dict[str, Any]) -> pd.Series:
    dtype, values = plain["dtype"], plain["values"]
    if dtype.startswith(_DATES):
        return pd.Series(pd.to_datetime(pd.Series(values, dtype=object))).astype(dtype)
    if dtype == "object":
        return pd.Series([_value_from_plain(v) for v in values], dtype=object)
    return pd.Series(values, dtype=dtype)


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _value_to_plain(value: Any) -> Any:
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if value is pd.NA:
        return {"NA": None}
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return {"date": value.isoformat()}
    name = type(value).__name__
    if VALUE_TYPES.get(name) is type(value):
        return {name: dataclasses.asdict(value)}
    raise NotPlain(f"a cell of type {name}")


def _value_from_plain(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    (name, fields), = value.items()
    if name == "NA":
        return pd.NA
    if name == "date":
        return dt.date.fromisoformat(fields)
    return VALUE_TYPES[name](**fields)


# ---------------------------------------------------------------- problems and commentary


def problems_to_plain(problems: list[Problem] | tuple[Problem, ...]) -> list[dict[str, Any]]:
    return [{**dataclasses.asdict(p), "severity": p.severity.value} for p in problems]


def problems_from_plain(plain: list[dict[str, Any]]) -> list[Problem]:
    return [Problem(**{**p, "severity": Severity(p["severity"])}) for p in plain]


def commentary_to_plain(commentary: Commentary | None) -> dict[str, Any] | None:
    if commentary is None:
        return None
    return {"source": commentary.source, "pieces": [dataclasses.asdict(p) for p in commentary.pieces],
            "published": base64.b64encode(commentary.published).decode("ascii")}


def commentary_from_plain(plain: dict[str, Any] | None) -> Commentary | None:
    if plain is None:
        return None
    return Commentary(plain["source"], tuple(Piece(**p) for p in plain["pieces"]),
                      base64.b64decode(plain["published"], validate=True))
