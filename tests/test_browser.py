"""The pictures in real renderers: headless Chromium (console, network, pixels, the table script)
and rsvg-convert. Skipped where those programs are not installed."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path
from typing import NoReturn

import pytest

from binoche_cli.output.svg import career_page, stats_svg, timeline_svg
from tests.test_pictures import COLUMNS, ENTRIES, HOSTILE, RECORDS, entry, sample_stats, won

CHROMIUM = shutil.which("chromium")


def _missing(tool: str) -> NoReturn:
    """Skip when a tool is absent, except in CI (.ci/run installs it and sets the variable)."""
    if os.environ.get("BINOCHE_REQUIRE_BROWSER"):
        pytest.fail(f"{tool} is required here (BINOCHE_REQUIRE_BROWSER is set) but not installed")
    pytest.skip(f"{tool} is not installed")


# Chromium's own services talk to these hosts (updates, clock, accounts); a page never should.
BROWSER_HOSTS = re.compile(r"^https?://([\w-]+\.)*(google\.com|googleapis\.com|gstatic\.com|gvt1\.com)[/:]")


def chromium(tmp_path: Path, url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    if CHROMIUM is None:
        _missing("chromium")
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    flags = [
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
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
    ]
    return subprocess.run(
        [CHROMIUM, *flags, *extra, url], capture_output=True, text=True, timeout=90, errors="replace"
    )


def page_requests(netlog: Path) -> set[str]:
    urls = set(re.findall(r'"url":"([^"]+)"', netlog.read_text(errors="replace")))
    return {u for u in urls if u.startswith(("http:", "https:", "ftp:", "ws")) and not BROWSER_HOSTS.match(u)}


def console_problems(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]


def distinct_bytes(png: Path) -> int:
    """How varied the decoded pixel data is: a blank screenshot has a handful of values."""
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, pos = [], 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            chunks.append(data[pos + 8 : pos + 8 + length])
        pos += 12 + length
    return len(set(zlib.decompress(b"".join(chunks))))


def looks_drawn(png: Path) -> bool:
    """Not blank: varied pixel values, and too much detail to compress to almost nothing
    (an empty 1200x800 page is about 5 KB)."""
    return distinct_bytes(png) > 64 and png.stat().st_size > 15_000


def screenshot(
    tmp_path: Path, target: Path, name: str
) -> tuple[Path, subprocess.CompletedProcess[str], set[str]]:
    shot = tmp_path / f"{name}.png"
    netlog = tmp_path / f"{name}.json"
    result = chromium(
        tmp_path,
        target.as_uri(),
        f"--screenshot={shot}",
        "--window-size=1200,800",
        f"--log-net-log={netlog}",
    )
    assert shot.is_file(), result.stderr[-2000:]
    return shot, result, page_requests(netlog)


@pytest.fixture
def pictures(tmp_path: Path) -> dict[str, Path]:
    hostile = [entry(2003 + i, title, awards=(won(),)) for i, title in enumerate(HOSTILE)]
    timeline = timeline_svg(
        [*ENTRIES, *hostile], title="A career", links={"First Feature": "https://example.org/f"}
    )
    stats = stats_svg(sample_stats(), title="In numbers")
    files = {
        "timeline": tmp_path / "timeline.svg",
        "stats": tmp_path / "stats.svg",
        "page": tmp_path / "page.html",
    }
    files["timeline"].write_text(timeline, encoding="utf-8")
    files["stats"].write_text(stats, encoding="utf-8")
    page = career_page(title="A career", timeline=timeline, stats=stats, rows=RECORDS, columns=COLUMNS)
    files["page"].write_text(page, encoding="utf-8")
    return files


def test_the_checks_can_fail(tmp_path: Path) -> None:
    """A page with a broken script and a remote image trips both detectors."""
    bad = tmp_path / "bad.html"
    bad.write_text('<img src="https://example.com/x.png"><script>notDefined()</script>', encoding="utf-8")
    _shot, result, requests = screenshot(tmp_path, bad, "bad")
    assert console_problems(result.stderr)
    assert "https://example.com/x.png" in requests
    empty = tmp_path / "empty.html"
    empty.write_text("<!DOCTYPE html><title>empty</title>", encoding="utf-8")
    blank, _, _ = screenshot(tmp_path, empty, "empty")
    assert not looks_drawn(blank)


@pytest.mark.parametrize("name", ["timeline", "stats", "page"])
def test_renders_in_chromium_without_errors_or_requests(
    tmp_path: Path, pictures: dict[str, Path], name: str
) -> None:
    shot, result, requests = screenshot(tmp_path, pictures[name], name)
    assert console_problems(result.stderr) == []
    assert requests == set()
    assert looks_drawn(shot)


def test_the_table_script_sorts_and_filters(tmp_path: Path, pictures: dict[str, Path]) -> None:
    """Run the page's own script, then click a heading twice and type in the filter."""
    html = pictures["page"].read_text(encoding="utf-8")
    # The policy allows only the page's own script (by hash); the harness adds one, so drop it here.
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    harness = """<script>
      const year = document.querySelector("#bn-films thead th button");
      year.click(); year.click();
      document.body.dataset.order = Array.from(document.querySelectorAll("#bn-films tbody tr"),
        (row) => row.cells[0].textContent).join(",");
      const box = document.getElementById("bn-filter");
      box.value = "EVIL"; box.dispatchEvent(new Event("input"));
      document.body.dataset.shown = Array.from(document.querySelectorAll("#bn-films tbody tr"))
        .filter((row) => !row.hidden).length;
    </script></body>"""
    test_page = tmp_path / "harness.html"
    test_page.write_text(html.replace("</body>", harness), encoding="utf-8")
    result = chromium(tmp_path, test_page.as_uri(), "--dump-dom")
    assert console_problems(result.stderr) == []
    assert 'data-order="2001,1992,1990"' in result.stdout  # year, descending on the second click
    assert 'data-shown="1"' in result.stdout  # "evil" (any case) matches one row
    assert 'aria-sort="descending"' in result.stdout


def test_page_script_runs_under_its_own_policy(tmp_path: Path, pictures: dict[str, Path]) -> None:
    """The CSP hash matches the inline script: it runs, turning headings into buttons."""
    result = chromium(tmp_path, pictures["page"].as_uri(), "--dump-dom")
    assert console_problems(result.stderr) == []
    assert "<button" in result.stdout
    assert 'id="bn-tools" hidden' not in result.stdout
    assert "3 of 3" in result.stdout


@pytest.mark.parametrize("name", ["timeline", "stats"])
def test_rsvg_draws_the_svg(tmp_path: Path, pictures: dict[str, Path], name: str) -> None:
    rsvg = shutil.which("rsvg-convert")
    if rsvg is None:
        _missing("rsvg-convert")
    out = tmp_path / f"{name}-rsvg.png"
    result = subprocess.run(
        [rsvg, str(pictures[name]), "-o", str(out)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert looks_drawn(out)
