"""The pictures in real renderers: headless Chromium (console, network, pixels, the table script,
and what a person sees: text size on a phone, label boxes, contrast, print, keyboard, scale)
and rsvg-convert. Skipped where those programs are not installed, failed instead when
BINOCHE_REQUIRE_BROWSER is set (CI)."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest

from binoche_cli.dataset.catalog import load
from binoche_cli.output.svg import career_page, stats_svg, timeline_svg
from binoche_cli.query.awards import award_label
from tests.browser import Browser
from tests.test_pictures import COLUMNS, ENTRIES, HOSTILE, RECORDS, entry, sample_stats, won
from tools.synthetic import write_dataset_with_films

BEHAVIOUR = Path(__file__).parent / "fixtures" / "behaviour.toml"

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


# ---------------------------------------------------------------------------------------
# What a person sees, measured in Chromium through the DevTools protocol (tests/browser.py):
# text size on a phone, label boxes with real fonts, contrast, print, keyboard, scale.


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    if CHROMIUM is None:
        _missing("chromium")
    assert CHROMIUM is not None
    with Browser(CHROMIUM, tmp_path_factory.mktemp("profile")) as running:
        yield running


@pytest.fixture(scope="module")
def career(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The behaviour dataset's pictures, written by the real command."""
    folder = tmp_path_factory.mktemp("career")
    files = {
        "page": folder / "page.html",
        "timeline": folder / "timeline.svg",
        "stats": folder / "stats.svg",
        "filtered": folder / "filtered.html",
    }
    binoche("timeline", "--html", str(files["page"]), "--svg", str(files["timeline"]))
    binoche("stats", "--svg", str(files["stats"]))
    binoche("timeline", "--director", "assayas", "--html", str(files["filtered"]))
    return files


def binoche(*args: str, data: Path = BEHAVIOUR) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BINOCHE_DATA": str(data), "COLUMNS": "100"}
    code = "import sys; from binoche_cli.cli.entry import main; sys.exit(main())"
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done


# Every text on the page (HTML and SVG alike) with its rendered size in CSS px: an SVG's
# font-size times the scale the page draws it at.
SIZES = """Array.from(document.querySelectorAll("*")).filter((el) => {
  if (!el.getClientRects().length) return false;
  if (getComputedStyle(el).visibility === "hidden") return false;
  return Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
}).map((el) => {
  const size = parseFloat(getComputedStyle(el).fontSize);
  const scale = el instanceof SVGElement && el.getScreenCTM() ? Math.hypot(el.getScreenCTM().a, el.getScreenCTM().b) : 1;
  return [el.textContent.trim().slice(0, 40), size * scale];
})"""


@pytest.mark.parametrize("name", ["page", "timeline", "stats"])
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_text_is_at_least_11px_on_a_phone(
    browser: Browser, career: dict[str, Path], name: str, dark: bool
) -> None:
    page = browser.open(career[name].as_uri(), width=390, height=844, dark=dark, mobile=True)
    sizes = page.run(SIZES)
    assert len(sizes) > 30
    small = [(text_, round(size, 1)) for text_, size in sizes if size < 10.95]
    assert small == []
    shown = page.run(
        "document.body ? document.body.innerText : Array.from(document.querySelectorAll('text'), (t) => t.textContent).join(' ')"
    )
    assert "hover" not in shown.lower()  # a touch screen cannot hover
    if name == "page":  # the charts scroll inside their frames; the page itself never sideways
        assert page.run("document.documentElement.scrollWidth") <= 390


def test_tapping_a_mark_shows_its_details_without_leaving(browser: Browser, career: dict[str, Path]) -> None:
    page = browser.open(career["page"].as_uri(), width=390, height=844, mobile=True)
    box = page.run("""(() => { const mark = document.querySelector("#bn-timeline a.bn-work");
        mark.scrollIntoView({block: "center", inline: "center"});
        const r = mark.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2,
        mark.querySelector("title").textContent.split("\\n")[0]]; })()""")
    page.tap(box[0], box[1])
    detail = page.run("document.getElementById('bn-detail').innerText")
    assert box[2] in detail and "Open the film's page" in detail
    assert page.run("location.href") == career["page"].as_uri()


LABEL_BOXES = """Array.from(document.querySelectorAll("text.bn-label, .bn-labelled text")).map((el) => {
  const b = el.getBBox(); return [el.textContent, b.x, b.y, b.x + b.width, b.y + b.height];
})"""


def _overlaps(boxes: list[list[Any]]) -> list[tuple[str, str]]:
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5 and a[2] < b[4] - 0.5 and b[2] < a[4] - 0.5:
                found.append((a[0], b[0]))
    return found


def test_labels_never_overlap_with_real_fonts(
    browser: Browser, career: dict[str, Path], tmp_path: Path
) -> None:
    """getBBox measures the text Chromium draws, not the width estimate the layout used."""
    crowded_svg = tmp_path / "crowded.svg"
    crowded = [
        entry(2000 + i % 12, f"A Rather Long Award Winning Title Number {i}", awards=(won(),) * (i % 3 + 1))
        for i in range(40)
    ]
    crowded_svg.write_text(
        timeline_svg(crowded, title="t", guide_titles={e.title for e in crowded}), encoding="utf-8"
    )
    for target in (career["timeline"], crowded_svg):
        boxes = browser.open(target.as_uri()).run(LABEL_BOXES)
        assert len(boxes) >= 10
        assert _overlaps(boxes) == []
        # The estimate errs wide: each drawn label fits the width the layout reserved for it.
        widths = browser.open(target.as_uri()).run(
            "Array.from(document.querySelectorAll('text[data-width]'), (t) => [t.getBBox().width, +t.dataset.width])"
        )
        assert all(drawn <= reserved + 0.5 for drawn, reserved in widths), widths


CONTRAST = """(() => {
  const rgb = (c) => { const m = c.match(/[\\d.]+/g).map(Number); return m.length > 3 && m[3] === 0 ? null : m.slice(0, 3); };
  const lum = (c) => { const [r, g, b] = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const htmlBackground = (el) => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor); if (c) return c; } return [255, 255, 255]; };
  const out = { text: [], marks: [] };
  for (const svg of document.querySelectorAll("svg")) {
    const grounds = Array.from(svg.querySelectorAll(".bn-f-bg, .bn-f-band"), (r) => rgb(getComputedStyle(r).fill)).filter(Boolean);
    const worst = (c) => Math.min(...grounds.map((g) => ratio(c, g)));
    for (const t of svg.querySelectorAll("text, tspan")) {
      if (!t.textContent.trim()) continue;
      out.text.push([t.textContent.trim().slice(0, 30), worst(rgb(getComputedStyle(t).fill))]);
    }
    for (const m of svg.querySelectorAll(".bn-shape, .bn-star, .bn-axis")) {
      const s = getComputedStyle(m);
      const paints = [s.fill, s.stroke].filter((p) => p && p !== "none").map(rgb).filter(Boolean);
      out.marks.push([m.getAttribute("class"), Math.max(...paints.map(worst))]);
    }
  }
  for (const el of document.querySelectorAll("body *")) {
    if (el instanceof SVGElement || !el.getClientRects().length) continue;
    if (!Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
    out.text.push([el.textContent.trim().slice(0, 30), ratio(rgb(getComputedStyle(el).color), htmlBackground(el))]);
  }
  const box = document.getElementById("bn-filter");
  if (box) out.marks.push(["filter border", ratio(rgb(getComputedStyle(box).borderTopColor), htmlBackground(box.parentElement))]);
  return out;
})()"""


@pytest.mark.parametrize("name", ["page", "timeline", "stats"])
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_contrast_meets_wcag_aa(browser: Browser, career: dict[str, Path], name: str, dark: bool) -> None:
    """Text 4.5:1 and marks, lines and the filter's border 3:1, on what they are drawn on."""
    measured = browser.open(career[name].as_uri(), dark=dark).run(CONTRAST)
    assert len(measured["text"]) > 20
    low_text = [(t, round(r, 2)) for t, r in measured["text"] if r < 4.5]
    low_marks = [(m, round(r, 2)) for m, r in measured["marks"] if r < 3]
    assert low_text == [] and low_marks == []
    if name != "stats":
        assert measured["marks"]


def test_won_is_more_prominent_than_nominated(browser: Browser, career: dict[str, Path]) -> None:
    """A win is a solid star that stands out from the page; a nomination only an outline."""
    for dark in (False, True):
        page = browser.open(career["timeline"].as_uri(), dark=dark)
        fills = page.run(
            """["bn-f-won", "bn-f-nomfill", "bn-f-bg"].map((c) => getComputedStyle(document.querySelector("." + c)).fill)"""
        )
        won, hollow, ground = fills
        assert hollow == ground and won != ground


def pdf_text(pdf: Path) -> str:
    program = shutil.which("pdftotext")
    if program is None:
        _missing("pdftotext (poppler-utils)")
    assert program is not None
    done = subprocess.run([program, "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_printed_page_keeps_every_award_name_whole(
    browser: Browser, career: dict[str, Path], tmp_path: Path
) -> None:
    """The Awards column was clipped on paper ("★ Volpi Cup, ★ Cé…")."""
    page = browser.open(career["page"].as_uri(), dark=True)
    page.scheme(True, media="print")
    clipped = page.run(
        """Array.from(document.querySelectorAll("td, th, figure, section")).filter(
             (el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent.slice(0, 40))"""
    )
    assert clipped == []
    assert page.run("getComputedStyle(document.querySelector('h2')).breakAfter") == "avoid"
    ground = page.run("getComputedStyle(document.querySelector('svg .bn-f-bg')).fill")
    assert ground == "rgb(251, 250, 247)"  # paper is light even when the screen is dark
    shown = " ".join(pdf_text(page.pdf(tmp_path / "page.pdf")).split())
    catalog = load(BEHAVIOUR)
    films = {f.id for f in catalog.films}
    names = {award_label(a) for a in catalog.awards if a.work in films}
    missing = [name for name in names if name not in shown]
    assert missing == []


def test_standalone_svg_prints_whole_and_light(
    browser: Browser, career: dict[str, Path], tmp_path: Path
) -> None:
    page = browser.open(career["timeline"].as_uri(), dark=True)
    page.scheme(True, media="print")
    assert page.run("getComputedStyle(document.querySelector('.bn-f-bg')).fill") == "rgb(251, 250, 247)"
    text_ = pdf_text(page.pdf(tmp_path / "timeline.pdf"))
    ticks = sorted(int(t) for t in re.findall(r"\b(19[6-9]\d|20[0-3]\d)\b", text_))
    last = max(f.year for f in load(BEHAVIOUR).films)
    assert ticks and ticks[-1] >= last - 2  # the axis is printed to its end, not cut at the page edge
    assert "Source:" in text_ and "as of" in text_


def test_keyboard_reaches_marks_and_the_filter(browser: Browser, career: dict[str, Path]) -> None:
    page = browser.open(career["page"].as_uri())
    focused = "document.activeElement.id || document.activeElement.getAttribute('class')"
    page.press("Tab", 9)
    assert page.run(focused) == "bn-skip"
    page.press("Tab", 9)
    assert "bn-work" in page.run(focused)
    first = page.run("document.getElementById('bn-detail').innerText")
    assert first.strip()  # focusing a mark shows its details
    page.press("ArrowRight", 39)
    assert page.run("document.getElementById('bn-detail').innerText") != first
    page.press("Tab", 9)
    assert page.run(focused) == "bn-filter"  # the third Tab
    skip = browser.open(career["page"].as_uri())
    skip.press("Tab", 9)
    skip.press("Enter", 13)
    assert skip.run(focused) == "bn-filter"


def test_table_header_sticks_and_rows_link_to_the_film(browser: Browser, career: dict[str, Path]) -> None:
    page = browser.open(career["page"].as_uri(), height=700)
    page.run("document.querySelector('#bn-films tbody tr:nth-child(20)').scrollIntoView()")
    assert abs(page.run("document.querySelector('#bn-films thead th').getBoundingClientRect().top")) < 2
    links = page.run(
        "Array.from(document.querySelectorAll('#bn-films tbody tr'), (r) => Array.from(r.querySelectorAll('a'), (a) => a.textContent))"
    )
    catalog = load(BEHAVIOUR)
    with_imdb = sum(1 for f in catalog.films if f.imdb)
    assert sum("IMDb" in row for row in links) == with_imdb > 0
    marks = page.run("Array.from(document.querySelectorAll('svg a.bn-work'), (a) => a.getAttribute('href'))")
    assert marks and not any(re.search(r"wiki/Juliette_Binoche$", href) for href in marks)


def _stated(text_: str) -> dict[str, int]:
    found = {}
    summary = re.search(r"(\d[\d,]*) awards? won and (\d+) nominations? for these works", text_)
    found["timeline won"] = int(summary.group(1).replace(",", "")) if summary else 0
    figure = re.search(r"(\d[\d,]*)\s+awards won for works", text_)
    found["stats won"] = int(figure.group(1).replace(",", "")) if figure else -1
    return found


@pytest.mark.parametrize("name", ["page", "filtered"])
def test_panels_state_the_same_counts(browser: Browser, career: dict[str, Path], name: str) -> None:
    """Read as a person reads them: the timeline's line and the stats' figure agree."""
    page = browser.open(career[name].as_uri())
    words = page.run("Array.from(document.querySelectorAll('svg text'), (t) => t.textContent).join('\\n')")
    numbers = _stated(words)
    assert numbers["timeline won"] == numbers["stats won"]
    if name == "filtered":
        catalog = load(BEHAVIOUR)
        assayas = [f for f in catalog.films if any("Assayas" in d for d in f.directors)]
        assert numbers["stats won"] == sum(a.won for f in assayas for a in catalog.awards_for(f.id))


def test_twenty_thousand_works_stay_small_and_usable(browser: Browser, tmp_path: Path) -> None:
    big = write_dataset_with_films(BEHAVIOUR, tmp_path / "big.toml", 20_000)
    svg, html = tmp_path / "t.svg", tmp_path / "p.html"
    binoche("timeline", "--svg", str(svg), "--html", str(html), data=big)
    assert svg.stat().st_size < 1_000_000
    found = re.search(r'height="([\d.]+)"', svg.read_text(encoding="utf-8")[:2000])
    assert found, "the SVG states its height"
    height = float(found.group(1))
    assert height < 1600  # a screen or two, not 20,455 px
    # The table keeps every row as HTML (it works without script and prints whole): about
    # 400 bytes a work, links and award names included; the charts add under 1 MB.
    assert html.stat().st_size < 500 * 20_000
    page = browser.open(html.as_uri())
    assert page.run("document.querySelectorAll('#bn-films tbody tr:not(.bn-off)').length") == 100
    assert page.run("document.documentElement.scrollHeight") < 12_000
    page.run("document.querySelector('#bn-pager button:last-child').click()")
    assert "101–200 of" in page.run("document.getElementById('bn-place').textContent")


def test_lane_names_clear_every_mark(browser: Browser, tmp_path: Path) -> None:
    """ "Life & career" was drawn over the 1964 dot."""
    svg = tmp_path / "events.svg"
    binoche("timeline", "--events", "--svg", str(svg))
    found = browser.open(svg.as_uri()).run(
        """(() => {
        const box = (el) => { const b = el.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; };
        const lanes = Array.from(document.querySelectorAll("text.bn-lane"), (t) => [t.textContent, ...box(t)]);
        const marks = Array.from(document.querySelectorAll(".bn-work"), (m) => ["mark", ...box(m)]);
        return [lanes, marks]; })()"""
    )
    lanes, marks = found
    assert {name for name, *_ in lanes} >= {"Films", "Stage", "Life & career"}
    assert [(lane[0], mark) for lane in lanes for mark in marks if _overlaps([lane, mark])] == []
