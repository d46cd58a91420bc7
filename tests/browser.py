"""A small driver for headless Chromium over the DevTools protocol, through a pipe.

`--remote-debugging-pipe` reads JSON commands on file descriptor 3 and writes replies and
events on 4, each message ended by a NUL byte: no port, no WebSocket library, nothing
reachable from outside the test. Enough of the protocol to measure what a person sees:
viewport size and colour scheme, print media, script evaluation, key presses, screenshots
and PDFs.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import subprocess
import time
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # a request that slips through goes nowhere
)


class BrowserError(RuntimeError):
    pass


class Browser:
    """One Chromium process; `open` gives a page (a tab) to measure."""

    def __init__(self, program: str, profile: Path, timeout: float = 60.0) -> None:
        # Chromium expects its pipe on descriptors 3 and 4. Both ends move above 9 first, so
        # that placing one cannot overwrite the other; the copies close on exec.
        low_read, self._commands = os.pipe()
        self._replies, low_write = os.pipe()
        commands_read = fcntl.fcntl(low_read, fcntl.F_DUPFD_CLOEXEC, 10)
        replies_write = fcntl.fcntl(low_write, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(low_read)
        os.close(low_write)

        def place() -> None:
            os.dup2(commands_read, 3)  # dup2 leaves the new descriptors inheritable
            os.dup2(replies_write, 4)

        self.timeout = timeout
        self._buffer = b""
        self._next_id = 0
        self.process = subprocess.Popen(
            [program, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,
            preexec_fn=place,  # the test process runs no threads of its own
        )
        os.close(commands_read)
        os.close(replies_write)

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except (BrowserError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._commands, self._replies):
            try:
                os.close(fd)
            except OSError:
                pass

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BrowserError("Chromium did not answer in time")
            ready, _, _ = select.select([self._replies], [], [], left)
            if ready:
                chunk = os.read(self._replies, 1 << 20)
                if not chunk:
                    raise BrowserError("Chromium closed the pipe")
                self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        result: dict[str, Any] = json.loads(message)
        return result

    def call(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> Any:
        self._next_id += 1
        ident = self._next_id
        message: dict[str, Any] = {"id": ident, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == ident:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def wait_for(self, event: str, session: str) -> None:
        deadline = time.monotonic() + self.timeout
        while True:
            message = self._receive(deadline)
            if message.get("method") == event and message.get("sessionId") == session:
                return

    def open(
        self, url: str, width: int = 1280, height: int = 900, dark: bool = False, mobile: bool = False
    ) -> Page:
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, session)
        page.call("Page.enable")
        page.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
        )
        page.scheme(dark)
        page.call("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired", session)
        return page


class Page:
    def __init__(self, browser: Browser, session: str) -> None:
        self.browser = browser
        self.session = session

    def call(self, method: str, params: dict[str, Any] | None = None) -> Any:
        return self.browser.call(method, params, self.session)

    def scheme(self, dark: bool, media: str = "") -> None:
        """Emulate a colour scheme, and `print` media when asked."""
        features = [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]
        self.call("Emulation.setEmulatedMedia", {"media": media, "features": features})

    def run(self, script: str) -> Any:
        """The value of a JavaScript expression (awaited when it is a promise)."""
        reply = self.call(
            "Runtime.evaluate", {"expression": script, "returnByValue": True, "awaitPromise": True}
        )
        if "exceptionDetails" in reply:
            raise BrowserError(f"script failed: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def press(self, key: str, code: int) -> None:
        for kind in ("keyDown", "keyUp"):
            self.call(
                "Input.dispatchKeyEvent",
                {"type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code},
            )

    def tap(self, x: float, y: float) -> None:
        for kind in ("mousePressed", "mouseReleased"):
            self.call(
                "Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}
            )

    def screenshot(self, path: Path, top: float = 0, height: float | None = None) -> Path:
        """The page from `top` down, `height` px (default: the viewport; capped at 16,000)."""
        size = self.run("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
        shown = min(height or self.run("innerHeight"), size[1] - top, 16000)
        params: dict[str, Any] = {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": top, "width": size[0], "height": shown, "scale": 1},
        }
        path.write_bytes(base64.b64decode(self.call("Page.captureScreenshot", params)["data"]))
        return path

    def pdf(self, path: Path) -> Path:
        data = self.call("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True})["data"]
        path.write_bytes(base64.b64decode(data))
        return path
