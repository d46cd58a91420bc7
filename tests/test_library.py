"""`import binoche_cli` as a library (issue 19): the README's Python examples run as written,
and the library answers what the CLI answers."""

from __future__ import annotations

import doctest
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import binoche_cli
from binoche_cli.library import FilterError, Filters
from tests.conftest import FIXTURES, ROOT, run_binoche

BEHAVIOUR = FIXTURES / "behaviour.toml"


def _readme_python() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    assert blocks, "the README's Python section has no example"
    return "\n".join(blocks)


def test_readme_python_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BINOCHE_DATA", raising=False)
    test = doctest.DocTestParser().get_doctest(_readme_python(), {}, "README.md#python", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert test.examples and runner.failures == 0, f"{runner.failures} README example(s) failed"


def test_films_match_the_cli_for_every_filter_on_the_fixture() -> None:
    catalog = binoche_cli.load(BEHAVIOUR)
    cases: list[tuple[Filters, list[str]]] = [
        ({"decade": "1990s"}, ["--decade", "1990s"]),
        ({"director": "KIESLOWSKI"}, ["--director", "KIESLOWSKI"]),
        ({"kind": "doc"}, ["--kind", "doc"]),
        ({"award": "cesar", "won": True}, ["--award", "cesar", "--won"]),
        ({"runtime": "<100"}, ["--runtime", "<100"]),
        ({"year": "2010-"}, ["--year", "2010-"]),
    ]
    for kwargs, options in cases:
        mine = [f.id for f in catalog.films(**kwargs)]
        result = run_binoche("--data", str(BEHAVIOUR), "films", *options, "-f", "json")
        assert result.returncode in (0, 1), result.stderr
        theirs = [r["id"] for r in json.loads(result.stdout or "[]")]
        assert mine == theirs, (kwargs, mine, theirs)


def test_bad_values_raise_value_errors_naming_the_option() -> None:
    catalog = binoche_cli.load(BEHAVIOUR)
    with pytest.raises(FilterError) as caught:
        catalog.films(runtime="long")
    assert caught.value.option == "--runtime"
    with pytest.raises(ValueError, match="--won"):
        catalog.films(won=True, nominated=True)
    with pytest.raises(ValueError, match="--sort"):
        catalog.films(sort="colour")


def test_one_name_or_several() -> None:
    catalog = binoche_cli.load(BEHAVIOUR)
    one = catalog.films(director="kieslowski")
    both = catalog.films(director=["kieslowski", "haneke"])
    assert one and set(one) < set(both)


def test_film_lookup_is_exact_or_raises(tmp_path: Path) -> None:
    catalog = binoche_cli.load(BEHAVIOUR)
    first = catalog.films()[0]
    assert catalog.film(first.id) == first
    with pytest.raises(LookupError):
        catalog.film("no such film at all")


def test_records_are_frozen() -> None:
    film = binoche_cli.load(BEHAVIOUR).films()[0]
    with pytest.raises(AttributeError):
        object.__setattr__(film, "title", "changed")


def test_importing_the_package_loads_no_library_module() -> None:
    """The console script imports the package first: the library waits until it is asked for."""
    code = "import sys, binoche_cli; print(any(m.startswith('binoche_cli.query') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("options", [[], ["--director", "assayas"], ["--award", "cesar", "--won"]])
def test_stats_count_as_the_cli_counts(options: list[str]) -> None:
    """One definition of a count: the library's stats are `binoche stats`'s."""
    filters: Filters = {}
    if options[:1] == ["--director"]:
        filters = {"director": options[1]}
    elif options:
        filters = {"award": options[1], "won": True}
    stats = binoche_cli.load(BEHAVIOUR).stats(**filters)
    result = run_binoche("--data", str(BEHAVIOUR), "stats", *options, "-f", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert next(r["value"] for r in rows if r["section"] == "total") == stats.total
    awards = {(r["key"], r["detail"]) for r in rows if r["section"] == "awards"}
    assert awards == {(body, f"{w} won, {n} nominated") for body, w, n in stats.awards_by_body}
    honours = {r["key"] for r in rows if r["section"] == "honours"}
    assert honours == {body for body, _, _ in stats.honours_by_body}
    assert bool(honours) == (not options), "career honours only when every work is shown"


def test_loading_as_a_library_leaves_the_collector_as_it_was() -> None:
    """gc.freeze() acts on the whole process: only the one-shot CLI may ask for it."""
    code = "import gc, binoche_cli\nbinoche_cli.load()\nprint(gc.isenabled(), gc.get_freeze_count())\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "0"]
