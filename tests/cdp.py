"""Drive a real headless Chromium over the DevTools protocol on a pipe: no port, no network, no
package beyond the standard library. Used by the browser test of the report and by
``scripts/report_screenshot.py``.

The browser is Debian's ``chromium`` (or ``$GDPRFINE_CHROMIUM``), started with the flags a
closed machine needs (no background networking, no component updates, no sync, a throw-away
profile) and ``--remote-debugging-pipe``: it reads commands on its fd 3 and writes answers and
events on its fd 4, each a JSON message ending in a NUL byte.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

__all__ = ["FLAGS", "Chromium", "PageResult", "find_chromium", "open_page"]

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
)


def find_chromium() -> str | None:
    """The Chromium to use: ``$GDPRFINE_CHROMIUM``, else ``chromium`` on the PATH, else None."""
    given = os.environ.get("GDPRFINE_CHROMIUM")
    if given:
        return given if Path(given).is_file() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _above_4(fd: int) -> int:
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return moved


class Chromium:
    """One headless browser process and its DevTools pipe."""

    def __init__(self, executable: str, profile: Path, *, timeout: float = 60.0) -> None:
        self.timeout = timeout
        to_browser_read, self._write = os.pipe()
        self._read, from_browser_write = os.pipe()
        # Above fd 4, so that moving one to 3 or 4 cannot overwrite the other.
        to_browser_read = _above_4(to_browser_read)
        from_browser_write = _above_4(from_browser_write)
        # The browser must see the pipes as fds 3 and 4: bash moves them there (dash takes no fd above 9).
        script = f'exec "$0" "$@" 3<&{to_browser_read} 4>&{from_browser_write} {to_browser_read}<&- {from_browser_write}>&-'
        self.process = subprocess.Popen(
            [
                "/bin/bash",
                "-c",
                script,
                executable,
                *FLAGS,
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            pass_fds=(to_browser_read, from_browser_write),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def _message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no answer from Chromium in time")
            ready, _, _ = select.select([self._read], [], [], left)
            if ready:
                chunk = os.read(self._read, 1 << 20)
                if not chunk:
                    raise RuntimeError(f"Chromium closed its pipe: {self._stderr()}")
                self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        data: dict[str, Any] = json.loads(message)
        return data

    def _stderr(self) -> str:
        if self.process.poll() is None or self.process.stderr is None:
            return "still running"
        return self.process.stderr.read().decode("utf-8", "replace")[-2000:]

    def call(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        """Send a command and wait for its answer; events that arrive meanwhile are kept."""
        self._next_id += 1
        ident = self._next_id
        command: dict[str, Any] = {"id": ident, "method": method, "params": params or {}}
        if session is not None:
            command["sessionId"] = session
        os.write(self._write, json.dumps(command).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            message = self._message(deadline)
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            self.events.append(message)

    def wait_for(self, method: str, session: str | None = None) -> dict[str, Any]:
        """The first event named *method* (already received or still to come)."""
        deadline = time.monotonic() + self.timeout
        seen = 0
        while True:
            for event in self.events[seen:]:
                if event.get("method") == method and (
                    session is None or event.get("sessionId") == session
                ):
                    return event
            seen = len(self.events)
            self.events.append(self._message(deadline))

    def close(self) -> None:
        """Close the browser (politely, then by force) and the pipes."""
        with contextlib.suppress(OSError, RuntimeError, TimeoutError):
            self.call("Browser.close")
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stderr is not None:
            self.process.stderr.close()
        os.close(self._read)
        os.close(self._write)


class PageResult:
    """What the browser saw of a page: the value of a script run in it, its console errors,
    the requests it made, and a screenshot."""

    def __init__(
        self, value: Any, errors: list[str], requests: list[str], screenshot: bytes
    ) -> None:
        self.value = value
        self.errors = errors
        self.requests = requests
        self.screenshot = screenshot


def _errors(events: list[dict[str, Any]]) -> list[str]:
    found = []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            found.append(
                "console: "
                + " ".join(str(a.get("value", a.get("description"))) for a in params["args"])
            )
        elif method == "Runtime.exceptionThrown":
            found.append("exception: " + str(params.get("exceptionDetails", {}).get("text")))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            found.append("log: " + str(params["entry"].get("text")))
    return found


def open_page(
    executable: str,
    page: Path,
    profile: Path,
    *,
    script: str,
    width: int = 1280,
    height: int = 1600,
) -> PageResult:
    """Open *page* (a local file) in headless Chromium at *width* x *height* CSS pixels, run
    *script* (an expression whose value is returned as JSON) once it has loaded, and take a
    screenshot of the viewport."""
    browser = Chromium(executable, profile)
    try:
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Runtime", "Log", "Page", "Network"):
            browser.call(f"{domain}.enable", session=session)
        metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}
        browser.call("Emulation.setDeviceMetricsOverride", metrics, session)
        browser.call("Page.navigate", {"url": page.resolve().as_uri()}, session)
        browser.wait_for("Page.loadEventFired", session)
        evaluated = browser.call(
            "Runtime.evaluate", {"expression": script, "returnByValue": True}, session
        )
        if "exceptionDetails" in evaluated:
            raise RuntimeError(f"the script failed: {evaluated['exceptionDetails']}")
        shot = browser.call("Page.captureScreenshot", {"format": "png"}, session)
        requests = [
            str(e["params"]["request"]["url"])
            for e in browser.events
            if e.get("method") == "Network.requestWillBeSent"
        ]
        return PageResult(
            evaluated["result"].get("value"),
            _errors(browser.events),
            requests,
            base64.b64decode(shot["data"]),
        )
    finally:
        browser.close()
