"""The one CSV writer: every `-f csv` listing and every CSV export (`seen export -f csv`,
`letterboxd`, `imdb`) goes through `write_csv`, so `--csv-safe` holds for all of them.

Standard library only: `seen export` and the listings share it without loading Rich.
"""

import csv
from collections.abc import Iterable, Sequence
from typing import IO

# Characters a spreadsheet reads as the start of a formula (OWASP's CSV injection list): the
# four formula signs, and tab and carriage return, which some spreadsheets skip first.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralised(text: str) -> str:
    """`text` as a spreadsheet shows it but never runs it: a leading `'` before a formula start."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def write_csv(
    stream: IO[str],
    header: Sequence[str] | None,
    rows: Iterable[Sequence[object]],
    *,
    csv_safe: bool,
    lineterminator: str = "\r\n",
) -> None:
    """RFC 4180 CSV: `header` (None: no header row), then `rows`.

    With `csv_safe`, every cell starting with = + - @, a tab or a carriage return gets a
    leading `'` (OWASP's advice), headers included. `csv_safe` has no default so that no
    caller can forget it."""
    writer = csv.writer(stream, lineterminator=lineterminator)
    if header is not None:
        writer.writerow([neutralised(h) for h in header] if csv_safe else header)
    for row in rows:
        cells = [_cell(value) for value in row]
        writer.writerow([neutralised(c) for c in cells] if csv_safe else cells)
