"""Load the TOML dataset once, validate it, and hand out frozen, typed records.

Everything that can go wrong with a dataset file ends here as a `DataError` whose lines
each name the file and the place (`film[12].year`), so the CLI can print them and exit 3.
"""

import os
from pathlib import Path
from typing import Any, NamedTuple

from binoche_cli.dataset import bulk, cache
from binoche_cli.files import FileProblem, byte_limit
from binoche_cli.text import FOLD_VERSION, preload_folds

SCHEMA_VERSION = 1
# Far above any real career (the bundled file is ~100 KB, ~1.1 KB a film): room for a 20,000-film
# synthetic file (~22 MB), while a stray multi-GB file is never read into memory.
MAX_DATASET_BYTES = 32 * 1024 * 1024
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
CONFIDENCES = ("low",)
ABOUT_KEYS = ("as_of", "license", "artist_imdb", "artist_wikidata")
TABLES = ("film", "award", "stage", "event", "guide")


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
    confidence: str = ""  # "low" when her credit rests on a single source
    confidence_reason: str = ""  # why, in a sentence; set whenever confidence is

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
    sources: tuple[str, ...]
    role: str = ""
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
    package = Path(__file__).resolve().parent.parent
    packaged = package / "data" / "binoche.toml"
    if packaged.is_file():
        return packaged
    # Running from a source checkout (or an editable install): the top-level data/ folder.
    return package.parent / "data" / "binoche.toml"


def resolve_path(explicit: str | None) -> Path:
    """`--data` beats `BINOCHE_DATA`, which beats the bundled file."""
    from binoche_cli.files import FileProblem, check_path_text

    try:
        for given in (explicit, os.environ.get("BINOCHE_DATA")):
            if given:
                check_path_text(given)  # Path() would drop a trailing slash: `file.toml/`
                return Path(given)
    except FileProblem as exc:
        raise DataError([str(exc)]) from None
    return bundled_path()


# ---------------------------------------------------------------------------------------
# Reading


def max_dataset_bytes() -> int:
    """The size limit: MAX_DATASET_BYTES, or BINOCHE_MAX_DATASET_BYTES for a dataset bigger
    than any career (the benchmark's 1000x case is about 90 MB). Junk in it (`²`, `1e9`) is a
    DataError, never silently the default."""
    try:
        return byte_limit("BINOCHE_MAX_DATASET_BYTES", MAX_DATASET_BYTES)
    except FileProblem as exc:
        raise DataError([str(exc)]) from None


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, or one DataError line (see bulk.read_dataset)."""
    try:
        return bulk.read_dataset(str(path), max_dataset_bytes())
    except FileProblem as exc:
        raise DataError([str(exc)]) from None


def _parse_toml(raw: bytes, shown: str) -> dict[str, Any]:
    tomllib = bulk.toml_module()
    if len(raw) > bulk.SLICE_BYTES:
        sliced = bulk.parse_in_slices(raw)
        if sliced is not None:
            return sliced
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError([f"{shown}: not UTF-8 text (line {line}); is this a TOML file?"]) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError([f"{shown}: invalid TOML: {exc}"]) from None
    except RecursionError:
        raise DataError([f"{shown}: invalid TOML: nested too deeply"]) from None
    return data


def _reuse(entry: cache.Entry, shown: str) -> Catalog | None:
    """The catalogue held by a verified entry, its folds preloaded; None if its rows do not fit."""
    rows = entry.rows()
    if rows is None:
        return None
    try:
        catalog = _from_rows(rows, shown)
        folds = rows["folds"]
    except (KeyError, TypeError, ValueError, IndexError):
        return None  # cannot happen with a verified entry of this layout; parse afresh all the same
    preload_folds(folds)
    return catalog


def load(path: Path, *, one_shot: bool = False) -> Catalog:
    """Read, validate (or reuse the cache) and build the catalogue for one file.

    A warm lookup reads only the cache entry when the file's stamp is unchanged; otherwise the
    file is read, and its bytes decide whether the entry still holds (see cache.py).
    `one_shot`: the caller is a process that answers once and exits (the CLI), so what loading
    made may be frozen out of the cyclic collector's reach (bulk.collector_paused); a library
    user's process is left as it was.
    """
    with bulk.collector_paused(freeze=one_shot):
        return _load(path)


def _load(path: Path) -> Catalog:
    shown = str(path)
    layout = cache_layout()
    dataset, stamp = cache.identity(str(path))
    entry = cache.read(dataset, layout) if cache.enabled() else None
    if entry is not None and stamp is not None and entry.stamp == stamp and stamp[2] <= max_dataset_bytes():
        catalog = _reuse(entry, shown)
        if catalog is not None:
            return catalog
    raw = _read_bytes(path)
    raw_digest = cache.digest(raw)
    settled = cache.settled(stamp)
    if entry is not None and entry.digest == raw_digest:
        catalog = _reuse(entry, shown)
        if catalog is not None:
            if settled is not None and settled != entry.stamp:
                cache.restamp(entry, layout, settled)
            return catalog
    del entry  # its payload is as large as the rows about to be built
    data = _parse_toml(raw, shown)
    if stamp is None:  # stdin, a pipe: what was read cannot be read again
        problems = validate(data, shown, raw)
    else:
        # A regular file's bytes are let go before validating, the peak of a large cold load:
        # they only serve the line numbers of problems, and are read again for those.
        del raw
        problems = validate(data, shown)
        if problems:
            problems = _located(path, data, raw_digest) or problems
    if problems:
        raise DataError(problems)
    catalog = build(data, shown)
    del data
    if cache.enabled():
        payload = _packed(catalog)
        if payload is not None:
            cache.store(dataset, layout, raw_digest, settled, payload)
    return catalog


def _packed(catalog: Catalog) -> bytes | None:
    """The cache payload of `catalog`, its folds preloaded for this run's lookups too; the rows
    are let go on return, before the entry is sealed (another copy of the payload)."""
    rows = cache.rows_of(catalog)
    preload_folds(rows["folds"])
    return cache.pack(rows)


def _located(path: Path, data: dict[str, Any], raw_digest: bytes) -> list[str]:
    """The problems of `data` with their line numbers, from the file read again; [] if it
    changed meanwhile (its line numbers would point at other text)."""
    try:
        raw = _read_bytes(path)
    except DataError:
        return []
    return validate(data, str(path), raw) if cache.digest(raw) == raw_digest else []


def validate(data: dict[str, Any], path: str, raw: bytes = b"") -> list[str]:
    """Every problem in the parsed file, each as `path: place: message (line N)`.

    The validator lives in its own module, imported only when a file is parsed.
    """
    from binoche_cli.dataset.validate import validate as run

    return run(data, path, raw)


def check_file(path: Path) -> tuple[list[str], dict[str, int]]:
    """Every problem in one dataset file (read, parse and validate), and its record counts."""
    shown = str(path)
    try:
        raw = _read_bytes(path)
        data = _parse_toml(raw, shown)
    except DataError as exc:
        return exc.problems, {}
    counts = {t: len(data[t]) if isinstance(data.get(t), list) else 0 for t in TABLES}
    return validate(data, shown, raw), counts


# ---------------------------------------------------------------------------------------
# Cache rows

_RECORDS: tuple[type[tuple[Any, ...]], ...] = (Film, Award, StageWork, Event, GuideStep)
_ROW_KEYS = ("artist", "film", "award", "stage", "event", "guide", "about", "folds")


def cache_layout() -> str:
    """The shape of a cache entry, derived from the record declarations, never bumped by hand.

    A field added to Film (or moved) changes this string, hence the cache key: an entry written
    in the old layout is never rebuilt into the new records (tuples shifted one place would show
    the notes split into letters as co-stars). FOLD_VERSION (text.py) is in it too, since the entry
    stores folded names.
    """
    records = ";".join(f"{r.__name__}({','.join(r._fields)})" for r in _RECORDS)  # type: ignore[attr-defined]
    return f"{records};about({','.join(ABOUT_KEYS)});rows({','.join(_ROW_KEYS)});fold({FOLD_VERSION})"


def _from_rows(rows: dict[str, Any], path: str) -> Catalog:
    # `_make` insists on exactly one value per field: a row of another length is an error.
    return Catalog(
        path=path,
        artist=rows["artist"],
        films=tuple(map(Film._make, rows["film"])),
        awards=tuple(map(Award._make, rows["award"])),
        stage=tuple(map(StageWork._make, rows["stage"])),
        events=tuple(map(Event._make, rows["event"])),
        guide=tuple(map(GuideStep._make, rows["guide"])),
        about=rows["about"],
    )


def _record(record: Any, table: dict[str, Any]) -> Any:
    """One record from its validated TOML table: the declared fields, lists as tuples, and the
    declared defaults for what is absent (keys the record does not hold, such as
    curator_sources, stay in the file)."""
    return record(
        **{
            name: tuple(value) if isinstance(value, list) else value
            for name in record._fields
            if (value := table.get(name)) is not None
        }
    )


def build(data: dict[str, Any], path: str) -> Catalog:
    """Turn validated plain data into frozen records."""
    films = tuple(_record(Film, f) for f in data.get("film", ()))
    awards = tuple(_record(Award, a) for a in data.get("award", ()))
    stage = tuple(_record(StageWork, s) for s in data.get("stage", ()))
    events = tuple(_record(Event, e) for e in data.get("event", ()))
    guide = tuple(_record(GuideStep, g) for g in data.get("guide", ()))
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


def source_problem(url: str) -> str:
    """Why `url` is not a source a person can open, or "" when it is."""
    from urllib.parse import urlsplit

    if url.startswith("seed:"):
        return "a seed document is not a public page; move it to curator_sources"
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:  # "http://[" is an invalid IPv6 host to urllib, not a crash for us
        return "not a valid URL"
    if parts.scheme not in ("http", "https") or not host or "." not in host:
        return "not an http(s) URL"
    if url.split() != [url] or url.endswith(("...", "\u2026")) or "/URL/" in url:
        return "looks truncated or like a placeholder"
    if host.startswith(("stg-", "staging.")) or "proxy" in host:
        return f"{host} is a staging or proxy host; cite the page itself"
    for junk in JUNK_HOSTS:
        if host == junk or host.endswith("." + junk):
            return f"{host} copies other pages; cite the page it copies"
    return ""
