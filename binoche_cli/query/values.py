"""Filter values as people type them: decades (`90s`), years and ranges (`2010-`), running
times (`<100`) and kinds by prefix (`doc`). Each parser raises ValueError with a hint."""

import re
from collections.abc import Iterable
from typing import NamedTuple

from binoche_cli.dataset.catalog import FILM_KINDS


class YearRange(NamedTuple):
    first: int
    last: int

    def __contains__(self, year: object) -> bool:
        return isinstance(year, int) and self.first <= year <= self.last


def _century(two_digits: int) -> int:
    """Two-digit years and decades: 30-99 are 19xx, 00-29 are 20xx."""
    return (1900 if two_digits >= 30 else 2000) + two_digits


def parse_decade(text: str) -> YearRange:
    """`1990s`, `1990`, `90s`, `'90s` -> 1990..1999; a year inside it (`1993`) means its decade."""
    digits = text.strip().lower().replace("\u2019", "'")
    # Plain string steps rather than a regex: this is on the path of every decade lookup.
    digits = digits.removeprefix("'").removesuffix("s").removesuffix("'")
    if not (digits.isascii() and digits.isdigit() and len(digits) in (2, 4)):
        raise ValueError(f"{text!r} is not a decade; try 1990s, 1990, 90s or '90s")
    start = _century(int(digits)) if len(digits) == 2 else int(digits)
    start -= start % 10
    return YearRange(start, start + 9)


def _year(text: str) -> int | None:
    if not text:
        return None
    return _century(int(text)) if len(text) == 2 else int(text)


def parse_years(text: str) -> YearRange:
    """`1993` or `93`, `1990-1999`, `2010-` (onwards), `-1990` (up to)."""
    cleaned = text.strip().replace("\u2013", "-").replace("..", "-")
    match = re.fullmatch(r"(\d{4}|\d{2})?\s*(-)?\s*(\d{4}|\d{2})?", cleaned)
    hint = f"{text!r} is not a year or range; try 1993, 93, 1990-1999, 2010- or -1990"
    if not cleaned or not match or (match.group(2) is None and match.group(3)):
        raise ValueError(hint)
    first, dash, last = match.groups()
    low, high = _year(first or ""), _year(last or "")
    if dash is None:
        if low is None:
            raise ValueError(hint)
        return YearRange(low, low)
    if low is None and high is None:
        raise ValueError(hint)
    low = 0 if low is None else low
    high = 9999 if high is None else high
    if low > high:
        raise ValueError(f"{text!r}: the range ends before it starts")
    return YearRange(low, high)


def parse_runtime(text: str) -> YearRange:
    """`<100`, `>150`, `90-120`, `<=90`, `95` -> a range of minutes."""
    cleaned = text.strip().replace(" ", "").replace("\u2013", "-").removesuffix("min")
    hint = f"{text!r} is not a running time; try <100, 90-120 or >150 (minutes)"
    match = re.fullmatch(r"(<=|>=|<|>)?(\d{1,4})(?:-(\d{1,4}))?", cleaned)
    if not match:
        raise ValueError(hint)
    op, first, last = match.groups()
    low = int(first)
    if last is not None:
        if op:
            raise ValueError(hint)
        if int(last) < low:
            raise ValueError(f"{text!r}: the range ends before it starts")
        return YearRange(low, int(last))
    bounds = {"<": (0, low - 1), "<=": (0, low), ">": (low + 1, 99999), ">=": (low, 99999)}
    return YearRange(*bounds.get(op or "", (low, low)))


def resolve_kinds(kinds: Iterable[str]) -> tuple[str, ...]:
    """Kinds by prefix, like every other name: `doc` -> documentary. ValueError if unknown."""
    found: list[str] = []
    for kind in kinds:
        wanted = kind.strip().lower()
        hits = [k for k in FILM_KINDS if k.startswith(wanted)] if wanted else []
        if len(hits) != 1:
            reason = "matches several kinds" if hits else "is not a kind"
            raise ValueError(f"{kind!r} {reason}; choose from {', '.join(FILM_KINDS)}")
        found.append(hits[0])
    return tuple(found)


def decade_of(year: int) -> int:
    return year - year % 10
