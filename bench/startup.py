"""Start-up benchmark: whole processes, interleaved, medians, ratios against floors.

    python bench/startup.py [--rounds 21] [--no-scaling]

Floors are measured in the same run, so the ratios hold on any machine; each ratio is the
median of per-round ratios (a case against its floor run moments before), which a shared,
noisy machine disturbs far less than a ratio of medians:
  interpreter  python -c pass
  framework    a one-command Typer app with one option, invoked (same Typer version)
  table        the framework floor plus `import rich.console, rich.table`
Budgets (issue #6) are checked and printed; the exit code is 1 if one is missed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

FRAMEWORK_APP = """
import typer
app = typer.Typer()
@app.command()
def main(name: str = typer.Option("x", "--name")) -> None:
    print(name)
app()
"""
TABLE_APP = "import rich.console, rich.table\n" + FRAMEWORK_APP
BINOCHE = "from binoche_cli.cli import main; main()"


def _run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert process.stdout is not None
    process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"benchmark command failed ({process.returncode}): {' '.join(argv)}")
    return elapsed, usage.ru_maxrss / 1024


def measure(
    cases: dict[str, tuple[list[str], dict[str, str]]], rounds: int
) -> dict[str, list[tuple[float, float]]]:
    """Per-round (wall seconds, peak MiB) of each case, run interleaved (A B C A B C ...)."""
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
    for argv, env in cases.values():  # warm-up: page cache, .pyc files, dataset cache
        _run_once(argv, env)
    for _ in range(rounds):
        for name, (argv, env) in cases.items():
            samples[name].append(_run_once(argv, env))
    return samples


def median_of(samples: list[tuple[float, float]], index: int) -> float:
    return statistics.median(sample[index] for sample in samples)


def paired_ratio(target: list[tuple[float, float]], floor: list[tuple[float, float]], index: int) -> float:
    """Median of the per-round ratios: a case and its floor ran moments apart, so a burst of
    load on a shared machine moves both and cancels out, where a ratio of medians would not."""
    return statistics.median(t[index] / f[index] for t, f in zip(target, floor, strict=True))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--no-scaling", action="store_true")
    options = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="binoche-bench-"))
    (work / "framework.py").write_text(FRAMEWORK_APP)
    (work / "table.py").write_text(TABLE_APP)
    # Children may write .pyc files, as an installed package has them: compiling the source on
    # every run would measure the environment, not the tool.
    dropped = ("PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE", "NO_COLOR", "FORCE_COLOR")
    base_env = {k: v for k, v in os.environ.items() if k not in dropped}
    base_env.update(
        {"BINOCHE_CACHE_DIR": str(work / "cache"), "BINOCHE_HOME": str(work / "home"), "COLUMNS": "100"}
    )
    py = sys.executable
    cases = {
        "interpreter floor": ([py, "-c", "pass"], base_env),
        "framework floor": ([py, str(work / "framework.py"), "--name", "a"], base_env),
        "table floor": ([py, str(work / "table.py"), "--name", "a"], base_env),
        "films --decade 1990s -f plain": (
            [py, "-c", BINOCHE, "films", "--decade", "1990s", "-f", "plain"],
            base_env,
        ),
        "director kieslowski (table)": (
            [py, "-c", BINOCHE, "--color", "always", "director", "kieslowski", "-f", "table"],
            base_env,
        ),
        "timeline (table)": ([py, "-c", BINOCHE, "--color", "always", "timeline", "-f", "table"], base_env),
        "--help": ([py, "-c", BINOCHE, "--help"], base_env),
    }
    samples = measure(cases, options.rounds)
    interp, framework, table = (samples[k] for k in ("interpreter floor", "framework floor", "table floor"))
    budgets = {
        # name: (floor, max ratio to floor, max ratio to interpreter)
        "films --decade 1990s -f plain": (framework, 1.15, 7.0),
        "director kieslowski (table)": (table, 1.25, 11.0),
        "timeline (table)": (table, 1.25, 11.0),
        "--help": (table, 1.3, None),
    }
    failed = False
    print(
        f"Python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} cores, {options.rounds} rounds, medians\n"
    )
    print(
        f"| {'command':<32} | {'wall ms':>7} | {'MiB':>5} | {'x floor':>7} | {'x python':>8} | {'mem x floor':>11} | budget |"
    )
    print(f"|{'-' * 34}|{'-' * 9}|{'-' * 7}|{'-' * 9}|{'-' * 10}|{'-' * 13}|--------|")
    for name, runs in samples.items():
        seconds, mib = median_of(runs, 0), median_of(runs, 1)
        floor_ratio = interp_ratio = mem_ratio = ""
        verdict = ""
        if name in budgets:
            floor_runs, max_floor, max_interp = budgets[name]
            ratio, iratio = paired_ratio(runs, floor_runs, 0), paired_ratio(runs, interp, 0)
            mratio = paired_ratio(runs, floor_runs, 1)
            ok = ratio <= max_floor and (max_interp is None or iratio <= max_interp) and mratio <= 1.2
            failed |= not ok
            floor_ratio, interp_ratio, mem_ratio = f"{ratio:.2f}", f"{iratio:.1f}", f"{mratio:.2f}"
            verdict = "ok" if ok else "MISSED"
        elif name != "interpreter floor":
            interp_ratio = f"{paired_ratio(runs, interp, 0):.1f}"
        print(
            f"| {name:<32} | {seconds * 1000:>7.1f} | {mib:>5.1f} | {floor_ratio:>7} | {interp_ratio:>8} | {mem_ratio:>11} | {verdict:<6} |"
        )

    if not options.no_scaling:
        from synthetic import write_scaled_dataset

        from binoche_cli.catalog import bundled_path, load

        print("\nScaling: `films --decade 1990s -d kieslowski -f plain` on synthetic datasets (cache warm)\n")
        print(f"| {'size':<5} | {'films':>6} | {'wall ms':>7} | {'above floor ms':>14} | {'growth':>6} |")
        print("|-------|--------|---------|----------------|--------|")
        bundled_films = len(load(bundled_path()).films)
        scaling = {}
        for factor in (1, 10, 100):
            data = (
                bundled_path()
                if factor == 1
                else write_scaled_dataset(bundled_path(), work / f"x{factor}.toml", factor)
            )
            argv = [
                py,
                "-c",
                BINOCHE,
                "--data",
                str(data),
                "films",
                "--decade",
                "1990s",
                "-d",
                "kieslowski",
                "-f",
                "plain",
            ]
            scaling[factor] = median_of(measure({"q": (argv, base_env)}, max(5, options.rounds // 3))["q"], 0)
        framework_s = median_of(framework, 0)
        above_1 = max(scaling[1] - framework_s, 1e-3)
        for factor, seconds in scaling.items():
            above = seconds - framework_s
            growth = above / above_1
            print(
                f"| {factor:>4}x | {factor * bundled_films:>6} | {seconds * 1000:>7.1f} | {above * 1000:>14.1f} | {growth:>6.1f} |"
            )
        linear = (scaling[100] - framework_s) <= 100 * above_1 and scaling[100] < 1.0
        failed |= not linear
        print(f"\n100x under 1 s and at most linear growth: {'ok' if linear else 'MISSED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
