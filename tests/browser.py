"""Launching Debian's chromium through Playwright for the HTML tests (see ../shared/RECIPES.md).

Without /usr/bin/chromium a browser test is skipped on a workstation and fails under CI (CI must never
skip a browser test silently).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
LOCAL_SCHEMES = ("file:", "data:", "blob:")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def require_chromium() -> None:
    """Skip (or fail under CI) when the browser is missing."""
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing: apt-get install -y chromium"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless chromium browser, closed on exit."""
    require_chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - depends on the environment
        if os.environ.get("CI"):
            pytest.fail("playwright is not installed: pip install -e '.[test]'")
        pytest.skip("playwright is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageLog:
    """What a page did that a test must see: outside requests, console errors, page errors, dialogs."""

    outside_requests: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)  # every URL the page asked for
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def watch(page: Any) -> PageLog:
    """Record a page's outside requests, errors and dialogs (dialogs are dismissed)."""
    log = PageLog()

    def on_request(request: Any) -> None:
        log.requests.append(request.url)
        if not request.url.startswith(LOCAL_SCHEMES):
            log.outside_requests.append(request.url)

    def on_console(message: Any) -> None:
        if message.type == "error":
            log.console_errors.append(message.text)

    def on_dialog(dialog: Any) -> None:
        log.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("request", on_request)
    page.on("console", on_console)
    page.on("pageerror", lambda error: log.page_errors.append(str(error)))
    page.on("dialog", on_dialog)
    return log


def screenshot(page: Any, name: str) -> Path:
    """Save a screenshot to test-artifacts/<name>.png (git-ignored) and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.mouse.move(1, 1)  # no hover tooltip over the picture
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def wait_until(page: Any, expression: str, timeout: float = 20.0) -> Any:
    """Poll ``expression`` in the page until it is truthy; return its value.

    The views carry a Content-Security-Policy without 'unsafe-eval', which blocks Playwright's
    ``wait_for_function`` (it compiles its predicate in the page); ``evaluate`` goes through the
    DevTools protocol and is not blocked.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {expression}")
        time.sleep(0.02)


def open_view(browser: Any, path: Path, viewport: dict[str, int] | None = None) -> tuple[Any, PageLog]:
    """Open a view from file:// and wait until it has drawn (``window.dgReady``)."""
    page = browser.new_page(viewport=viewport or {"width": 1500, "height": 900})
    log = watch(page)
    page.goto(path.as_uri())
    wait_until(page, "window.dgReady === true")
    return page, log
