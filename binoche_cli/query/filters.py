"""The film filter built from plain values: what `catalog.films(decade=..., director=...)` and
the CLI's filter options both read. Bad values raise `FilterError`, naming the option, so the
CLI can turn them into a usage error (exit 2) and the library into a `ValueError`."""

from collections.abc import Iterable

from binoche_cli.dataset.catalog import CREDITS
from binoche_cli.query.films import FilmFilter
from binoche_cli.query.values import parse_decade, parse_runtime, parse_years, resolve_kinds
from binoche_cli.text import quote

Many = str | Iterable[str] | None


class FilterError(ValueError):
    """A filter value that cannot mean anything; `option` is the CLI option it came from."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(f"{option}: {message}")
        self.option = option
        self.reason = message


def _many(value: Many) -> tuple[str, ...]:
    # One name or several: `director="kieslowski"` and `director=["kieslowski", "haneke"]`.
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _given(value: str | None, option: str) -> str | None:
    """`--year ''` is a mistake, not "no filter"."""
    if value is not None and not value.strip():
        raise FilterError(option, "needs a value, not an empty string")
    return value


def film_filter(
    *,
    decade: str | None = None,
    year: str | int | None = None,
    director: Many = None,
    award: Many = None,
    won: bool = False,
    nominated: bool = False,
    costar: Many = None,
    kind: Many = None,
    credit: Many = None,
    runtime: str | None = None,
    language: Many = None,
    search: str | None = None,
    seen: bool | None = None,
    seen_ids: frozenset[str] = frozenset(),
    decade_option: str = "--decade",
) -> FilmFilter:
    """The FilmFilter these values describe, with the CLI's forgiving parsing (`90s`, `93`,
    `doc`, `<100`). `seen` picks the films in `seen_ids` (True) or not in them (False)."""
    years = []
    try:
        if _given(decade, decade_option) is not None and decade is not None:
            years.append(parse_decade(decade))
    except ValueError as exc:
        raise FilterError(decade_option, str(exc)) from None
    year_text = str(year) if isinstance(year, int) else year
    try:
        if _given(year_text, "--year") is not None and year_text is not None:
            years.append(parse_years(year_text))
    except ValueError as exc:
        raise FilterError("--year", str(exc)) from None
    minutes = None
    try:
        if _given(runtime, "--runtime") is not None and runtime is not None:
            minutes = parse_runtime(runtime)
    except ValueError as exc:
        raise FilterError("--runtime", str(exc)) from None
    if won and nominated:
        raise FilterError("--won", "choose one of --won and --nominated")
    try:
        kinds = resolve_kinds(_many(kind))
    except ValueError as exc:
        raise FilterError("--kind", str(exc)) from None
    given = _many(credit)
    credits = tuple(c.lower() for c in given)
    bad = [c for c in given if c.lower() not in CREDITS]
    if bad:
        raise FilterError("--credit", f"{quote(bad[0])} is not a credit; choose from {', '.join(CREDITS)}")
    for option, values in (("--director", director), ("--award", award), ("--with", costar)):
        for value in _many(values):
            _given(value, option)
    return FilmFilter(
        years=tuple(years),
        directors=_many(director),
        awards=_many(award),
        result="won" if won else ("nominated" if nominated else ""),
        costars=_many(costar),
        kinds=kinds,
        credits=credits,
        runtime=minutes,
        languages=_many(language),
        search=search or "",
        seen=seen_ids if seen is not None else None,
        seen_wanted=bool(seen),
    )
