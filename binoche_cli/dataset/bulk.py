"""Loading a large dataset: read within a limit, TOML parsed in slices, equal strings and tuples made one object,
and the cyclic garbage collector kept out of the way. catalog.load uses them; nothing here
knows the records."""

import contextlib
import gc
import itertools
import os
import re
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

from binoche_cli.files import FileProblem, read_bounded, shown

# A file larger than this is parsed in slices of about this size, cut where a line starts an
# array of tables (`[[film]]`), and equal strings in the parsed tables are made one object. On
# the 84,000-film benchmark file (90 MB) the whole text decoded was 180 MB (one character past
# U+00FF makes Python store two bytes a character) and the parsed tables 400 MB, mostly the same
# keys and sources again: parsing peaked at 690 MB, in slices at 280 MB, for a second more.
SLICE_BYTES = 4 * 1024 * 1024
_TABLE_START = re.compile(rb"^\[\[", re.MULTILINE)


def toml_module() -> ModuleType:
    # Imported here, not at the top: 10 ms, and a warm lookup never parses TOML.
    # tomli's wheels are compiled (mypyc): 2.7x the speed of the standard library's pure-Python
    # tomllib on a large file (see pyproject.toml). tomllib serves where tomli is missing.
    try:
        import tomli
    except ImportError:  # pragma: no cover - a build without tomli
        import tomllib

        return tomllib
    return tomli


def parse_in_slices(raw: bytes) -> dict[str, Any] | None:
    """What parsing `raw` whole gives, from slices; None when the slices cannot say, and then
    the whole file is parsed (with its errors, and their line numbers, as TOML has them).

    The first slice ends before the first line starting with `[[`; each later one starts at
    such a line. A cut inside a multi-line string or array leaves a slice with an unterminated
    value, which does not parse: None. A later slice starts with a header, so its top-level keys
    come from headers: arrays of tables (`[[k]]`) extend the lists of earlier slices. Any other
    repeat (a table defined twice, an array of the first slice extended, a subtable of an earlier
    slice's table) is left to the whole parse, which accepts or refuses it as TOML does."""
    tomllib = toml_module()
    first = _TABLE_START.search(raw)
    if first is None:
        return None
    cuts = [0, first.start()]
    for match in _TABLE_START.finditer(raw, first.start() + 1):
        if match.start() - cuts[-1] >= SLICE_BYTES:
            cuts.append(match.start())
    cuts.append(len(raw))
    shared: dict[str, str] = {}
    merged: dict[str, Any] = {}
    for number, (start, end) in enumerate(itertools.pairwise(cuts)):
        try:
            text = raw[start:end].decode("utf-8")
            part = tomllib.loads(text.removeprefix("\ufeff") if number == 0 else text)
        except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
            return None
        del text
        share_strings(part, shared)
        if number == 0:
            merged, preamble = part, set(part)
            continue
        for key, value in part.items():
            if key not in merged:
                merged[key] = value
            elif key in preamble or value.__class__ is not list or merged[key].__class__ is not list:
                return None
            else:
                merged[key].extend(value)
    return merged


def share_strings(tree: dict[str, Any], shared: dict[str, str]) -> None:
    """Make equal strings (keys and values) in parsed TOML one object, in place."""
    keep = shared.setdefault
    stack: list[Any] = [tree]
    while stack:
        node = stack.pop()
        if node.__class__ is dict:
            items = list(node.items())
            node.clear()
            for key, value in items:
                if value.__class__ is str:
                    value = keep(value, value)
                elif value.__class__ is dict or value.__class__ is list:
                    stack.append(value)
                node[keep(key, key)] = value
        else:
            for index, value in enumerate(node):
                if value.__class__ is str:
                    node[index] = keep(value, value)
                elif value.__class__ is dict or value.__class__ is list:
                    stack.append(value)


def sharer() -> Callable[[Any], Any]:
    """A function returning one object for equal strings and equal tuples of them (records hold
    strings, integers and tuples of strings). Only strings and tuples are shared: an equal
    integer can be another type (True == 1)."""
    shared: dict[Any, Any] = {}
    keep = shared.setdefault

    def one(value: Any) -> Any:
        kind = value.__class__
        if kind is str:
            return keep(value, value)
        if kind is tuple:
            value = tuple(map(one, value))
            return keep(value, value)
        return value

    return one


@contextlib.contextmanager
def collector_paused(*, freeze: bool) -> Iterator[None]:
    """Loading makes a million small tuples and dicts, none of them in a cycle, and the cyclic
    collector walks the ones it tracks again and again as more are made: with it running,
    validating 84,000 films took 2.4 times as long. Paused while loading, then as it was.

    What loading made is then frozen (moved out of every generation, never walked again):
    left in the youngest, it was walked by the next three collections, which doubled the time
    of the first filter on 84,000 films; moved to the oldest, every full collection walked it
    again while a long listing built its records, which made that listing's cost per film grow
    with the catalogue. Frozen objects are still freed when nothing refers to them (records
    hold no cycles); only garbage cycles pending at this moment wait for gc.unfreeze(). Since
    gc.freeze() acts on the whole process, only a one-shot caller (the CLI) asks for it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()


def read_dataset(text: str, limit: int) -> bytes:
    """The bytes of a dataset, at most `limit` (FileProblem otherwise): a device, a FIFO nobody
    writes to or a directory is refused at once, and a huge regular file from its size alone,
    before reading `limit` bytes of it (files.read_bounded never reads past the limit)."""
    try:
        size = os.stat(text).st_size if text != "-" else 0
    except (OSError, ValueError):
        size = 0  # read_bounded says what is wrong with it
    if size > limit:
        raise FileProblem(
            f"{shown(text)}: file is {size / 1e6:.1f} MB, over the "
            f"{limit / (1024 * 1024):.0f} MiB limit for a dataset (BINOCHE_MAX_DATASET_BYTES raises it)",
            "too-large",
        )
    return read_bounded(text, limit, "a dataset")
