"""Synthetic datasets of the same schema, many times the bundled one."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from pathlib import Path

from binoche_cli.dataset.catalog import bundled_path, load
from tests.conftest import ROOT, run_binoche

sys.path.insert(0, str(ROOT / "tools"))
_write: Callable[[Path, Path, int], Path] = importlib.import_module("synthetic").write_scaled_dataset


def write_scaled_dataset(target: Path, factor: int) -> Path:
    return _write(bundled_path(), target, factor)


def test_scaled_dataset_loads_and_filters(tmp_path: Path) -> None:
    data = write_scaled_dataset(tmp_path / "x10.toml", 10)
    bundled = load(bundled_path())
    assert len(load(data).films) == 10 * len(bundled.films)
    env = {"BINOCHE_CACHE_DIR": str(tmp_path / "c"), "BINOCHE_HOME": str(tmp_path)}
    result = run_binoche("--data", str(data), "films", "--decade", "1990s", "-f", "plain", env=env)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 10 * sum(1990 <= f.year <= 1999 for f in bundled.films)
