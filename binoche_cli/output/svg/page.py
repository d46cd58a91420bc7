"""One self-contained HTML page: the charts inlined as SVG, and the filmography as a table.

The table is plain HTML, complete without scripts; a few lines of inline JavaScript add
sorting (click a header) and filtering (type in the box). A Content-Security-Policy forbids
every fetch, so the page cannot make a network request however its data is crafted.
"""

import base64
import hashlib
from collections.abc import Mapping, Sequence

from binoche_cli.output.svg._markup import FONT_STACK, NBSP, NOMINATION, WIN, clean, tag, text
from binoche_cli.output.svg._palette import COLOURS
from binoche_cli.text import plural

_SCRIPT = """\
(() => {
  const table = document.getElementById("bn-films");
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const fold = (s) => s.normalize("NFKD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase();
  const text = new Map(rows.map((row) => [row, fold(row.textContent)]));
  const box = document.getElementById("bn-filter");
  const count = document.getElementById("bn-count");
  const filter = () => {
    const words = fold(box.value).split(/\\s+/).filter(Boolean);
    let shown = 0;
    for (const row of rows) {
      row.hidden = !words.every((word) => text.get(row).includes(word));
      shown += row.hidden ? 0 : 1;
    }
    count.textContent = `${shown} of ${rows.length}`;
  };
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
  const heads = Array.from(table.tHead.rows[0].cells);
  heads.forEach((head, column) => {
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
    });
  });
  box.addEventListener("input", filter);
  document.getElementById("bn-tools").hidden = false;
  filter();
})();
"""

_CSS = """\
:root{color-scheme:light dark;--bg:#fbfaf7;--card:#fff;--ink:#1f2328;--muted:#6a6f78;--rule:#e4dfd5;
--accent:#33679e;--gold:#9a6f00}
@media (prefers-color-scheme:dark){:root{--bg:#16181d;--card:#1c1f26;--ink:#e9e7e3;--muted:#9ba3ae;
--rule:#2d323c;--accent:#7ba9e0;--gold:#f5c542}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 FONTS;-webkit-text-size-adjust:100%}
header,main,footer{max-width:1280px;margin:0 auto;padding:0 24px}
header{padding-top:40px}
h1{font-size:2rem;line-height:1.2;margin:0 0 .3rem;letter-spacing:-.01em}
header p,footer{color:var(--muted);margin:0}
section{margin:36px 0}
h2{font-size:1.15rem;margin:0 0 12px}
figure{margin:0;background:var(--card);border:1px solid var(--rule);border-radius:12px;padding:8px;overflow-x:auto}
figure svg{display:block;max-width:100%;height:auto;margin:0 auto;border-radius:8px}
figcaption{color:var(--muted);font-size:.85rem;padding:8px 8px 2px}
#bn-tools{display:flex;gap:12px;align-items:center;margin-bottom:12px}
#bn-tools[hidden]{display:none}
#bn-tools input{font:inherit;padding:6px 10px;border:1px solid var(--rule);border-radius:8px;background:var(--card);
color:var(--ink);width:min(340px,100%)}
#bn-tools input:focus{outline:2px solid var(--accent);outline-offset:1px}
#bn-count{color:var(--muted);font-size:.85rem}
.bn-scroll{overflow-x:auto}
table{width:100%;border-collapse:collapse;font-size:.9rem}
caption{caption-side:top;text-align:left;color:var(--muted);font-size:.85rem;padding-bottom:8px}
th,td{text-align:left;padding:7px 10px;border-bottom:1px solid var(--rule);vertical-align:top}
tbody th{font-weight:600}
thead th{position:sticky;top:0;background:var(--bg);font-size:.75rem;text-transform:uppercase;letter-spacing:.05em;
color:var(--muted);white-space:nowrap}
thead button{all:unset;cursor:pointer}
thead button:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
th[aria-sort=ascending] button::after{content:" \\25B2"}
th[aria-sort=descending] button::after{content:" \\25BC"}
tbody tr:hover{background:var(--card)}
td.bn-num{font-variant-numeric:tabular-nums;white-space:nowrap}
.bn-won,.bn-nominated{white-space:nowrap}
.bn-won{color:var(--gold);font-weight:600}
.bn-nominated{color:var(--muted)}
footer{padding-bottom:40px;font-size:.85rem}
@media print{:root{--bg:#fff;--card:#fff;--ink:#000;--muted:#444;--rule:#bbb;--gold:#7a5800}
body{font-size:10pt}#bn-tools{display:none}figure{border:0;padding:0;break-inside:avoid}
thead th{position:static}tr{break-inside:avoid}a{color:inherit;text-decoration:none}
PRINT}
"""


def _print_colours() -> str:
    # An inline SVG follows the screen's dark scheme even on paper: force its light colours.
    return "".join(
        f"svg .bn-f-{key}{{fill:{c.light}}}svg .bn-s-{key}{{stroke:{c.light}}}" for key, c in COLOURS.items()
    )


def _cell(column: str, value: object) -> str:
    """One table cell; numbers and award lists carry a `data-sort` key for the script."""
    cell = "th" if column == "title" else "td"
    scope = "row" if cell == "th" else None
    if isinstance(value, bool):
        return tag(cell, {"scope": scope, "data_sort": int(value)}, text("yes" if value else ""))
    if isinstance(value, (int, float)):
        return tag(cell, {"scope": scope, "class_": "bn-num", "data_sort": value}, text(value))
    if isinstance(value, (list, tuple)):
        if value and all(isinstance(v, Mapping) for v in value):
            awards = [_award(v) for v in value if isinstance(v, Mapping)]
            won = sum(1 for v in value if isinstance(v, Mapping) and v.get("result") == "won")
            return tag(cell, {"scope": scope, "data_sort": won * 1000 + len(value) - won}, ", ".join(awards))
        return tag(cell, {"scope": scope}, text(", ".join(clean(v) for v in value)))
    if isinstance(value, Mapping):
        return tag(
            cell, {"scope": scope}, text(", ".join(f"{clean(k)}: {clean(v)}" for k, v in value.items()))
        )
    return tag(cell, {"scope": scope}, text("" if value is None else value))


def _award(award: Mapping[str, object]) -> str:
    """`★ Oscar` (a no-break space keeps the star with its word), with the full name on hover."""
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


def _heading(column: str) -> str:
    return column.replace("_", " ").capitalize()


def career_page(
    *,
    title: str,
    timeline: str | None,
    stats: str | None,
    rows: Sequence[Mapping[str, object]],
    columns: Sequence[str],
) -> str:
    """The whole page as one string; `timeline` and `stats` are SVG documents from this package."""
    sections = []
    if timeline:
        caption = f"Hover a mark for title, year, director, role and awards. {WIN}{NBSP}won, {NOMINATION}{NBSP}nominated."
        sections.append(_figure("bn-timeline", "Timeline", timeline, caption))
    if stats:
        sections.append(_figure("bn-stats", "In numbers", stats, "Counts over the works shown in the table."))
    head_row = tag("tr", None, *(tag("th", {"scope": "col"}, text(_heading(c))) for c in columns))
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
    table = tag(
        "div",
        {"class_": "bn-scroll"},
        tag(
            "table",
            {"id": "bn-films"},
            tag(
                "caption",
                None,
                text(f"{len(rows)} work{'s' if len(rows) != 1 else ''}; click a heading to sort"),
            ),
            tag("thead", None, head_row),
            tag("tbody", None, *body_rows),
        ),
    )
    sections.append(
        tag(
            "section",
            {"aria_labelledby": "bn-h-films"},
            tag("h2", {"id": "bn-h-films"}, text("Filmography")),
            tools,
            table,
        )
    )
    digest = base64.b64encode(hashlib.sha256(_SCRIPT.encode()).digest()).decode()
    policy = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    css = _CSS.replace("FONTS", FONT_STACK).replace("PRINT", _print_colours())
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
    body = tag(
        "body",
        None,
        tag(
            "header",
            None,
            tag("h1", None, text(title)),
            tag(
                "p", None, text(f"{plural(len(rows), 'entry', 'entries')}, with directors, roles and awards.")
            ),
        ),
        tag("main", None, *sections),
        tag(
            "footer",
            None,
            tag(
                "p",
                None,
                text("Made with binoche-cli. Self-contained: this page loads nothing from the network."),
            ),
        ),
        tag("script", None, _SCRIPT),
    )
    return "<!DOCTYPE html>\n" + tag("html", {"lang": "en"}, head, body) + "\n"


def _figure(ident: str, heading: str, svg: str, caption: str) -> str:
    return tag(
        "section",
        {"aria_labelledby": f"{ident}-h"},
        tag("h2", {"id": f"{ident}-h"}, text(heading)),
        tag("figure", None, svg, tag("figcaption", None, text(caption))),
    )
