"""Writers: one per output format, over the same records (a list of plain dicts).

Machine formats are written with the standard library straight to the stream: Rich would
expand tabs, wrap at 80 columns off a terminal and read `[...]` as markup. Only `table`
goes through Rich, with every value wrapped in `Text` so brackets print literally.
"""

import sys
from collections.abc import Sequence
from typing import IO, Any

from .terminal import Terminal

FORMATS = ("table", "plain", "tsv", "csv", "json", "jsonl", "markdown")
Record = dict[str, Any]


def cell_text(value: Any) -> str:
    """One value as text for the line-oriented formats."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return "; ".join(award_text(v) if isinstance(v, dict) else cell_text(v) for v in value)
    if isinstance(value, dict):
        return award_text(value)
    return str(value)


def award_text(award: dict[str, Any]) -> str:
    """`Oscar: Best Supporting Actress (won)`: compact, unambiguous, ASCII-friendly."""
    label = award.get("label") or award.get("body", "")
    category = award.get("category", "")
    name = label if label and label in category else f"{label}: {category}"
    return f"{name} ({award.get('result', '')})"


def _escape_tsv(text: str) -> str:
    # The convention of PostgreSQL's text COPY: a field never contains a raw tab or newline.
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _pick(record: Record, fields: Sequence[str]) -> Record:
    return {f: record.get(f) for f in fields}


def write(
    records: Sequence[Record],
    fields: Sequence[str],
    fmt: str,
    term: Terminal,
    *,
    header: bool = True,
    title: str = "",
    all_fields: bool = False,
) -> None:
    """Write records in `fmt`. JSON formats keep every key unless `fields` was chosen."""
    out = term.stdout
    if fmt == "json":
        import json

        rows = list(records) if all_fields else [_pick(r, fields) for r in records]
        out.write(json.dumps(rows, ensure_ascii=not term.utf8, indent=2) + "\n")
    elif fmt == "jsonl":
        import json

        for r in records:
            row = r if all_fields else _pick(r, fields)
            out.write(json.dumps(row, ensure_ascii=not term.utf8) + "\n")
    elif fmt in ("plain", "tsv"):
        if fmt == "tsv" and header:
            out.write("\t".join(fields) + "\n")
        for r in records:
            line = "\t".join(_escape_tsv(cell_text(r.get(f))) for f in fields)
            out.write(term.encodable(line) + "\n")
    elif fmt == "csv":
        import csv

        writer = csv.writer(out, lineterminator="\r\n")
        if header:
            writer.writerow(fields)
        for r in records:
            writer.writerow([term.encodable(cell_text(r.get(f))) for f in fields])
    elif fmt == "markdown":
        _write_markdown(records, fields, out, term)
    else:
        write_table(records, fields, term, title=title)


def _write_markdown(records: Sequence[Record], fields: Sequence[str], out: IO[str], term: Terminal) -> None:
    def cell(value: Any) -> str:
        text = cell_text(value).replace("\\", "\\\\").replace("|", "\\|")
        return term.encodable(text.replace("\r", " ").replace("\n", "<br>"))

    out.write("| " + " | ".join(fields) + " |\n")
    out.write("|" + "|".join("---" for _ in fields) + "|\n")
    for r in records:
        out.write("| " + " | ".join(cell(r.get(f)) for f in fields) + " |\n")


# Column styles for the table; values always go in as Text, never as markup.
_STYLES = {
    "year": "cyan",
    "title": "bold",
    "directors": "green",
    "director": "green",
    "result": "",
    "awards": "yellow",
    "films": "magenta",
}


def table_cell(field: str, value: Any, term: Terminal) -> Any:
    from rich.text import Text

    if field == "awards" and isinstance(value, list):
        text = Text()
        for i, award in enumerate(value):
            if i:
                text.append("\n")
            won = award.get("result") == "won"
            marker = term.win_mark if won else term.nomination_mark
            name = award_text(award).rsplit(" (", 1)[0]
            text.append(f"{marker} {name}", style="bold yellow" if won else "dim")
        return text
    if field == "result" and isinstance(value, str):
        return Text(value, style="bold green" if value == "won" else "dim")
    if isinstance(value, (list, tuple)) and field in ("directors", "costars", "titles"):
        return Text("\n".join(cell_text(v) for v in value), style=_STYLES.get(field, ""))
    return Text(cell_text(value), style=_STYLES.get(field, ""))


def write_table(records: Sequence[Record], fields: Sequence[str], term: Terminal, *, title: str = "") -> None:
    from rich.table import Table

    table = Table(
        title=title or None,
        box=term.box(),
        header_style="bold",
        show_lines=False,
        expand=False,
        title_justify="left",
    )
    for f in fields:
        # Titles fold rather than vanish behind an ellipsis at narrow widths.
        table.add_column(
            f.replace("_", " "),
            overflow="fold",
            no_wrap=f in ("year", "result", "films", "wins"),
            justify="right" if f in ("year", "films", "wins", "count", "first_year", "last_year") else "left",
            ratio=2 if f in ("title", "titles", "value") else None,
        )
    for r in records:
        table.add_row(*(table_cell(f, r.get(f), term) for f in fields))
    term.console().print(table)


def write_object(record: Record, term: Terminal) -> None:
    """One record as an indented JSON object."""
    import json

    term.stdout.write(json.dumps(record, ensure_ascii=not term.utf8, indent=2) + "\n")


def write_card(rows: Sequence[tuple[str, Any]], heading: str, term: Terminal, fmt: str) -> None:
    """A detail card: label/value pairs, as a Rich panel on a terminal or `key\\tvalue` lines."""
    if fmt != "table":
        for label, value in rows:
            text = cell_text(value)
            if text:
                term.stdout.write(term.encodable(f"{label}\t{_escape_tsv(text)}") + "\n")
        return
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in rows:
        if value in (None, "", [], ()):
            continue
        grid.add_row(
            Text(label), table_cell(label, value, term) if label == "awards" else Text(_card_text(value))
        )
    from rich.panel import Panel

    term.console().print(
        Panel(grid, title=Text(heading, style="bold"), box=term.box(panel=True), expand=False)
    )


def _card_text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "\n".join(cell_text(v) for v in value)
    return cell_text(value)


def write_info(info: dict[str, Any], term: Terminal) -> None:
    """`data info` as `key<TAB>value` lines; nested counts as `key.sub<TAB>n`."""
    for key, value in info.items():
        if isinstance(value, dict):
            for sub, count in value.items():
                term.stdout.write(term.encodable(f"{key}.{sub}\t{cell_text(count)}") + "\n")
        else:
            term.stdout.write(term.encodable(f"{key}\t{cell_text(value)}") + "\n")


def message(text: str) -> None:
    """A one-line message on stderr; data never goes there."""
    sys.stderr.write(text.rstrip("\n") + "\n")
