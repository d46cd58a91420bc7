"""When the viewing log cannot be read: what to tell the user (restore the newest backup),
and where `seen restore` keeps the broken file (`seen.json.broken`), so nothing is lost."""

import os
import shlex
from pathlib import Path

from binoche_cli.files import shown
from binoche_cli.text import plural


def backups(file: Path) -> list[Path]:
    """The copies a log can be restored from, newest first: `seen backup`'s files in `backups/`
    beside the log, and the `seen.json.bak*` kept by restores and upgrades."""
    found = [p for p in file.parent.glob(f"{file.name}.bak*") if p.is_file()]
    folder = file.parent / "backups"
    if folder.is_dir():
        found += [p for p in folder.glob("*.json") if p.is_file()]

    def modified(candidate: Path) -> float:
        try:
            return candidate.stat().st_mtime
        except OSError:
            return 0.0

    return sorted(found, key=lambda p: (modified(p), p.name), reverse=True)


def move_aside_hint(file: Path | str) -> str:
    """What to do about a log we cannot read: `seen restore`, naming the newest backup."""
    file = Path(file)
    kept = backups(file)
    if kept:
        others = f" ({plural_backups(len(kept))} in {shown(file.parent)})" if len(kept) > 1 else ""
        return (
            "it was left untouched; restore the newest backup with "
            f"'binoche seen restore {shlex.quote(os.fspath(kept[0]))}'{others} "
            "(the broken file is kept aside), or fix it"
        )
    return (
        "it was left untouched; fix it, or restore a backup or an export with "
        "'binoche seen restore FILE' (the broken file is kept aside)"
    )


def plural_backups(count: int) -> str:
    return plural(count, "backup")


def broken_name(file: Path) -> Path:
    """`seen.json.broken`, or the first free `seen.json.broken.N`."""
    candidate = file.with_name(file.name + ".broken")
    number = 0
    while os.path.lexists(candidate):
        number += 1
        candidate = file.with_name(f"{file.name}.broken.{number}")
    return candidate
