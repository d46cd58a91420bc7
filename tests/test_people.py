"""People: `costars`, `together` and `graph`, from the pure queries to the writers' escaping
and the real `dot` program."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from binoche_cli.dataset.catalog import Catalog, Film
from binoche_cli.output.graph import WRITERS, to_dot, to_graphml, to_json, to_mermaid
from binoche_cli.query.people import (
    Edge,
    Graph,
    Node,
    collaboration_graph,
    costar_summaries,
    find_people,
    part_of,
    works_together,
)
from tests.helpers import FIXTURES, Cli, run_binoche

pytestmark = pytest.mark.usefixtures("behaviour_data")

# A dataset where one person directs and co-stars, and names carry characters that every
# graph format treats specially.
BOTH_TOML = """
schema = 1
artist = "Test Artist"

[[film]]
id = "first-film"
title = 'A "Quoted" Title \\\\ with <tags> & #hash'
year = 2001
kind = "feature"
directors = ["Ann Example"]
role = "Lead"
costars = ["Ann Example", "Bob [i]Costar[/i]"]
sources = ["https://example.org/first"]

[[film]]
id = "second-film"
title = "Second Film"
year = 2012
kind = "short"
directors = ["Carl Director"]
role = "Herself"
costars = ["Bob [i]Costar[/i]"]
sources = ["https://example.org/second"]
"""


def _json(text: str) -> Any:
    return json.loads(text)


@pytest.fixture
def both_data(tmp_path: Path) -> str:
    path = tmp_path / "both.toml"
    path.write_text(BOTH_TOML, encoding="utf-8")
    return str(path)


def _film(id: str, year: int, directors: tuple[str, ...], costars: tuple[str, ...]) -> Film:
    return Film(id, id.title(), year, "feature", directors, "Role", ("https://example.org",), costars=costars)


# ---- pure queries ------------------------------------------------------------------------


def test_costar_summaries_rank_and_span(behaviour: Catalog) -> None:
    rows = costar_summaries(behaviour.films)
    counts = [len(r.films) for r in rows]
    assert counts == sorted(counts, reverse=True)
    top = rows[0]
    expected = [f for f in behaviour.films if top.name in f.costars]
    assert len(top.films) == len(expected)
    assert (top.first_year, top.last_year) == (min(f.year for f in expected), max(f.year for f in expected))


def test_costar_summaries_count_every_credit_once(behaviour: Catalog) -> None:
    rows = costar_summaries(behaviour.films)
    assert sum(len(r.films) for r in rows) == sum(len(set(f.costars)) for f in behaviour.films)
    assert all(len(r.films) >= 2 for r in costar_summaries(behaviour.films, minimum=2))


def test_find_people_whole_name_wins_and_accents_fold(behaviour: Catalog) -> None:
    assert find_people(behaviour, "KIEŚLOWSKI") == ["Krzysztof Kieślowski"]
    assert find_people(behaviour, "kieslowski") == ["Krzysztof Kieślowski"]
    assert find_people(behaviour, "claire denis") == ["Claire Denis"]
    assert len(find_people(behaviour, "denis")) > 1
    assert find_people(behaviour, "") == [] and find_people(behaviour, "zzzz") == []


def test_part_of_each_role() -> None:
    film = _film("x", 2000, ("Ann",), ("Ann", "Bob"))
    assert part_of("Ann", film) == "director, co-star"
    assert part_of("Bob", film) == "co-star"
    assert part_of("Carl", film) == ""


def test_works_together_needs_all_of_them() -> None:
    films = [
        _film("a", 2001, ("Ann",), ("Bob",)),
        _film("b", 1999, ("Ann",), ("Carl",)),
        _film("c", 2005, ("Dan",), ("Bob", "Ann")),
    ]
    assert [w.film.id for w in works_together(films, ["Ann"])] == ["b", "a", "c"]
    rows = works_together(films, ["Ann", "Bob"])
    assert [w.film.id for w in rows] == ["a", "c"]
    assert rows[0].parts == (("Ann", "director"), ("Bob", "co-star"))
    assert works_together(films, []) == []


names = st.sampled_from(["Ann", "Bob", "Carl", "Dan", "Eve"])
films_strategy = st.lists(
    st.tuples(
        st.integers(1983, 2030),
        st.lists(names, min_size=1, max_size=2, unique=True),
        st.lists(names, max_size=4, unique=True),
    ),
    max_size=8,
).map(lambda rows: [_film(f"f{i}", y, tuple(d), tuple(c)) for i, (y, d, c) in enumerate(rows)])


@settings(max_examples=60, deadline=None)
@given(films=films_strategy, minimum=st.integers(1, 4))
def test_graph_is_consistent(films: list[Film], minimum: int) -> None:
    graph = collaboration_graph(films, minimum)
    ids = [n.id for n in graph.nodes]
    assert len(ids) == len(set(ids))
    by_id = {n.id: n for n in graph.nodes}
    for edge in graph.edges:
        assert by_id[edge.source].type == "person" and by_id[edge.target].type == "work"
        assert edge.role in ("director", "costar")
    for node in graph.nodes:
        degree = {e.target for e in graph.edges if e.source == node.id or e.target == node.id}
        if node.type == "person":
            assert len({e.target for e in graph.edges if e.source == node.id}) >= minimum
        else:
            assert degree, "a work with no kept person is left out"
    # People credited on enough works are all there.
    for person in {n for f in films for n in (*f.directors, *f.costars)}:
        shared = sum(1 for f in films if person in f.directors or person in f.costars)
        assert (shared >= minimum) == any(n.label == person for n in graph.nodes if n.type == "person")


# ---- writers: escaping -------------------------------------------------------------------

NASTY = 'Q"uote \\N back\\slash [b]x[/b] <b>&amp; #35; end\x1b[31m\nnew\tline\u202e'
NASTY_GRAPH = Graph(
    (Node("person:nasty", NASTY, "person"), Node("work:w", NASTY, "work", 2001)),
    (Edge("person:nasty", "work:w", "director"),),
)


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_writers_never_emit_control_characters(fmt: str) -> None:
    text = WRITERS[fmt](NASTY_GRAPH)
    body = text.replace("\n", "")
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in body), fmt
    assert "\u202e" not in text


def test_dot_escapes_quotes_and_backslashes() -> None:
    text = to_dot(NASTY_GRAPH)
    assert '[label="Q\\"uote \\\\N back\\\\slash' in text
    for line in text.splitlines():
        # Outside escapes, quotes pair up on every line.
        assert line.replace("\\\\", "").replace('\\"', "").count('"') % 2 == 0, line


def test_mermaid_escapes_entities() -> None:
    text = to_mermaid(NASTY_GRAPH)
    assert '"Q#quot;uote' in text and "#lt;b#gt;#amp;amp; #35;35; end" in text
    label_lines = [line for line in text.splitlines() if line.strip().startswith("n")]
    assert all(line.count('"') == 2 for line in label_lines if "(" in line or "[" in line)


def test_graphml_parses_and_keeps_labels() -> None:
    root = ET.fromstring(to_graphml(NASTY_GRAPH).encode("utf-8"))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    labels = [d.text for d in root.iterfind(".//g:node/g:data[@key='label']", ns)]
    assert labels and all(
        label is not None and label.startswith('Q"uote \\N back\\slash [b]') for label in labels
    )
    assert root.find(".//g:edge/g:data[@key='role']", ns) is not None


def test_json_round_trips() -> None:
    data = _json(to_json(NASTY_GRAPH))
    assert set(data) == {"nodes", "edges"}
    assert data["nodes"][0] == {"id": "person:nasty", "label": NASTY, "type": "person", "year": None}
    assert data["nodes"][1]["year"] == 2001
    assert data["edges"] == [{"source": "person:nasty", "target": "work:w", "role": "director"}]


# ---- commands ----------------------------------------------------------------------------


def test_costars_ranked_with_roles(cli: Cli, behaviour: Catalog) -> None:
    result = cli("costars", "-f", "json")
    assert result.exit_code == 0, result.stderr
    rows = _json(result.stdout)
    assert [r["films"] for r in rows] == sorted((r["films"] for r in rows), reverse=True)
    fiennes = next(r for r in rows if r["costar"] == "Ralph Fiennes")
    films = [f for f in behaviour.films if "Ralph Fiennes" in f.costars]
    assert fiennes["films"] == len(films) and len(fiennes["titles"]) == len(fiennes["roles"]) == len(films)
    assert fiennes["first_year"] == min(f.year for f in films)


def test_costars_min_limit_and_filters(cli: Cli) -> None:
    rows = _json(cli("costars", "--min", "2", "-f", "json").stdout)
    assert rows and all(r["films"] >= 2 for r in rows)
    assert len(_json(cli("costars", "--limit", "3", "-f", "json").stdout)) == 3
    nineties = _json(cli("costars", "--decade", "1990s", "-f", "json").stdout)
    assert nineties and all(1990 <= r["first_year"] <= r["last_year"] <= 1999 for r in nineties)
    red = _json(cli("costars", "-d", "kieslowski", "-f", "json").stdout)
    assert {r["costar"] for r in red} >= {"Irène Jacob", "Julie Delpy"}


def test_costars_plain_columns(cli: Cli) -> None:
    first = cli("costars", "--limit", "1").stdout.splitlines()
    assert len(first) == 1 and len(first[0].split("\t")) == 5


def test_costars_no_match_is_well_formed(cli: Cli) -> None:
    result = cli("costars", "--min", "99", "-f", "json")
    assert (result.exit_code, _json(result.stdout)) == (1, [])
    assert "no co-star has 99" in result.stderr
    csv_out = cli("costars", "--min", "99", "-f", "csv")
    assert csv_out.exit_code == 1 and csv_out.stdout.startswith("costar,films,")
    unknown = cli("costars", "-d", "kieslowsky")
    assert unknown.exit_code == 1 and "did you mean Krzysztof Kieślowski?" in unknown.stderr


def test_costars_fields_listing_and_usage_errors(cli: Cli) -> None:
    # A bare --fields is recognised by the entry point, so through a real process.
    listed = run_binoche("costars", "--fields")
    assert listed.returncode == 0 and "her roles" in listed.stdout
    assert [line.split()[0] for line in listed.stdout.splitlines()][:2] == ["costar", "films"]
    parts = run_binoche("together", "magimel", "--fields")
    assert parts.returncode == 0 and "part " in parts.stdout
    assert cli("costars", "--min", "0").exit_code == 2
    assert cli("costars", "--fields", "nope").exit_code == 2
    assert cli("costars", "--decade", "19x0").exit_code == 2


@pytest.mark.parametrize("spelling", ["kieslowski", "KIEŚLOWSKI", "Krzysztof Kieślowski"])
def test_together_director(cli: Cli, behaviour: Catalog, spelling: str) -> None:
    rows = _json(cli("together", spelling, "-f", "json").stdout)
    expected = [f.id for f in behaviour.films if "Krzysztof Kieślowski" in f.directors]
    assert sorted(r["id"] for r in rows) == sorted(expected)
    assert {r["part"] for r in rows} == {"director"}


def test_together_costar_and_herself_directing(cli: Cli) -> None:
    rows = _json(cli("together", "magimel", "-f", "json").stdout)
    assert rows and {r["part"] for r in rows} == {"co-star"}
    herself = _json(cli("together", "juliette binoche", "-f", "json").stdout)
    assert [(r["id"], r["part"]) for r in herself] == [("in-i-in-motion", "director")]


def test_together_director_and_costar(cli: Cli, both_data: str) -> None:
    rows = _json(cli("--data", both_data, "together", "ann example", "-f", "json").stdout)
    assert [(r["id"], r["part"]) for r in rows] == [("first-film", "director, co-star")]


def test_together_several_people(cli: Cli, behaviour: Catalog) -> None:
    rows = _json(cli("together", "assayas", "charles berling", "-f", "json").stdout)
    expected = [
        f.id for f in behaviour.films if "Olivier Assayas" in f.directors and "Charles Berling" in f.costars
    ]
    assert [r["id"] for r in rows] == expected and expected
    assert rows[0]["parts"] == [
        {"name": "Olivier Assayas", "part": "director"},
        {"name": "Charles Berling", "part": "co-star"},
    ]
    assert rows[0]["part"] == "Olivier Assayas: director; Charles Berling: co-star"
    none = cli("together", "kieslowski", "magimel", "-f", "json")
    assert (none.exit_code, _json(none.stdout)) == (1, [])
    assert "together" in none.stderr


def test_together_unknown_and_ambiguous(cli: Cli) -> None:
    unknown = cli("together", "kieslowsky", "-f", "json")
    assert unknown.exit_code == 1 and unknown.stdout == ""
    assert "did you mean Krzysztof Kieślowski" in unknown.stderr
    ambiguous = cli("together", "denis")
    assert ambiguous.exit_code == 4
    assert "Claire Denis" in ambiguous.stderr and ambiguous.stdout == ""
    assert cli("together", "").exit_code == 2
    assert cli("together").exit_code == 2


def test_together_filters_and_csv_header(cli: Cli) -> None:
    result = cli("together", "kieslowski", "--year", "1993", "-f", "csv")
    lines = result.stdout.splitlines()
    assert lines[0] == "year,title,part,role" and len(lines) == 2 and "Blue" in lines[1]
    empty = cli("together", "kieslowski", "--decade", "2010s", "-f", "tsv")
    assert empty.exit_code == 1 and empty.stdout == "year\ttitle\tpart\trole\n"


def test_graph_json_matches_query(cli: Cli, behaviour: Catalog) -> None:
    data = _json(cli("graph", "-d", "kieslowski", "-f", "json").stdout)
    works = {n["id"] for n in data["nodes"] if n["type"] == "work"}
    assert works == {f"work:{f.id}" for f in behaviour.films if "Krzysztof Kieślowski" in f.directors}
    people = {n["label"] for n in data["nodes"] if n["type"] == "person"}
    assert {"Krzysztof Kieślowski", "Irène Jacob"} <= people
    assert {e["role"] for e in data["edges"]} == {"director", "costar"}


def test_graph_min_keeps_connected_people(cli: Cli) -> None:
    data = _json(cli("graph", "--min", "3", "-f", "json").stdout)
    for node in data["nodes"]:
        if node["type"] == "person":
            assert sum(e["source"] == node["id"] for e in data["edges"]) >= 3
    empty = cli("graph", "--min", "99", "-f", "json")
    assert empty.exit_code == 1 and _json(empty.stdout) == {"nodes": [], "edges": []}


def test_graph_formats_and_usage(cli: Cli) -> None:
    assert cli("graph", "--min", "3").stdout.startswith("digraph binoche {")
    assert cli("graph", "--min", "3", "-f", "mermaid").stdout.startswith("flowchart LR")
    ET.fromstring(cli("graph", "--min", "3", "-f", "graphml").stdout.encode("utf-8"))
    bad = cli("graph", "-f", "svg")
    assert bad.exit_code == 2 and "dot, mermaid, json, graphml" in bad.stderr and bad.stdout == ""


needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")


@needs_dot
@pytest.mark.parametrize("args", [("--min", "2"), ()])
def test_dot_renders_real_graph(cli: Cli, args: tuple[str, ...]) -> None:
    dot_text = cli("graph", *args).stdout
    done = subprocess.run(["dot", "-Tsvg"], input=dot_text, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "<svg" in done.stdout and "Kie" in done.stdout


@needs_dot
def test_dot_renders_nasty_labels(cli: Cli, both_data: str) -> None:
    for graph in (NASTY_GRAPH, None):
        text = to_dot(graph) if graph else cli("--data", both_data, "graph").stdout
        done = subprocess.run(["dot", "-Tsvg"], input=text, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and not done.stderr, done.stderr
        assert "Q&quot;uote" in done.stdout or "A &quot;Quoted&quot; Title" in done.stdout


def test_graph_in_a_real_pipe() -> None:
    done = run_binoche("graph", "--data", str(FIXTURES / "small.toml"), "-f", "mermaid")
    assert done.returncode == 0 and done.stderr == ""
    assert "Ann Example" in done.stdout and "Łukasz Żuławski" in done.stdout
    ascii_run = run_binoche("graph", "-d", "kieslowski", env={"PYTHONIOENCODING": "ascii"})
    assert ascii_run.returncode == 0 and ascii_run.stderr == ""
    assert ascii_run.stdout.isascii() and "Kieslowski" in ascii_run.stdout


def test_new_commands_in_root_help(cli: Cli) -> None:
    help_text = cli("--help").stdout
    for name in ("costars", "together", "graph", "schema", "man"):
        assert f"  {name} " in help_text or f"  {name}\n" in help_text, name
