"""Shell completion: option values come from the data, so `-d kieś<TAB>` offers Kieślowski.

The shell tells Typer the words typed so far (COMP_WORDS for bash, _TYPER_COMPLETE_ARGS for
zsh and fish): a `--data` among them names the dataset to complete from, like the command
itself would read. Names are matched accent- and case-blind on any word and offered once, in
their display form; a name holding a control character is never offered (a newline would
split the shell's list, an escape would reach the terminal).
"""

import os
from collections.abc import Callable, Iterable

from binoche_cli.dataset.catalog import Catalog, DataError
from binoche_cli.query import matching

PROG = "binoche"
COMPLETE_VAR = "_BINOCHE_COMPLETE"  # set by the shell scripts: `complete_bash`, `complete_zsh`...
# Set by our zsh script, which asks in bash's protocol (one plain candidate a line) so that it
# can add candidates without zsh's prefix filter: candidates are then not escaped for bash.
SHELL_VAR = "_BINOCHE_COMPLETE_SHELL"


def _split(line: str) -> list[str]:
    import shlex

    try:
        return shlex.split(line)
    except ValueError:  # an unclosed quote: the word being typed
        return line.split()


def completion_words() -> list[str] | None:
    """The words typed so far when the shell asks for completions (program name left out, the
    word being completed included), else None. The one reader of the shell's request.

    bash passes COMP_WORDS and COMP_CWORD (the index of the word being completed); zsh, fish
    and PowerShell pass _TYPER_COMPLETE_ARGS, the line up to the cursor. A COMP_CWORD that is
    not a word's index (not a number, out of range, missing) means the last word, and is set so
    in the environment, where Typer reads it with int() and would otherwise end in a traceback.
    """
    instruction = os.environ.get(COMPLETE_VAR)
    if not instruction:
        return None
    if instruction.endswith("_bash"):
        words = _split(os.environ.setdefault("COMP_WORDS", ""))
        try:
            current = int(os.environ.get("COMP_CWORD", ""))
        except ValueError:
            current = -1
        if not 0 <= current <= len(words):
            current = max(len(words) - 1, 1)  # the last word typed
            os.environ["COMP_CWORD"] = str(current)
        return words[1 : current + 1]
    return _split(os.environ.get("_TYPER_COMPLETE_ARGS", ""))[1:]


def typed_words() -> list[str]:
    """The words on the command line being completed, program name left out. Called outside a
    shell's request (tests, a completer run by hand), whichever variable is set is read."""
    words = completion_words()
    if words is not None:
        return words
    line = os.environ.get("_TYPER_COMPLETE_ARGS")
    return _split(line if line is not None else os.environ.get("COMP_WORDS", ""))[1:]


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
    return _for_shell(found, incomplete)


def _for_shell(names: list[str], incomplete: str = "") -> list[str]:
    """Candidates as each shell needs them.

    bash inserts a candidate as typed text, unquoted: `Krzysztof Kieślowski` would become two
    words, so spaces and quotes are backslash-escaped. Our zsh script asks in bash's protocol
    and adds the candidates with `compadd -U` (no prefix filter; zsh quotes them). fish keeps
    only candidates holding the typed text (case aside), so `kies` would drop "Krzysztof
    Kieślowski": such a name is offered without its accents ("Krzysztof Kieslowski"), which
    fish keeps and every command reads as the same name.
    """
    instruction = os.environ.get(COMPLETE_VAR, "")
    if instruction.endswith("_bash") and os.environ.get(SHELL_VAR) != "zsh":
        import re

        return [re.sub(r"([^\w.,:/@%+=-])", r"\\\1", name) for name in names]
    if instruction.endswith("_fish") and incomplete:
        typed = incomplete.casefold()
        return [name if typed in name.casefold() else _unaccented(name) for name in names]
    return names


def _unaccented(name: str) -> str:
    """`Kieślowski` -> `Kieslowski`, `Żuławski` -> `Zulawski`: accents off, case kept."""
    import unicodedata

    from binoche_cli.text import fold

    out = []
    for char in unicodedata.normalize("NFKD", name):
        if unicodedata.combining(char):
            continue
        if char.isascii():
            out.append(char)
            continue
        plain = fold(char).strip() or char  # ł -> l, ø -> o, æ -> ae
        out.append(plain.upper() if char.isupper() else plain)
    return "".join(out)


def _names(pick: Callable[[Catalog], list[str]]) -> list[str]:
    catalog = _catalog()
    return [] if catalog is None else pick(catalog)


def complete_directors(incomplete: str) -> list[str]:
    return _complete(_names(matching.all_directors), incomplete)


def complete_costars(incomplete: str) -> list[str]:
    return _complete(_names(matching.all_costars), incomplete)


def complete_bodies(incomplete: str) -> list[str]:
    return _complete(_names(matching.all_bodies), incomplete)


def complete_languages(incomplete: str) -> list[str]:
    return _complete(_names(matching.all_languages), incomplete)


def complete_titles(incomplete: str) -> list[str]:
    """Titles and alternative titles (`bleu` offers "Bleu"), each once."""
    catalog = _catalog()
    if catalog is None:
        return []
    return _complete((t for f in catalog.films for t in f.titles), incomplete)


def complete_seen_titles(incomplete: str) -> list[str]:
    """Titles of the films in the viewing log only (for `seen remove`)."""
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
    from binoche_cli.output.cards import SITES

    return _prefixed(SITES, incomplete)


def complete_title_modes(incomplete: str) -> list[str]:
    from binoche_cli.cli.declarations import TITLE_MODES

    return _prefixed(TITLE_MODES, incomplete)


def complete_color_modes(incomplete: str) -> list[str]:
    from binoche_cli.output.terminal import COLOR_MODES

    return _prefixed(COLOR_MODES, incomplete)


def complete_export_formats(incomplete: str) -> list[str]:
    from binoche_cli.viewing.exchange import EXPORT_FORMATS

    return _prefixed(EXPORT_FORMATS, incomplete)


def complete_graph_formats(incomplete: str) -> list[str]:
    from binoche_cli.output.graph import GRAPH_FORMATS

    return _prefixed(GRAPH_FORMATS, incomplete)


def complete_schema_commands(incomplete: str) -> list[str]:
    """`schema s` offers search, seen, stats; `schema seen ` offers list, stats."""
    from binoche_cli.about.schema import OUTPUTS

    return _next_word(OUTPUTS, incomplete, "schema")


def complete_help_names(incomplete: str) -> list[str]:
    """The topics and the commands: `help ex` offers exit-codes, `help seen ` its commands."""
    from binoche_cli.about.topics import TOPICS
    from binoche_cli.about.walk import command_paths

    paths = [*TOPICS, *(path.removeprefix("binoche ") for path in command_paths())]
    return _next_word(paths, incomplete, "help")


def _next_word(paths: Iterable[str], incomplete: str, command: str) -> list[str]:
    """The next word of the command paths (`seen list`) that go on from the words typed after
    `command`; a quoted partial path (`"seen l`) is completed whole."""
    words = typed_words()
    start = words.index(command) + 1 if command in words else len(words)
    typed = words[start:]
    if typed and incomplete and typed[-1] == incomplete:
        typed = typed[:-1]
    wanted = incomplete.lower()
    found: list[str] = []
    for path in paths:
        parts = path.split()
        if " " in wanted.strip():
            candidate = path if not typed and path.startswith(wanted) else ""
        elif parts[: len(typed)] == typed and len(parts) > len(typed):
            candidate = parts[len(typed)] if parts[len(typed)].startswith(wanted) else ""
        else:
            candidate = ""
        if candidate and candidate not in found:
            found.append(candidate)
    return found


def _command_fields(words: list[str]) -> tuple[str, ...]:
    """The fields of the command being typed; every known field when it is not clear."""
    from binoche_cli.about.schema import OUTPUTS
    from binoche_cli.output.shapes import SHAPES, fields_of

    # The longest command path typed (`seen list` before `list`), in schema.OUTPUTS' words.
    for path in sorted(OUTPUTS, key=lambda p: -len(p.split())):
        parts = path.split()
        if any(words[i : i + len(parts)] == parts for i in range(len(words))):
            shape = OUTPUTS[path].shape
            if shape in SHAPES:
                return fields_of(shape)
    every: list[str] = []
    for shape in SHAPES:
        every += [f for f in fields_of(shape) if f not in every]
    return tuple(every)


def complete_fields(incomplete: str) -> list[str]:
    """The item after the last comma: `year,ti` offers `year,title`; chosen fields are left out."""
    head, _, last = incomplete.rpartition(",")
    chosen = {f.strip().lower() for f in head.split(",")} if head else set()
    prefix = f"{head}," if head else ""
    fields = _command_fields(typed_words())
    return [prefix + f for f in fields if f.startswith(last.strip().lower()) and f not in chosen]
