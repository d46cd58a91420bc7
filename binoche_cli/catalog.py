"""Load the TOML dataset once, validate it, and hand out frozen, typed records.

Everything that can go wrong with a dataset file ends here as a `DataError` whose lines
each name the file and the place (`film[12].year`), so the CLI can print them and exit 3.
"""

import os
import re
import sys
from pathlib import Path
from typing import Any, NamedTuple

from .text import fold

SCHEMA_VERSION = 1
# Far above any real career (the bundled file is ~100 KB); keeps a stray multi-GB file from
# being read into memory.
MAX_DATASET_BYTES = 20 * 1024 * 1024
FIRST_YEAR = 1983
FILM_KINDS = ("feature", "short", "tv", "documentary", "segment")
CREDITS = ("lead", "supporting", "cameo", "voice", "herself", "director")
# Identifier formats, checked by the validator and relied on by `open` and the importers.
ID_PATTERNS = {
    "imdb": r"tt\d{7,8}",
    "wikidata": r"Q[1-9]\d*",
    "letterboxd": r"[a-z0-9]+(?:-[a-z0-9]+)*",
    "artist_imdb": r"nm\d{7,8}",
    "artist_wikidata": r"Q[1-9]\d*",
}
# Hosts that copy other pages (Wikipedia mirrors, proxies, staging sites): a source must be the
# page itself. Kept here, in one place, for the validator.
JUNK_HOSTS = (
    "clateway.com",
    "wikiwand.com",
    "wikizero.com",
    "wiki2.org",
    "wikimili.com",
    "everybodywiki.com",
    "dbpedia.org",
    "justapedia.org",
    "infogalactic.com",
    "alchetron.com",
    "wikitia.com",
    "wiki.alquds.edu",
    "translate.goog",
    "webcache.googleusercontent.com",
)
FILM_STATUSES = ("released", "completed", "post-production", "in-production", "announced")
AWARD_RESULTS = ("won", "nominated")
EVENT_KINDS = ("life", "career", "jury", "honour")
STAGE_KINDS = ("play", "dance", "reading", "performance")
_DATE = r"\d{4}-\d{2}-\d{2}"
_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"


class DataError(Exception):
    """The dataset cannot be read or is invalid; `problems` holds one located line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class Film(NamedTuple):
    id: str
    title: str
    year: int
    kind: str
    directors: tuple[str, ...]
    role: str
    sources: tuple[str, ...]
    original_title: str = ""
    aka: tuple[str, ...] = ()
    status: str = "released"
    languages: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    costars: tuple[str, ...] = ()
    notes: str = ""
    credit: tuple[str, ...] = ()  # lead, supporting, cameo, voice, herself, director
    runtime: int = 0  # minutes; 0 when no source states it
    imdb: str = ""  # tt0108394
    wikidata: str = ""  # Q...
    tmdb: int = 0  # TMDb movie id
    letterboxd: str = ""  # film slug: letterboxd.com/film/<slug>/

    @property
    def titles(self) -> tuple[str, ...]:
        """Every title a person may type for this film, most used first."""
        extra = (self.original_title,) if self.original_title else ()
        return (self.title, *extra, *self.aka)


class Award(NamedTuple):
    body: str
    category: str
    year: int
    result: str
    sources: tuple[str, ...]
    work: str = ""
    notes: str = ""

    @property
    def won(self) -> bool:
        return self.result == "won"


class StageWork(NamedTuple):
    id: str
    title: str
    year: int
    role: str
    sources: tuple[str, ...]
    end_year: int = 0
    directors: tuple[str, ...] = ()
    venue: str = ""
    kind: str = "play"
    notes: str = ""


class Event(NamedTuple):
    year: int
    kind: str
    text: str
    sources: tuple[str, ...]
    date: str = ""


class GuideStep(NamedTuple):
    heading: str
    why: str
    films: tuple[str, ...]


class Catalog:
    """Everything in one dataset file, with the lookups every command needs."""

    # A plain class, not a dataclass: class creation is on every invocation's start-up path.
    def __init__(
        self,
        path: str,
        artist: str,
        films: tuple[Film, ...],
        awards: tuple[Award, ...],
        stage: tuple[StageWork, ...] = (),
        events: tuple[Event, ...] = (),
        guide: tuple[GuideStep, ...] = (),
        about: dict[str, str] | None = None,
    ) -> None:
        self.path = path
        # as_of, license, artist_imdb, artist_wikidata: facts about the dataset itself.
        self.about = about or {}
        self.artist = artist
        self.films = films
        self.awards = awards
        self.stage = stage
        self.events = events
        self.guide = guide
        self._by_id = {f.id: f for f in films}
        grouped: dict[str, list[Award]] = {}
        for award in awards:
            if award.work:
                grouped.setdefault(award.work, []).append(award)
        self._awards_by_work = {k: tuple(v) for k, v in grouped.items()}

    def film(self, film_id: str) -> Film | None:
        return self._by_id.get(film_id)

    def awards_for(self, work_id: str) -> tuple[Award, ...]:
        return self._awards_by_work.get(work_id, ())

    def work_title(self, work_id: str) -> str:
        """Title of a film or stage work id, for award rows."""
        film = self._by_id.get(work_id)
        if film is not None:
            return film.title
        for play in self.stage:
            if play.id == work_id:
                return play.title
        return work_id


# ---------------------------------------------------------------------------------------
# Locating the file


def bundled_path() -> Path:
    """The dataset shipped inside the package (see pyproject: it is force-included)."""
    packaged = Path(__file__).parent / "data" / "binoche.toml"
    if packaged.is_file():
        return packaged
    # Running from a source checkout (or an editable install): the top-level data/ folder.
    return Path(__file__).resolve().parent.parent / "data" / "binoche.toml"


def resolve_path(explicit: str | None) -> Path:
    """`--data` beats `BINOCHE_DATA`, which beats the bundled file."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("BINOCHE_DATA")
    if env:
        return Path(env)
    return bundled_path()


# ---------------------------------------------------------------------------------------
# Reading


def _read_bytes(path: Path) -> bytes:
    shown = str(path)
    try:
        if path.is_dir():
            raise DataError([f"{shown}: is a directory, not a dataset file"])
        size = path.stat().st_size
        if size > MAX_DATASET_BYTES:
            raise DataError(
                [
                    f"{shown}: file is {size / 1e6:.1f} MB, over the "
                    f"{MAX_DATASET_BYTES // (1024 * 1024)} MiB limit for a dataset"
                ]
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise DataError([f"{shown}: no such file"]) from None
    except PermissionError:
        raise DataError([f"{shown}: permission denied"]) from None
    except OSError as exc:
        raise DataError([f"{shown}: cannot read: {exc.strerror or exc}"]) from None


def _parse_toml(raw: bytes, shown: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError([f"{shown}: not UTF-8 text (line {line}); is this a TOML file?"]) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError([f"{shown}: invalid TOML: {exc}"]) from None
    except RecursionError:
        raise DataError([f"{shown}: invalid TOML: nested too deeply"]) from None


def load(path: Path) -> Catalog:
    """Read, validate (or reuse the cache) and build the catalogue for one file."""
    shown = str(path)
    raw = _read_bytes(path)
    from . import cache

    key = cache.key_for(raw)
    rows = cache.read(key)
    if rows is not None:
        try:
            return _from_rows(rows, shown)
        except (KeyError, TypeError, ValueError):
            pass  # an entry in another layout: parse afresh
    data = _parse_toml(raw, shown)
    problems = validate(data, shown, raw)
    if problems:
        raise DataError(problems)
    catalog = build(data, shown)
    cache.write(key, _to_rows(catalog))
    return catalog


def check_file(path: Path) -> tuple[list[str], dict[str, int]]:
    """Every problem in one dataset file (read, parse and validate), and its record counts."""
    shown = str(path)
    try:
        raw = _read_bytes(path)
        data = _parse_toml(raw, shown)
    except DataError as exc:
        return exc.problems, {}
    counts = {t: len(data.get(t, [])) if isinstance(data.get(t), list) else 0 for t in _TABLES}
    return validate(data, shown, raw), counts


def _to_rows(catalog: Catalog) -> dict[str, Any]:
    """Plain tuples in field order: marshal loads them, and records rebuild from them, fastest."""
    return {
        "artist": catalog.artist,
        "film": [tuple(f) for f in catalog.films],
        "award": [tuple(a) for a in catalog.awards],
        "stage": [tuple(s) for s in catalog.stage],
        "event": [tuple(e) for e in catalog.events],
        "guide": [tuple(g) for g in catalog.guide],
        "about": catalog.about,
    }


def _from_rows(rows: dict[str, Any], path: str) -> Catalog:
    return Catalog(
        path=path,
        artist=rows["artist"],
        films=tuple(Film(*r) for r in rows["film"]),
        awards=tuple(Award(*r) for r in rows["award"]),
        stage=tuple(StageWork(*r) for r in rows["stage"]),
        events=tuple(Event(*r) for r in rows["event"]),
        guide=tuple(GuideStep(*r) for r in rows["guide"]),
        about=rows["about"],
    )


def _tuple(value: Any) -> tuple[str, ...]:
    return tuple(value) if value else ()


def build(data: dict[str, Any], path: str) -> Catalog:
    """Turn validated plain data into frozen records."""
    films = tuple(
        Film(
            id=f["id"],
            title=f["title"],
            year=f["year"],
            kind=f["kind"],
            directors=_tuple(f["directors"]),
            role=f["role"],
            sources=_tuple(f["sources"]),
            original_title=f.get("original_title", ""),
            aka=_tuple(f.get("aka")),
            status=f.get("status", "released"),
            languages=_tuple(f.get("languages")),
            countries=_tuple(f.get("countries")),
            costars=_tuple(f.get("costars")),
            notes=f.get("notes", ""),
            credit=_tuple(f.get("credit")),
            runtime=f.get("runtime", 0),
            imdb=f.get("imdb", ""),
            wikidata=f.get("wikidata", ""),
            tmdb=f.get("tmdb", 0),
            letterboxd=f.get("letterboxd", ""),
        )
        for f in data.get("film", ())
    )
    awards = tuple(
        Award(
            body=a["body"],
            category=a["category"],
            year=a["year"],
            result=a["result"],
            sources=_tuple(a["sources"]),
            work=a.get("work", ""),
            notes=a.get("notes", ""),
        )
        for a in data.get("award", ())
    )
    stage = tuple(
        StageWork(
            id=s["id"],
            title=s["title"],
            year=s["year"],
            role=s.get("role", ""),
            sources=_tuple(s["sources"]),
            end_year=s.get("end_year", 0),
            directors=_tuple(s.get("directors")),
            venue=s.get("venue", ""),
            kind=s.get("kind", "play"),
            notes=s.get("notes", ""),
        )
        for s in data.get("stage", ())
    )
    events = tuple(
        Event(
            year=e["year"],
            kind=e["kind"],
            text=e["text"],
            sources=_tuple(e["sources"]),
            date=e.get("date", ""),
        )
        for e in data.get("event", ())
    )
    guide = tuple(
        GuideStep(heading=g["heading"], why=g["why"], films=_tuple(g["films"])) for g in data.get("guide", ())
    )
    return Catalog(
        path=path,
        artist=data.get("artist", "Juliette Binoche"),
        films=films,
        awards=awards,
        stage=stage,
        events=events,
        guide=guide,
        about={k: data[k] for k in ABOUT_KEYS if isinstance(data.get(k), str)},
    )


# ---------------------------------------------------------------------------------------
# Validation

_STR = "a string"
_INT = "an integer"
_STRS = "a list of strings"

# key -> (expected type, required)
_FILM_KEYS: dict[str, tuple[str, bool]] = {
    "id": (_STR, True),
    "title": (_STR, True),
    "original_title": (_STR, False),
    "aka": (_STRS, False),
    "year": (_INT, True),
    "kind": (_STR, True),
    "status": (_STR, False),
    "directors": (_STRS, True),
    "role": (_STR, True),
    "languages": (_STRS, False),
    "countries": (_STRS, False),
    "costars": (_STRS, False),
    "notes": (_STR, False),
    "credit": (_STRS, False),
    "runtime": (_INT, False),
    "imdb": (_STR, False),
    "wikidata": (_STR, False),
    "tmdb": (_INT, False),
    "letterboxd": (_STR, False),
    "sources": (_STRS, True),
    "curator_sources": (_STRS, False),
}
_AWARD_KEYS: dict[str, tuple[str, bool]] = {
    "body": (_STR, True),
    "category": (_STR, True),
    "year": (_INT, True),
    "work": (_STR, False),
    "result": (_STR, True),
    "notes": (_STR, False),
    "sources": (_STRS, True),
    "curator_sources": (_STRS, False),
}
_STAGE_KEYS: dict[str, tuple[str, bool]] = {
    "id": (_STR, True),
    "title": (_STR, True),
    "year": (_INT, True),
    "end_year": (_INT, False),
    "role": (_STR, False),
    "directors": (_STRS, False),
    "venue": (_STR, False),
    "kind": (_STR, False),
    "notes": (_STR, False),
    "sources": (_STRS, True),
    "curator_sources": (_STRS, False),
}
_EVENT_KEYS: dict[str, tuple[str, bool]] = {
    "year": (_INT, True),
    "date": (_STR, False),
    "kind": (_STR, True),
    "text": (_STR, True),
    "sources": (_STRS, True),
    "curator_sources": (_STRS, False),
}
_GUIDE_KEYS: dict[str, tuple[str, bool]] = {
    "heading": (_STR, True),
    "why": (_STR, True),
    "films": (_STRS, True),
}
ABOUT_KEYS = ("as_of", "license", "artist_imdb", "artist_wikidata")
_TABLES = {
    "film": _FILM_KEYS,
    "award": _AWARD_KEYS,
    "stage": _STAGE_KEYS,
    "event": _EVENT_KEYS,
    "guide": _GUIDE_KEYS,
}
_TOP_KEYS = {"schema", "artist", *ABOUT_KEYS, *_TABLES}


def _describe(value: Any) -> str:
    if isinstance(value, str):
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


def _header_lines(raw: bytes, table: str) -> list[int]:
    """Line numbers of each `[[table]]` header, so messages can point into the file."""
    pattern = re.compile(rb"^[ \t]*\[\[[ \t]*" + table.encode() + rb"[ \t]*\]\]", re.M)
    return [raw.count(b"\n", 0, m.start()) + 1 for m in pattern.finditer(raw)]


def source_problem(url: str) -> str:
    """Why `url` is not a source a person can open, or "" when it is."""
    from urllib.parse import urlsplit

    if url.startswith("seed:"):
        return "a seed document is not a public page; move it to curator_sources"
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host or "." not in host:
        return "not an http(s) URL"
    if any(c.isspace() for c in url) or url.endswith(("...", "\u2026")) or "/URL/" in url:
        return "looks truncated or like a placeholder"
    if host.startswith(("stg-", "staging.")) or "proxy" in host:
        return f"{host} is a staging or proxy host; cite the page itself"
    for junk in JUNK_HOSTS:
        if host == junk or host.endswith("." + junk):
            return f"{host} copies other pages; cite the page it copies"
    return ""


def validate(data: dict[str, Any], path: str, raw: bytes = b"") -> list[str]:
    """Every problem in the parsed file, each as `path: place: message (line N)`."""
    problems: list[str] = []
    lines = {t: _header_lines(raw, t) for t in _TABLES} if raw else {}

    def where(table: str, index: int) -> str:
        found = lines.get(table, [])
        return f" (line {found[index]})" if index < len(found) else ""

    def report(place: str, message: str, table: str = "", index: int = -1) -> None:
        suffix = where(table, index) if table else ""
        problems.append(f"{path}: {place}: {message}{suffix}")

    for key in data:
        if key not in _TOP_KEYS:
            hint = ", ".join(sorted(_TOP_KEYS))
            report(key, f"unknown top-level key (expected one of: {hint})")
    schema = data.get("schema", SCHEMA_VERSION)
    if schema != SCHEMA_VERSION:
        report("schema", f"unsupported schema {_describe(schema)}, this version reads {SCHEMA_VERSION}")
    if "artist" in data and not isinstance(data["artist"], str):
        report("artist", f"expected a string, got {_describe(data['artist'])}")
    for key in ABOUT_KEYS:
        value = data.get(key)
        if key in data and not isinstance(value, str):
            report(key, f"expected a string, got {_describe(value)}")
        elif isinstance(value, str) and key in ID_PATTERNS and not re.fullmatch(ID_PATTERNS[key], value):
            report(key, f"{_describe(value)} is not a {key.removeprefix('artist_')} id")
        elif key == "as_of" and isinstance(value, str) and not re.fullmatch(_DATE, value):
            report(key, f"expected YYYY-MM-DD, got {_describe(value)}")

    records: dict[str, list[dict[str, Any]]] = {}
    for table, spec in _TABLES.items():
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
            for key, val in item.items():
                if key not in spec:
                    report(
                        f"{place}.{key}",
                        f"unknown key (expected one of: {', '.join(spec)})",
                        table,
                        i,
                    )
                elif not _type_ok(spec[key][0], val):
                    report(
                        f"{place}.{key}",
                        f"expected {spec[key][0]}, got {_describe(val)}",
                        table,
                        i,
                    )
            for key, (_, required) in spec.items():
                if required and key not in item:
                    report(f"{place}.{key}", "missing required key", table, i)
            # Go on with the well-typed keys, so one bad value does not hide other problems.
            typed = {k: v for k, v in item.items() if k in spec and _type_ok(spec[k][0], v)}
            _check_values(table, i, typed, report)
            good.append(typed)
        records[table] = good

    if not data.get("film"):
        report("film", "no [[film]] tables: a dataset needs at least one film")
    _check_cross_references(records, report)
    return problems


def _check_values(table: str, i: int, item: dict[str, Any], report: Any) -> None:
    import datetime
    import unicodedata

    from .text import has_unsafe, is_blank

    place = f"{table}[{i}]"
    last_year = datetime.date.today().year + 3
    for key in ("year", "end_year"):
        year = item.get(key)
        if isinstance(year, int) and not ((FIRST_YEAR if table != "event" else 1900) <= year <= last_year):
            low = FIRST_YEAR if table != "event" else 1900
            report(f"{place}.{key}", f"year {year} outside {low}..{last_year}", table, i)
    if "sources" in item:
        if not item["sources"]:
            report(f"{place}.sources", "needs at least one public URL", table, i)
        for n, url in enumerate(item["sources"]):
            problem = source_problem(url)
            if problem:
                report(f"{place}.sources[{n}]", f"{_describe(url)}: {problem}", table, i)
    for key, value in item.items():
        texts = value if isinstance(value, list) else [value]
        for text in texts:
            if isinstance(text, str) and unicodedata.normalize("NFC", text) != text:
                report(f"{place}.{key}", f"not in Unicode NFC form: {_describe(text)}", table, i)
            if not isinstance(text, str):
                continue
            if has_unsafe(text):
                report(f"{place}.{key}", f"control or bidi character in {_describe(text)!a}", table, i)
            elif key not in ("notes", "why", "text") and is_blank(text):
                report(f"{place}.{key}", "empty or invisible-only string", table, i)
    if "id" in item and not re.fullmatch(_ID, item["id"]):
        report(
            f"{place}.id",
            f"{_describe(item['id'])} is not a slug (lower-case letters, digits, single hyphens)",
            table,
            i,
        )
    allowed = {
        ("film", "kind"): FILM_KINDS,
        ("film", "status"): FILM_STATUSES,
        ("award", "result"): AWARD_RESULTS,
        ("event", "kind"): EVENT_KINDS,
        ("stage", "kind"): STAGE_KINDS,
    }
    for (t, key), choices in allowed.items():
        if t == table and key in item and item[key] not in choices:
            report(
                f"{place}.{key}",
                f"{_describe(item[key])} is not one of: {', '.join(choices)}",
                table,
                i,
            )
    if table == "film":
        _check_film_ids(place, item, report, i)
    if table == "film" and not item.get("directors"):
        report(f"{place}.directors", "needs at least one director", table, i)
    if table == "event" and "date" in item:
        date = item["date"]
        if not re.fullmatch(_DATE, date):
            report(f"{place}.date", f"expected YYYY-MM-DD, got {_describe(date)}", table, i)
        elif "year" in item and date[:4] != str(item["year"]):
            report(f"{place}.date", f"{date} does not fall in year {item['year']}", table, i)
    if table == "stage" and item.get("end_year", item.get("year", 0)) < item.get("year", 0):
        report(f"{place}.end_year", "ends before it opens", table, i)


def _check_film_ids(place: str, item: dict[str, Any], report: Any, i: int) -> None:
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


def _check_cross_references(records: dict[str, list[dict[str, Any]]], report: Any) -> None:
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
                report(
                    f"film[{i}].{key}",
                    f"{_describe(value)} is already the {key} id of film[{owners[value]}]",
                    "film",
                    i,
                )
            else:
                owners[value] = i
    titles: dict[str, str] = {}
    for i, film in enumerate(records["film"]):
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
    for i, award in enumerate(records["award"]):
        work = award.get("work")
        if isinstance(work, str) and work not in seen_ids:
            report(f"award[{i}].work", f'"{work}" is not the id of any film or stage work', "award", i)
    for i, step in enumerate(records["guide"]):
        for film_id in step.get("films", []):
            if film_id not in film_ids:
                report(f"guide[{i}].films", f'"{film_id}" is not the id of any film', "guide", i)
