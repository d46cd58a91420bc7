"""JSON Schemas (draft 2020-12) of every command's JSON output, generated from `records.SHAPES`.

`OUTPUTS` is the one place that says which command writes which shape; the shapes say which
keys a record has and their JSON types. tests/test_schema.py validates each command's real
output against its schema, so neither can drift from what the commands print.
"""

from typing import Any, NamedTuple

DRAFT = "https://json-schema.org/draft/2020-12/schema"


class Output(NamedTuple):
    """What `-f json` writes: an array of `shape` records, one `shape` object, or a network
    (an object of node and edge arrays). `also`: another shape an option switches to, with
    the option (`stats --seen` writes seen_stat records)."""

    form: str  # "array", "object" or "network"
    shape: str
    also: tuple[str, str] | None = None  # (option, shape)

    def describe(self) -> str:
        other = f" ({self.also[0]}: {self.also[1]})" if self.also else ""
        if self.form == "array":
            return f"array of {self.shape}{other}"
        if self.form == "object":
            return f"one {self.shape} object{other}"
        return "object: nodes (graph_node), edges (graph_edge)"


OUTPUTS: dict[str, Output] = {
    "films": Output("array", "film"),
    "decade": Output("array", "film"),
    "director": Output("array", "film"),
    "award": Output("array", "film"),
    "next": Output("array", "film"),
    "film": Output("object", "film"),
    "directors": Output("array", "director"),
    "awards": Output("array", "award"),
    "search": Output("array", "search"),
    "timeline": Output("array", "timeline"),
    "stats": Output("array", "stat", also=("--seen", "seen_stat")),
    "guide": Output("array", "guide"),
    "seen list": Output("array", "seen"),
    "seen stats": Output("array", "seen_stat"),
    "costars": Output("array", "costar"),
    "together": Output("array", "together"),
    "graph": Output("network", "graph_node"),
    "data info": Output("object", "data_info"),
}

_COUNT = "object"  # an object of name -> count (its keys are the data's: kinds, domains)
# `data info -f json`: one object about the dataset (query/summaries.dataset_info, coverage).
DATA_INFO: tuple[tuple[str, str, str], ...] = (
    ("path", "string", "the dataset file read"),
    ("as_of", "string?", "the date the data was last checked"),
    ("license", "string?", "the licence of the data"),
    ("artist", "string", "whose career the dataset holds"),
    ("artist_imdb", "string?", "her IMDb name id"),
    ("artist_wikidata", "string?", "her Wikidata id"),
    ("works", "integer", "works in the dataset"),
    ("by_kind", _COUNT, "works per kind, most numerous first"),
    ("not_released", "object", "id -> status of works not yet released"),
    ("newest", "object?", "the newest work: year, title, id"),
    ("awards", "integer", "award rows"),
    ("stage", "integer", "stage productions"),
    ("events", "integer", "career events"),
    ("with_imdb", "integer", "works with an IMDb id"),
    ("sources", "integer", "source URLs cited"),
    ("domains", _COUNT, "every domain cited, with how many URLs, most cited first"),
    ("domain_count", "integer", "how many domains are cited"),
    ("identifiers", "object", "per site (imdb, tmdb, letterboxd, wikidata): with, of, by_kind"),
)
# Shapes of whole objects that are not records of records.SHAPES.
OBJECT_SHAPES = {"data_info": DATA_INFO}


def _shape(name: str) -> tuple[tuple[str, str, str], ...]:
    from binoche_cli.output.shapes import SHAPES

    return OBJECT_SHAPES.get(name) or SHAPES[name]


def _nested() -> dict[str, tuple[tuple[str, str, str], ...]]:
    """The shape of the objects inside an `array<object>` key, by key name."""
    from binoche_cli.output.shapes import AWARD_IN_FILM, PERSON_PART

    return {"awards": AWARD_IN_FILM, "parts": PERSON_PART}


def type_schema(kind: str, key: str = "") -> dict[str, Any]:
    """`string`, `integer?`, `array<string>`, `array<object>`... as a JSON Schema; a trailing
    `?` means the value may be null."""
    nullable = kind.endswith("?")
    base = kind.removesuffix("?")
    schema: dict[str, Any]
    if base.startswith("array<") and base.endswith(">"):
        item = base[len("array<") : -1]
        nested = _nested().get(key) if item == "object" else None
        schema = {
            "type": "array",
            "items": object_schema(nested) if nested else type_schema(item),
        }
    elif base in ("string", "integer", "boolean", "number", "object"):
        schema = {"type": base}
    else:
        raise ValueError(f"unknown JSON type {kind!r} for {key or 'a field'}")
    if nullable:
        schema["type"] = [schema["type"], "null"]
    return schema


def object_schema(fields: tuple[tuple[str, str, str], ...]) -> dict[str, Any]:
    """One record: every key present (with `--fields`, only the chosen ones are), no others."""
    return {
        "type": "object",
        "properties": {
            name: {**type_schema(kind, name), "description": meaning} for name, kind, meaning in fields
        },
        "required": [name for name, _, _ in fields],
        "additionalProperties": False,
    }


def command_schema(command: str) -> dict[str, Any]:
    """The schema of `binoche COMMAND -f json`; KeyError for a command without JSON output."""
    from binoche_cli.output.shapes import SHAPES

    output = OUTPUTS[command]
    head: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": f"urn:binoche-cli:schema:{command.replace(' ', '-')}",
        "title": f"binoche {command} -f json",
        "description": output.describe()
        + ("" if output.shape in OBJECT_SHAPES else "; with --fields, records keep only the chosen keys"),
    }
    if output.form == "network":
        defs = {
            "graph_node": object_schema(SHAPES["graph_node"]),
            "graph_edge": object_schema(SHAPES["graph_edge"]),
        }
        body: dict[str, Any] = {
            "type": "object",
            "properties": {
                "nodes": {"type": "array", "items": {"$ref": "#/$defs/graph_node"}},
                "edges": {"type": "array", "items": {"$ref": "#/$defs/graph_edge"}},
            },
            "required": ["nodes", "edges"],
            "additionalProperties": False,
        }
        head["description"] = output.describe()
    else:
        shapes = [output.shape, *([output.also[1]] if output.also else [])]
        defs = {shape: object_schema(_shape(shape)) for shape in shapes}
        refs = [{"$ref": f"#/$defs/{shape}"} for shape in shapes]
        # With an alternative shape, every record is of one shape or the other (never mixed
        # in one output, which the schema does not insist on).
        ref = refs[0] if len(refs) == 1 else {"anyOf": refs}
        body = {"type": "array", "items": ref} if output.form == "array" else ref
    return {**head, **body, "$defs": defs}


def render_schema(command: str) -> str:
    import json

    return json.dumps(command_schema(command), indent=2, ensure_ascii=False) + "\n"
