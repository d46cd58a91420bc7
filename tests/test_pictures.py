"""The SVG and HTML pictures: structure, placement and safety, on small in-test data."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from binoche_cli.dataset.catalog import Award
from binoche_cli.output.svg import career_page, stats_svg, timeline_svg
from binoche_cli.output.svg._layout import LABEL_PAD, place_labels
from binoche_cli.output.svg._markup import clean, text_width
from binoche_cli.output.svg._palette import COLOURS
from binoche_cli.query.summaries import Stats, TimelineEntry

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = ('<b>&"]]>', "\x1b]0;pwn\x07", "\u202eevil", "[i]x[/i]", "tab\there\x00\x7f\x9b")
# Characters that must never reach a file raw (newline is allowed: tooltips use it).
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def won(body: str = "Cannes Film Festival", category: str = "Best Actress", year: int = 2010) -> Award:
    return Award(body, category, year, "won", ("https://example.org",), work="w")


def nominated(body: str = "César Awards", category: str = "Best Actress", year: int = 2010) -> Award:
    return Award(body, category, year, "nominated", ("https://example.org",), work="w")


def entry(year: int, title: str, kind: str = "feature", awards: tuple[Award, ...] = ()) -> TimelineEntry:
    return TimelineEntry(year, kind, title, ("Ann Director",), "Lead", awards)


ENTRIES = [
    entry(1990, "First Feature"),
    entry(1990, "A Television Film", "tv"),
    entry(1992, "Winner Of Prizes", awards=(won(), won("Venice Film Festival"), nominated())),
    entry(1993, "A Documentary", "documentary"),
    entry(1995, "A Short", "short"),
    entry(1996, "A Segment", "segment"),
    entry(1996, "Guide Pick"),
    entry(1999, "Only Nominated", awards=(nominated(),)),
    entry(2001, "Late Work"),
    TimelineEntry(1994, "stage", "A Play", ("Stage Director",), "Nina", detail="Theatre"),
    TimelineEntry(1991, "event", "Something happened", detail="career"),
]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def works(root: ET.Element) -> list[ET.Element]:
    return [el for el in root.iter() if "bn-work" in (el.get("class") or "").split()]


def tooltip_of(el: ET.Element) -> str:
    title = el.find(f"{SVG}title")
    assert title is not None and title.text
    return title.text


def label_boxes(root: ET.Element) -> list[tuple[float, float, float, float, str]]:
    """(left, top, right, bottom, text) of every visible label, from the drawn attributes."""
    boxes = []
    for el in root.iter(f"{SVG}text"):
        if "bn-label" not in (el.get("class") or ""):
            continue
        x, y = float(el.get("x", 0)), float(el.get("y", 0))
        size = float(el.get("font-size", 11))
        shown = "".join(el.itertext())
        boxes.append((x, y - size, x + text_width(shown, size), y + size * 0.3, shown))
    return boxes


def test_timeline_is_an_accessible_svg_document() -> None:
    root = parse(timeline_svg(ENTRIES, title="A career"))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    ids = (root.get("aria-labelledby") or "").split()
    assert [child.tag for child in root[:2]] == [f"{SVG}title", f"{SVG}desc"]
    assert [child.get("id") for child in root[:2]] == ids
    assert root[0].text == "A career"
    assert root.get("viewBox", "").startswith("0 0 ")
    width, height = (float(v) for v in root.get("viewBox", "").split()[2:])
    assert width >= 720 and height > 200


def test_every_work_has_one_mark_with_a_full_tooltip() -> None:
    root = parse(timeline_svg(ENTRIES, title="t"))
    marks = works(root)
    assert len(marks) == len(ENTRIES)
    tips = {tooltip_of(m).splitlines()[0]: tooltip_of(m) for m in marks}
    for e in ENTRIES:
        tip = tips[f"{e.title} ({e.year})"]
        for director in e.directors:
            assert director in tip
        if e.role:
            assert f"Role: {e.role}" in tip
    prize = tips["Winner Of Prizes (1992)"]
    assert prize.count("★\u00a0Won") == 2 and prize.count("☆\u00a0Nominated") == 1
    assert "Cannes Film Festival: Best Actress (2010)" in prize


def test_award_marks_show_stars_and_labels_carry_the_counts() -> None:
    svg = timeline_svg(ENTRIES, title="t")
    root = parse(svg)
    (prize,) = [m for m in works(root) if tooltip_of(m).startswith("Winner Of Prizes")]
    stars = [p for p in prize.iter(f"{SVG}path") if "bn-f-won" in (p.get("class") or "")]
    # One solid star, no number on the mark: a count there meant wins or nominations by turns.
    assert len(stars) == 1 and not list(prize.iter(f"{SVG}text"))
    (nominee,) = [m for m in works(root) if tooltip_of(m).startswith("Only Nominated")]
    (hollow,) = [p for p in nominee.iter(f"{SVG}path") if "bn-f-nomfill" in (p.get("class") or "")]
    assert hollow.get("fill") == COLOURS["bg"].light  # hollow: a win always carries more ink
    assert stars[0].get("fill") != COLOURS["bg"].light
    # The winner is labelled with its counts; the nominee alone is not labelled.
    labels = [b[4] for b in label_boxes(root)]
    assert "Winner Of Prizes\u00a0★2 ☆" in labels
    assert not any(label.startswith("Only Nominated") for label in labels)


def test_axis_ticks_cover_the_span() -> None:
    root = parse(timeline_svg(ENTRIES, title="t"))
    ticks = sorted(int(t.text or 0) for t in root.iter(f"{SVG}text") if "bn-tick" in (t.get("class") or ""))
    assert ticks == list(range(1990, 2002))  # a short span labels every year


def test_long_span_ticks_are_evenly_stepped() -> None:
    long = [entry(1964, "Early"), entry(2026, "Late")]
    root = parse(timeline_svg(long, title="t"))
    ticks = sorted(int(t.text or 0) for t in root.iter(f"{SVG}text") if "bn-tick" in (t.get("class") or ""))
    steps = {b - a for a, b in itertools.pairwise(ticks)}
    assert len(steps) == 1
    step = steps.pop()
    assert ticks[0] - 1964 < step and 2026 - ticks[-1] < step


def test_kinds_and_lanes_in_the_legend() -> None:
    root = parse(timeline_svg(ENTRIES, title="t"))
    words = {t.text for t in root.iter(f"{SVG}text")}
    assert {"feature", "tv", "documentary", "short", "segment", "won", "nominated only", "stage"} <= words
    assert {"Stage", "Life & career", "Films"} <= words
    only_films = parse(timeline_svg([e for e in ENTRIES if e.is_film], title="t"))
    assert "Stage" not in {t.text for t in only_films.iter(f"{SVG}text")}


def test_guide_titles_get_labels() -> None:
    plain = [b[4] for b in label_boxes(parse(timeline_svg(ENTRIES, title="t")))]
    guided = [b[4] for b in label_boxes(parse(timeline_svg(ENTRIES, title="t", guide_titles={"Guide Pick"})))]
    assert "Guide Pick" not in plain and "Guide Pick" in guided


def crowded() -> list[TimelineEntry]:
    """Winners with long titles in neighbouring years: the worst case for labels."""
    return [
        entry(2000 + i % 12, f"A Rather Long Award Winning Title Number {i}", awards=(won(),) * (i % 3 + 1))
        for i in range(40)
    ]


@pytest.mark.parametrize("entries", [ENTRIES, crowded()], ids=["small", "crowded"])
def test_visible_labels_never_overlap(entries: list[TimelineEntry]) -> None:
    root = parse(timeline_svg(entries, title="t", guide_titles={e.title for e in entries}))
    boxes = label_boxes(root)
    assert len(boxes) >= 5
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, f"{a[4]!r} overlaps {b[4]!r}"


@given(st.lists(st.tuples(st.integers(0, 60), st.floats(10, 300)), max_size=40))
def test_label_rows_keep_labels_and_leaders_apart(items: list[tuple[int, float]]) -> None:
    spans = [(year * 20.0, width) for year, width in items]
    rows = place_labels(spans)
    placed = [(x, x + LABEL_PAD, x + LABEL_PAD + w, r) for (x, w), r in zip(spans, rows, strict=True)]
    for i, (_lead, start, end, row) in enumerate(placed):
        for j, (lead2, start2, end2, row2) in enumerate(placed):
            if i == j:
                continue
            if row == row2:
                assert end <= start2 or end2 <= start
            if row2 > row:  # a higher label's leader rises through this row
                assert not start <= lead2 <= end


def test_hostile_titles_stay_well_formed_and_visible() -> None:
    entries = [entry(2000 + i, title, awards=(won(body=title),)) for i, title in enumerate(HOSTILE)]
    svg = timeline_svg(entries, title='<title>&"', links={HOSTILE[0]: "https://example.org/?a=1&b=<2>"})
    root = parse(svg)
    assert not FORBIDDEN.search(svg)
    assert "<b>" not in svg and "]]>" not in svg
    tips = "\n".join(tooltip_of(m) for m in works(root))
    assert '<b>&"]]>' in tips
    assert "␛]0;pwn␇" in tips
    assert "[i]x[/i]" in tips
    assert "\ufffdevil" in tips
    assert root[0].text == '<title>&"'
    links = [a.get("href") for a in root.iter(f"{SVG}a")]
    assert "https://example.org/?a=1&b=<2>" in links


def test_only_given_web_links_are_used() -> None:
    links = {
        "First Feature": "https://example.org/first",
        "Late Work": "javascript:alert(1)",
        "Guide Pick": " ",
    }
    svg = timeline_svg(ENTRIES, title="t", links=links)
    root = parse(svg)
    hrefs = {a.get("href") for a in root.iter(f"{SVG}a")}
    assert hrefs == {"https://example.org/first"}
    urls = set(re.findall(r"https?://[^\s\"'<>]+", svg))
    assert urls <= {"https://example.org/first", "http://www.w3.org/2000/svg"}
    assert "javascript" not in svg


def test_clean_replaces_every_control() -> None:
    every = "".join(chr(c) for c in range(0x20)) + "\x7f" + "".join(chr(c) for c in range(0x80, 0xA0))
    every += "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ud800\ufffe"
    cleaned = clean(every)
    assert len(cleaned) == len(every)
    assert not FORBIDDEN.search(cleaned)
    assert cleaned.startswith("\u2400\u2401") and "\u241b" in cleaned  # ␀ ␁ ... ␛
    ET.fromstring(f"<a>{cleaned}</a>")


def sample_stats() -> Stats:
    return Stats(
        total=9,
        first_year=1990,
        last_year=2001,
        per_decade=[("1990s", 7), ("2000s", 2)],
        by_kind=[("feature", 5), ("tv", 2), ("documentary", 1), ("short", 1)],
        by_language=[("French", 6), ("English", 3)],
        directors=[("Ann Director", 3, 1990, 1999), ("<Bo> & Co", 2, 1992, 1992)],
        costars=[(f"Co-star {i}", 2) for i in range(20)],
        awards_by_body=[
            ("César Awards", 1, 4),
            ("Cannes Film Festival", 2, 0),
            ("Golden Globe Awards", 0, 3),
        ],
        busiest=(1990, ["First Feature", "A Television Film"]),
        crown=[("Venice Film Festival", 1993, "x"), ("Berlin International Film Festival", 1997, "y")],
    )


def test_stats_without_a_busiest_year_or_crown() -> None:
    quiet = sample_stats()._replace(busiest=None, crown=None, costars=[], directors=[])
    words = {"".join(t.itertext()) for t in parse(stats_svg(quiet, title="s")).iter(f"{SVG}text")}
    assert not any(w.startswith(("Busiest", "Triple", "Directors", "Co-stars")) for w in words)


def test_stats_svg_has_every_panel_with_numbers() -> None:
    svg = stats_svg(sample_stats(), title="In numbers")
    root = parse(svg)
    assert root.get("role") == "img" and root[0].text == "In numbers"
    words = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    for heading in ("Works per decade", "By kind", "By language", "Awards for her works, by body"):
        assert heading in words
    assert any(w.startswith("Directors") for w in words) and any(w.startswith("Co-stars") for w in words)
    values = ["".join(t.itertext()) for t in root.iter(f"{SVG}text") if "bn-value" in (t.get("class") or "")]
    assert values[:2] == ["7", "2"]  # decades, in order, a number on each bar
    assert "★1\u00a0\u00a0☆4" in values and "★2" in values and "☆3" in values
    assert {"won", "nominated"} <= set(words)
    assert "<Bo> & Co" in words
    assert any(w.startswith("Busiest year 1990: 2 works") for w in words)
    assert any(w.startswith("and 7 more co-stars") for w in words)  # capped, with the rest summed
    bars = [r for r in root.iter(f"{SVG}rect") if "bn-bar" in (r.get("class") or "")]
    widths = {float(r.get("width", 0)) for r in bars}
    assert len(widths) > 3  # proportional, not all the same


def _bars(svg: str) -> list[tuple[str, float, str]]:
    """(panel heading, bar width, fill class) of every single-series bar."""
    found = []
    for panel in parse(svg).iter(f"{SVG}g"):
        if panel.get("class") != "bn-panel":
            continue
        heading = "".join(next(panel.iter(f"{SVG}text")).itertext())
        for bar in panel.iter(f"{SVG}rect"):
            found.append((heading, float(bar.get("width", 0)), bar.get("class") or ""))
    return found


def test_every_panel_counting_works_shares_one_scale() -> None:
    """A bar for 3 works is as long in every panel (issue 22: "feature 70" was drawn shorter
    than "2010s 29"); awards, another unit, say they have their own scale."""
    stats = sample_stats()._replace(by_kind=[("feature", 70), ("tv", 2)], per_decade=[("2010s", 29)])
    svg = stats_svg(stats, title="s")
    counts = {"2010s": 29, "feature": 70, "tv": 2, "French": 6, "English": 3, "Ann Director": 3}
    # Every width is a multiple of one unit: width / count agrees across panels.
    root = parse(svg)
    units = []
    for panel in root.iter(f"{SVG}g"):
        if panel.get("class") != "bn-panel" or "".join(next(panel.iter(f"{SVG}text")).itertext()).startswith(
            "Awards"
        ):
            continue
        texts = ["".join(t.itertext()) for t in panel.iter(f"{SVG}text")]
        rects = list(panel.iter(f"{SVG}rect"))
        for label, rect in zip([t for t in texts[1:] if t in counts], rects, strict=False):
            units.append(float(rect.get("width", 0)) / counts[label])
    assert len(units) >= 5 and max(units) - min(units) < 0.2, units
    assert "awards have their own" in svg


def test_bars_use_kind_colours_only_for_kinds() -> None:
    for heading, _, cls in _bars(stats_svg(sample_stats(), title="s")):
        if heading == "By kind":
            assert "bn-f-bar" not in cls
        elif not heading.startswith(("Awards", "Career")):
            assert "bn-f-bar" in cls, (heading, cls)


def test_career_honours_are_a_panel_apart() -> None:
    stats = sample_stats()._replace(
        honours_by_body=[("Romy Schneider Prize", 1, 0), ("Honorary César", 2, 0)]
    )
    words = ["".join(t.itertext()) for t in parse(stats_svg(stats, title="s")).iter(f"{SVG}text")]
    assert "Career honours (for no single work), by body" in words
    assert "awards won for works" in words and "career honours won" in words
    assert words[words.index("awards won for works") - 1] == "3"  # 1 + 2 + 0, honours not among them
    assert words[words.index("career honours won") - 1] == "3"
    plain = ["".join(t.itertext()) for t in parse(stats_svg(sample_stats(), title="s")).iter(f"{SVG}text")]
    assert "career honours won" not in plain


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


RECORDS: list[dict[str, object]] = [
    {
        "year": 1992,
        "title": HOSTILE[0],
        "directors": ["Ann Director", "Bo"],
        "role": HOSTILE[1],
        "kind": "feature",
        "awards": [
            {
                "body": "Academy Awards",
                "category": "Best Actress",
                "result": "won",
                "label": "Oscar",
                "year": 1997,
            },
            {"body": "César Awards", "category": "Best Actress", "result": "nominated", "label": "César"},
        ],
    },
    {"year": 1990, "title": "[i]x[/i]", "directors": [], "role": None, "kind": "tv", "awards": []},
    {"year": 2001, "title": "\u202eevil", "directors": ["C"], "role": "Lead", "kind": "short", "awards": []},
]
COLUMNS = ["year", "title", "directors", "role", "kind", "awards"]


def page() -> str:
    timeline = timeline_svg(ENTRIES, title="t")
    return career_page(
        title="A <career>",
        timeline=timeline,
        stats=stats_svg(sample_stats(), title="s"),
        rows=RECORDS,
        columns=COLUMNS,
    )


def test_page_is_semantic_and_has_the_table() -> None:
    html = page()
    assert html.startswith("<!DOCTYPE html>")
    parser = _Tags()
    parser.feed(html)
    tags = [t for t, _ in parser.tags]
    for needed in (
        "html",
        "head",
        "title",
        "header",
        "main",
        "section",
        "figure",
        "figcaption",
        "table",
        "caption",
    ):
        assert needed in tags, needed
    assert dict(parser.tags)["html"] == {"lang": "en"}
    metas = [a for t, a in parser.tags if t == "meta"]
    assert {"charset": "utf-8"} in metas
    assert any(m.get("name") == "viewport" for m in metas)
    assert tags.count("svg") == 2
    assert "<title>A &lt;career&gt;</title>" in html
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    assert body.count("<tr>") == len(RECORDS)
    heads = [a for t, a in parser.tags if t == "th" and a.get("scope") == "col"]
    assert len(heads) == len(COLUMNS)
    assert "prefers-color-scheme:dark" in html and "@media print" in html


def test_page_escapes_data_and_keeps_markers_together() -> None:
    html = page()
    assert not FORBIDDEN.search(html)
    assert "<b>" not in html and "]]>" not in html
    parser = _Tags()
    parser.feed(html)
    shown = "".join(parser.text)
    assert '<b>&"]]>' in shown and "␛]0;pwn␇" in shown and "[i]x[/i]" in shown
    assert "Ann Director, Bo" in shown
    assert "★\u00a0Oscar" in shown and "☆\u00a0César" in shown


def test_page_loads_nothing() -> None:
    html = page()
    lowered = html.lower()
    for banned in ("<script src", "<link", "@import", "url(", "<iframe", "<img"):
        assert banned not in lowered, banned
    parser = _Tags()
    parser.feed(html)
    (policy,) = [a["content"] for t, a in parser.tags if t == "meta" and a.get("http-equiv")]
    assert policy and "default-src 'none'" in policy and "unsafe-inline" not in policy.split("script-src")[1]
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", html))
    assert urls <= {"http://www.w3.org/2000/svg"}


def test_page_without_charts_still_has_the_table() -> None:
    html = career_page(title="t", timeline=None, stats=None, rows=RECORDS[:1], columns=["year", "title"])
    assert "<svg" not in html and html.count("<tr>") == 2  # header and one row


def test_lookups_do_not_import_pictures() -> None:
    code = "import sys, binoche_cli.cli.application, binoche_cli.output.render; print('binoche_cli.output.svg' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
