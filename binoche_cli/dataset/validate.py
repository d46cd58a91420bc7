"""Validation of a parsed dataset: every problem, each located (`film[12].year (line 40)`).

Imported only when a file is parsed (a cache miss) or checked (`data validate`), never on a
warm lookup. Line numbers cost a scan of the file, so they are found only when there is a
problem to report, in one pass over the bytes whatever the number of problems.
"""

import datetime
import re
import unicodedata
from typing import Any

from binoche_cli.dataset.catalog import (
    ABOUT_KEYS,
    AWARD_RESULTS,
    CONFIDENCES,
    CREDITS,
    EVENT_KINDS,
    FILM_KINDS,
    FILM_STATUSES,
    FIRST_YEAR,
    ID_PATTERNS,
    SCHEMA_VERSION,
    STAGE_KINDS,
    Award,
    Event,
    Film,
    GuideStep,
    StageWork,
    source_problem,
)
from binoche_cli.text import fold, has_unsafe, is_blank, visible

_DATE = r"\d{4}-\d{2}-\d{2}"
_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_STR = "a string"
_INT = "an integer"
_STRS = "a list of strings"

_TYPE_NAMES = {str: _STR, int: _INT, tuple[str, ...]: _STRS}


def _keys_of(record: Any, *extra: str) -> dict[str, tuple[str, bool]]:
    """key -> (expected type, required), read off the record's declaration: a field without a
    default is required. `extra` keys are kept in the file only (curator_sources)."""
    keys = {
        name: (_TYPE_NAMES[record.__annotations__[name]], name not in record._field_defaults)
        for name in record._fields
    }
    keys.update((name, (_STRS, False)) for name in extra)
    return keys


_FILM_KEYS = _keys_of(Film, "curator_sources")
_AWARD_KEYS = _keys_of(Award, "curator_sources")
_STAGE_KEYS = _keys_of(StageWork, "curator_sources")
_EVENT_KEYS = _keys_of(Event, "curator_sources")
_GUIDE_KEYS = _keys_of(GuideStep)
TABLE_KEYS = {
    "film": _FILM_KEYS,
    "award": _AWARD_KEYS,
    "stage": _STAGE_KEYS,
    "event": _EVENT_KEYS,
    "guide": _GUIDE_KEYS,
}
_TOP_KEYS = {"schema", "artist", *ABOUT_KEYS, *TABLE_KEYS}
_ALLOWED = {
    ("film", "kind"): FILM_KINDS,
    ("film", "status"): FILM_STATUSES,
    ("award", "result"): AWARD_RESULTS,
    ("event", "kind"): EVENT_KINDS,
    ("stage", "kind"): STAGE_KINDS,
    ("film", "confidence"): CONFIDENCES,
}


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _key(key: str) -> str:
    """A TOML key as a message shows it: bare when TOML allows, else quoted with escapes, so a
    newline in a key cannot start a fake second line on stderr."""
    if _BARE_KEY.fullmatch(key):
        return key
    import json

    return json.dumps(key if len(key) <= 40 else key[:37] + "...")


def _describe(value: Any) -> str:
    if isinstance(value, str):
        value = visible(value)  # shown, never obeyed: a newline is ␊, ESC is ␛
        return f'"{value}"' if len(value) <= 40 else f'"{value[:37]}..."'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _type_ok(expected: str, value: Any) -> bool:
    if expected == _STR:
        return isinstance(value, str)
    if expected == _INT:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _count_newlines(raw: bytes, start: int, end: int) -> int:
    """A seam for the linearity test: every byte scanned for line numbers passes here."""
    return raw.count(b"\n", start, end)


def header_lines(raw: bytes, tables: set[str]) -> dict[str, list[int]]:
    """Line number of each `[[table]]` header, per table: one pass over the bytes, each
    newline counted once (counting from the start for every header made a large file
    quadratic: 36,000 films took minutes)."""
    found: dict[str, list[int]] = {t: [] for t in tables}
    if not tables:
        return found
    names = b"|".join(re.escape(t.encode()) for t in sorted(tables))
    pattern = re.compile(rb"^[ \t]*\[\[[ \t]*(" + names + rb")[ \t]*\]\]", re.M)
    line, position = 1, 0
    for match in pattern.finditer(raw):
        line += _count_newlines(raw, position, match.start())
        position = match.start()
        found[match.group(1).decode()].append(line)
    return found


class _Problems:
    """Problems as (place, message, table, index); located only when they are written out."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str, str, int]] = []

    def __call__(self, place: str, message: str, table: str = "", index: int = -1) -> None:
        self.items.append((place, message, table, index))

    def lines(self, path: str, raw: bytes) -> list[str]:
        wanted = {table for _, _, table, _ in self.items if table}
        headers = header_lines(raw, wanted) if raw and wanted else {}
        result = []
        for place, message, table, index in self.items:
            found = headers.get(table, ())
            suffix = f" (line {found[index]})" if 0 <= index < len(found) else ""
            result.append(f"{path}: {place}: {message}{suffix}")
        return result


def validate(data: dict[str, Any], path: str, raw: bytes = b"") -> list[str]:
    """Every problem in the parsed file, each as `path: place: message (line N)`."""
    report = _Problems()
    for key in data:
        if key not in _TOP_KEYS:
            hint = ", ".join(sorted(_TOP_KEYS))
            report(_key(key), f"unknown top-level key (expected one of: {hint})")
    schema = data.get("schema", SCHEMA_VERSION)
    if schema != SCHEMA_VERSION:
        report("schema", f"unsupported schema {_describe(schema)}, this version reads {SCHEMA_VERSION}")
    if "artist" in data and not isinstance(data["artist"], str):
        report("artist", f"expected a string, got {_describe(data['artist'])}")
    elif isinstance(data.get("artist"), str):
        _check_text("artist", "artist", data["artist"], report)
    for key in ABOUT_KEYS:
        value = data.get(key)
        if key in data and not isinstance(value, str):
            report(key, f"expected a string, got {_describe(value)}")
        elif isinstance(value, str) and key in ID_PATTERNS and not re.fullmatch(ID_PATTERNS[key], value):
            report(key, f"{_describe(value)} is not a {key.removeprefix('artist_')} id")
        elif key == "as_of" and isinstance(value, str) and not _is_date(value):
            report(key, f"expected a real date as YYYY-MM-DD, got {_describe(value)}")
        if isinstance(value, str):
            _check_text(key, key, value, report)

    last_year = datetime.date.today().year + 3
    records: dict[str, list[dict[str, Any]]] = {}
    for table, spec in TABLE_KEYS.items():
        value = data.get(table, [])
        if not isinstance(value, list):
            report(table, f"expected an array of tables ([[{table}]]), got {_describe(value)}")
            records[table] = []
            continue
        good: list[dict[str, Any]] = []
        for i, item in enumerate(value):
            place = f"{table}[{i}]"
            if not isinstance(item, dict):
                report(place, f"expected a table, got {_describe(item)}", table, i)
                continue
            # Go on with the well-typed keys, so one bad value does not hide other problems.
            typed: dict[str, Any] = {}
            for key, val in item.items():
                expected = spec.get(key)
                if expected is None:
                    report(
                        f"{place}.{_key(key)}", f"unknown key (expected one of: {', '.join(spec)})", table, i
                    )
                elif _type_ok(expected[0], val):
                    typed[key] = val
                else:
                    report(f"{place}.{key}", f"expected {expected[0]}, got {_describe(val)}", table, i)
            for key, (_, required) in spec.items():
                if required and key not in item:
                    report(f"{place}.{key}", "missing required key", table, i)
            _check_values(table, i, typed, report, last_year)
            good.append(typed)
        records[table] = good

    if not data.get("film"):
        report("film", "no [[film]] tables: a dataset needs at least one film")
    _check_cross_references(records, report)
    return report.lines(path, raw) if report.items else []


# The same pages are cited by many records: each URL is judged once per run.
_source_problems: dict[str, str] = {}


def _source_problem(url: str) -> str:
    found = _source_problems.get(url)
    if found is None:
        found = _source_problems[url] = source_problem(url)
    return found


def _check_values(table: str, i: int, item: dict[str, Any], report: _Problems, last_year: int) -> None:
    place = f"{table}[{i}]"
    low = FIRST_YEAR if table != "event" else 1900
    for key in ("year", "end_year"):
        year = item.get(key)
        if isinstance(year, int) and not low <= year <= last_year:
            report(f"{place}.{key}", f"year {year} outside {low}..{last_year}", table, i)
    if "sources" in item:
        if not item["sources"]:
            report(f"{place}.sources", "needs at least one public URL", table, i)
        for n, url in enumerate(item["sources"]):
            problem = _source_problem(url)
            if problem:
                report(f"{place}.sources[{n}]", f"{_describe(url)}: {problem}", table, i)
    for key, value in item.items():
        for text in value if isinstance(value, list) else (value,):
            # _check_text's common case, inline: two million strings at 84,000 films, and
            # building each one's place only to find nothing wrong was a fifth of validating.
            if (
                text.__class__ is str
                and text.isprintable()
                and text.strip()
                and unicodedata.is_normalized("NFC", text)
            ):
                continue
            if isinstance(text, str):
                _check_text(f"{place}.{key}", key, text, report, table, i)
    if "id" in item and not re.fullmatch(_ID, item["id"]):
        report(
            f"{place}.id",
            f"{_describe(item['id'])} is not a slug (lower-case letters, digits, single hyphens)",
            table,
            i,
        )
    for (t, key), choices in _ALLOWED.items():
        if t == table and key in item and item[key] not in choices:
            report(f"{place}.{key}", f"{_describe(item[key])} is not one of: {', '.join(choices)}", table, i)
    if table == "film":
        _check_film_ids(place, item, report, i)
        if not item.get("directors"):
            report(f"{place}.directors", "needs at least one director", table, i)
    if table == "event" and "date" in item:
        date = item["date"]
        if not _is_date(date):
            report(f"{place}.date", f"expected a real date as YYYY-MM-DD, got {_describe(date)}", table, i)
        elif "year" in item and date[:4] != str(item["year"]):
            report(f"{place}.date", f"{date} does not fall in year {item['year']}", table, i)
    if table == "stage" and item.get("end_year", item.get("year", 0)) < item.get("year", 0):
        report(f"{place}.end_year", "ends before it opens", table, i)


def _is_date(text: str) -> bool:
    """YYYY-MM-DD naming a day of the calendar: `1999-99-99` and `2023-02-29` are not."""
    if not re.fullmatch(_DATE, text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _check_text(place: str, key: str, text: str, report: _Problems, table: str = "", i: int = -1) -> None:
    """One string value: NFC, no unsafe character (see `text.visible`), not invisible-only."""
    if not unicodedata.is_normalized("NFC", text):
        report(place, f"not in Unicode NFC form: {_describe(text)}", table, i)
    if text.isprintable() and text.strip():
        return  # the common case, in C: no control, format, bidi or invisible-only text here
    if has_unsafe(text):
        report(place, f"{_unsafe_names(text)} in {_describe(text)}", table, i)
    elif key not in ("notes", "why", "text") and is_blank(text):
        report(place, "empty or invisible-only string", table, i)


def _unsafe_names(text: str) -> str:
    """`control or format character U+001B`: the unsafe characters of `text`, named."""
    found = sorted({c for c in text if has_unsafe(c)})
    codes = ", ".join(f"U+{ord(c):04X}" for c in found[:5]) + (", ..." if len(found) > 5 else "")
    noun = "character" if len(found) == 1 else "characters"
    return f"control, format or bidi {noun} {codes}"


def _check_film_ids(place: str, item: dict[str, Any], report: _Problems, i: int) -> None:
    for key in ("imdb", "wikidata", "letterboxd"):
        if key in item and not re.fullmatch(ID_PATTERNS[key], item[key]):
            report(f"{place}.{key}", f"{_describe(item[key])} is not a {key} id", "film", i)
    if "tmdb" in item and item["tmdb"] <= 0:
        report(f"{place}.tmdb", f"{item['tmdb']} is not a TMDb movie id", "film", i)
    if "runtime" in item and not 1 <= item["runtime"] <= 1500:
        report(f"{place}.runtime", f"{item['runtime']} minutes is not a running time", "film", i)
    for credit in item.get("credit", []):
        if credit not in CREDITS:
            report(f"{place}.credit", f"{_describe(credit)} is not one of: {', '.join(CREDITS)}", "film", i)
    if ("confidence" in item) != ("confidence_reason" in item):
        report(f"{place}.confidence", "confidence and confidence_reason go together", "film", i)


def _check_cross_references(records: dict[str, list[dict[str, Any]]], report: _Problems) -> None:
    seen_ids: dict[str, str] = {}
    for table in ("film", "stage"):
        for i, item in enumerate(records[table]):
            work_id = item.get("id")
            if not isinstance(work_id, str):
                continue
            if work_id in seen_ids:
                report(
                    f"{table}[{i}].id",
                    f'duplicate id "{work_id}" (first used by {seen_ids[work_id]})',
                    table,
                    i,
                )
            else:
                seen_ids[work_id] = f"{table}[{i}]"
    film_ids = {f.get("id") for f in records["film"]}
    for key in ("imdb", "wikidata", "tmdb", "letterboxd"):
        owners: dict[object, int] = {}
        for i, film in enumerate(records["film"]):
            value = film.get(key)
            if value is None:
                continue
            if value in owners:
                message = f"{_describe(value)} is already the {key} id of film[{owners[value]}]"
                report(f"film[{i}].{key}", message, "film", i)
            else:
                owners[value] = i
    _check_titles(records["film"], report)
    for i, award in enumerate(records["award"]):
        work = award.get("work")
        if isinstance(work, str) and work not in seen_ids:
            report(f"award[{i}].work", f'"{work}" is not the id of any film or stage work', "award", i)
    for i, step in enumerate(records["guide"]):
        for film_id in step.get("films", []):
            if film_id not in film_ids:
                report(f"guide[{i}].films", f'"{film_id}" is not the id of any film', "guide", i)


def _check_titles(films: list[dict[str, Any]], report: _Problems) -> None:
    """An alternative title may not repeat its own film's titles nor name another film."""
    titles: dict[str, str] = {}
    for i, film in enumerate(films):
        own: set[str] = set()
        for key in ("title", "original_title", "aka"):
            values = film.get(key, [])
            for name in values if isinstance(values, list) else [values]:
                folded = fold(name)
                if folded in own:
                    if key == "aka":
                        report(
                            f"film[{i}].aka", f'"{name}" repeats another title of the same film', "film", i
                        )
                    continue
                own.add(folded)
                if key == "aka" and folded in titles:
                    report(f"film[{i}].aka", f'"{name}" is already a title of {titles[folded]}', "film", i)
        for name in own:
            titles.setdefault(name, f'film[{i}] ("{film.get("title", "?")}")')
