"""How fast `make report` is, against the floor and against the usual way (`make bench`).

Measures, side by side in one run, the median of RUNS runs of (floor, naive and ours in turn in each
round; their ratios are the medians of each round's ratio):
  floor        one plain Python process doing the notebooks' work (benchmarks/floor.py)
  naive        the papermill command line on each notebook in turn, full environment
  ours         a clean `make report` with its default settings
  no-op        `make report` when nothing changed
  incremental  `make report` after touching notebook 03 (and which notebooks reran)
  set-up       `make setup` into an empty venv from the lock (uv's package cache warm)
and the parts of one notebook run, to show where the time goes. Prints a table and writes it, with
the machine description, to benchmarks/results.md. A benchmark, not a test: nothing here fails on time.
"""

from __future__ import annotations

import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from articlefacts import paths
from articlefacts.outputs import write_text
from articlefacts.pipeline.workspace import copy_project

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
INPUT_FILES = ("article.txt", "facts.csv", "not-data.csv", "meta.json")
ROOT = paths.ROOT
VENV = ROOT / ".venv"
PY = str(VENV / "bin/python")
TARGETS = {"ours / floor": "≤ 2.0", "naive / ours": "≥ 2.5", "no-op": "≤ 0.3 s",
           "incremental": "reruns only notebook 03", "set-up": "≤ 15 s with a warm cache"}


def env_for(project: Path) -> dict:
    """The environment make and papermill see: this checkout's venv, the copy as project root."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "ARTICLEFACTS_", "PYTHONPATH"))}
    # The copy runs its own code: this checkout's .venv imports the package from the copy's src/.
    return env | {"ARTICLEFACTS_ROOT": str(project), "PYTHONHASHSEED": "0", "PYTHONPATH": str(project / "src")}


def timed(cmd: list[str], cwd: Path, env: dict) -> tuple[float, str]:
    """Seconds a command takes, and its standard output; a failure stops the benchmark."""
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode:
        sys.exit(f"benchmark step failed: {' '.join(cmd)}\n{done.stderr}")
    return elapsed, done.stdout


def cores_busy(cmd: list[str], cwd: Path, env: dict) -> tuple[float, float]:
    """Seconds a command takes, and the cores it kept busy on average: the CPU time of all its processes
    (make, runners, kernels, all waited for) over its wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    elapsed = timed(cmd, cwd, env)[0]
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu / elapsed


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def make(project: Path, *args: str) -> list[str]:
    return ["make", "--no-print-directory", f"VENV={VENV}", *args]


def naive_commands(out: Path) -> list[list[str]]:
    """The papermill CLI, one notebook after another, as a user would type it."""
    papermill = [str(VENV / "bin/papermill"), "--no-progress-bar", "--cwd", "notebooks", "-k", paths.KERNEL_NAME]
    cmds = [[*papermill, "notebooks/01-clean-article.ipynb", str(out / "01.ipynb")]]
    for language in paths.LANGUAGES:
        for nb in ("02-compare-qualifications", "03-rotation-outcomes"):
            cmds.append([*papermill, f"notebooks/{nb}.ipynb", str(out / f"{nb}.{language}.ipynb"),
                         "-p", "language", language])
    return cmds


def parts(project: Path, env: dict) -> dict[str, float]:
    """Where one notebook run's time goes: runner imports, kernel start-up, the notebook's imports."""
    out = {}
    out["runner process imports (papermill, nbformat)"] = median(
        [timed([PY, "-c", "import articlefacts.pipeline.runner, papermill"], project, env)[0] for _ in range(RUNS)])
    out["… without blocking rfc3987-syntax"] = median(
        [timed([PY, "-c", "import papermill"], project, env)[0] for _ in range(RUNS)])
    code = "import pandas, matplotlib.pyplot, seaborn, pandera.pandas, babel.numbers, IPython"
    out["notebook imports (pandas, matplotlib, seaborn, pandera)"] = median(
        [timed([PY, "-c", code], project, env)[0] for _ in range(RUNS)])
    empty = ("import sys, tempfile; sys.modules['rfc3987_syntax'] = None;"
             "from articlefacts.pipeline.kernels import start_kernel, stop_kernel;"
             "d = tempfile.mkdtemp(); km = start_kernel('python3', d);"
             "import nbformat, papermill; from articlefacts.pipeline.engine import ENGINE;"
             "nb = nbformat.v4.new_notebook(); nb.cells=[nbformat.v4.new_code_cell('1')];"
             "nb.metadata['kernelspec']={'name':'python3','display_name':'p','language':'python'};"
             "nbformat.write(nb, d + '/e.ipynb');"
             "papermill.execute_notebook(d + '/e.ipynb', d + '/o.ipynb', progress_bar=False, km=km,"
             " engine_name=ENGINE);"
             "stop_kernel(km, keep_log=False)")
    total = median([timed([PY, "-c", empty], project, env)[0] for _ in range(RUNS)])
    out["kernel start, one cell, shutdown, as the runner does it (incl. its imports)"] = total
    return out


def corpus_rows(project: Path, env: dict, tmp: Path) -> dict[str, float]:
    """The corpus of article fixtures: make corpus at -j1 and -j2, half the corpus, no-op, floor and naive."""
    fixtures = project / "tests/fixtures/articles"
    ids = sorted(p.parent.name for p in fixtures.glob("*/article.txt"))
    half = tmp / "half"
    for name in ids[: len(ids) // 2]:
        shutil.copytree(fixtures / name, half / name)
    rows = {"articles": len(ids)}
    for label, corpus, jobs in (("corpus -j1", fixtures, 1), ("corpus -j2", fixtures, 2), ("half corpus -j2", half, 2)):
        out = tmp / f"corpus-{jobs}-{corpus.name}"
        rows[label], rows[f"{label} cores"] = cores_busy(
            make(project, "corpus", f"CORPUS={corpus}", f"CORPUS_OUT={out}", f"JOBS={jobs}"), project, env)
    rows["corpus no-op"] = median([timed(make(project, "corpus", f"CORPUS={fixtures}",
                                              f"CORPUS_OUT={tmp / 'corpus-2-articles'}"), project, env)[0]
                                   for _ in range(RUNS)])
    rows["corpus floor"] = sum(timed([PY, str(ROOT / "benchmarks/floor.py"), str(tmp / f"cfloor-{a}"),
                                      *(str(fixtures / a / f) for f in INPUT_FILES)], project, env)[0] for a in ids)
    naive = 0.0
    for a in ids:
        out = tmp / f"cnaive-{a}"
        out.mkdir()
        params = [*(x for n, f in zip(("article", "facts", "not_data", "meta"), INPUT_FILES, strict=True)
                    for x in ("-p", n, str(fixtures / a / f))), "-p", "processed_dir", str(out / "p")]
        naive += timed(naive_commands(out)[0] + params, project, env)[0]
        for cmd in naive_commands(out)[1:]:
            naive += timed(cmd + ["-p", "tables_dir", str(out / "p"), "-p", "processed_dir", str(out / "p"),
                                  "-p", "figures_dir", str(out / "f"), "-p", "meta", str(fixtures / a / "meta.json")],
                           project, env)[0]
    rows["corpus naive"] = naive
    return rows


def corpus_table(rows: dict[str, float]) -> list[str]:
    """The corpus rows as Markdown, with the issue's targets."""
    n = rows["articles"]
    speedup = rows["corpus -j1"] / rows["corpus -j2"]
    linear = rows["corpus -j2"] / (2 * rows["half corpus -j2"])
    return ["| corpus measure | value | target | result |", "|---|---|---|---|",
            f"| `make corpus` over {n} article fixtures, -j1 | {rows['corpus -j1']:.1f} s "
            f"({rows['corpus -j1'] / n:.1f} s per article) | | |",
            f"| `make corpus`, -j2 | {rows['corpus -j2']:.1f} s ({rows['corpus -j2'] / n:.1f} s per article) | | |",
            f"| cores kept busy (CPU time of every process / wall time): -j1, -j2 | {rows['corpus -j1 cores']:.2f}, "
            f"{rows['corpus -j2 cores']:.2f} | | |",
            f"| **-j1 / -j2** | {speedup:.2f} | ≥ 1.7 | {'met' if speedup >= 1.7 else 'missed'} |",
            f"| half the corpus at -j2, doubled, against the whole: **whole / (2 × half)** | {linear:.2f} | "
            "≈ 1 (linear) | "
            f"{'met' if 0.85 <= linear <= 1.15 else 'missed'} |",
            f"| floor: one Python process per article, same package calls | {rows['corpus floor']:.1f} s | | |",
            f"| **corpus -j1 / floor** | {rows['corpus -j1'] / rows['corpus floor']:.2f} | | |",
            f"| naive: papermill CLI per notebook and article, in turn | {rows['corpus naive']:.1f} s | | |",
            f"| **naive / corpus -j2** | {rows['corpus naive'] / rows['corpus -j2']:.2f} | | |",
            f"| no-op `make corpus` | {rows['corpus no-op']:.3f} s | ≤ 0.5 s | "
            f"{'met' if rows['corpus no-op'] <= 0.5 else 'missed'} |"]


def machine(load: tuple[float, float]) -> list[str]:
    """Cores, Python, the versions of the packages that set the pace, and how busy the machine was
    (the 15-minute load average when the run started and when it ended; above the core count, other work
    shared the cores and the seconds, more than the ratios, are slower than a quiet machine's)."""
    pkgs = ", ".join(f"{p} {version(p)}" for p in ("papermill", "nbclient", "ipykernel", "jupyterlab", "pandas",
                                                     "matplotlib", "seaborn", "uv"))
    return [f"- cores: {os.cpu_count()}; Python {platform.python_version()} on {platform.machine()}",
            f"- packages: {pkgs}",
            f"- runs per measure: {RUNS} (median reported; a ratio is the median of the rounds' own ratios)",
            f"- load average (15 min) at start and end: {load[0]:.2f}, {load[1]:.2f} "
            f"({os.cpu_count()} cores; more means other work shared them)"]


def main() -> None:
    start_load = os.getloadavg()[2]
    rows, details = {}, []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)
        project = copy_project(tmp / "project")
        env = env_for(project)
        timed(make(project, "report"), project, env)

        # floor, naive and ours side by side in each round, so that a slow spell of a shared machine
        # weighs on all three; each ratio is the median of the rounds' own ratios.
        floor, naive, ours = [], [], []
        for i in range(RUNS):
            floor.append(timed([PY, str(ROOT / "benchmarks/floor.py"), str(tmp / f"floor{i}")], project, env)[0])
            out = tmp / f"naive{i}"
            out.mkdir()
            naive.append(sum(timed(cmd, project, env)[0] for cmd in naive_commands(out)))
            timed(make(project, "clean"), project, env)
            ours.append(timed(make(project, "report"), project, env)[0])
        rows["floor"], rows["naive"], rows["ours"] = median(floor), median(naive), median(ours)
        rows["ours / floor"] = median([o / f for o, f in zip(ours, floor, strict=True)])
        rows["naive / ours"] = median([n / o for n, o in zip(naive, ours, strict=True)])
        rows["no-op"] = median([timed(make(project, "report"), project, env)[0] for _ in range(RUNS)])
        incremental, reran = [], set()
        for _ in range(RUNS):
            (project / "notebooks/03-rotation-outcomes.ipynb").touch()
            seconds, stdout = timed(make(project, "report"), project, env)
            incremental.append(seconds)
            reran |= {line.split()[0] for line in stdout.splitlines() if line.endswith("files)")}
        rows["incremental"] = median(incremental)
        cache = Path(os.environ.get("UV_CACHE_DIR", Path.home() / ".cache/uv"))
        warm = cache.is_dir() and any(cache.iterdir())
        setups = []
        for i in range(RUNS):
            venv = tmp / f"venv{i}"
            setups.append(timed(["make", "--no-print-directory", f"VENV={venv}", "setup"], project, env)[0])
        rows["set-up"] = median(setups)
        timed(make(project, "clean"), project, env)
        rows["first"] = timed(["make", "--no-print-directory", f"VENV={tmp / 'venv0'}", "report"], project, env)[0]
        details = parts(project, env)
        corpus = corpus_rows(project, env, tmp)

    ratios = {"ours / floor": rows["ours / floor"], "naive / ours": rows["naive / ours"]}
    table = ["| measure | median | target | result |", "|---|---|---|---|"]
    table.append(f"| floor: one Python process, same package calls | {rows['floor']:.2f} s | | |")
    table.append(f"| naive: papermill CLI per notebook, in turn | {rows['naive']:.2f} s | | |")
    table.append(f"| ours: clean `make report` (2 jobs) | {rows['ours']:.2f} s | | |")
    for name, value in ratios.items():
        ok = value <= 2.0 if name == "ours / floor" else value >= 2.5
        table.append(f"| **{name}** | {value:.2f} | {TARGETS[name]} | {'met' if ok else 'missed'} |")
    table.append(f"| no-op `make report` | {rows['no-op']:.3f} s | {TARGETS['no-op']} | "
                 f"{'met' if rows['no-op'] <= 0.3 else 'missed'} |")
    only03 = reran == {"03-rotation-outcomes.en", "03-rotation-outcomes.vi"}
    table.append(f"| incremental (touch 03) | {rows['incremental']:.2f} s | {TARGETS['incremental']} | "
                 f"reran {', '.join(sorted(reran))}: {'met' if only03 else 'missed'} |")
    table.append(f"| set-up: `make setup` into an empty venv, cache {'warm' if warm else 'cold'} | "
                 f"{rows['set-up']:.2f} s | {TARGETS['set-up']} | {'met' if rows['set-up'] <= 15 else 'missed'} |")
    table.append(f"| first clean `make report` in that new venv (Python caches bytecode as it imports; one run) | "
                 f"{rows['first']:.2f} s | | |")
    where = ["| part of one notebook run | median |", "|---|---|"]
    where += [f"| {k} | {v:.2f} s |" for k, v in details.items()]
    ctable = corpus_table(corpus)
    print("\n".join(table + [""] + ctable + [""] + where))
    load = (start_load, os.getloadavg()[2])
    body = ["# Benchmark results", "", "Written by `make bench` (benchmarks/bench.py); committed when it changes.",
            "Absolute seconds drift on shared machines: read the ratios.", "", "## Machine", "", *machine(load), "",
            "## Results", "", *table, "", "## A corpus", "", *ctable, "", "## Where the time goes", "", *where, "",
            (Path(__file__).with_name("analysis.md").read_text(encoding="utf-8")
             if Path(__file__).with_name("analysis.md").exists() else "")]
    write_text("\n".join(body).rstrip() + "\n", ROOT / "benchmarks/results.md")


if __name__ == "__main__":
    main()
