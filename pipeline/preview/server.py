"""The preview's web server: the HTML edition as the last build left it, for this computer's
browser only.

- It listens on 127.0.0.1 only, on a port the system picks free (a second preview gets
  another), and answers only requests addressed to that very address (`Host`), so a web
  page elsewhere cannot read the unpublished report by pointing its own name at 127.0.0.1
  (DNS rebinding).
- It only reads: GET and HEAD, files inside the edition's folder (no `..`, no hidden files,
  nothing a link leads out of) and the state of the build; nothing it serves writes anything.
- Every page gets the banner and the reload script as it is served (`pages`); the files on
  disk stay as the build published them.
"""

from __future__ import annotations

import json
import mimetypes
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from ..making.readers import DOWNLOADS
from .pages import ASSETS, SCRIPT, STYLESHEET, asset, banner, inject, stand_in
from .state import PreviewState, Snapshot, digest

__all__ = ["LOOPBACK", "PreviewServer", "resolve"]

LOOPBACK = "127.0.0.1"
INDEX = "index.html"
WAIT = 25.0  # seconds a browser's question "has my page changed?" is held open
HTML = "text/html; charset=utf-8"
# The preview's pages may use only what the preview itself serves.
POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
          "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


@dataclass(frozen=True)
class Reply:
    status: int
    type: str
    body: bytes
    page: bool = False  # an HTML page: served with the banner and the reload script


def resolve(now: Snapshot, path: str) -> Reply:
    """What the preview serves at `path`, a clean path inside the edition ("" is the index)."""
    if path == "" or path.endswith("/"):
        path += INDEX
    is_page = path.endswith(".html")
    if now.error is not None and is_page:
        return Reply(200, HTML, stand_in("Raport nie powstał", now.error, "Popraw plik i zapisz go: podgląd "
                                         "spróbuje ponownie sam. Poprzedni raport w folderze raportów jest "
                                         "nietknięty."), page=True)
    if now.pages is not None and path in now.pages:
        return Reply(200, _type(path), now.pages[path], page=is_page)
    if now.pages is not None and path.startswith(f"{DOWNLOADS}/"):
        return Reply(200, HTML, stand_in("Plik powstaje", note="Ten plik jest właśnie tworzony; strona "
                                         "odświeży się sama, gdy będzie gotowy."), page=True)
    file = _inside(now.edition, path)
    if file is not None:
        try:
            return Reply(200, _type(path), file.read_bytes(), page=is_page)
        except OSError:  # replaced by a build publishing right now
            pass
    if is_page and (now.building is not None or now.published is None):
        return Reply(200, HTML, stand_in("Raport powstaje", note="Strona odświeży się sama, gdy będzie gotowa."),
                     page=True)
    return Reply(404, HTML, stand_in("Nie ma takiej strony", note="Wróć do strony głównej raportu: /"), page=True)


def _inside(edition: Path, path: str) -> Path | None:
    """The file at `path` in the edition, if it is a file there and stays there."""
    root = edition.resolve()
    candidate = (root / path).resolve()
    return candidate if candidate.is_relative_to(root) and candidate.is_file() else None


def _type(path: str) -> str:
    kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") or kind.endswith(("javascript", "json")) else kind


def _clean(raw: str) -> str | None:
    """The request's path inside the edition, or None for anything that tries to leave it."""
    path = unquote(raw)
    if "\\" in path or "\0" in path:
        return None
    parts = [part for part in path.split("/") if part]
    if any(part.startswith(".") for part in parts):  # "..", and hidden files such as .cache
        return None
    return "/".join(parts) + ("/" if path.endswith("/") and parts else "")


class PreviewServer(ThreadingHTTPServer):
    """The server, bound to a free port of 127.0.0.1, serving `state` from a thread of its own."""

    daemon_threads = True  # a browser's waiting question never holds up the end of the preview
    allow_reuse_address = False  # the port is this preview's alone

    def __init__(self, state: PreviewState) -> None:
        super().__init__((LOOPBACK, 0), _Handler)
        self.state = state
        self.port = int(self.server_address[1])
        self.address = f"http://{LOOPBACK}:{self.port}/"
        self.hosts = {f"{LOOPBACK}:{self.port}", f"localhost:{self.port}"}
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True,
                                        name="podglad-serwer")

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.state.close()  # the waiting questions get their answer now
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "podglad"
    sys_version = ""

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        self._answer(with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(with_body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal is the analyst's, for the build's progress and messages."""

    def _answer(self, with_body: bool) -> None:
        if self.headers.get("Host", "") not in self.server.hosts:
            self._send(HTTPStatus.FORBIDDEN, "text/plain; charset=utf-8",
                       "Podgląd odpowiada tylko pod adresem, który wypisał.".encode(), with_body)
            return
        url = urlsplit(self.path)
        if url.path.startswith(ASSETS):
            self._own(url.path.removeprefix(ASSETS), parse_qs(url.query), with_body)
            return
        path = _clean(url.path)
        if path is None:
            self._send(HTTPStatus.NOT_FOUND, HTML, stand_in("Nie ma takiej strony"), with_body)
            return
        now = self.server.state.snapshot()
        reply = resolve(now, path)
        body = inject(reply.body, path, digest(reply.body), now) if reply.page else reply.body
        self._send(reply.status, reply.type, body, with_body)

    def _own(self, name: str, query: dict[str, list[str]], with_body: bool) -> None:
        """The preview's own addresses: its script and stylesheet, the long poll, the state."""
        if name in (SCRIPT, STYLESHEET):
            self._send(HTTPStatus.OK, _type(name), asset(name), with_body)
        elif name == "czekaj":
            self._send(HTTPStatus.OK, "application/json", self._wait(query), with_body)
        elif name == "stan":
            self._send(HTTPStatus.OK, "application/json", _state(self.server.state.snapshot()), with_body)
        else:
            self._send(HTTPStatus.NOT_FOUND, HTML, stand_in("Nie ma takiej strony"), with_body)

    def _wait(self, query: dict[str, list[str]]) -> bytes:
        """Answer when the asker's page or the banner changed (or after WAIT seconds)."""
        path = _clean(query.get("strona", [""])[0]) or ""
        content, seen = query.get("tresc", [""])[0], query.get("pasek", [""])[0]

        def current(now: Snapshot) -> str:
            return digest(resolve(now, path).body)

        now = self.server.state.wait(lambda now: str(now.banner) != seen or current(now) != content, WAIT)
        return json.dumps({"tresc": current(now), "pasek": now.banner, "html": banner(now)}).encode("utf-8")

    def _send(self, status: int, kind: str, body: bytes, with_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.send_header("Content-Security-Policy", POLICY)
        self.end_headers()
        if with_body:
            self.wfile.write(body)


def _state(now: Snapshot) -> bytes:
    """The build's state as data: for tools and tests that follow the preview."""
    published = now.published
    return json.dumps({
        "budowane": now.building, "blad": now.error, "zbudowane": now.builds, "pasek": now.banner,
        "html_gotowy_po": now.html_seconds, "strony_w_pamieci": now.pages is not None,
        "pdf": None if published is None else {"plik": published.pdf, "strony": published.pages,
                                               "gotowy_po": published.seconds, "uwagi": published.warning_count},
    }, ensure_ascii=False).encode("utf-8")
