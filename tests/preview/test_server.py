"""The preview's server: the edition with the banner and the reload script added as it is
served, for this computer's browser only, reading and never writing."""

from __future__ import annotations

import http.client
import json
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.preview.server import LOOPBACK, PreviewServer
from pipeline.preview.state import PreviewState, Published

PAGE = ('<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><title>{title}</title>'
        '<link rel="stylesheet" href="styl.css"><link rel="icon" href="data:,"></head><body><main><h1>{title}</h1>'
        '</main></body></html>')


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    folder = tmp_path / "reports" / "2025" / "html"
    (folder / "pliki").mkdir(parents=True)
    (folder / "index.html").write_text(PAGE.format(title="Raport 2025"), encoding="utf-8")
    (folder / "gmina-zarnow.html").write_text(PAGE.format(title="Gmina Żarnów"), encoding="utf-8")
    (folder / "styl.css").write_text("body { color: black; }", encoding="utf-8")
    (folder / "pliki" / "raport.pdf").write_bytes(b"%PDF-1.7 raport")
    (tmp_path / "reports" / "2025" / "raport.pdf").write_bytes(b"%PDF-1.7 raport")
    (tmp_path / "reports" / "2025" / ".cache").mkdir()
    (tmp_path / "reports" / "2025" / ".cache" / "build.json").write_text("{}", encoding="utf-8")
    return folder


@pytest.fixture
def served(edition: Path) -> Iterator[tuple[PreviewServer, PreviewState]]:
    state = PreviewState(edition)
    state.build_done(Published("raport.pdf", 47, time.time(), 2.5, "UWAGA  2025/kmzb.csv: brak pliku", 1))
    server = PreviewServer(state)
    server.start()
    try:
        yield server, state
    finally:
        server.stop()


def request(server: PreviewServer, path: str, method: str = "GET", host: str | None = None,
            body: bytes | None = None) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection(LOOPBACK, server.port, timeout=30)
    try:
        connection.putrequest(method, path, skip_host=True)
        connection.putheader("Host", host or f"{LOOPBACK}:{server.port}")
        if body is not None:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_it_listens_on_loopback_only_on_a_free_port(served) -> None:
    server, _ = served
    assert server.server_address[0] == "127.0.0.1" and server.port > 0
    assert server.address == f"http://127.0.0.1:{server.port}/"
    second = PreviewServer(PreviewState(Path("nie-ma")))  # a second preview gets a port of its own
    try:
        assert second.port != server.port
    finally:
        second.server_close()


def test_a_page_gets_the_banner_and_the_script_the_file_stays_plain(served, edition: Path) -> None:
    server, _ = served
    status, headers, body = request(server, "/")
    page = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert '<script src="/__podglad/podglad.js"' in page and 'id="podglad-pasek"' in page
    assert 'href="/pliki/raport.pdf">raport.pdf</a>, 47 stron' in page
    assert "Uwagi z kontroli danych (1)" in page and "UWAGA  2025/kmzb.csv: brak pliku" in page
    assert "<script" not in (edition / "index.html").read_text(encoding="utf-8")
    assert "script-src 'self'" in headers["Content-Security-Policy"] and headers["Cache-Control"] == "no-store"
    status, headers, body = request(server, "/styl.css")
    assert status == 200 and body == b"body { color: black; }" and headers["Content-Type"].startswith("text/css")
    status, _, body = request(server, "/__podglad/podglad.js")
    assert status == 200 and b"location.reload()" in body


@pytest.mark.parametrize("host", ["evil.example", f"evil.example:{0}", "127.0.0.1", "192.168.1.5:{port}", ""])
def test_another_host_name_gets_nothing(served, host: str) -> None:
    """DNS rebinding: a page of evil.example whose name now points at 127.0.0.1 asks with its
    own name in Host; so does anything that is not this very address."""
    server, _ = served
    status, _, body = request(server, "/", host=host.format(port=server.port) or " ")
    assert status == 403 and b"Raport" not in body
    assert request(server, "/", host=f"localhost:{server.port}")[0] == 200


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_nothing_it_serves_writes(served, edition: Path, method: str) -> None:
    server, _ = served
    before = {p: p.read_bytes() for p in edition.parent.rglob("*") if p.is_file()}
    status, _, _ = request(server, "/index.html", method, body=b"x")
    assert status == 501
    assert {p: p.read_bytes() for p in edition.parent.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("path", ["/../raport.pdf", "/%2e%2e/raport.pdf", "/..%2fraport.pdf", "/../.cache/build.json",
                                  "/.cache/build.json", "/pliki/../../raport.pdf", "/..\\raport.pdf"])
def test_nothing_outside_the_edition_is_served(served, path: str) -> None:
    server, _ = served
    status, _, body = request(server, path)
    assert status == 404 and b"%PDF" not in body and b"{}" != body


def test_a_failed_build_shows_its_messages_on_every_page_until_the_next(served) -> None:
    server, state = served
    message = "BŁĄD  2025/przestepstwa.csv, wiersz 2, kolumna „stwierdzone”: to nie jest liczba. Wartość: „<dwa>”."
    state.build_failed(message)
    for path in ("/", "/gmina-zarnow.html"):
        page = request(server, path)[2].decode("utf-8")
        assert "Raport nie powstał" in page and "Wartość: „&lt;dwa&gt;”." in page  # escaped
    assert request(server, "/styl.css")[2] == b"body { color: black; }"
    state.build_done(Published("raport.pdf", 47, time.time(), 1.0))
    assert "Gmina Żarnów" in request(server, "/gmina-zarnow.html")[2].decode("utf-8")


def test_a_build_s_pages_are_shown_before_its_pdf_is_published(served) -> None:
    server, state = served
    state.building_started("2025/komentarz.md")
    state.pages_ready({"index.html": PAGE.format(title="Nowy raport").encode(), "styl.css": b"nowy"}, 1.2)
    assert "Nowy raport" in request(server, "/")[2].decode("utf-8")
    assert "PDF w przygotowaniu" in request(server, "/")[2].decode("utf-8")
    assert "Plik powstaje" in request(server, "/pliki/raport.pdf")[2].decode("utf-8")
    assert "Gmina Żarnów" in request(server, "/gmina-zarnow.html")[2].decode("utf-8")  # not in memory: published


def _content(page: bytes) -> tuple[str, str]:
    found = re.search(rb'data-tresc="(\w+)" data-pasek="(\d+)"', page)
    assert found
    return found.group(1).decode(), found.group(2).decode()


def test_a_waiting_browser_hears_of_its_page_s_change_at_once(served, edition: Path) -> None:
    server, state = served
    content, banner = _content(request(server, "/gmina-zarnow.html")[2])

    def change() -> None:
        time.sleep(0.5)
        state.building_started("2025/dzialania.csv")  # the banner changes, the page not yet
        time.sleep(0.2)
        (edition / "gmina-zarnow.html").write_text(PAGE.format(title="Gmina Żarnów 2"), encoding="utf-8")
        state.build_done(Published("raport.pdf", 47, time.time(), 1.0))

    threading.Thread(target=change).start()
    started = time.monotonic()
    news = json.loads(request(server, f"/__podglad/czekaj?strona=gmina-zarnow.html&tresc={content}&pasek={banner}")[2])
    assert news["tresc"] == content and news["pasek"] != int(banner) and "Zmiana: 2025/dzialania.csv" in news["html"]
    news = json.loads(request(server, f"/__podglad/czekaj?strona=gmina-zarnow.html&tresc={content}"
                              f"&pasek={news['pasek']}")[2])
    assert news["tresc"] != content  # the page changed: the script reloads it
    assert time.monotonic() - started < 5
    assert news["tresc"] == _content(request(server, "/gmina-zarnow.html")[2])[0]
