"""The wheel a user installs (issue 19): built from this tree, installed into a fresh virtual
environment, and run from there, so the shipped data, man pages and entry point are checked
as a user gets them, not as the source tree has them.

No network: the wheel is built without isolation (hatchling comes with the test extras) and
installed with --no-deps; the fresh environment reaches Typer, Rich and tomli through a .pth
file pointing at this environment's site-packages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a fresh venv holding only the wheel (plus a path to the deps)."""
    work = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(work),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    wheel = next(work.glob("binoche_cli-*.whl"))
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            # The copy this environment reaches through deps.pth must not count as installed;
            # the fresh one comes first on sys.path.
            "--ignore-installed",
            str(wheel),
        ],
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stderr
    return venv / "bin"


def _run(bin_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BINOCHE_", "PYTHON"))}
    env["BINOCHE_NO_CACHE"] = "1"
    return subprocess.run(
        [str(bin_dir / "binoche"), *args], capture_output=True, text=True, cwd=bin_dir, env=env, timeout=60
    )


def test_wheel_holds_the_data_and_not_the_development_tools(installed: Path) -> None:
    wheel = next(installed.parent.parent.glob("binoche_cli-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "binoche_cli/data/binoche.toml" in names
    assert "binoche_cli/py.typed" in names
    assert any(n.endswith("share/man/man1/binoche.1") for n in names)
    assert not [n for n in names if n.startswith(("tools/", "tests/", "binoche_cli/reference"))]


def test_installed_lookup_reads_the_shipped_data(installed: Path) -> None:
    result = _run(installed, "director", "kieslowski", "-f", "json")
    assert result.returncode == 0, result.stderr
    assert [r["title"] for r in json.loads(result.stdout)][:1] == ["Three Colours: Blue"]
    where = _run(installed, "data", "path")
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).resolve().is_relative_to(installed.parent.resolve()), where.stdout


def test_installed_man_and_schema(installed: Path) -> None:
    page = _run(installed, "man", "films")
    assert page.returncode == 0 and "binoche films" in page.stdout, page.stderr
    schema = _run(installed, "schema", "films")
    assert schema.returncode == 0, schema.stderr
    assert json.loads(schema.stdout)["type"] == "array"
    assert (installed.parent / "share" / "man" / "man1" / "binoche-films.1").is_file()
