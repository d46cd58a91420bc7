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
  scaling (issue 20) warm lookup <= 0.12 s on 20,000 films and <= 0.4 s on 84,000; cold on
                     84,000 <= 6 s; peak memory of that lookup <= 300 MiB (warm and cold);
                     `films -f json`, `films -f table`, `graph -f json`, `timeline` linear in
                     films (cost per film at 84,000 <= 1.10 x the cost at 8,400)

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
BINOCHE = "import sys; from binoche_cli.cli.entry import main; sys.exit(main())"


# Piped lookups the fast lane answers; each budgeted against `python -c pass`.
LANE_CASES: tuple[tuple[str, ...], ...] = (
    ("director", "kieslowski"),
    ("films", "--decade", "1990s"),
    ("award", "oscar", "-f", "json"),
    ("film", "certified copy", "-f", "json"),
    ("search", "magimel"),
)


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


# Scaling budgets (issue 20). The lookup is `films --decade 1990s -d kieslowski -f plain`.
WARM_20K_SECONDS = 0.12
WARM_84K_SECONDS = 0.4
COLD_84K_SECONDS = 6.0
LOOKUP_84K_MIB = 300.0
# Linear in films: the cost per film at 84,000 films over the cost per film at 8,400 (each
# with the bundled file's run taken off, the fixed cost of starting and printing).
LINEAR_RATIO = 1.10
LINEAR_CASES = {
    "films -f json": ("films", "-f", "json"),
    "films -f table": ("films", "-f", "table"),
    "graph -f json": ("graph", "-f", "json"),
    "timeline": ("timeline",),
}
LOOKUP = ("films", "--decade", "1990s", "-d", "kieslowski", "-f", "plain")


class Size(NamedTuple):
    label: str
    films: int
    path: Path
    env: dict[str, str]


def _sizes(base_env: dict[str, str], work: Path, quick: bool) -> list[Size]:
    """The bundled file (a copy: its own cache entry), and synthetic datasets of 8,400, 20,000
    and 84,000 films (--quick: 840 only). A size over the loader's default limit runs with
    BINOCHE_MAX_DATASET_BYTES raised for the child. Nothing large is loaded here: a child's
    peak RSS counts the pages of the parent it was forked from."""
    from binoche_cli.dataset import catalog
    from tools.synthetic import count_films, write_dataset_with_films, write_scaled_dataset

    bundled = catalog.bundled_path()
    plan = [("1x", 1), ("10x", 10)] if quick else [("1x", 1), ("100x", 100), ("20k", 0), ("1000x", 1000)]
    sizes = []
    for label, factor in plan:
        target = work / f"{label}.toml"
        if factor == 1:
            target.write_bytes(bundled.read_bytes())
        elif factor:
            write_scaled_dataset(bundled, target, factor)
        else:
            write_dataset_with_films(bundled, target, 20_000)
        count = count_films(target) if factor != 1 else len(catalog.load(target).films)
        env = {**base_env, "BINOCHE_CACHE_DIR": str(work / f"cache-{label}")}
        if target.stat().st_size > catalog.MAX_DATASET_BYTES:
            env["BINOCHE_MAX_DATASET_BYTES"] = str(target.stat().st_size + 1)
        sizes.append(Size(label, count, target, env))
    # Age the files: the cache trusts a file's stamp only once its times are a few seconds old
    # (cache.RACY_SECONDS), and a warm run is what a dataset edited minutes ago gets.
    old = time.time() - 3600
    for size in sizes:
        os.utime(size.path, (old, old))
    return sizes


def scaling(py: str, base_env: dict[str, str], work: Path, quick: bool, rounds: int) -> bool:
    """Synthetic datasets up to 84,000 films: the lookup warm and cold, its memory, and the
    long listings' cost per film."""
    sizes = _sizes(base_env, work, quick)
    print(f"\nScaling: `{' '.join(LOOKUP)}` on synthetic datasets\n")
    print(
        f"| {'size':>5} | {'films':>6} | {'MiB file':>8} | {'warm ms':>8} | {'warm MiB':>8} "
        f"| {'cold ms':>8} | {'cold MiB':>8} | {'cold/warm':>9} |"
    )
    print(f"|{'-' * 7}|{'-' * 8}|{'-' * 10}|{'-' * 10}|{'-' * 10}|{'-' * 10}|{'-' * 10}|{'-' * 11}|")
    warm: dict[str, Samples] = {}
    cold: dict[str, Samples] = {}
    for size in sizes:
        argv = [py, "-c", BINOCHE, "--data", str(size.path), *LOOKUP]
        checked = subprocess.run(argv, env=size.env, capture_output=True, text=True, check=False)
        if checked.returncode != 0 or not checked.stdout:
            # measure() takes exit 1 (no match) as an answer; this lookup must find films.
            last = (checked.stderr.strip().splitlines() or [""])[-1]
            print(f"| {size.label:>5} | {size.films:>6} | lookup failed, exit {checked.returncode}: {last}")
            return False
        big = size.films > 50_000
        cases = {"warm": Case(argv, size.env), "cold": Case(argv, size.env, ("BINOCHE_CACHE_DIR",))}
        try:
            result = measure(cases, max(3, rounds // 3) if big else rounds, work)
        except (Refused, TimedOut) as exc:
            print(
                f"| {size.label:>5} | {size.films:>6} | {size.path.stat().st_size / 2**20:>8.1f} | {type(exc).__name__}"
            )
            return False
        warm[size.label], cold[size.label] = result["warm"], result["cold"]
        print(
            f"| {size.label:>5} | {size.films:>6} | {size.path.stat().st_size / 2**20:>8.1f} "
            f"| {median_of(warm[size.label], 0) * 1000:>8.1f} | {median_of(warm[size.label], 1):>8.1f} "
            f"| {median_of(cold[size.label], 0) * 1000:>8.1f} | {median_of(cold[size.label], 1):>8.1f} "
            f"| {paired_ratio(cold[size.label], warm[size.label], 0):>9.2f} |"
        )
    if quick:
        print("\nScaling budgets need the 20,000- and 84,000-film datasets: not run (--quick)")
        return True
    checks = [
        ("warm lookup, 20,000 films", median_of(warm["20k"], 0), WARM_20K_SECONDS, "s"),
        ("warm lookup, 84,000 films", median_of(warm["1000x"], 0), WARM_84K_SECONDS, "s"),
        ("cold lookup, 84,000 films", median_of(cold["1000x"], 0), COLD_84K_SECONDS, "s"),
        ("peak memory, warm lookup, 84,000 films", median_of(warm["1000x"], 1), LOOKUP_84K_MIB, "MiB"),
        ("peak memory, cold lookup, 84,000 films", median_of(cold["1000x"], 1), LOOKUP_84K_MIB, "MiB"),
    ]
    ok = _budget_rows(checks)
    return _linearity(py, sizes, work, max(3, rounds // 3)) and ok


def _budget_rows(checks: list[tuple[str, float, float, str]]) -> bool:
    ok = True
    print(f"\n| {'budget':<40} | {'measured':>10} | {'limit':>8} | verdict |")
    print(f"|{'-' * 42}|{'-' * 12}|{'-' * 10}|---------|")
    for name, value, limit, unit in checks:
        fine = value <= limit
        ok &= fine
        print(f"| {name:<40} | {value:>6.2f} {unit:<3} | {limit:>4.2f} {unit:<3} | {_verdict(fine):<7} |")
    return ok


def _linearity(py: str, sizes: list[Size], work: Path, rounds: int) -> bool:
    """Each long listing at 84, 8,400 and 84,000 films, warm: per-film cost 84,000 over 8,400."""
    by_label = {size.label: size for size in sizes}
    base, small, large = by_label["1x"], by_label["100x"], by_label["1000x"]
    print(f"\nLinear in films: cost per film at {large.films} over the cost at {small.films} (warm)\n")
    print(
        f"| {'command':<16} | {'1x ms':>8} | {'100x ms':>8} | {'1000x ms':>9} | {'1000x MiB':>9} | {'ratio':>5} | verdict |"
    )
    print(f"|{'-' * 18}|{'-' * 10}|{'-' * 10}|{'-' * 11}|{'-' * 11}|{'-' * 7}|---------|")
    ok = True
    for name, args in LINEAR_CASES.items():
        cases = {
            size.label: Case([py, "-c", BINOCHE, "--data", str(size.path), *args], size.env)
            for size in (base, small, large)
        }
        result = measure(cases, rounds, work)
        seconds = {label: median_of(runs, 0) for label, runs in result.items()}
        per_small = (seconds["100x"] - seconds["1x"]) / (small.films - base.films)
        per_large = (seconds["1000x"] - seconds["1x"]) / (large.films - base.films)
        ratio = per_large / per_small if per_small > 0 else float("inf")
        fine = ratio <= LINEAR_RATIO
        ok &= fine
        print(
            f"| {name:<16} | {seconds['1x'] * 1000:>8.1f} | {seconds['100x'] * 1000:>8.1f} "
            f"| {seconds['1000x'] * 1000:>9.1f} | {median_of(result['1000x'], 1):>9.1f} | {ratio:>5.2f} "
            f"| {_verdict(fine):<7} |"
        )
    print(f"(budget: ratio <= {LINEAR_RATIO:.2f})")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=None, help="rounds per case (default 21, quick 5)")
    parser.add_argument("--quick", action="store_true", help="5 rounds, scaling up to 10x only")
    parser.add_argument("--no-scaling", action="store_true")
    parser.add_argument("--scaling-only", action="store_true", help="only the synthetic datasets")
    options = parser.parse_args()
    rounds = options.rounds or (5 if options.quick else 21)

    work = Path(tempfile.mkdtemp(prefix="binoche-bench-"))
    try:
        if options.scaling_only:
            print(f"Machine: {machine()}")
            return 0 if scaling(sys.executable, _base_env(work), work, options.quick, rounds) else 1
        return _run(work, rounds, options.quick, options.no_scaling)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _base_env(work: Path) -> dict[str, str]:
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
    return base_env


def _run(work: Path, rounds: int, quick: bool, no_scaling: bool) -> bool | int:
    (work / "framework.py").write_text(FRAMEWORK_APP)
    (work / "table.py").write_text(TABLE_APP)
    base_env = _base_env(work)
    py = sys.executable

    def binoche(*args: str, env: dict[str, str] | None = None, fresh: tuple[str, ...] = ()) -> Case:
        return Case([py, "-c", BINOCHE, *args], env or base_env, fresh)

    completing = {"COMP_CWORD": "2", "_BINOCHE_COMPLETE": "complete_bash"}
    no_pyc = {**base_env, "PYTHONDONTWRITEBYTECODE": "1", "BINOCHE_FAST": "0"}
    lookup = ("films", "--decade", "1990s", "-f", "plain")
    typer_path = {**base_env, "BINOCHE_FAST": "0"}
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
        "films --decade 1990s -f plain (warm)": binoche(*lookup, env=typer_path),
        "films --decade 1990s -f plain, cold cache": binoche(
            *lookup, env=typer_path, fresh=("BINOCHE_CACHE_DIR",)
        ),
        "films --decade 1990s -f plain, no .pyc": binoche(
            *lookup, env=no_pyc, fresh=("PYTHONPYCACHEPREFIX",)
        ),
        "director kieslowski -f plain": binoche("director", "kieslowski", "-f", "plain", env=typer_path),
        # The fast lane (issue 20): piped lookups answered before Typer is imported.
        **{f"lane: {' '.join(args)}": binoche(*args) for args in LANE_CASES},
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
        **{f"lane: {' '.join(args)}": ("interpreter floor", 3.0) for args in LANE_CASES},
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
        ok &= scaling(py, base_env, work, quick, max(3, rounds // 3))
    print(f"\nOverall: {_verdict(ok)}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
