"""The preview's own pieces of HTML: the banner above every page (the state of the report, the
PDF's link and page count, the data check's warnings), the pages that stand in for the
report (a failed build's messages, a report still being made) and the reload script.

They are added to the pages as they are served, never written anywhere: the published HTML
edition stays plain HTML without a script (`document.html_edition`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from importlib.resources import files

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import escape

from ..content.narrative import plural
from ..data.formatting import fmt_int, fmt_number
from ..making.readers import DOWNLOADS
from .state import Snapshot

__all__ = ["ASSETS", "SCRIPT", "STYLESHEET", "banner", "inject", "stand_in"]

TEMPLATES = files(__package__) / "templates"
ASSETS = "/__podglad/"  # the preview's own addresses; nothing in an edition is named so
SCRIPT, STYLESHEET = "podglad.js", "podglad.css"
_BODY = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)


@functools.cache
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(seconds=_seconds, clock=_clock, pages=_pages, downloads=DOWNLOADS)
    return env


def asset(name: str) -> bytes:
    """The script or the stylesheet, as served."""
    return (TEMPLATES / name).read_bytes()


def banner(now: Snapshot) -> str:
    return _environment().get_template("pasek.html.j2").render(now=now)


def stand_in(title: str, text: str = "", note: str = "") -> bytes:
    """A page of the preview's own, in place of the report's: its messages as `text`."""
    return _environment().get_template("strona.html.j2").render(title=title, text=text, note=note).encode("utf-8")


def inject(html: bytes, path: str, content: str, now: Snapshot) -> bytes:
    """`html` with the banner at the top of its body and the reload script in its head;
    `content` names the page's content as served, so the script knows when it changed."""
    head = (f'<link rel="stylesheet" href="{ASSETS}{STYLESHEET}">'
            f'<script src="{ASSETS}{SCRIPT}" data-strona="{escape(path)}" data-tresc="{content}" '
            f'data-pasek="{now.banner}" defer></script>').encode()
    top = banner(now).encode("utf-8")
    html = _HEAD_END.sub(lambda match: head + match.group(0), html, count=1)
    return _BODY.sub(lambda match: match.group(0) + top, html, count=1)


def _seconds(value: float) -> str:
    return f"{fmt_number(value, 1)} s"


def _clock(timestamp: float) -> str:
    return dt.datetime.fromtimestamp(timestamp).strftime("%H:%M:%S")


def _pages(count: int) -> str:
    return f"{fmt_int(count)} {plural(count, 'strona', 'strony', 'stron')}"
