"""Writers: one per output format, over the same records (a list of plain dicts).

Machine formats are written with the standard library straight to the stream: Rich would
expand tabs, wrap at 80 columns off a terminal and read `[...]` as markup. The human formats
(table, card) are laid out here, from measured cell widths, and only coloured by Rich: a Rich
`Table` costs about a millisecond per row, which a long listing cannot afford.

Every value from the data passes through `text.visible` before it reaches a stream (JSON is
escaped by `json.dumps` and `text.json_escape_unsafe` instead), so a control character or bidi override in a title is shown,
never obeyed. Values never go through Rich markup, so `[i]` prints as `[i]`.
"""

import re
import sys
from collections.abc import Iterable, Sequence
from typing import IO, Any

from binoche_cli.files import write_csv
from binoche_cli.output.terminal import Terminal
from binoche_cli.output.wrapping import GLUE, emit, longest_word, wrap_words
from binoche_cli.text import json_escape_unsafe, visible

FORMATS = ("table", "plain", "tsv", "csv", "json", "jsonl", "markdown")
Record = dict[str, Any]

# Narrower than this, a table that does not fit becomes stacked records (one block per row).
STACK_BELOW = 60
_GAP = 2  # spaces between table columns
_NO_WRAP = frozenset(("year", "result", "films", "wins", "count", "first_year", "last_year", "marked"))
_RIGHT = frozenset(("year", "films", "wins", "count", "first_year", "last_year"))
_ONE_PER_LINE = frozenset(("directors", "costars", "titles", "sources"))


def cell_text(value: Any) -> str:
    """One value as text for the line-oriented formats (not yet made `visible`)."""
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
    # The other control characters are left to `visible`.
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _line_field(value: Any) -> str:
    return visible(_escape_tsv(cell_text(value)))


def _visible_keeping(text: str, keep: str) -> str:
    """`visible(text)`, but the characters in `keep` (say tab and newline) pass through."""
    if text.isprintable():
        return text
    return re.sub(f"[^{re.escape(keep)}]+", lambda m: visible(m.group()), text)


def _csv_cell(value: Any, term: Terminal) -> str:
    # Quoted CSV fields may hold tabs and newlines; the other controls are made visible.
    return term.encodable(_visible_keeping(cell_text(value), "\t\n"))


def _pick(record: Record, fields: Sequence[str]) -> Record:
    return {f: record.get(f) for f in fields}


def write(
    records: Iterable[Record],
    fields: Sequence[str],
    fmt: str,
    term: Terminal,
    *,
    header: bool = True,
    title: str = "",
    all_fields: bool = False,
    csv_safe: bool = False,
) -> None:
    """Write records in `fmt`. JSON formats keep every key unless `fields` was chosen.

    `csv_safe` (CSV only, off by default) defends against formula injection: a cell that
    starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so a
    spreadsheet shows it as text instead of running it. It is opt-in because it changes the
    data (`-5` becomes `'-5`) for every reader that is not a spreadsheet; the default output
    stays RFC 4180 and reads back exactly.

    The table's `title` is printed only on a terminal: in a pipe it would be a stray first line.
    `records` may be a generator: the line formats (plain, tsv, csv, jsonl, markdown) write each
    record as it comes, so a long listing never holds every record at once.
    """
    out = term.stdout
    if fmt == "json":
        import json

        # Record by record, byte for byte what json.dumps(every_record, indent=2) writes: a long
        # listing never holds its whole text (84,000 films made a 1 GB process).
        opening = "[\n  "
        for r in records:
            row = r if all_fields else _pick(r, fields)
            # Line by line, as graph.to_json does: the indentation's newlines would otherwise
            # each go through json_escape_unsafe's Python callback.
            lines = json.dumps(row, ensure_ascii=not term.utf8, indent=2).split("\n")
            out.write(opening + "\n  ".join(map(json_escape_unsafe, lines)))
            opening = ",\n  "
        out.write("[]\n" if opening == "[\n  " else "\n]\n")
    elif fmt == "jsonl":
        import json

        for r in records:
            row = r if all_fields else _pick(r, fields)
            out.write(json_escape_unsafe(json.dumps(row, ensure_ascii=not term.utf8)) + "\n")
    elif fmt in ("plain", "tsv"):
        if fmt == "tsv" and header:
            out.write("\t".join(fields) + "\n")
        for r in records:
            line = "\t".join(_line_field(r.get(f)) for f in fields)
            out.write(term.encodable(line) + "\n")
    elif fmt == "csv":
        cells = ([_csv_cell(r.get(f), term) for f in fields] for r in records)
        write_csv(out, fields if header else None, cells, csv_safe=csv_safe)
    elif fmt == "markdown":
        _write_markdown(records, fields, out, term)
    else:
        write_table(list(records), fields, term, title=title, header=header)


def _write_markdown(records: Iterable[Record], fields: Sequence[str], out: IO[str], term: Terminal) -> None:
    def cell(value: Any) -> str:
        text = cell_text(value).replace("\\", "\\\\").replace("|", "\\|")
        text = text.replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", " ")
        return term.encodable(visible(text))

    out.write("| " + " | ".join(fields) + " |\n")
    out.write("|" + "|".join("---" for _ in fields) + "|\n")
    for r in records:
        out.write("| " + " | ".join(cell(r.get(f)) for f in fields) + " |\n")


# ---------------------------------------------------------------------------------------
# Tables

# Column styles; values always go in as text, never as markup.
_STYLES = {
    "year": "cyan",
    "title": "bold",
    "directors": "green",
    "director": "green",
    "awards": "yellow",
    "films": "magenta",
}

Piece = tuple[str, str]  # (text, style): one logical line of a cell


def cell_lines(field: str, value: Any, term: Terminal) -> list[Piece]:
    """A value as the logical lines of a table cell or card entry, each with its style."""
    if field == "awards" and isinstance(value, list):
        pieces = []
        for award in value:
            if not isinstance(award, dict):
                pieces.append((visible(cell_text(award)), "yellow"))
                continue
            won = award.get("result") == "won"
            marker = term.win_mark if won else term.nomination_mark
            name = visible(award_text(award).rsplit(" (", 1)[0])
            pieces.append((f"{marker}{GLUE}{name}", "bold yellow" if won else "dim"))
        return pieces
    if field == "result" and isinstance(value, str):
        return [(visible(value), "bold green" if value == "won" else "dim")]
    style = _STYLES.get(field, "")
    if isinstance(value, (list, tuple)) and (field in _ONE_PER_LINE or field == "co-stars"):
        return [(visible(cell_text(v)), style) for v in value]
    return [(visible(cell_text(value)), style)]


def table_cell(field: str, value: Any, term: Terminal) -> Any:
    """A value as a Rich `Text` (lines joined), for callers that compose their own Rich output."""
    from rich.text import Text

    text = Text()
    for i, (plain, style) in enumerate(cell_lines(field, value, term)):
        if i:
            text.append("\n")
        text.append(plain.replace(GLUE, " "), style=style)
    return text


def _column_widths(
    fields: Sequence[str], headers: Sequence[str], cells: Sequence[Sequence[Sequence[Piece]]], width: int
) -> list[int] | None:
    """Column widths that fit `width` with no word split, or None when none do."""
    from rich.cells import cell_len

    natural = [cell_len(h) for h in headers]
    minimum = list(natural)
    wraps = [f not in _NO_WRAP for f in fields]
    for row in cells:
        for i, pieces in enumerate(row):
            for plain, _ in pieces:
                size = cell_len(plain)
                if size > natural[i]:
                    natural[i] = size
                if wraps[i] and size > minimum[i]:
                    minimum[i] = max(minimum[i], longest_word(plain))
                elif not wraps[i]:
                    minimum[i] = max(minimum[i], size)
    gaps = _GAP * (len(headers) - 1)
    if sum(natural) + gaps <= width:
        return natural
    if width < STACK_BELOW or sum(minimum) + gaps > width:
        return None
    # Cap the widest columns first: short columns (a title, a role) stay whole and the long
    # ones (awards, notes) wrap. The cap is the largest that fits, found by bisection.
    room = width - gaps
    low, high = 0, max(natural)
    while low < high:
        cap = (low + high + 1) // 2
        if sum(max(m, min(n, cap)) for n, m in zip(natural, minimum, strict=True)) <= room:
            low = cap
        else:
            high = cap - 1
    widths = [max(m, min(n, low)) for n, m in zip(natural, minimum, strict=True)]
    leftover = room - sum(widths)
    for i in sorted(range(len(widths)), key=lambda i: natural[i] - widths[i], reverse=True):
        grow = min(leftover, natural[i] - widths[i])
        if grow > 0:
            widths[i] += grow
            leftover -= grow
    return widths


def _layout_rows(
    headers: Sequence[str],
    fields: Sequence[str],
    cells: Sequence[Sequence[Sequence[Piece]]],
    widths: Sequence[int],
    term: Terminal,
    header: bool,
) -> list[tuple[Piece, ...]]:
    """Table lines as pieces; pads are unstyled pieces, and no line ends in spaces."""
    from rich.cells import cell_len

    last = len(widths) - 1
    right = [f in _RIGHT for f in fields]

    def line_of(parts: Sequence[Piece]) -> tuple[Piece, ...]:
        out: list[Piece] = []
        for i, (plain, style) in enumerate(parts):
            pad = widths[i] - cell_len(plain)
            if right[i] and pad > 0:
                out.append((" " * pad, ""))
                pad = 0
            out.append((plain, style))
            if i < last:
                out.append((" " * (max(pad, 0) + _GAP), ""))
        while out and not out[-1][0].strip(" "):
            out.pop()
        if out:
            plain, style = out[-1]
            out[-1] = (plain.rstrip(" "), style)
        return tuple(out)  # a tuple of strings: see write_table

    lines: list[tuple[Piece, ...]] = []
    if header:
        lines.append(line_of([(h, "bold") for h in headers]))
        rule = "─" if term.fancy_glyphs else "-"
        lines.append(line_of([(rule * w, "dim") for w in widths]))
    for row in cells:
        columns = [
            [line for plain, style in pieces for line in _wrapped(plain, style, widths[i])]
            for i, pieces in enumerate(row)
        ]
        height = max((len(c) for c in columns), default=0)
        for n in range(height):
            lines.append(line_of([c[n] if n < len(c) else ("", "") for c in columns]))
    return lines


def _wrapped(plain: str, style: str, width: int) -> list[Piece]:
    return [(line, style) for line in wrap_words(plain, width)]


def _stacked_rows(
    headers: Sequence[str],
    cells: Sequence[Sequence[Sequence[Piece]]],
    width: int,
    *,
    urls: Sequence[str] = (),
) -> list[list[Piece]]:
    """One key/value block per record, a blank line between blocks: the narrow layout.

    Labels sit beside their values while that leaves room for a value; at tiny widths they
    go above. Values wrap at spaces; a word wider than the screen overflows it, whole.
    """
    from rich.cells import cell_len

    label_width = max((cell_len(h) for h in headers), default=0)
    beside = width - label_width - _GAP >= 12
    value_width = width - label_width - _GAP if beside else max(1, width - 2)
    lines: list[list[Piece]] = []
    for number, row in enumerate(cells):
        if number:
            lines.append([])
        for label, pieces in zip(headers, row, strict=True):
            values: list[Piece] = []
            for plain, style in pieces:
                if not plain:
                    continue
                if label in urls:  # a URL is one word however long: never folded
                    values.append((plain, style))
                else:
                    values.extend(_wrapped(plain, style, value_width))
            if not values:
                continue
            if beside:
                pad = " " * (label_width - cell_len(label) + _GAP)
                lines.append([(label, "bold"), (pad, ""), values[0]])
                lines.extend([(" " * (label_width + _GAP), ""), v] for v in values[1:])
            else:
                lines.append([(label, "bold")])
                lines.extend([("  ", ""), v] for v in values)
    return lines


def _print_pieces(lines: Sequence[Sequence[Piece]], term: Terminal, links: bool = False) -> None:
    """Plain text straight to the stream when unstyled (no Rich at all), else one Rich print."""
    if not term.style:
        body = "\n".join("".join(plain for plain, _ in line) for line in lines)
        term.stdout.write(term.encodable(body.replace(GLUE, " ")) + "\n")
        return
    from rich.style import Style
    from rich.text import Text

    rendered = []
    for line in lines:
        text = Text()
        for plain, style in line:
            if style == "link":
                text.append(plain, Style(link=plain, color="blue", underline=True) if links else "blue")
            else:
                text.append(plain, style or None)
        rendered.append(text)
    emit(rendered, term.console())


def write_table(
    records: Sequence[Record], fields: Sequence[str], term: Terminal, *, title: str = "", header: bool = True
) -> None:
    """Records as an aligned table, or as stacked records when the table cannot fit.

    No word is ever split: columns are at least as wide as their longest word, and when
    those minimums do not fit (or the screen is under `STACK_BELOW` columns and the table
    would need wrapping) each record becomes a key/value block instead.
    """
    if not records:
        return
    width = term.columns
    headers = [f.replace("_", " ") for f in fields]
    # Tuples, not lists: a tuple holding only strings (and such tuples) is dropped by the
    # cyclic collector the first time it sees it, where every list of a long table stayed
    # tracked and was walked again by each full collection (a third of the time of a table of
    # 84,000 films, and a cost per row that grew with the rows).
    cells = [tuple(tuple(cell_lines(f, r.get(f), term)) for f in fields) for r in records]
    widths = _column_widths(fields, headers, cells, width)
    lines: Sequence[Sequence[Piece]]
    if widths is None:
        lines = _stacked_rows(headers, cells, width)
    else:
        lines = _layout_rows(headers, fields, cells, widths, term, header)
    if title and term.isatty:
        lines = [[(visible(title), "bold")], *lines]
    _print_pieces(lines, term)


def write_object(record: Record, term: Terminal) -> None:
    """One record as an indented JSON object."""
    import json

    term.stdout.write(json_escape_unsafe(json.dumps(record, ensure_ascii=not term.utf8, indent=2)) + "\n")


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ()


def write_card(rows: Sequence[tuple[str, Any]], heading: str, term: Terminal, fmt: str) -> None:
    """A detail card: label/value lines under a heading, or `key\\tvalue` lines off a table.

    Sources are whole URLs, one per line and never folded (a URL cut in two cannot be
    clicked or copied); on a styled terminal they are also OSC 8 hyperlinks.
    """
    if fmt != "table":
        for label, value in rows:
            text = cell_text(value)
            if text:
                term.stdout.write(term.encodable(f"{label}\t{visible(_escape_tsv(text))}") + "\n")
        return
    shown = [(label, value) for label, value in rows if not _empty(value)]
    labels = [label for label, _ in shown]
    cells = [[_card_lines(label, value, term) for label, value in shown]]
    lines = _stacked_rows(labels, cells, term.columns, urls=("sources",))
    rule = ("─" if term.fancy_glyphs else "-") * min(term.columns, max(8, len(heading)))
    lines = [[(visible(heading), "bold")], [(rule, "dim")], *lines]
    _print_pieces(lines, term, links=term.links)


def _card_lines(label: str, value: Any, term: Terminal) -> list[Piece]:
    if label == "sources" and isinstance(value, (list, tuple)):
        return [(visible(cell_text(v)), "link") for v in value]
    if label == "awards":
        return cell_lines("awards", value, term)
    if isinstance(value, (list, tuple)):
        return [(visible(cell_text(v)), "") for v in value]
    return [(visible(cell_text(value)), "")]


def write_info(info: dict[str, Any], term: Terminal) -> None:
    """`data info` as `key<TAB>value` lines; nested counts as `key.sub<TAB>n`."""
    for key, value in info.items():
        if isinstance(value, dict):
            for sub, count in value.items():
                line = f"{visible(str(key))}.{_line_field(sub)}\t{_line_field(count)}"
                term.stdout.write(term.encodable(line) + "\n")
        else:
            term.stdout.write(term.encodable(f"{visible(str(key))}\t{_line_field(value)}") + "\n")


def message(text: str) -> None:
    """A message on stderr; data never goes there. Anything quoted from a file or the command
    line is shown, not obeyed: control characters become visible stand-ins (tabs kept)."""
    sys.stderr.write(_visible_keeping(text.rstrip("\n"), "\t\n") + "\n")
