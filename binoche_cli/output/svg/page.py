"""One self-contained HTML page: the charts inlined as SVG, and the filmography as a table.

The table is plain HTML, complete without scripts (and printed whole); inline JavaScript adds
sorting (a header), filtering (the box), paging (past PAGE_SIZE rows) and the timeline's details
(on focus or tap). A Content-Security-Policy forbids
every fetch, so the page cannot make a network request however its data is crafted.
"""

import base64
import hashlib
from collections.abc import Mapping, Sequence

from binoche_cli.output.svg._layout import safe_link
from binoche_cli.output.svg._markup import FONT_STACK, NBSP, NOMINATION, WIN, clean, tag, text
from binoche_cli.text import plural

_SCRIPT = """\
(() => {
  const table = document.getElementById("bn-films");
  const body = table.tBodies[0];
  let rows = Array.from(body.rows);
  const fold = (s) => s.normalize("NFKD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase();
  const text = new Map(rows.map((row) => [row, fold(row.textContent)]));
  const box = document.getElementById("bn-filter");
  const count = document.getElementById("bn-count");
  const pager = document.getElementById("bn-pager");
  const [previous, next] = pager.querySelectorAll("button");
  const place = document.getElementById("bn-place");
  const size = Number(table.dataset.page) || rows.length;
  let page = 0;
  let matched = rows;
  // A long table is shown a page at a time (a class, so that print still shows every row).
  const show = () => {
    const pages = Math.max(1, Math.ceil(matched.length / size));
    page = Math.min(Math.max(page, 0), pages - 1);
    const from = page * size;
    const on = new Set(matched.slice(from, from + size));
    for (const row of rows) row.classList.toggle("bn-off", !on.has(row));
    pager.hidden = matched.length <= size;
    previous.disabled = page === 0;
    next.disabled = page >= pages - 1;
    place.textContent = `${from + 1}–${Math.min(from + size, matched.length)} of ${matched.length}`;
  };
  const filter = () => {
    const words = fold(box.value).split(/\\s+/).filter(Boolean);
    matched = [];
    for (const row of rows) {
      row.hidden = !words.every((word) => text.get(row).includes(word));
      if (!row.hidden) matched.push(row);
    }
    count.textContent = `${matched.length} of ${rows.length}`;
    page = 0;
    show();
  };
  previous.addEventListener("click", () => { page -= 1; show(); });
  next.addEventListener("click", () => { page += 1; show(); });
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
  const heads = Array.from(table.tHead.rows[0].cells);
  heads.forEach((head, column) => {
    if (head.dataset.nosort !== undefined) return;
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = head.textContent;
    head.replaceChildren(button);
    button.addEventListener("click", () => {
      const direction = head.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      heads.forEach((other) => other.removeAttribute("aria-sort"));
      head.setAttribute("aria-sort", direction > 0 ? "ascending" : "descending");
      const key = (row) => row.cells[column].dataset.sort ?? row.cells[column].textContent.trim();
      const numeric = rows.every((row) => row.cells[column].dataset.sort !== undefined);
      rows.sort((a, b) => direction * (numeric ? key(a) - key(b) : collator.compare(key(a), key(b))));
      body.append(...rows);
      filter();
    });
  });
  box.addEventListener("input", filter);
  document.getElementById("bn-tools").hidden = false;
  document.getElementById("bn-skip").setAttribute("href", "#bn-filter");
  filter();

  // The timeline's marks: one Tab stop (arrow keys move between marks), and focusing or
  // tapping a mark shows its details below the chart, with the film's page as a link.
  // The charts are pictures, not stops on the way: only their marks take focus.
  document.querySelectorAll("figure > svg").forEach((svg) => svg.setAttribute("tabindex", "-1"));
  const chart = document.querySelector("#bn-timeline figure svg");
  const detail = document.getElementById("bn-detail");
  if (!chart || !detail) return;
  const marks = Array.from(chart.querySelectorAll(".bn-work"));
  chart.querySelectorAll(".bn-labelled").forEach((label) => label.setAttribute("tabindex", "-1"));
  marks.forEach((mark, index) => mark.setAttribute("tabindex", index === 0 ? "0" : "-1"));
  const describe = (mark) => {
    const lines = (mark.querySelector("title")?.textContent ?? "").split("\\n");
    const heading = document.createElement("strong");
    heading.textContent = lines[0];
    const list = document.createElement("ul");
    for (const line of lines.slice(1)) {
      const item = document.createElement("li");
      item.textContent = line;
      list.append(item);
    }
    const parts = [heading, list];
    const href = mark.getAttribute("href");
    if (href) {
      const link = document.createElement("a");
      link.href = href;
      link.textContent = "Open the film's page";
      link.tabIndex = -1;  // from the keyboard, Enter on the mark itself opens the page
      parts.push(link);
    }
    detail.replaceChildren(...parts);
    detail.hidden = false;
  };
  const choose = (mark) => {
    marks.forEach((other) => other.setAttribute("tabindex", other === mark ? "0" : "-1"));
    describe(mark);
  };
  chart.addEventListener("focusin", (event) => {
    const mark = event.target.closest(".bn-work, .bn-labelled");
    if (!mark) return;
    const target = mark.classList.contains("bn-work") ? mark : null;
    if (target) choose(target); else describe(mark);
  });
  chart.addEventListener("click", (event) => {
    const mark = event.target.closest(".bn-work, .bn-labelled");
    if (!mark || event.detail === 0) return;  // Enter (a click with no pointer) follows the link
    event.preventDefault();  // a tap shows the details; the link to the film is in them
    mark.focus();
    describe(mark);
  });
  chart.addEventListener("keydown", (event) => {
    const index = marks.indexOf(event.target.closest(".bn-work"));
    if (index < 0) return;
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: -marks.length, End: marks.length }[event.key];
    if (!step) return;
    event.preventDefault();
    const mark = marks[Math.min(Math.max(index + step, 0), marks.length - 1)];
    choose(mark);
    mark.focus();
  });
})();
"""

# Colours measured for WCAG AA (tests/test_browser.py recomputes them in Chromium): text at
# least 4.5:1 on its background, the filter's border and the marks at least 3:1.
_CSS = """\
:root{color-scheme:light dark;--bg:#fbfaf7;--card:#fff;--ink:#1f2328;--muted:#5b6068;--rule:#e4dfd5;
--field:#8c8577;--accent:#2f5f93;--gold:#7f5a00}
@media screen and (prefers-color-scheme:dark){:root{--bg:#16181d;--card:#1c1f26;--ink:#e9e7e3;--muted:#a3abb6;
--rule:#2d323c;--field:#7b8391;--accent:#8db5e6;--gold:#f5c542}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 FONTS;-webkit-text-size-adjust:100%}
a{color:var(--accent)}
.bn-skip{position:absolute;left:8px;top:-60px;padding:8px 12px;background:var(--card);color:var(--ink);
border:2px solid var(--accent);border-radius:8px;z-index:2}
.bn-skip:focus{top:8px}
header,main,footer{max-width:1280px;margin:0 auto;padding:0 16px}
header{padding-top:40px}
h1{font-size:2rem;line-height:1.2;margin:0 0 .3rem;letter-spacing:-.01em}
header p,footer{color:var(--muted);margin:0}
section{margin:36px 0}
h2{font-size:1.15rem;margin:0 0 12px;break-after:avoid}
figure{margin:0;background:var(--card);border:1px solid var(--rule);border-radius:12px;padding:8px;overflow-x:auto}
figure svg{display:block;max-width:none;height:auto;margin:0 auto;border-radius:8px}
figure svg :focus{outline:2px solid var(--accent)}
figcaption{color:var(--muted);font-size:.85rem;padding:8px 8px 2px;position:sticky;left:0}
.bn-hint{display:none}
@media (max-width:700px){.bn-hint{display:inline}}
#bn-detail{margin:10px 0 0;padding:10px 14px;background:var(--card);border:1px solid var(--rule);border-radius:10px}
#bn-detail[hidden]{display:none}
#bn-detail ul{margin:4px 0;padding-left:18px}
#bn-tools{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin-bottom:12px}
#bn-tools[hidden],#bn-pager[hidden]{display:none}
#bn-tools input{font:inherit;padding:6px 10px;border:1px solid var(--field);border-radius:8px;background:var(--card);
color:var(--ink);width:min(340px,100%)}
#bn-tools input:focus{outline:2px solid var(--accent);outline-offset:1px}
#bn-count,#bn-place{color:var(--muted);font-size:.85rem}
#bn-pager{display:flex;gap:8px;align-items:center;margin:12px 0}
#bn-pager button{font:inherit;padding:4px 12px;border:1px solid var(--field);border-radius:8px;background:var(--card);
color:var(--ink)}
table{width:100%;border-collapse:collapse;font-size:.9rem}
caption{caption-side:top;text-align:left;color:var(--muted);font-size:.85rem;padding-bottom:8px}
th,td{text-align:left;padding:7px 10px;border-bottom:1px solid var(--rule);vertical-align:top;overflow-wrap:break-word}
tbody th{font-weight:600}
thead th{position:sticky;top:0;z-index:1;background:var(--bg);font-size:.8rem;text-transform:uppercase;
letter-spacing:.05em;color:var(--muted);white-space:nowrap}
thead button{all:unset;cursor:pointer}
thead button:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
th[aria-sort=ascending] button::after{content:" \\25B2"}
th[aria-sort=descending] button::after{content:" \\25BC"}
tbody tr:hover{background:var(--card)}
tr.bn-off{display:none}
td.bn-num{font-variant-numeric:tabular-nums;white-space:nowrap}
.bn-won,.bn-nominated{white-space:nowrap}
.bn-won{color:var(--gold);font-weight:600}
.bn-nominated{color:var(--muted)}
.bn-links a{margin-right:8px;white-space:nowrap}
footer{padding-bottom:40px;font-size:.85rem}
@media (max-width:640px){
table,tbody,tr,th,td{display:block}
thead tr{display:flex;flex-wrap:wrap;gap:4px 14px;position:sticky;top:0;background:var(--bg);z-index:1}
thead th{position:static;border:0;padding:6px 0}
tbody tr{padding:8px 0;border-bottom:1px solid var(--rule)}
tbody th,tbody td{border:0;padding:2px 0}
LABELS}
@media print{:root{--bg:#fff;--card:#fff;--ink:#000;--muted:#333;--rule:#bbb;--gold:#5c4100;--accent:#000}
body{font-size:10pt}.bn-skip,#bn-tools,#bn-pager,#bn-detail,.bn-hint{display:none}
@page wide{size:landscape}
body>header,#bn-timeline{page:wide}
#bn-timeline,#bn-stats{break-inside:avoid}
figure{border:0;padding:0;overflow:visible;break-inside:avoid}
figure svg{max-width:100%;max-height:8in;width:auto}
h2,caption{break-after:avoid}
h2+figure{break-before:avoid}
thead{display:table-header-group}
thead th{position:static}
thead th button{display:none}
thead th:has(button)::before{content:attr(data-heading)}
tr{break-inside:avoid}
tr.bn-off{display:table-row}
a{color:inherit;text-decoration:none}
}
"""


def _cell(column: str, value: object) -> str:
    """One table cell; numbers and award lists carry a `data-sort` key for the script."""
    cell = "th" if column == "title" else "td"
    base: dict[str, object] = {"scope": "row"} if cell == "th" else {}
    if column == "links" and isinstance(value, Mapping):
        anchors = [
            tag("a", {"href": url}, text(site))
            for site, raw in value.items()
            for url in [safe_link(str(raw))]
            if url
        ]
        return tag(cell, {**base, "class_": "bn-links"}, " ".join(anchors))
    if isinstance(value, bool):
        return tag(cell, {**base, "data_sort": int(value)}, text("yes" if value else ""))
    if isinstance(value, (int, float)):
        return tag(cell, {**base, "class_": "bn-num", "data_sort": value}, text(value))
    if isinstance(value, (list, tuple)):
        if value and all(isinstance(v, Mapping) for v in value):
            awards = [_award(v) for v in value if isinstance(v, Mapping)]
            won = sum(1 for v in value if isinstance(v, Mapping) and v.get("result") == "won")
            return tag(cell, {**base, "data_sort": won * 1000 + len(value) - won}, ", ".join(awards))
        return tag(cell, base, text(", ".join(clean(v) for v in value)))
    if isinstance(value, Mapping):
        return tag(cell, base, text(", ".join(f"{clean(k)}: {clean(v)}" for k, v in value.items())))
    return tag(cell, base, text("" if value is None else value))


def _award(award: Mapping[str, object]) -> str:
    """`★ Oscar` (a no-break space keeps the star with its word), the full name in its title."""
    won = award.get("result") == "won"
    label = award.get("label") or award.get("body") or "award"
    year = f" ({award['year']})" if award.get("year") else ""
    detail = f"{'Won' if won else 'Nominated'}: {clean(award.get('body', ''))}: {clean(award.get('category', ''))}{year}"
    mark = WIN if won else NOMINATION
    return tag(
        "span",
        {"class_": "bn-won" if won else "bn-nominated", "title": detail},
        text(f"{mark}{NBSP}{clean(label)}"),
    )


def _stacked_labels(columns: Sequence[str]) -> str:
    """On a narrow screen each row is a stack of cells: each cell's column name goes before
    it, written once in the stylesheet rather than once per row."""
    return "".join(
        f'tbody tr>:nth-child({index}):not(:empty)::before{{content:"{_heading(column)}: ";'
        "color:var(--muted);font-size:.8rem}"
        for index, column in enumerate(columns, start=1)
        if column != "title"
    )


def _heading(column: str) -> str:
    return column.replace("_", " ").capitalize()


PAGE_SIZE = 100  # table rows shown at a time when the script runs


def career_page(
    *,
    title: str,
    timeline: str | None,
    stats: str | None,
    rows: Sequence[Mapping[str, object]],
    columns: Sequence[str],
    source: str = "",
) -> str:
    """The whole page as one string; `timeline` and `stats` are SVG documents from this package,
    `source` says where the data comes from and as of when."""
    sections = []
    hint = tag("span", {"class_": "bn-hint"}, text("Scroll the chart sideways. "))
    if timeline:
        caption = (
            f"Tap, click or Tab to a mark for its title, year, director, role and awards "
            f"(arrow keys move between marks, Enter opens the film's page). Solid {WIN}{NBSP}won, hollow {NOMINATION}{NBSP}nominated only."
        )
        detail = tag("div", {"id": "bn-detail", "role": "status", "aria_live": "polite", "hidden": True}, "")
        sections.append(_figure("bn-timeline", "Timeline", timeline, hint + text(caption), detail))
    if stats:
        caption = (
            "Counts over the works in the table. Awards are those for these works; career honours "
            "(for no single work) are counted apart, and only when the whole career is shown."
        )
        sections.append(_figure("bn-stats", "In numbers", stats, hint + text(caption)))
    head_row = tag(
        "tr",
        None,
        *(
            tag(
                "th",
                {"scope": "col", "data_nosort": "" if c == "links" else None, "data_heading": _heading(c)},
                text(_heading(c)),
            )
            for c in columns
        ),
    )
    body_rows = [tag("tr", None, *(_cell(c, row.get(c)) for c in columns)) for row in rows]
    tools = tag(
        "div",
        {"id": "bn-tools", "hidden": True},
        tag("label", {"for": "bn-filter"}, text("Filter")),
        tag(
            "input",
            {
                "id": "bn-filter",
                "type": "search",
                "placeholder": "title, director, role, award…",
                "autocomplete": "off",
            },
        ),
        tag("span", {"id": "bn-count", "aria_live": "polite"}, ""),
    )
    pager = tag(
        "nav",
        {"id": "bn-pager", "aria_label": "Table pages", "hidden": True},
        tag("button", {"type": "button"}, text("Previous")),
        tag("span", {"id": "bn-place", "aria_live": "polite"}, ""),
        tag("button", {"type": "button"}, text("Next")),
    )
    table = tag(
        "table",
        {"id": "bn-films", "data_page": PAGE_SIZE},
        tag(
            "caption",
            None,
            text(f"{len(rows):,} work{'s' if len(rows) != 1 else ''}; select a heading to sort"),
        ),
        tag("thead", None, head_row),
        tag("tbody", None, *body_rows),
    )
    sections.append(
        tag(
            "section",
            {"id": "bn-filmography", "aria_labelledby": "bn-h-films", "tabindex": -1},
            tag("h2", {"id": "bn-h-films"}, text("Filmography")),
            tools,
            table,
            pager,
        )
    )
    digest = base64.b64encode(hashlib.sha256(_SCRIPT.encode()).digest()).decode()
    policy = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    css = _CSS.replace("FONTS", FONT_STACK).replace("LABELS", _stacked_labels(columns))
    head = tag(
        "head",
        None,
        tag("meta", {"charset": "utf-8"}),
        tag("meta", {"http_equiv": "Content-Security-Policy", "content": policy}),
        tag("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
        tag("meta", {"name": "color-scheme", "content": "light dark"}),
        tag("meta", {"name": "generator", "content": "binoche-cli"}),
        tag("title", None, text(title)),
        tag("style", None, css),
    )
    foot = [text("Made with binoche-cli. Self-contained: this page loads nothing from the network.")]
    if source:
        foot.insert(0, text(source + " "))
    body = tag(
        "body",
        None,
        tag(
            "a",
            {"id": "bn-skip", "class_": "bn-skip", "href": "#bn-filmography"},
            text("Skip to the filmography"),
        ),
        tag(
            "header",
            None,
            tag("h1", None, text(title)),
            tag(
                "p", None, text(f"{plural(len(rows), 'entry', 'entries')}, with directors, roles and awards.")
            ),
        ),
        tag("main", None, *sections),
        tag("footer", None, tag("p", {"class_": "bn-source"}, *foot)),
        tag("script", None, _SCRIPT),
    )
    return "<!DOCTYPE html>\n" + tag("html", {"lang": "en"}, head, body) + "\n"


def _figure(ident: str, heading: str, svg: str, caption: str, after: str = "") -> str:
    """A chart, its caption (markup) and what follows it, kept under one heading."""
    return tag(
        "section",
        {"id": ident, "aria_labelledby": f"{ident}-h"},
        tag("h2", {"id": f"{ident}-h"}, text(heading)),
        tag("figure", None, svg, tag("figcaption", None, caption)),
        after,
    )
