"""Real-browser test helpers: serve a folder on 127.0.0.1, open it in Debian's headless Chromium, run axe-core.

The driver is Python Playwright (PyPI `playwright`, whose wheel carries its own driver) steering the Chromium of
Debian's `chromium` package at /usr/bin/chromium; `playwright install` is never run. axe-core comes from the npm
package, installed by `make system-deps` into .cache/npm. Every request the page makes that is not for a loopback
address is aborted, so tests talk to 127.0.0.1 only.

Typical use (the `chromium` fixture lives in tests/render/conftest.py)::

    def test_page_is_accessible(chromium: Chromium, tmp_path: Path) -> None:
        (tmp_path / "index.html").write_text(html, encoding="utf-8")
        with serve_directory(tmp_path) as base_url:
            violations = chromium.axe(base_url + "index.html")
        assert violations == []
"""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

REPO_ROOT = Path(__file__).resolve().parent.parent.parent

#: Override with DRIFTSFORUM_CHROMIUM / DRIFTSFORUM_AXE_JS.
DEFAULT_CHROMIUM = Path("/usr/bin/chromium")
DEFAULT_AXE_JS = REPO_ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"

#: WCAG 2.0 and 2.1, levels A and AA.
WCAG_TAGS: tuple[str, ...] = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")

#: Flags Chromium needs as root on a machine without display or outside network. Playwright itself makes a new
#: empty --user-data-dir for every launch (and refuses one in args).
CHROMIUM_ARGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
TIMEOUT_MS = 30_000


@dataclass(frozen=True)
class AxeNode:
    """One element that fails a rule: its CSS selector(s) and axe's explanation."""

    target: str
    html: str
    failure_summary: str


@dataclass(frozen=True)
class AxeViolation:
    """One failed axe-core rule on a page."""

    id: str
    impact: str | None
    help: str
    help_url: str
    nodes: tuple[AxeNode, ...]

    def __repr__(self) -> str:
        targets = ", ".join(node.target for node in self.nodes)
        return f"<{self.id} ({self.impact}): {self.help} — {targets}>"

    def describe(self) -> str:
        """Several lines: rule, impact, help and every failing element with axe's summary."""
        lines = [f"{self.id} [{self.impact}] {self.help}", f"  {self.help_url}"]
        for node in self.nodes:
            lines.append(f"  - {node.target}: {node.html}")
            lines.extend(f"      {line.strip()}" for line in node.failure_summary.splitlines() if line.strip())
        return "\n".join(lines)


def format_violations(violations: Sequence[AxeViolation]) -> str:
    """A readable report for assertion messages."""
    if not violations:
        return "no axe-core violations"
    summary = [f"{len(violations)} axe-core violation(s): {', '.join(v.id for v in violations)}"]
    summary.extend(repr(v) for v in violations)
    return "\n".join([*summary, "", *(v.describe() for v in violations)])


def chromium_path() -> Path:
    return Path(os.environ.get("DRIFTSFORUM_CHROMIUM", str(DEFAULT_CHROMIUM)))


def axe_js_path() -> Path:
    return Path(os.environ.get("DRIFTSFORUM_AXE_JS", str(DEFAULT_AXE_JS)))


def missing_requirements() -> list[str]:
    """What is missing to run browser tests, as sentences; empty when everything is there."""
    missing = []
    if shutil.which(str(chromium_path())) is None:
        missing.append(f"Chromium not found at {chromium_path()} (Debian package `chromium`)")
    if not axe_js_path().is_file():
        missing.append(f"axe-core not found at {axe_js_path()} (npm package `axe-core`)")
    if importlib.util.find_spec("playwright") is None:
        missing.append("the Python package `playwright` is not installed (test extra)")
    return missing


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """Serve `root` over HTTP on 127.0.0.1 on a free port; yields the base URL (ending in '/'). Stops afterwards."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), name=f"serve {root}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def _only_loopback(route: Route) -> None:
    url = urlsplit(route.request.url)
    if url.scheme in ("data", "blob", "about") or url.hostname in LOOPBACK_HOSTS:
        route.continue_()
    else:
        route.abort("blockedbyclient")


def _target(value: object) -> str:
    # axe gives a list of selectors; a nested list means iframes or shadow DOM.
    if isinstance(value, list):
        return " >>> ".join(_target(part) for part in value)
    return str(value)


def _violation(raw: dict[str, Any]) -> AxeViolation:
    return AxeViolation(
        id=str(raw["id"]),
        impact=raw.get("impact"),
        help=str(raw["help"]),
        help_url=str(raw.get("helpUrl", "")),
        nodes=tuple(
            AxeNode(
                target=_target(node.get("target", [])),
                html=str(node.get("html", "")),
                failure_summary=str(node.get("failureSummary") or ""),
            )
            for node in raw.get("nodes", [])
        ),
    )


class Chromium:
    """A running headless Chromium; each call opens a fresh page (Danish locale) and closes it again."""

    def __init__(self, browser: Browser, axe_source: str) -> None:
        self._browser = browser
        self._axe_source = axe_source

    @contextmanager
    def page(self, url: str, *, width: int = 1280, height: int = 900) -> Iterator[Page]:
        """Open `url` (loopback only) and wait for `load`; fails if the server answers with an error."""
        context = self._browser.new_context(locale="da-DK", viewport={"width": width, "height": height})
        try:
            context.set_default_timeout(TIMEOUT_MS)
            context.route("**/*", _only_loopback)
            page = context.new_page()
            response = page.goto(url, wait_until="load")
            if response is None or not response.ok:
                status = "no response" if response is None else f"HTTP {response.status}"
                raise AssertionError(f"could not load {url}: {status}")
            yield page
        finally:
            context.close()

    def axe_page(self, page: Page, *, tags: Sequence[str] = WCAG_TAGS) -> list[AxeViolation]:
        """Run axe-core on an open page with rules of the given tags; the violations, sorted by rule id."""
        page.add_script_tag(content=self._axe_source)
        options = {"runOnly": {"type": "tag", "values": list(tags)}, "resultTypes": ["violations"]}
        result: dict[str, Any] = page.evaluate("options => axe.run(document, options)", options)
        return sorted((_violation(raw) for raw in result["violations"]), key=lambda v: v.id)

    def axe(self, url: str, *, tags: Sequence[str] = WCAG_TAGS) -> list[AxeViolation]:
        """Load `url` and return axe-core's WCAG 2.1 A/AA violations ([] when clean)."""
        with self.page(url) as page:
            return self.axe_page(page, tags=tags)

    def screenshot(self, url: str, path: Path, *, width: int = 1280, height: int = 900, full_page: bool = True) -> Path:
        """Load `url` and save a PNG of it at `path` (whole page unless full_page=False)."""
        with self.page(url, width=width, height=height) as page:
            page.screenshot(path=str(path), full_page=full_page)
        return path


@contextmanager
def launch_chromium(executable: Path | None = None, axe_js: Path | None = None) -> Iterator[Chromium]:
    """Start headless Chromium through Playwright; closes it afterwards. Raises if something is missing."""
    from playwright.sync_api import sync_playwright

    axe_source = (axe_js or axe_js_path()).read_text(encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(executable or chromium_path()),
            headless=True,
            args=list(CHROMIUM_ARGS),
            timeout=60_000,
        )
        try:
            yield Chromium(browser, axe_source)
        finally:
            browser.close()
