"""Reading a CSV's records one at a time, for the importers: the text is split into lines the
way io.StringIO(newline="") would, without copying it, and a CSV error names its line.

Pure: text in, records out. `ExchangeError` comes from here so every importer raises one kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


class ExchangeError(Exception):
    """The file is not in any format we read; the message is one line naming the file."""


# One line with its ending, as io.StringIO(newline="") splits them (\r\n, \r or \n), without
# copying the whole text into a StringIO buffer (four bytes a character).
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def lines(text: str) -> Iterator[str]:
    return (m.group() for m in _LINE.finditer(text))


def csv_header(name: str, text: str) -> list[str]:
    import csv

    try:
        return [h.strip().lstrip("\ufeff") for h in next(csv.reader(lines(text)))]
    except StopIteration:
        return []
    except csv.Error as exc:
        raise ExchangeError(f"{name}:1: not a readable CSV: {exc}") from None


def iter_csv_records(name: str, text: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(first line of the record, cells by column) for each non-blank row, one at a time."""
    import csv

    reader = csv.reader(lines(text))
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
    except StopIteration:
        return
    except csv.Error as exc:
        raise ExchangeError(f"{name}:1: not a readable CSV: {exc}") from None
    start = reader.line_num + 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                yield start, dict(zip(header, cells, strict=False))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ExchangeError(f"{name}:{start}: not a readable CSV: {exc}") from None


def csv_records(name: str, text: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and every record, in memory: for the CSVs inside a ZIP, merged by film."""
    return csv_header(name, text), list(iter_csv_records(name, text))
