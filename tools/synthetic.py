"""Synthetic datasets of the bundled schema, N times the size, for scaling checks.

Every copy is a valid dataset: ids, titles and the external ids (IMDb, Wikidata, TMDb,
Letterboxd) are made unique per copy, so a scaled file validates like the bundled one and
measures the loader, not the error reporting.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def _value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    return str(value)


def _unique(key: str, value: Any, copy: int, serial: int) -> Any:
    """The record's value for `key` in copy number `copy` (copy 0 keeps the original)."""
    if key in ("id", "work", "letterboxd"):
        return f"{value}-{copy}"
    if key == "title":
        return f"{value} #{copy}"
    if copy == 0:
        return value
    if key == "imdb":
        return f"tt{90_000_000 + serial:08d}"
    if key == "wikidata":
        return f"Q{900_000_000 + serial}"
    if key == "tmdb":
        return 90_000_000 + serial
    return value


def write_scaled_dataset(source: Path, target: Path, factor: int) -> Path:
    """Every film, award and stage work `factor` times, with ids and titles made unique.

    Written as it is made: the 1000x file is about 90 MB, and a benchmark that held it in
    memory would lend its own peak to the children it starts (a child's peak RSS counts the
    parent's pages it was forked from)."""
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    serial = 0
    with open(target, "w", encoding="utf-8") as out:
        out.write('schema = 1\nartist = "Synthetic"\n\n')
        for copy in range(factor):
            lines = []
            for table in ("film", "stage", "award"):
                for record in data.get(table, []):
                    serial += 1
                    lines.append(f"[[{table}]]")
                    for key, value in record.items():
                        if key in ("aka", "original_title"):
                            continue  # alternative titles would clash across copies
                        lines.append(f"{key} = {_value(_unique(key, value, copy, serial))}")
                    lines.append("")
            out.write("\n".join(lines) + "\n")
    return target


def count_films(path: Path) -> int:
    """The `[[film]]` tables in a file this module wrote, without parsing it."""
    with open(path, encoding="utf-8") as handle:
        return sum(1 for line in handle if line == "[[film]]\n")


def factor_for_films(source: Path, films: int) -> int:
    """The smallest factor giving at least `films` films."""
    count = len(tomllib.loads(source.read_text(encoding="utf-8")).get("film", []))
    return max(1, math.ceil(films / count))


def write_dataset_with_films(source: Path, target: Path, films: int) -> Path:
    """A scaled dataset with at least `films` films (e.g. 20,000 for the loader's guard)."""
    return write_scaled_dataset(source, target, factor_for_films(source, films))


if __name__ == "__main__":
    from_path, to_path, times = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    write_scaled_dataset(from_path, to_path, times)
