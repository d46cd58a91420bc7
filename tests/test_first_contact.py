"""What a new user types first, through the real entry point (`python -m binoche_cli`).

These run as child processes on purpose: the bare-command bug (help squashed onto one error
line) passed every CliRunner test.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, run_binoche

SMALL = str(FIXTURES / "small.toml")


@pytest.mark.parametrize("words", [[], ["seen"], ["data"]])
def test_bare_command_prints_the_full_help(words: list[str]) -> None:
    bare = run_binoche(*words)
    helped = run_binoche(*words, "--help")
    assert bare.returncode == 0 and bare.stderr == ""
    assert bare.stdout == helped.stdout
    assert bare.stdout.startswith("Usage: binoche") and bare.stdout.count("\n") > 5


@pytest.mark.parametrize("words", [["films"], ["seen", "add"], ["data", "validate"]])
def test_help_command_matches_dash_dash_help(words: list[str]) -> None:
    via_help = run_binoche("help", *words)
    assert via_help.returncode == 0
    assert via_help.stdout.strip() == run_binoche(*words, "--help").stdout.strip()


@pytest.mark.parametrize("topic", ["formats", "fields", "exit-codes", "dataset"])
def test_help_topics(topic: str) -> None:
    result = run_binoche("help", topic)
    assert result.returncode == 0 and len(result.stdout.splitlines()) > 3


def test_help_unknown_topic_is_a_usage_error() -> None:
    result = run_binoche("help", "nonsense")
    assert result.returncode == 2 and "topics" in result.stderr


def test_root_options_work_after_the_subcommand() -> None:
    before = run_binoche("--color", "never", "--data", SMALL, "films", "-f", "plain")
    after = run_binoche("films", "--color", "never", "--data", SMALL, "-f", "plain")
    assert after.returncode == 0, after.stderr
    assert after.stdout == before.stdout and after.stdout
    bad = run_binoche("films", "--color", "purple")
    assert bad.returncode == 2 and "--color" in bad.stderr


@pytest.mark.parametrize("command", [["films"], ["director"], ["seen", "add"], ["timeline"], ["open"]])
def test_root_options_appear_in_every_command_help(command: list[str]) -> None:
    text = run_binoche(*command, "--help").stdout
    assert "--data" in text and "--color" in text and "--titles" in text


def test_director_lookup_drops_the_pinned_column() -> None:
    out = run_binoche("director", "kieslowski", "-f", "tsv").stdout.splitlines()
    assert out[0].split("\t") == ["year", "title", "role", "awards"]
    both = run_binoche("director", "kieslowski", "haneke", "-f", "tsv").stdout.splitlines()
    assert "directors" in both[0].split("\t")


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("json", "[]\n"),
        ("csv", "year,title,directors,role,awards\n"),
        ("tsv", "year\ttitle\tdirectors\trole\tawards\n"),
    ],
)
def test_no_match_output_stays_well_formed(fmt: str, expected: str) -> None:
    result = run_binoche("films", "--decade", "1970s", "-f", fmt)
    assert result.returncode == 1
    assert result.stdout == expected
    assert "no work matches" in result.stderr


def test_no_match_markdown_prints_the_header_row() -> None:
    result = run_binoche("films", "--decade", "1970s", "-f", "markdown")
    assert result.returncode == 1 and result.stdout.startswith("| year | title |")


def test_no_match_csv_without_header_is_empty() -> None:
    result = run_binoche("films", "--decade", "1970s", "-f", "csv", "--no-header")
    assert result.returncode == 1 and result.stdout == ""


def test_picture_does_not_take_stdout(tmp_path: Path) -> None:
    target = tmp_path / "t.svg"
    result = run_binoche("timeline", "--svg", str(target), "-f", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) and target.read_text(encoding="utf-8").lstrip().startswith("<")


def test_unwritable_output_fails_before_anything_is_written(tmp_path: Path) -> None:
    svg = tmp_path / "ok.svg"
    result = run_binoche("timeline", "--svg", str(svg), "--html", str(tmp_path / "missing" / "x.html"))
    assert result.returncode == 2
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_picture_files_follow_the_umask_and_keep_a_replaced_mode(tmp_path: Path) -> None:
    target = tmp_path / "t.svg"
    old = os.umask(0o022)
    try:
        assert run_binoche("stats", "--svg", str(target), "-f", "json").returncode == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    target.chmod(0o600)
    assert run_binoche("stats", "--svg", str(target), "-f", "json").returncode == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_every_json_key_is_a_field() -> None:
    record = json.loads(run_binoche("awards", "-f", "json", "-n", "1").stdout)[0]
    for key in record:
        result = run_binoche("awards", "--fields", key, "-n", "1")
        assert result.returncode == 0, (key, result.stderr)


def test_fields_are_case_insensitive_and_listed_when_bare() -> None:
    result = run_binoche("films", "--fields", "Year,TITLE", "-n", "1")
    assert result.returncode == 0 and result.stdout.count("\t") == 1
    listing = run_binoche("films", "--fields")
    assert listing.returncode == 0
    names = [line.split()[0] for line in listing.stdout.splitlines()]
    assert "imdb" in names and "title" in names


@pytest.mark.parametrize(
    "args",
    [
        ["films", "--year", ""],
        ["films", "--decade", ""],
        ["films", "--fields", ""],
        ["--data", "", "films"],
        ["films", "--data", ""],
        ["timeline", "--svg", ""],
        ["decade", ""],
        ["film", ""],
        ["search", ""],
    ],
)
def test_empty_values_are_usage_errors(args: list[str]) -> None:
    result = run_binoche(*args)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_ambiguous_title_has_its_own_exit_code() -> None:
    result = run_binoche("film", "three colours")
    assert result.returncode == 4
    assert "1993" in result.stderr and "three-colours-red" in result.stderr


def test_forgiving_years_decades_and_kinds() -> None:
    assert run_binoche("films", "-y", "93").stdout == run_binoche("films", "-y", "1993").stdout
    assert run_binoche("decade", "1993").stdout == run_binoche("decade", "1990s").stdout
    docs = run_binoche("films", "-k", "doc", "--fields", "year,title,kind", "-f", "tsv").stdout.splitlines()[
        1:
    ]
    assert docs and all(line.endswith("\tdocumentary") for line in docs)


def test_title_with_a_year_picks_among_namesakes() -> None:
    for args in (["film", "paris 2008"], ["film", "paris", "--year", "2008"], ["film", "Paris (2008)"]):
        result = run_binoche(*args, "-f", "json")
        assert result.returncode == 0, (args, result.stderr)
        assert json.loads(result.stdout)["id"] == "paris"


def test_did_you_mean_stays_in_the_given_year() -> None:
    result = run_binoche("film", "pariss", "--year", "2006")
    assert result.returncode == 1
    assert "Paris, je t'aime" in result.stderr and "'Paris'" not in result.stderr


def test_award_for_stage_work_is_pointed_to() -> None:
    result = run_binoche("award", "tony")
    assert result.returncode == 1
    assert "Betrayal" in result.stderr and "binoche awards --body tony" in result.stderr
    assert "given filters" not in result.stderr


def test_stats_respect_their_filter() -> None:
    whole = json.loads(run_binoche("stats", "-f", "json").stdout)
    narrow = json.loads(run_binoche("stats", "--decade", "2020s", "-f", "json").stdout)
    assert any(r["section"] == "triple_crown" for r in whole)
    assert not any(r["section"] == "triple_crown" for r in narrow)
    busiest = [r for r in narrow if r["section"] == "busiest_year"]
    assert all(r["value"] > 1 for r in busiest)


def test_sources_shown_are_pages_a_person_can_open() -> None:
    record = json.loads(run_binoche("film", "damage", "-f", "json").stdout)
    assert record["sources"] and all(s.startswith(("https://", "http://")) for s in record["sources"])
    card = run_binoche("film", "damage", "-f", "plain").stdout
    assert "seed:" not in card


@pytest.mark.parametrize(
    ("shell", "marker"), [("zsh", "#compdef binoche"), ("fish", "complete --command binoche")]
)
def test_show_completion_honours_the_named_shell(shell: str, marker: str) -> None:
    for args in (["--show-completion", shell], [f"--show-completion={shell}"]):
        result = run_binoche(*args, env={"SHELL": "/bin/bash"})
        assert result.returncode == 0 and marker in result.stdout


def test_titles_option_and_environment() -> None:
    both = run_binoche("director", "kieslowski", "--titles", "both", "-f", "tsv").stdout
    assert "Three Colours: Blue (Trois" in both
    env = run_binoche("director", "kieslowski", "-f", "tsv", env={"BINOCHE_TITLES": "original"}).stdout
    assert "\tTrois Couleurs : Bleu\t" in env
    as_json = json.loads(run_binoche("film", "bleu", "-f", "json", "--titles", "original").stdout)
    assert as_json["title"] == "Three Colours: Blue" and as_json["original_title"].startswith("Trois")


def test_csv_safe_is_opt_in(tmp_path: Path) -> None:
    data = tmp_path / "formulas.toml"
    data.write_text(
        'schema = 1\n[[film]]\nid = "x"\ntitle = "=HYPERLINK(1)"\nyear = 1990\nkind = "feature"\n'
        'directors = ["-A"]\nrole = "@me"\nsources = ["https://example.org/x"]\n',
        encoding="utf-8",
    )
    plain = run_binoche("films", "--data", str(data), "-f", "csv").stdout.splitlines()[1]
    safe = run_binoche("films", "--data", str(data), "-f", "csv", "--csv-safe").stdout.splitlines()[1]
    assert plain == "1990,=HYPERLINK(1),-A,@me,"
    assert safe == "1990,'=HYPERLINK(1),'-A,'@me,"


def test_stats_seen_is_seen_stats(tmp_path: Path) -> None:
    env = {"BINOCHE_HOME": str(tmp_path)}
    assert run_binoche("seen", "add", "damage", "--date", "2024-01-05", env=env).returncode == 0
    via_stats = run_binoche("stats", "--seen", "-f", "json", env=env)
    assert via_stats.returncode == 0
    assert json.loads(via_stats.stdout) == json.loads(
        run_binoche("seen", "stats", "-f", "json", env=env).stdout
    )
    assert "1 viewing" in via_stats.stdout and "1 viewings" not in via_stats.stdout


def test_data_error_hint_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('schema = 1\n[[film]]\nid = "X"\nyear = 1700\n', encoding="utf-8")
    result = run_binoche("films", "--data", str(bad))
    assert result.returncode == 3
    assert f"run 'binoche data validate {bad}'" in result.stderr and result.stderr.count("\n") == 1


def test_unreleased_works_are_marked_in_tables(tmp_path: Path) -> None:
    data = tmp_path / "next.toml"
    data.write_text(
        'schema = 1\n[[film]]\nid = "x"\ntitle = "Next One"\nyear = 2026\nkind = "feature"\n'
        'status = "announced"\ndirectors = ["A B"]\nrole = "C"\nsources = ["https://example.org/x"]\n',
        encoding="utf-8",
    )
    table = run_binoche("films", "--data", str(data), "-f", "table", env={"COLUMNS": "100"})
    assert "Next One (announced)" in table.stdout
    plain = run_binoche("films", "--data", str(data), "-f", "plain")
    assert plain.stdout.split("\t")[1] == "Next One"


def test_csv_safe_also_before_the_command(tmp_path: Path) -> None:
    data = tmp_path / "formulas.toml"
    data.write_text(
        'schema = 1\n[[film]]\nid = "x"\ntitle = "=1+1"\nyear = 1990\nkind = "feature"\n'
        'directors = ["A"]\nrole = "B"\nsources = ["https://example.org/x"]\n',
        encoding="utf-8",
    )
    result = run_binoche("--csv-safe", "--data", str(data), "films", "-f", "csv")
    assert result.returncode == 0 and "'=1+1" in result.stdout


def test_a_lookup_imports_only_its_own_command_family() -> None:
    """The speed of a lookup Typer answers depends on it: every family costs ~5 ms to import.
    (Runs the console script's `main`, the fast lane off, then lists the modules.)"""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from binoche_cli.cli.entry import main\n"
        "main(['director', 'kieslowski'])\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('binoche_cli'))), file=sys.stderr)\n"
    )
    env = {**os.environ, "BINOCHE_FAST": "0"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env
    )
    assert "Three Colours" in result.stdout
    imported = set(result.stderr.split())
    assert "binoche_cli.cli.commands.listings" in imported
    assert not imported & {
        "binoche_cli.cli.commands.pictures",
        "binoche_cli.cli.commands.seen",
        "binoche_cli.query.summaries",
    }


def test_titles_reach_the_card_and_the_timeline() -> None:
    card = run_binoche("film", "bleu", "--titles", "original", "-f", "plain").stdout
    assert card.splitlines()[0] == "title\tTrois Couleurs : Bleu"
    timeline = run_binoche(
        "timeline", "-d", "kieslowski", "-f", "table", "--titles", "both", env={"COLUMNS": "120"}
    )
    assert "Three Colours: Blue (Trois Couleurs : Bleu)" in timeline.stdout
