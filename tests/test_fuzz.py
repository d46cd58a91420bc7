"""Random command lines through `main()`: never a traceback, always a documented exit code.

The commands and their options are read from the app itself, so a new command or option is
fuzzed without touching this file. Values mix real names from the data with hostile ones:
empty strings, control characters, 1 MB strings, huge numbers, reversed ranges, `--` tricks.
Every failure found here became a regular test at the bottom of this file.

Seeds are fixed, so a red run reproduces tomorrow. The everyday run is small; set
BINOCHE_FUZZ_LARGE=1 for the large one (or BINOCHE_FUZZ_EXAMPLES=N for N lines).
"""

from __future__ import annotations

import io
import os
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from binoche_cli.cli import run as app_module
from binoche_cli.cli.application import app
from binoche_cli.dataset.catalog import bundled_path, load
from tests.conftest import BEHAVIOUR, FIXTURES

EXIT_CODES = {0, 1, 2, 3, 4, 5}
SMALL = str(FIXTURES / "small.toml")
# Never generated: they would edit the shell's start-up files.
_NEVER = {"--install-completion", "--show-completion"}
ROOT_OPTIONS = ["--data", "--color", "--titles"]


def _commands() -> list[tuple[tuple[str, ...], list[str], list[str], int]]:
    """(command path, value options, flags, positional arguments) for every command."""
    found = []

    def walk(group: Any, path: tuple[str, ...]) -> None:
        for name, sub in group.commands.items():
            if hasattr(sub, "commands"):
                walk(sub, (*path, name))
                continue
            values: list[str] = []
            flags: list[str] = []
            positional = 0
            for param in sub.params:
                if param.param_type_name == "argument":
                    positional += 1
                    continue
                names = [o for o in (*param.opts, *param.secondary_opts) if o not in _NEVER]
                if set(names) & set(ROOT_OPTIONS):
                    continue  # on every command: drawn apart, less often
                (flags if param.is_flag else values).extend(names)
            found.append(((*path, name), values, flags, positional))

    walk(typer.main.get_command(app), ())
    return found


COMMANDS = _commands()
# Behaviour tests read the frozen fixture, never the curated file (issue 19).
pytestmark = pytest.mark.usefixtures("behaviour_data")
_CATALOG = load(BEHAVIOUR)
REAL_WORDS = sorted(
    {
        *(t for f in _CATALOG.films[:30] for t in f.titles),
        *(d for f in _CATALOG.films[:30] for d in f.directors),
        *(c for f in _CATALOG.films[:10] for c in f.costars),
        *(a.body for a in _CATALOG.awards),
        "kieslowski",
        "KIEŚLOWSKI",
        "bleu",
        "cesar",
        "oscar",
        "First Film",
    }
)
HOSTILE = [
    "",
    " ",
    "-",
    "--",
    "-x",
    "--=",
    "--data",
    "-1",
    "0",
    "1",
    "99999999999999999999999999",
    "-99999999999999999999",
    "1e309",
    "nan",
    "inf",
    "2020-1990",
    "1990-2020",
    "-1990",
    "2010-",
    "1990s",
    "'90s",
    "90s",
    "1800s",
    "99999s",
    "<100",
    ">1500",
    "90-120",
    "120-90",
    "5.5",
    "10/10",
    "2024-02-30",
    "\x00",
    "\x1b[31mred\x1b[0m",
    "a\nb",
    "\t",
    "\u202eevil",
    "\ufeff",
    "[i]x[/i]",
    "[/]",
    "[bold",
    "%s%n",
    "{0}",
    "é" * 50,
    "x" * 5000,
    "a" * 1_000_000,
    "ǅ" * 300,
    "ﬁlm",
    "ß",
    ".",
    "..",
    "/dev/null",
    "/dev/zero",
    SMALL,
    "year,title",
    "year,,nope",
    "title,TITLE",
    "json",
    "csv",
    "table",
    "markdown",
    "never",
    "always",
    "imdb",
    "lead",
    "feature",
    "doc",
]


# Issue 23's classes. Characters of every unsafe category (bidi, tag characters, U+061C,
# private use, lone surrogates, line separators), numbers past float and int-to-str limits,
# digits that str.isdigit() accepts but int() or a year should not, and paths that name a
# device, a directory or nothing through a detour.
UNSAFE_CHARS = st.characters(categories=["Cc", "Cf", "Co", "Cs", "Zl", "Zp"])
UNICODE_TEXT = st.text(
    st.one_of(
        UNSAFE_CHARS, st.sampled_from("aé1 -"), st.sampled_from(["\u061c", "\U000e0041", "\ufff9", "\u200d"])
    ),
    min_size=1,
    max_size=8,
)
BIG_NUMBERS = [
    "1" + "0" * 400,
    "-" + "9" * 400,
    "1e400",
    "-1e400",
    "9" * 5000,
    str(2**64),
    "0x10",
    "1_000",
    "4.5e-400",
]
ODD_DIGITS = ["¹⁹⁹²", "²", "١٩٩٢", "１９９２", "𝟙𝟡𝟡𝟚", "Ⅻ", "²⁰²⁴-⁰¹-⁰²", "٤٫٥", "４．５"]
SPECIAL_PATHS = [
    "/proc/self/fd/../../../dev/zero",
    "/dev/full",
    "/dev/null/",
    "/",
    "out.svg/",
    "new.toml/",
    "/dev/fd/../zero",
    "/proc/self/fd/../../../dev/null",
    "missing/dir/out.csv",
]
NEW_CLASSES = st.one_of(
    UNICODE_TEXT, st.sampled_from(BIG_NUMBERS), st.sampled_from(ODD_DIGITS), st.sampled_from(SPECIAL_PATHS)
)


def _safe(text: str) -> bool:
    """Random text may be taken for a file to write: keep it inside the test's folder."""
    return "/" not in text and "\\" not in text and text not in _NEVER


VALUES = st.one_of(
    st.sampled_from(HOSTILE),
    NEW_CLASSES,
    st.sampled_from(REAL_WORDS),
    st.text(max_size=12).filter(_safe),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)
DATA = st.sampled_from(
    [SMALL, SMALL, str(bundled_path()), "/dev/zero", ".", "missing.toml", "", f"{SMALL}/", *SPECIAL_PATHS[:3]]
)


# Plausible values per option, so most lines get past parsing into the commands themselves.
GOOD_VALUES: dict[str, list[str]] = {
    "--decade": ["1990s", "90s", "'90s", "2010s", "1980"],
    "--year": ["1993", "93", "1990-1999", "2010-", "-1990"],
    "-y": ["1993", "2000-2010"],
    "--format": ["table", "plain", "tsv", "csv", "json", "jsonl", "markdown", "svg", "html"],
    "-f": ["plain", "json", "csv", "markdown"],
    "--fields": ["year,title", "title", "year,TITLE,directors", "awards,notes", "field,value", ""],
    "--sort": ["year", "title", "director", "awards"],
    "--kind": ["feature", "doc", "short", "tv"],
    "-k": ["feature", "segment"],
    "--credit": ["lead", "cameo", "voice"],
    "--color": ["auto", "always", "never"],
    "--site": ["imdb", "wikidata", "tmdb", "letterboxd", "wikipedia", "w"],
    "--rating": ["4", "4.5", ">3", "3-5", "10"],
    "--date": ["2024-01-31", "today", "yesterday", "2024-02-30"],
    "--limit": ["1", "3", "0", "100000000000"],
    "-n": ["1", "2"],
    "--min": ["1", "2", "0", "99999999999999999999"],
    "--runtime": ["<100", "90-120", ">150"],
    "--tag": ["cinema", "festival"],
    "--body": ["cesar", "oscar", "cannes", "venice"],
    "-b": ["berlin"],
    "--language": ["English", "French", "japanese"],
    "-l": ["French"],
    "--data": [SMALL, str(bundled_path())],
    "--titles": ["english", "original", "both", "BOTH"],
}


@st.composite
def _value_for(draw: st.DrawFn, option: str) -> str:
    choice = draw(st.integers(0, 3))
    if choice <= 1:
        return draw(st.sampled_from(GOOD_VALUES.get(option, REAL_WORDS)))
    return draw(VALUES)


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    if draw(st.integers(0, 30)) == 30:  # not 0: hypothesis draws its simplest value often
        path: tuple[str, ...] = (draw(st.sampled_from(["frobnicate", "", "seen", "data", "--", "-"])),)
        values: list[str] = []
        flags: list[str] = []
        positional = 1
    else:
        path, values, flags, positional = draw(st.sampled_from(COMMANDS))
    words: list[str] = []
    if draw(st.booleans()):
        words += ["--data", draw(DATA)]
    words += list(path)
    if positional and draw(st.integers(0, 3)) > 0:
        words.append(draw(_value_for("")))
    actions = ["option"] * 6 * bool(values) + ["flag"] * 3 * bool(flags) + ["argument"] * 2 * bool(positional)
    actions += ["root", "dashes", "stray"]
    for _ in range(draw(st.integers(0, 5))):
        action = draw(st.sampled_from(actions))
        if action == "option":
            option = draw(st.sampled_from(values))
            value = draw(_value_for(option))
            words += (
                [f"{option}={value}"] if option.startswith("--") and draw(st.booleans()) else [option, value]
            )
        elif action == "flag":
            words.append(draw(st.sampled_from(flags)))
        elif action == "argument":
            words.append(draw(_value_for("")))
        elif action == "root":
            option = draw(st.sampled_from(ROOT_OPTIONS))
            words += [option, draw(_value_for(option))]
        elif action == "dashes":
            words.append("--")
        else:
            words.append(draw(VALUES))  # a stray word: usage error, or an argument after `--`
    if draw(st.integers(0, 4)) == 0:
        words += ["--data", draw(DATA)]
    return words


class Outcome:
    def __init__(self, code: object, stdout: str, stderr: str) -> None:
        self.code = code
        self.stdout = stdout
        self.stderr = stderr


def _stream() -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", write_through=True)


def run_main(args: list[str]) -> Outcome:
    """`binoche ARGS` in this process, through the console script's main()."""
    saved = sys.argv, sys.stdin, sys.stdout, sys.stderr
    out, err = _stream(), _stream()
    sys.argv = ["binoche", *args]
    sys.stdin = io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8")
    sys.stdout, sys.stderr = out, err
    code: object = "no exit"
    try:
        code = app_module.main()  # returns the exit code (older versions raised SystemExit)
    except SystemExit as done:
        code = done.code
    finally:
        sys.argv, sys.stdin, sys.stdout, sys.stderr = saved
    values = []
    for stream in (out, err):
        stream.flush()
        buffer = stream.buffer
        assert isinstance(buffer, io.BytesIO)
        values.append(buffer.getvalue().decode("utf-8", "replace"))
    return Outcome(code, values[0], values[1])


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Files the fuzz writes (pictures, exports, backups) land in a folder of the test's own;
    no browser is ever started."""
    import webbrowser

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(webbrowser, "open", lambda *a, **k: False)
    for name in ("BINOCHE_DATA", "COLUMNS", "_BINOCHE_COMPLETE"):
        monkeypatch.delenv(name, raising=False)
    yield tmp_path


def _raw_unsafe(text: str) -> list[str]:
    """Characters no output may carry raw: every Cf, Co, Cs, Zl and Zp character bar ZWNJ and
    ZWJ, and the C1 controls (colour escapes are C0 ESC, which `--color always` may emit)."""
    return [
        f"U+{ord(c):04X}"
        for c in text
        if not c.isprintable()
        and c not in "\u200c\u200d"
        and (unicodedata.category(c) in ("Cf", "Co", "Cs", "Zl", "Zp") or 0x80 <= ord(c) <= 0x9F)
    ]


def _check(args: list[str]) -> None:
    result = run_main(args)
    shown = [ascii(a) if len(a) < 60 else ascii(a[:20]) + f"...({len(a)} chars)" for a in args]
    assert "Traceback" not in result.stderr, (shown, result.stderr[-2000:])
    assert result.code in EXIT_CODES, (shown, result.code, result.stderr[-500:])
    if result.code != 0:
        assert result.stderr.strip() or result.code == 1, (shown, result.code)
    assert _raw_unsafe(result.stdout + result.stderr) == [], (shown, result.stderr[-500:])


_SETTINGS: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
    "database": None,
}


LARGE = os.environ.get("BINOCHE_FUZZ_LARGE") == "1"
EXAMPLES = int(os.environ.get("BINOCHE_FUZZ_EXAMPLES", "1500" if LARGE else "300"))


@settings(max_examples=EXAMPLES, derandomize=True, **_SETTINGS)
@given(args=command_lines())
def test_fuzz_command_lines(sandbox: Path, args: list[str]) -> None:
    _check(args)


@seed(20240623)  # fixed: a red run reproduces on any day
@settings(max_examples=max(1, EXAMPLES // 3), derandomize=False, **_SETTINGS)
@given(args=command_lines())
def test_fuzz_command_lines_second_seed(sandbox: Path, args: list[str]) -> None:
    """Another third of the examples from a second fixed seed: other lines, same every run."""
    _check(args)


@settings(max_examples=max(50, EXAMPLES // 3), derandomize=True, **_SETTINGS)
@given(
    path=st.sampled_from([c[0] for c in COMMANDS if c[3]]),
    value=NEW_CLASSES,
    data=st.sampled_from([SMALL, *SPECIAL_PATHS[:3], f"{SMALL}/"]),
)
def test_fuzz_new_classes_as_arguments(sandbox: Path, path: tuple[str, ...], value: str, data: str) -> None:
    """Issue 23's classes straight into positional arguments and --data, where they bite."""
    _check(["--data", data, *path, value])


# ---- what the fuzz found, kept as regular tests ---------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["search", "a" * 131_071],
        ["films", "--search", "é" * 131_071],
        ["films", "-d", "a" * 131_071],
        ["films", "--with", "a" * 131_071],
        ["director", "a" * 131_071],
        ["film", "a" * 131_071],
    ],
    ids=["search", "films-search", "films-director", "films-costar", "director", "film"],
)
def test_long_argument_is_answered(sandbox: Path, args: list[str]) -> None:
    """A 128 KB argument is an ordinary no-match (or ambiguity), not a crash; its speed is the
    benchmark's business (tools/bench.py), not a test's."""
    result = run_main(args)
    assert result.code in (1, 4), result.stderr[:300]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [["search", "a" * 131_071], ["film", "a" * 131_071]])
def test_long_argument_is_not_echoed_whole(sandbox: Path, args: list[str]) -> None:
    """The 'no match' line repeated the whole 128 KB argument (query.py / listings.py)."""
    result = run_main(args)
    assert len(result.stderr) < 2_000, f"{len(result.stderr)} characters on stderr"


@pytest.mark.parametrize(
    "args",
    [
        ["seen", "backup", "x\0y"],
        ["seen", "import", "x\0y"],
        ["seen", "export", "-o", "x\0y"],
        ["--data", "x\0y", "films"],
        ["timeline", "--svg", "x\0y"],
    ],
    ids=["backup", "import", "export", "data", "svg"],
)
def test_a_path_with_a_nul_is_refused_in_words(sandbox: Path, args: list[str]) -> None:
    """Found by the fuzz: os.stat and os.path.realpath raised ValueError (embedded null byte)."""
    result = run_main(args)
    assert result.code in (1, 2, 3), result.stderr
    assert "Traceback" not in result.stderr and "NUL" in result.stderr
