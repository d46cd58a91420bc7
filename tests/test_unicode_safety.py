"""Invisible and bidi characters: every character of the categories Cc, Cf, Co, Cs, Zl and Zp is
unsafe (bar ZWNJ and ZWJ), in what we print and in what `data validate` accepts."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from binoche_cli.text import ALLOWED_FORMAT, UNSAFE_CATEGORIES, has_unsafe, json_escape_unsafe, visible
from tests.helpers import SMALL, Cli

# The characters issue 23 found reaching the terminal raw, and a few of their neighbours.
NAMED = ["\u061c", "\U000e0001", "\U000e0041", "\U000e007f", "\ufff9", "\ufffa", "\ufffb", "\u202e", "\u2066"]


def _unsafe_by_category(char: str) -> bool:
    return unicodedata.category(char) in UNSAFE_CATEGORIES and char not in ALLOWED_FORMAT


def test_the_unsafe_table_is_exactly_the_unicode_categories() -> None:
    """text._UNSAFE is a generated table, the union over the Unicode versions of the Pythons we
    support (3.10's 13.0 to 3.13's 15.1): a character a newer version made a format control is
    unsafe everywhere, and is unassigned (Cn) in the versions before it."""
    wrong = [
        f"U+{code:04X}"
        for code in range(0x110000)
        if has_unsafe(chr(code)) != _unsafe_by_category(chr(code))
        and not (has_unsafe(chr(code)) and unicodedata.category(chr(code)) == "Cn")
    ]
    assert wrong == [], f"{len(wrong)} code points disagree ({unicodedata.unidata_version}): {wrong[:10]}"


@pytest.mark.parametrize("char", NAMED)
def test_named_characters_are_shown_not_obeyed(char: str) -> None:
    shown = visible(f"a{char}b")
    assert char not in shown and f"<U+{ord(char):04X}>" in shown


def test_zwj_and_zwnj_stay_in_names() -> None:
    for name in ("می\u200cخواهم", "क्\u200dष", "👩\u200d👩"):
        assert visible(name) == name and not has_unsafe(name)


@settings(max_examples=300, derandomize=True, database=None)
@given(st.text(st.characters(categories=["Cc", "Cf", "Co", "Cs", "Zl", "Zp", "Lu", "Nd"]), max_size=20))
def test_json_escapes_read_back_the_same_and_hide_every_unsafe_character(text: str) -> None:
    for dumped in (
        json.dumps({"t": text}, ensure_ascii=False, indent=2),
        json.dumps([text], ensure_ascii=False),
    ):
        escaped = json_escape_unsafe(dumped)
        assert json.loads(escaped) == json.loads(dumped)
        assert not any(_unsafe_by_category(c) for c in escaped if c != "\n")


def _dataset(tmp_path: Path, artist: str = "Test Artist", title: str = "First Film", extra: str = "") -> Path:
    text = SMALL.read_text(encoding="utf-8")
    text = text.replace(
        'artist = "Test Artist"', f"artist = {json.dumps(artist, ensure_ascii=False)}\n{extra}"
    )
    text = text.replace('title = "First Film"', f"title = {json.dumps(title, ensure_ascii=False)}")
    path = tmp_path / "data.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _no_raw_unsafe(text: str) -> bool:
    return not any(_unsafe_by_category(c) for c in text if c not in "\n")


def test_validate_reports_an_escape_in_the_artist(cli: Cli, tmp_path: Path) -> None:
    result = cli("data", "validate", str(_dataset(tmp_path, artist="Test\x1bArtist")))
    assert result.exit_code == 3
    assert "artist: control, format or bidi character U+001B" in result.stderr
    assert _no_raw_unsafe(result.stderr)


@pytest.mark.parametrize("char", NAMED)
@pytest.mark.parametrize("fmt", ["table", "plain", "tsv", "csv", "json", "jsonl", "markdown"])
def test_an_unsafe_title_is_refused_and_never_printed_raw(
    cli: Cli, tmp_path: Path, char: str, fmt: str
) -> None:
    data = _dataset(tmp_path, title=f"First{char}Film")
    validated = cli("data", "validate", str(data))
    assert validated.exit_code == 3 and f"U+{ord(char):04X}" in validated.stderr
    listed = cli("--data", str(data), "films", "-f", fmt)
    assert listed.exit_code == 3
    assert _no_raw_unsafe(listed.stdout + listed.stderr)


def test_zwnj_inside_a_name_passes_validation(cli: Cli, tmp_path: Path) -> None:
    data = _dataset(tmp_path, title="می\u200cخواهم")
    result = cli("data", "validate", str(data))
    assert result.exit_code == 0, result.stderr
    listed = cli("--data", str(data), "films", "-f", "json")
    assert json.loads(listed.stdout)[0]["title"] == "می\u200cخواهم"


@pytest.mark.parametrize("char", NAMED)
def test_an_unsafe_argument_is_echoed_visibly(cli: Cli, char: str) -> None:
    result = cli("--data", str(SMALL), "film", f"x{char}y")
    assert result.exit_code == 1
    assert f"<U+{ord(char):04X}>" in result.stderr and _no_raw_unsafe(result.stderr)


@pytest.mark.parametrize("char", NAMED)
def test_an_unsafe_title_in_an_import_is_reported_visibly(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, char: str
) -> None:
    monkeypatch.setenv("BINOCHE_DATA", str(SMALL))
    source = tmp_path / "import.csv"
    source.write_text(
        f"Title,Year,imdbID,WatchedDate\nNo{char}Such Film,1999,,2024-99-99\n", encoding="utf-8"
    )
    # --verbose: rows about films the dataset lacks are otherwise counted, not listed (issue 23)
    result = cli("seen", "import", str(source), "--dry-run", "--verbose")
    assert result.exit_code == 1
    assert f"<U+{ord(char):04X}>" in result.stderr and _no_raw_unsafe(result.stderr)


def test_a_newline_in_a_toml_key_cannot_fake_an_error_line(cli: Cli, tmp_path: Path) -> None:
    fake = "all good: 0 problems"
    data = _dataset(tmp_path, extra=f'"x\\n{fake}" = 1\n"y\\u202ez" = 2')
    result = cli("data", "validate", str(data))
    assert result.exit_code == 3
    lines = result.stderr.splitlines()
    assert all(line.startswith((str(data), "binoche:")) for line in lines), lines
    assert '"x\\nall good: 0 problems": unknown top-level key' in result.stderr
    assert _no_raw_unsafe(result.stderr)


@pytest.mark.parametrize("date", ["1999-99-99", "2023-02-29", "2001-13-01", "2001-00-10"])
def test_an_event_date_must_be_a_real_day(cli: Cli, tmp_path: Path, date: str) -> None:
    event = f'[[event]]\nyear = {date[:4]}\ndate = "{date}"\nkind = "career"\ntext = "x"\n'
    event += 'sources = ["https://example.org/e"]\n'
    data = _dataset(tmp_path)
    data.write_text(data.read_text(encoding="utf-8") + "\n" + event, encoding="utf-8")
    result = cli("data", "validate", str(data))
    assert result.exit_code == 3
    assert f'event[0].date: expected a real date as YYYY-MM-DD, got "{date}"' in result.stderr


def test_a_real_event_date_passes(cli: Cli, tmp_path: Path) -> None:
    event = '[[event]]\nyear = 2024\ndate = "2024-02-29"\nkind = "career"\ntext = "x"\n'
    event += 'sources = ["https://example.org/e"]\n'
    data = _dataset(tmp_path)
    data.write_text(data.read_text(encoding="utf-8") + "\n" + event, encoding="utf-8")
    result = cli("data", "validate", str(data))
    assert result.exit_code == 0, result.stderr
