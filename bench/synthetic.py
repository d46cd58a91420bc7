"""Synthetic datasets of the bundled schema, N times the size, for scaling checks."""

from __future__ import annotations

import json
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


def write_scaled_dataset(source: Path, target: Path, factor: int) -> Path:
    """Every film, award and stage work `factor` times, with ids and titles made unique."""
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    lines = ["schema = 1", 'artist = "Synthetic"', ""]
    for copy in range(factor):
        for table in ("film", "stage", "award"):
            for record in data.get(table, []):
                lines.append(f"[[{table}]]")
                for key, value in record.items():
                    if key in ("id", "work"):
                        value = f"{value}-{copy}"
                    elif key == "title":
                        value = f"{value} #{copy}"
                    elif key in ("aka", "original_title", "imdb", "wikidata", "tmdb", "letterboxd"):
                        continue
                    lines.append(f"{key} = {_value(value)}")
                lines.append("")
    target.write_text("\n".join(lines), encoding="utf-8")
    return target
