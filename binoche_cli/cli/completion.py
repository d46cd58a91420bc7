"""Shell completion: option values come from the data, so `-d kieś<TAB>` offers Kieślowski.

The shell tells Typer the words typed so far (COMP_WORDS for bash, _TYPER_COMPLETE_ARGS for
zsh and fish): a `--data` among them names the dataset to complete from, like the command
itself would read. Names are matched accent- and case-blind on any word and offered once, in
their display form; a name holding a control character is never offered (a newline would
split the shell's list, an escape would reach the terminal).
"""

import os
from collections.abc import Iterable

from binoche_cli.dataset.catalog import Catalog, DataError

# Which record shape each command's `--fields` picks from (records.SHAPES).
_FIELD_SHAPES = {
    "films": "film",
    "decade": "film",
    "director": "film",
    "award": "film",
    "next": "film",
    "directors": "director",
    "awards": "award",
    "search": "search",
    "timeline": "timeline",
    "stats": "stat",
    "guide": "guide",
    "costars": "costar",
    "together": "together",
    "list": "seen",
}


def typed_words() -> list[str]:
    """The words on the command line being completed, program name left out."""
    line = os.environ.get("_TYPER_COMPLETE_ARGS")
    if line is None:
        line = os.environ.get("COMP_WORDS", "")
    import shlex

    try:
        words = shlex.split(line)
    except ValueError:  # an unclosed quote: the word being typed
        words = line.split()
    return words[1:]


def data_option(words: list[str]) -> str | None:
    """The value of the last `--data X` or `--data=X` among `words`."""
    found = None
    for i, word in enumerate(words):
        if word == "--":
            break
        if word == "--data" and i + 1 < len(words):
            found = words[i + 1]
        elif word.startswith("--data="):
            found = word.removeprefix("--data=")
    return found or None


def _catalog() -> Catalog | None:
    try:
        from binoche_cli.dataset.catalog import load, resolve_path

        return load(resolve_path(data_option(typed_words())))
    except (DataError, OSError, ValueError):
        return None


def _offerable(name: str) -> bool:
    from binoche_cli.text import has_unsafe

    return bool(name) and not has_unsafe(name)


def _complete(values: Iterable[str], incomplete: str) -> list[str]:
    """Each name once, in its display form, when what was typed begins it or one of its words,
    accents and case aside: `kies`, `KIEŚ` and `kieś` all offer `Krzysztof Kieślowski`."""
    from binoche_cli.text import fold

    wanted = fold(incomplete)
    found: list[str] = []
    seen: set[str] = set()
    for value in values:
        if value in seen or not _offerable(value):
            continue
        folded = fold(value)
        if (
            value.startswith(incomplete)
            or folded.startswith(wanted)
            or any(word.startswith(wanted) for word in folded.split())
        ):
            seen.add(value)
            found.append(value)
    return _for_shell(found)


def _for_shell(names: list[str]) -> list[str]:
    """Bash inserts a candidate as typed text, unquoted: `Krzysztof Kieślowski` would become two
    words, so for bash spaces and quotes are backslash-escaped (zsh and fish quote themselves)."""
    if os.environ.get("_BINOCHE_COMPLETE") != "complete_bash":
        return names
    import re

    return [re.sub(r"([^\w.,:/@%+=-])", r"\\\1", name) for name in names]


def _names(pick: str) -> list[str]:
    catalog = _catalog()
    if catalog is None:
        return []
    from binoche_cli.query import films as query

    return list(getattr(query, pick)(catalog))


def complete_directors(incomplete: str) -> list[str]:
    return _complete(_names("all_directors"), incomplete)


def complete_costars(incomplete: str) -> list[str]:
    return _complete(_names("all_costars"), incomplete)


def complete_bodies(incomplete: str) -> list[str]:
    return _complete(_names("all_bodies"), incomplete)


def complete_languages(incomplete: str) -> list[str]:
    return _complete(_names("all_languages"), incomplete)


def complete_titles(incomplete: str) -> list[str]:
    """Titles and alternative titles (`bleu` offers "Bleu"), each once."""
    catalog = _catalog()
    if catalog is None:
        return []
    return _complete((t for f in catalog.films for t in f.titles), incomplete)


def complete_seen_titles(incomplete: str) -> list[str]:
    """Titles of the films on the watch list only (for `seen remove`)."""
    catalog = _catalog()
    if catalog is None:
        return []
    ids = _watched_ids()
    return _complete((t for f in catalog.films if f.id in ids for t in f.titles), incomplete)


def _watched_ids() -> frozenset[str]:
    """Ids in the viewing log. Unreadable means nothing to offer, never a traceback."""
    from binoche_cli.viewing import store

    try:
        return frozenset(store.seen_ids(store.read()))
    except Exception:  # completion must stay silent whatever is wrong with the file
        return frozenset()


def complete_decades(incomplete: str) -> list[str]:
    """`199` offers 1990s, `9` offers 90s, `'9` offers '90s."""
    catalog = _catalog()
    if catalog is None:
        return []
    starts = sorted({f.year - f.year % 10 for f in catalog.films})
    forms = [f"{d}s" for d in starts]
    if incomplete:
        forms += [f"{d % 100:02d}s" for d in starts] + [f"'{d % 100:02d}s" for d in starts]
    found: list[str] = []
    for form in forms:
        if form.startswith(incomplete) and form not in found:
            found.append(form)
    return found


def _prefixed(choices: Iterable[str], incomplete: str) -> list[str]:
    low = incomplete.lower()
    return [c for c in choices if c.startswith(low)]


def complete_kinds(incomplete: str) -> list[str]:
    from binoche_cli.dataset.catalog import FILM_KINDS

    return _prefixed(FILM_KINDS, incomplete)


def complete_credits(incomplete: str) -> list[str]:
    from binoche_cli.dataset.catalog import CREDITS

    return _prefixed(CREDITS, incomplete)


def complete_formats(incomplete: str) -> list[str]:
    from binoche_cli.output.render import FORMATS

    return _prefixed(FORMATS, incomplete)


def complete_sort_keys(incomplete: str) -> list[str]:
    from binoche_cli.query.films import SORT_KEYS

    return _prefixed(SORT_KEYS, incomplete)


def complete_sites(incomplete: str) -> list[str]:
    from binoche_cli.output.records import SITES

    return _prefixed(SITES, incomplete)


def _command_fields(words: list[str]) -> tuple[str, ...]:
    """The fields of the command being typed; every known field when it is not clear."""
    from binoche_cli.output import records

    shapes: dict[str, object] = getattr(records, "SHAPES", {})
    for word in words:
        shape = _FIELD_SHAPES.get(word)
        if shape in shapes:
            return tuple(records.fields_of(shape))
    every: list[str] = []
    for shape in shapes:
        every += [f for f in records.fields_of(shape) if f not in every]
    return tuple(every)


def complete_fields(incomplete: str) -> list[str]:
    """The item after the last comma: `year,ti` offers `year,title`; chosen fields are left out."""
    head, _, last = incomplete.rpartition(",")
    chosen = {f.strip().lower() for f in head.split(",")} if head else set()
    prefix = f"{head}," if head else ""
    fields = _command_fields(typed_words())
    return [prefix + f for f in fields if f.startswith(last.strip().lower()) and f not in chosen]
