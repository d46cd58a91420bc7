"""JSON Schemas: generated from records.SHAPES, and every command's real JSON output
validates against its own."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from binoche_cli.about.schema import DRAFT, OUTPUTS, command_schema, render_schema, type_schema
from binoche_cli.about.walk import command_paths
from binoche_cli.output.shapes import SHAPES
from tests.helpers import Cli, run_binoche

# Real invocations, one per command with JSON output (OUTPUTS must name them all).
RUNS: dict[str, tuple[str, ...]] = {
    "films": ("films",),
    "decade": ("decade", "1990s"),
    "director": ("director", "kieslowski"),
    "award": ("award", "cesar"),
    "next": ("next",),
    "film": ("film", "the english patient"),
    "directors": ("directors",),
    "awards": ("awards",),
    "search": ("search", "magimel"),
    "timeline": ("timeline",),
    "stats": ("stats",),
    "guide": ("guide",),
    "seen list": ("seen", "list"),
    "seen stats": ("seen", "stats"),
    "costars": ("costars",),
    "together": ("together", "kieslowski"),
    "graph": ("graph",),
    "data info": ("data", "info"),
}
# The viewing-log export: its JSON is the log file itself (a backup format), not a report.
NOT_RECORDS = {"binoche seen export"}


def _validate(command: str, data: Any) -> None:
    validator = jsonschema.Draft202012Validator(command_schema(command))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, f"{command}: " + "; ".join(
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:5]
    )


def test_runs_cover_every_output() -> None:
    assert set(RUNS) == set(OUTPUTS)


def _writes_json(command: Any) -> bool:
    return any("--format" in p.opts and "json" in (p.help or "") for p in command.params)


def test_every_command_with_json_output_has_a_schema() -> None:
    import typer

    from binoche_cli.about.walk import walk_commands
    from binoche_cli.cli.application import app

    with_json = {
        path
        for path, command in walk_commands(typer.main.get_command(app), "binoche")
        if _writes_json(command)
    }
    assert with_json, "no command found with -f json: the detection is broken"
    missing = sorted(p for p in with_json - NOT_RECORDS if p.removeprefix("binoche ") not in OUTPUTS)
    assert not missing, f"these write JSON: add them to schema.OUTPUTS: {missing}"
    assert {f"binoche {c}" for c in OUTPUTS} <= set(command_paths())


@pytest.mark.parametrize("command", sorted(OUTPUTS))
def test_schema_is_valid_draft_2020_12(command: str) -> None:
    schema = command_schema(command)
    assert schema["$schema"] == DRAFT
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_every_declared_type_is_understood(shape: str) -> None:
    for name, kind, meaning in SHAPES[shape]:
        assert type_schema(kind, name) and meaning, (shape, name)


def test_type_mapping() -> None:
    assert type_schema("integer?") == {"type": ["integer", "null"]}
    assert type_schema("array<string>") == {"type": "array", "items": {"type": "string"}}
    awards = type_schema("array<object>", "awards")
    assert awards["items"]["required"] == ["year", "body", "category", "result", "label"]
    with pytest.raises(ValueError):
        type_schema("date")


# Records that write keys their shape does not declare; the fix is in records.SHAPES (the
# schema, `--fields` and `help fields` all follow it). xfail_strict: passes once fixed.
@pytest.mark.parametrize(
    "command",
    sorted(RUNS),
)
def test_real_output_validates(cli: Cli, command: str) -> None:
    if command.startswith("seen "):
        assert cli("seen", "add", "the english patient").exit_code == 0
    result = cli(*RUNS[command], "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data, command
    _validate(command, data)


@pytest.mark.parametrize("command", sorted(c for c, output in OUTPUTS.items() if output.also))
def test_output_with_its_alternative_shape_validates(cli: Cli, command: str) -> None:
    option = OUTPUTS[command].also
    assert option is not None
    assert cli("seen", "add", "the english patient", "--rating", "4").exit_code == 0
    result = cli(*RUNS[command], option[0], "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"rating", "total"} <= set(data[0]), "the alternative shape was written"
    _validate(command, data)


def test_schema_of_data_info_is_served(cli: Cli) -> None:
    result = cli("schema", "data info")
    assert result.exit_code == 0, result.stderr
    schema = json.loads(result.stdout)
    assert schema["$defs"]["data_info"]["required"][:2] == ["path", "as_of"]
    info = json.loads(cli("data", "info", "-f", "json").stdout)
    jsonschema.Draft202012Validator(schema).validate(info)
    assert set(info["identifiers"]) == {"imdb", "tmdb", "letterboxd", "wikidata"}


def test_strict_schema_rejects_drift() -> None:
    film = command_schema("film")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"id": "x"}, film)  # keys missing
    record = {name: None for name, _, _ in SHAPES["costar"]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([record], command_schema("costars"))  # null where not nullable


@pytest.mark.parametrize(
    ("command", "args"),
    [("costars", ("costars", "--min", "99")), ("together", ("together", "kieslowski", "--year", "2020"))],
)
def test_empty_output_validates(cli: Cli, command: str, args: tuple[str, ...]) -> None:
    result = cli(*args, "-f", "json")
    assert result.exit_code == 1 and json.loads(result.stdout) == []
    _validate(command, [])


@pytest.mark.parametrize("command", ["costars", "graph", "film"])
def test_real_process_output_validates(command: str) -> None:
    args = {"film": ("film", "bleu"), "graph": ("graph", "--min", "2")}.get(command, (command,))
    done = run_binoche(*args, "-f", "json")
    assert done.returncode == 0 and done.stderr == ""
    schema = json.loads(run_binoche("schema", command).stdout)
    jsonschema.Draft202012Validator(schema).validate(json.loads(done.stdout))


def test_schema_command(cli: Cli) -> None:
    listing = cli("schema")
    assert listing.exit_code == 0
    rows = dict(line.split("\t") for line in listing.stdout.splitlines())
    assert rows["costars"] == "array of costar" and rows["film"] == "one film object"
    assert set(rows) == set(OUTPUTS)
    one = cli("schema", "films")
    assert one.exit_code == 0 and one.stdout == render_schema("films")
    assert cli("schema", "seen", "list").stdout == render_schema("seen list")


def test_schema_unknown_command_is_usage_error(cli: Cli) -> None:
    result = cli("schema", "costar")
    assert result.exit_code == 2 and result.stdout == ""
    assert "did you mean costars" in result.stderr
    assert cli("schema", "man").exit_code == 2
