"""The preview's script in a real browser (Debian's Chromium): a page reloads itself when a
build changes it, its banner follows the build in place, and the page's policy lets nothing
but the preview's own script run."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from pipeline.preview.pages import inject
from pipeline.preview.server import PreviewServer
from pipeline.preview.state import PreviewState, Published, Snapshot

from ..test_html_edition_e2e import browser  # noqa: F401 (the fixture: Chromium through Playwright)
from .test_server import PAGE

pytestmark = pytest.mark.e2e


def test_the_banner_and_script_go_into_the_page_s_head_and_body() -> None:
    page = inject(PAGE.format(title="Raport").encode(), "index.html", "abc", Snapshot(Path("html"), banner=7))
    text = page.decode("utf-8")
    assert text.index('<script src="/__podglad/podglad.js"') < text.index("</head>") < text.index("podglad-pasek")
    assert 'data-strona="index.html" data-tresc="abc" data-pasek="7" defer' in text


def _wait_until(condition, seconds: float = 10) -> None:
    """Polled from here: the page's policy lets Playwright evaluate no script in it."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the page did not change in time"
        time.sleep(0.1)


def test_a_page_reloads_itself_when_its_build_changes_it(browser, tmp_path: Path) -> None:  # noqa: F811
    edition = tmp_path / "html"
    edition.mkdir()
    (edition / "index.html").write_text(PAGE.format(title="Raport przed zmianą"), encoding="utf-8")
    (edition / "styl.css").write_text("body { margin: 0; }", encoding="utf-8")
    state = PreviewState(edition)
    state.build_done(Published("raport.pdf", 46, time.time(), 2.0))
    server = PreviewServer(state)
    server.start()
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    try:
        page.goto(server.address)
        assert page.title() == "Raport przed zmianą"
        page.wait_for_timeout(500)  # the script is waiting now

        state.building_started("2025/komentarz.md")  # only the banner changes: no reload
        page.wait_for_selector("#podglad-pasek.podglad-w-toku", timeout=10_000)
        assert page.title() == "Raport przed zmianą"

        state.pages_ready({"index.html": PAGE.format(title="Raport po zmianie").encode()}, 1.5)
        _wait_until(lambda: page.title() == "Raport po zmianie")  # reloaded
        assert "PDF w przygotowaniu" in page.inner_text("#podglad-pasek")

        (edition / "index.html").write_text(PAGE.format(title="Raport po zmianie"), encoding="utf-8")
        state.build_done(Published("raport.pdf", 47, time.time(), 3.0))  # the same page, now published
        _wait_until(lambda: "47 stron" in page.inner_text("#podglad-pasek"))
        assert problems == []
    finally:
        page.close()
        server.stop()
