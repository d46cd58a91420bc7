"""Start-up benchmark: whole processes, interleaved, medians, ratios against floors.

    python tools/bench.py [--rounds 21] [--quick] [--no-scaling]

Floors are measured in the same run, so the ratios hold on any machine; each ratio is the
median of per-round ratios (a case against its floor run moments before), which a shared,
noisy machine disturbs far less than a ratio of medians:
  interpreter  python -c pass
  framework    a one-command Typer app with one option, invoked (same Typer version)
  completion   that app answering its own shell-completion request
  table        the framework floor plus `import rich.console, rich.table`

Budgets (issues #6 and #15), checked and printed as PASS/FAIL; the exit code is 1 if one fails:
  piped lookups      <= 1.05 x framework floor
  tables and charts  <= 1.25 x table floor   (films -f table is all 84 rows)
  completion         <= 1.05 x completion floor
  cold dataset cache <= 1.3 x the same command warm
  synthetic 1000x    warm < 1 s, cold < 15 s; per-film warm cost <= 10 us

The no-.pyc case (PYTHONDONTWRITEBYTECODE=1 and an empty PYTHONPYCACHEPREFIX every run, as a
read-only install without byte code would be) is reported, not budgeted: it measures CPython
compiling our sources.

Datasets above the loader's size limit (catalog.MAX_DATASET_BYTES) are run with
BINOCHE_MAX_DATASET_BYTES raised for the child; a loader that does not read that variable
refuses them (exit 3) and the size is reported as skipped, with the reason.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

FRAMEWORK_APP = """
import typer
app = typer.Typer()
@app.command()
def main(name: str = typer.Option("x", "--name")) -> None:
    print(name)
app(prog_name="framework")
"""
TABLE_APP = "import rich.console, rich.table\n" + FRAMEWORK_APP
BINOCHE = "from binoche_cli.cli.entry import main; main()"


class Case(NamedTuple):
    argv: list[str]
    env: dict[str, str]
    fresh: tuple[str, ...] = ()  # env variables pointed at a new empty directory every run


class Refused(Exception):
    """The child exited 3: the loader refused the dataset."""


class TimedOut(Exception):
    """The child ran past the per-run limit and was killed."""


RUN_LIMIT = 120.0  # seconds; a run that long has failed every budget already


def _run_once(case: Case, scratch: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child process."""
    env = case.env
    if case.fresh:
        env = dict(env)
        for key in case.fresh:
            env[key] = tempfile.mkdtemp(dir=scratch)
    start = time.perf_counter()
    process = subprocess.Popen(case.argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    killer = threading.Timer(RUN_LIMIT, process.kill)
    killer.start()
    assert process.stdout is not None
    process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    killer.cancel()
    if elapsed >= RUN_LIMIT:
        raise TimedOut
    code = os.waitstatus_to_exitcode(status)
    if case.fresh:
        for key in case.fresh:
            shutil.rmtree(env[key], ignore_errors=True)
    if code == 3:
        raise Refused
    if code not in (0, 1):
        raise SystemExit(f"benchmark command failed ({code}): {' '.join(case.argv)}")
    return elapsed, usage.ru_maxrss / 1024


Samples = list[tuple[float, float]]


def measure(cases: dict[str, Case], rounds: int, scratch: Path) -> dict[str, Samples]:
    """Per-round (wall seconds, peak MiB) of each case, run interleaved (A B C A B C ...)."""
    samples: dict[str, Samples] = {name: [] for name in cases}
    for case in cases.values():  # warm-up: page cache, .pyc files, dataset cache
        _run_once(case, scratch)
    for _ in range(rounds):
        for name, case in cases.items():
            samples[name].append(_run_once(case, scratch))
    return samples


def median_of(samples: Samples, index: int) -> float:
    return statistics.median(sample[index] for sample in samples)


def paired_ratio(target: Samples, floor: Samples, index: int) -> float:
    """Median of the per-round ratios: a case and its floor ran moments apart, so a burst of
    load on a shared machine moves both and cancels out, where a ratio of medians would not."""
    return statistics.median(t[index] / f[index] for t, f in zip(target, floor, strict=True))


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    return (
        f"{platform.platform()}; {cpu}; {os.cpu_count()} CPUs; "
        f"Python {platform.python_version()} ({platform.python_implementation()})"
    )


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def startup_table(
    samples: dict[str, Samples], budgets: dict[str, tuple[str, float]], interp: Samples
) -> bool:
    """Print one row per case; return True if every budget holds."""
    failed = False
    print(
        f"| {'command':<44} | {'wall ms':>7} | {'MiB':>5} | {'floor':<10} | {'x floor':>7} "
        f"| {'budget':>6} | {'x python':>8} | verdict |"
    )
    print(f"|{'-' * 46}|{'-' * 9}|{'-' * 7}|{'-' * 12}|{'-' * 9}|{'-' * 8}|{'-' * 10}|---------|")
    for name, runs in samples.items():
        seconds, mib = median_of(runs, 0), median_of(runs, 1)
        floor_name = ratio_text = budget_text = verdict = interp_text = ""
        if name != "interpreter floor":
            interp_text = f"{paired_ratio(runs, interp, 0):.1f}"
        if name in budgets:
            floor_name, limit = budgets[name]
            ratio = paired_ratio(runs, samples[floor_name], 0)
            ok = ratio <= limit
            failed |= not ok
            ratio_text, budget_text, verdict = f"{ratio:.2f}", f"{limit:.2f}", _verdict(ok)
            floor_name = floor_name.replace(" floor", "") if floor_name.endswith("floor") else "warm"
        print(
            f"| {name:<44} | {seconds * 1000:>7.1f} | {mib:>5.1f} | {floor_name:<10} | {ratio_text:>7} "
            f"| {budget_text:>6} | {interp_text:>8} | {verdict:<7} |"
        )
    return not failed


def scaling(py: str, base_env: dict[str, str], work: Path, factors: tuple[int, ...], rounds: int) -> bool:
    """Synthetic datasets N times the bundled one, cold (empty cache every run) and warm."""
    from synthetic import write_scaled_dataset

    from binoche_cli.dataset import catalog

    bundled = catalog.bundled_path()
    films = len(catalog.load(bundled).films)
    limit = catalog.MAX_DATASET_BYTES
    print(
        "\nScaling: `films --decade 1990s -d kieslowski -f plain` on synthetic datasets; "
        f"loader limit {limit / 2**20:.0f} MiB\n"
    )
    print(
        f"| {'size':>5} | {'films':>6} | {'MiB':>6} | {'warm ms':>8} | {'cold ms':>8} | {'cold/warm':>9} | note"
    )
    print(f"|{'-' * 7}|{'-' * 8}|{'-' * 8}|{'-' * 10}|{'-' * 10}|{'-' * 11}|------")
    warm: dict[int, float] = {}
    cold: dict[int, float] = {}
    failed_sizes: list[int] = []
    for factor in factors:
        if factor == 1:  # a copy: the bundled file's shipped snapshot would hide the cold parse
            data = work / "x1.toml"
            data.write_bytes(bundled.read_bytes())
        else:
            data = write_scaled_dataset(bundled, work / f"x{factor}.toml", factor)
        size = data.stat().st_size
        env = dict(base_env)
        note = ""
        if size > limit:
            env["BINOCHE_MAX_DATASET_BYTES"] = str(size + 1)
            note = "over the default limit; BINOCHE_MAX_DATASET_BYTES raised"
        argv = [py, "-c", BINOCHE, "--data", str(data), "films", "--decade", "1990s", "-d", "kieslowski"]
        argv += ["-f", "plain"]
        env["BINOCHE_CACHE_DIR"] = str(work / f"cache-x{factor}")
        runs = rounds if factor < 1000 else max(3, rounds // 3)
        cases = {"warm": Case(argv, env), "cold": Case(argv, env, ("BINOCHE_CACHE_DIR",))}
        previous = max((f for f in cold if f < factor), default=0)
        if previous and cold[previous] * factor / previous > RUN_LIMIT:
            # At least linear growth from the last size would exceed the per-run limit.
            del cases["cold"]
            note = f"cold not run: {previous}x cold took {cold[previous]:.1f} s; " + note
        try:
            result = measure(cases, runs, work)
        except TimedOut:
            print(
                f"| {factor:>4}x | {factor * films:>6} | {size / 2**20:>6.1f} | timed out after {RUN_LIMIT:.0f} s"
            )
            failed_sizes.append(factor)
            continue
        except Refused:
            print(
                f"| {factor:>4}x | {factor * films:>6} | {size / 2**20:>6.1f} | {'-':>8} | {'-':>8} | {'-':>9} "
                "| SKIPPED: refused by the size limit"
            )
            continue
        warm[factor] = median_of(result["warm"], 0)
        cold_text = ratio_text = "-"
        if "cold" in result:
            cold[factor] = median_of(result["cold"], 0)
            cold_text = f"{cold[factor] * 1000:.1f}"
            ratio_text = f"{paired_ratio(result['cold'], result['warm'], 0):.2f}"
        else:
            failed_sizes.append(factor)
        print(
            f"| {factor:>4}x | {factor * films:>6} | {size / 2**20:>6.1f} | {warm[factor] * 1000:>8.1f} "
            f"| {cold_text:>8} | {ratio_text:>9} | {note}"
        )
    ok = not failed_sizes
    if failed_sizes:
        print(f"\nFAIL: sizes {', '.join(f'{f}x' for f in failed_sizes)} could not be measured in full")
    biggest = max(warm) if warm else 1
    if biggest > 1:
        per_film = (warm[biggest] - warm[1]) / ((biggest - 1) * films) * 1e6
        fine = per_film <= 10
        ok &= fine
        print(
            f"\nPer-film warm cost ({biggest}x against 1x): {per_film:.2f} us (budget 10 us): {_verdict(fine)}"
        )
    if 1000 in factors:
        if 1000 in warm:
            fine = warm[1000] < 1.0 and cold.get(1000, RUN_LIMIT) < 15.0
            ok &= fine
            print(
                f"1000x: warm {warm[1000]:.2f} s (< 1 s), cold {cold.get(1000, float('nan')):.2f} s (< 15 s): "
                + _verdict(fine)
            )
        else:
            print("1000x: not measured (see SKIPPED above); budget unchecked")
    else:
        print("1000x: not run (--quick); budget unchecked")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=None, help="rounds per case (default 21, quick 5)")
    parser.add_argument("--quick", action="store_true", help="5 rounds, scaling up to 10x only")
    parser.add_argument("--no-scaling", action="store_true")
    options = parser.parse_args()
    rounds = options.rounds or (5 if options.quick else 21)

    work = Path(tempfile.mkdtemp(prefix="binoche-bench-"))
    try:
        return _run(work, rounds, options.quick, options.no_scaling)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run(work: Path, rounds: int, quick: bool, no_scaling: bool) -> bool | int:
    (work / "framework.py").write_text(FRAMEWORK_APP)
    (work / "table.py").write_text(TABLE_APP)
    # Children may write .pyc files, as an installed package has them: compiling the source on
    # every run would measure the environment, not the tool (the no-.pyc case shows that cost).
    dropped = (
        "PYTHONUNBUFFERED",
        "PYTHONDONTWRITEBYTECODE",
        "PYTHONPYCACHEPREFIX",
        "NO_COLOR",
        "FORCE_COLOR",
    )
    base_env = {k: v for k, v in os.environ.items() if k not in dropped and not k.endswith("_COMPLETE")}
    base_env.update(
        {"BINOCHE_CACHE_DIR": str(work / "cache"), "BINOCHE_HOME": str(work / "home"), "COLUMNS": "100"}
    )
    py = sys.executable

    def binoche(*args: str, env: dict[str, str] | None = None, fresh: tuple[str, ...] = ()) -> Case:
        return Case([py, "-c", BINOCHE, *args], env or base_env, fresh)

    completing = {"COMP_CWORD": "2", "_BINOCHE_COMPLETE": "complete_bash"}
    no_pyc = {**base_env, "PYTHONDONTWRITEBYTECODE": "1"}
    lookup = ("films", "--decade", "1990s", "-f", "plain")
    cases: dict[str, Case] = {
        "interpreter floor": Case([py, "-c", "pass"], base_env),
        "framework floor": Case([py, str(work / "framework.py"), "--name", "a"], base_env),
        "completion floor": Case(
            [py, str(work / "framework.py")],
            {
                **base_env,
                "_FRAMEWORK_COMPLETE": "complete_bash",
                "COMP_WORDS": "framework --na",
                "COMP_CWORD": "1",
            },
        ),
        "table floor": Case([py, str(work / "table.py"), "--name", "a"], base_env),
        "films --decade 1990s -f plain (warm)": binoche(*lookup),
        "films --decade 1990s -f plain, cold cache": binoche(*lookup, fresh=("BINOCHE_CACHE_DIR",)),
        "films --decade 1990s -f plain, no .pyc": binoche(
            *lookup, env=no_pyc, fresh=("PYTHONPYCACHEPREFIX",)
        ),
        "director kieslowski -f plain": binoche("director", "kieslowski", "-f", "plain"),
        "completion: director kie": binoche(
            env={**base_env, **completing, "COMP_WORDS": "binoche director kie"}
        ),
        "films -f table (84 rows)": binoche("films", "-f", "table"),
        "films -f table --color always": binoche("--color", "always", "films", "-f", "table"),
        "director kieslowski -f table --color always": binoche(
            "--color", "always", "director", "kieslowski", "-f", "table"
        ),
        "timeline -f table --color always": binoche("--color", "always", "timeline", "-f", "table"),
        "stats -f table": binoche("stats", "-f", "table"),
        "guide -f table": binoche("guide", "-f", "table"),
        "--help": binoche("--help"),
    }
    tables = [name for name in cases if "-f table" in name]
    budgets: dict[str, tuple[str, float]] = {
        "films --decade 1990s -f plain (warm)": ("framework floor", 1.05),
        "director kieslowski -f plain": ("framework floor", 1.05),
        "completion: director kie": ("completion floor", 1.05),
        "films --decade 1990s -f plain, cold cache": ("films --decade 1990s -f plain (warm)", 1.3),
        "--help": ("table floor", 1.3),
        **{name: ("table floor", 1.25) for name in tables},
    }
    print(f"Machine: {machine()}")
    print(
        f"{rounds} rounds, interleaved; wall and peak RSS are medians, ratios medians of per-round ratios\n"
    )
    samples = measure(cases, rounds, work)
    ok = startup_table(samples, budgets, samples["interpreter floor"])
    no_pyc_ratio = paired_ratio(
        samples["films --decade 1990s -f plain, no .pyc"], samples["films --decade 1990s -f plain (warm)"], 0
    )
    print(f"\nNo .pyc files (informational): {no_pyc_ratio:.2f} x the same command with them")

    if not no_scaling:
        factors = (1, 10) if quick else (1, 10, 100, 1000)
        ok &= scaling(py, base_env, work, factors, max(3, rounds // 3))
    print(f"\nOverall: {_verdict(ok)}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
