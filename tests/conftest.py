"""Shared fixtures: the article's text and facts, and throw-away copies of the project."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from articlefacts import paths
from articlefacts.checking.article_tables import build_tables
from articlefacts.pipeline.workspace import copy_project

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"


def sha256_tree(folder: Path) -> dict[str, str]:
    """relative path → sha256 for every file under ``folder``."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def project_env(project: Path, own_code: bool = True) -> dict[str, str]:
    """The environment for make or the runner in ``project``; ``own_code`` puts the copy's src/ first on the
    path, since this checkout's .venv (shared by every copy, to save the set-up) imports the checkout's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "ARTICLEFACTS_", "PYTHONPATH"))}
    if own_code:
        env["PYTHONPATH"] = str(project / "src")
    return env


def make(project: Path, *args: str, prefix: tuple[str, ...] = (), timeout: int = 300,
         own_code: bool = True, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run make in a project copy with this checkout's .venv (``prefix`` wraps it, e.g. unshare -n).

    ``extra_env`` adds variables; one whose value is "" is removed instead."""
    env = {**project_env(project, own_code), **(extra_env or {})}
    env = {k: v for k, v in env.items() if v != "" or k not in (extra_env or {})}
    return subprocess.run([*prefix, "make", "--no-print-directory", f"VENV={VENV}", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=timeout, check=False)


def run_runner(project: Path, *args: str, notebook=("notebooks/01-clean-article.ipynb",
               "notebooks/executed/01-clean-article.ipynb"), popen: bool = False, **env: str):
    """The runner as make calls it (``notebook`` = source, executed), with the project copy as root; ``env`` adds
    or, with "", removes variables. ``popen`` starts it in a session of its own and returns the process."""
    environ = {**project_env(project), "ARTICLEFACTS_ROOT": str(project), "PYTHONHASHSEED": "0", **env}
    environ = {k: v for k, v in environ.items() if v != ""}
    command = [str(VENV / "bin/python"), "-m", "articlefacts.pipeline.runner", *notebook, *args]
    if popen:
        return subprocess.Popen(command, cwd=project, env=environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, start_new_session=True)
    return subprocess.run(command, cwd=project, env=environ, capture_output=True, text=True, timeout=300,
                          check=False)


def small_notebook(path: Path, cells: dict[str, str], kernel: str = "python3") -> Path:
    """Write a notebook of code ``cells`` (id → source) to ``path``; the first is its parameters cell, which
    declares ``out_dir`` (an output folder). ``kernel`` is the kernel name its metadata names."""
    import nbformat

    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": kernel, "display_name": kernel,
                                                           "language": "python"}})
    nb.cells = [nbformat.v4.new_code_cell(
        'out_dir = "../build/lab/small"  # output folder: nothing is written here', id="parameters")]
    nb.cells += [nbformat.v4.new_code_cell(code, id=name) for name, code in cells.items()]
    nb.cells[0].metadata["tags"] = ["parameters"]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path



def edit_facts(path: Path, fact: str, **changes: str) -> None:
    """Change cells of the fact ``fact`` in the facts file ``path`` (a copy: never data/raw)."""
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert fact in [r["key"] for r in rows], fact
    for row in rows:
        if row["key"] == fact:
            row.update(changes)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")

def two_lines(result) -> tuple[str, str]:
    """The 'error:' line and the 'How to fix:' line right after it on a command's stderr (asserting both, and
    no traceback)."""
    lines = result.stderr.splitlines()
    at = next((i for i, line in enumerate(lines) if line.startswith("error: ")), None)
    assert at is not None and at + 1 < len(lines), result.stderr
    assert lines[at + 1].startswith("How to fix: "), result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    print(f"\n{lines[at]}\n{lines[at + 1]}")  # pytest -s shows the messages
    return lines[at], lines[at + 1]


OUTPUT_DIRS = ("data/processed", "figures", "notebooks/executed")


def output_hashes(project: Path) -> dict[str, str]:
    """sha256 of every output file the project commits."""
    hashes = {}
    for folder in OUTPUT_DIRS:
        hashes |= {f"{folder}/{k}": v for k, v in sha256_tree(project / folder).items()}
    return hashes


def differing(committed: dict, rebuilt: dict) -> list[str]:
    """Files missing on either side or whose bytes differ."""
    return sorted(k for k in committed.keys() | rebuilt.keys() if committed.get(k) != rebuilt.get(k))


def network_cut_available() -> bool:
    """Whether `unshare -n` can run a command without network here."""
    return bool(shutil.which("unshare")) and subprocess.run(
        ["unshare", "-n", "true"], capture_output=True, check=False).returncode == 0


def mounts_available() -> bool:
    """Whether `unshare -m` can mount in a private mount namespace here (as root it can)."""
    return bool(shutil.which("unshare")) and subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount -t tmpfs tmpfs /mnt"], capture_output=True, check=False).returncode == 0


# Settings a user may have, each of which changed the figures or the notebooks before the runner kept them out.
USER_MATPLOTLIBRC = """figure.figsize: 3, 2
figure.dpi: 50
savefig.bbox: tight
savefig.transparent: True
savefig.facecolor: yellow
font.family: serif
font.size: 22
axes.facecolor: red
hatch.linewidth: 5
lines.linewidth: 9
svg.hashsalt: user
timezone: Asia/Tokyo
"""
USER_STARTUP = """import pathlib
pathlib.Path({marker!r}).write_text("a user's IPython startup file ran")
import pandas
pandas.set_option("display.precision", 1)
"""


def hostile_environment(base: Path, project: Path) -> tuple[dict[str, str], tuple[str, ...], dict[str, Path]]:
    """A user's environment that would reach the outputs if the pipeline let it: a read-only home holding a
    matplotlibrc and an IPython startup file, MPLCONFIGDIR, MATPLOTLIBRC, XDG_CONFIG_HOME and IPYTHONDIR
    with more of the same, a matplotlibrc in the project and in its notebooks' folder, an unknown
    MPLBACKEND, deprecation warnings turned into errors, a Turkish locale with LC_ALL unset, another time
    zone, a random hash seed, and a private TMPDIR. Returns (environment additions, command prefix, paths):
    the prefix runs make without network and with the home mounted read-only (root can; otherwise the home
    is made read-only with chmod).
    """
    home, tmp = base / "home", base / "tmp"
    marker = base / "startup-ran"
    for rc in (home / ".config/matplotlib/matplotlibrc", base / "mplconfig/matplotlibrc", base / "user.matplotlibrc",
               base / "xdg/matplotlib/matplotlibrc", project / "matplotlibrc", project / "notebooks/matplotlibrc"):
        rc.parent.mkdir(parents=True, exist_ok=True)
        rc.write_text(USER_MATPLOTLIBRC, encoding="utf-8")
    for profile in (home / ".ipython/profile_default", base / "ipython/profile_default"):
        (profile / "startup").mkdir(parents=True)
        (profile / "startup/00-user.py").write_text(USER_STARTUP.format(marker=str(marker)), encoding="utf-8")
        (profile / "ipython_kernel_config.py").write_text(
            'c.InteractiveShellApp.exec_lines = ["print(\'a user kernel config ran\')"]\n', encoding="utf-8")
    tmp.mkdir()
    env = {"HOME": str(home), "MPLCONFIGDIR": str(base / "mplconfig"), "MATPLOTLIBRC": str(base / "user.matplotlibrc"),
           "XDG_CONFIG_HOME": str(base / "xdg"), "IPYTHONDIR": str(base / "ipython"),
           "MPLBACKEND": "module://no_such_backend", "LANG": "tr_TR.UTF-8", "LC_ALL": "", "LC_CTYPE": "",
           "TZ": "Pacific/Chatham", "PYTHONHASHSEED": "random", "PYTHONWARNINGS": "error::DeprecationWarning",
           "TMPDIR": str(tmp)}
    offline = ("-n",) if network_cut_available() else ()
    if mounts_available():
        readonly = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && exec "$@"'
        prefix: tuple[str, ...] = ("unshare", "-m", *offline, "sh", "-c", readonly, str(home))
    else:
        subprocess.run(["chmod", "-R", "a-w", str(home)], check=True)
        prefix = ("unshare", *offline) if offline else ()
    return env, prefix, {"home": home, "tmp": tmp, "startup_marker": marker}


@pytest.fixture(scope="session")
def rebuilt(tmp_path_factory):
    """A copy of the project in a folder whose name has a space and Vietnamese letters, its outputs marked up to
    date (`make -t report`: `make -n report` then prints only ':', as after a `make report`), then cleaned
    and rebuilt from scratch with one `make clean report`, in a hostile environment
    (:func:`hostile_environment`), without network where possible."""
    base = tmp_path_factory.mktemp("rebuild")
    project = copy_project(base / "bản sao" / "project")
    committed = output_hashes(project)
    raw_before = sha256_tree(project / "data/raw")
    touched = make(project, "-t", "report")
    assert touched.returncode == 0, touched.stderr
    up_to_date = make(project, "-n", "report").stdout == ":\n"
    offline = network_cut_available()
    env, prefix, hostile = hostile_environment(base, project)
    report = make(project, "clean", "report", prefix=prefix, extra_env=env)
    return {"project": project, "committed": committed, "raw_before": raw_before, "up_to_date": up_to_date,
            "report": report, "offline": offline, "hostile": hostile}


def user_shell_env(**extra: str) -> dict[str, str]:
    """The environment of a user's shell: nothing of this project's make or test settings."""
    drop = ("MAKE", "ARTICLEFACTS_", "PYTHONPATH", "VIRTUAL_ENV", "JUPYTER_", "PYTEST")
    return {**{k: v for k, v in os.environ.items() if not k.startswith(drop)}, **extra}


@pytest.fixture(scope="session")
def fresh(tmp_path_factory):
    """A project whose .venv was made in another folder (the project then moved), set up by two `make setup`
    started at the same moment, as two first runs in two terminals would (each rebuilds .venv for the new
    folder from uv's cache, without network). Skipped, saying why, when the lock cannot be installed here (no
    uv cache and no package index).

    The venv made in the first folder holds only what make looks at (its uv, and the stamp naming the
    folder it was made in), since make replaces it whole. Returns the project (moved), its venv, the first
    folder and the results of the two `make setup` there.
    """
    uv = VENV / "bin/uv"
    if not uv.exists():
        pytest.skip(f"no uv in {VENV}: run make setup")
    base = tmp_path_factory.mktemp("fresh")
    first = copy_project(base / "first")
    made = subprocess.run([str(uv), "venv", "--quiet", "--python", sys.executable, str(first / ".venv")],
                          capture_output=True, text=True, check=False, env=user_shell_env())
    assert made.returncode == 0, made.stderr
    shutil.copy2(uv, first / ".venv/bin/uv")
    (first / ".venv/.installed").write_text(f"{first / '.venv'}\n", encoding="utf-8")
    project = base / "moved"
    first.rename(project)
    runs = [subprocess.Popen(["make", "--no-print-directory", "setup"], cwd=project, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=user_shell_env()) for _ in range(2)]
    setups = []
    for run in runs:
        out, err = run.communicate(timeout=600)
        setups.append(subprocess.CompletedProcess(run.args, run.returncode, out, err))
    failed = [s for s in setups if s.returncode != 0]
    if failed and re.search(r"Failed to (fetch|download)|error sending request", failed[0].stderr):
        pytest.skip(f"the lock cannot be installed here (no uv cache and no package index?): {failed[0].stderr[-300:]}")
    return {"project": project, "venv": project / ".venv", "out": base / "out", "first": first, "setups": setups}


@pytest.fixture(scope="session")
def seed():
    """Notebook 01's tables for the seed article (facts indexed by key)."""
    return build_tables(paths.ARTICLE, paths.FACTS, paths.NOT_DATA, paths.META)


@pytest.fixture(scope="session")
def meta(seed) -> dict:
    return seed.meta


@pytest.fixture(scope="session")
def facts(seed):
    return seed.facts


ARTICLE_FIXTURES = ROOT / "tests" / "fixtures" / "articles"
ARTICLE_CASES = sorted(p.name for p in ARTICLE_FIXTURES.iterdir() if p.is_dir())


# The fixtures `make corpus` builds (with one broken article) to prove the corpus and the make path; the
# others are built on shared kernels (tests/one_kernel.py), and so is COMPARED, whose bytes test_corpus.py
# compares with make's.
CORPUS_GOOD = ("d1-no-rotation", "d11-bounded-total")
COMPARED = "d11-bounded-total"


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> dict:
    """The fixtures of :data:`CORPUS_GOOD`, and a copy of d2-no-percent whose facts file names a quote the
    article does not hold ("broken"), built with `make corpus` (each article with `make report` into its own
    folder, two notebooks at a time), then `make corpus` again. Meanwhile every other article fixture, and
    :data:`COMPARED` last, are built on one kernel per process, two processes at once (tests/one_kernel.py),
    into ``one_kernel/<name>``. Returns {"in": corpus folder, "out": its output folder, "first", "again":
    the two make results, "one_kernel": the folder of the others}."""
    from one_kernel import build_all

    base = tmp_path_factory.mktemp("corpus")
    for name in ARTICLE_CASES:
        folder = base / ("in" if name in CORPUS_GOOD else "others") / name
        folder.mkdir(parents=True)
        for file in ("article.txt", "facts.csv", "not-data.csv", "meta.json"):
            shutil.copy2(ARTICLE_FIXTURES / name / file, folder / file)
    (base / "in" / "broken").mkdir()
    for file in ("article.txt", "facts.csv", "not-data.csv", "meta.json"):
        shutil.copy2(ARTICLE_FIXTURES / "d2-no-percent" / file, base / "in" / "broken" / file)
    facts = base / "in" / "broken" / "facts.csv"
    facts.write_text(facts.read_text(encoding="utf-8").replace("cấp xã có 300 người", "cấp xã có 301 người"),
                     encoding="utf-8")
    out = base / "out"
    args = ["make", "--no-print-directory", f"VENV={VENV}", "corpus", f"CORPUS={base / 'in'}", f"CORPUS_OUT={out}"]
    running = subprocess.Popen(args, cwd=ROOT, env=project_env(ROOT), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    others = {name: base / "others" / name for name in ARTICLE_CASES if name not in CORPUS_GOOD}
    build_all(others | {COMPARED: base / "in" / COMPARED}, base / "one_kernel")
    stdout, stderr = running.communicate(timeout=1800)
    first = subprocess.CompletedProcess(args, running.returncode, stdout, stderr)
    again = make(ROOT, "corpus", f"CORPUS={base / 'in'}", f"CORPUS_OUT={out}")
    return {"in": base / "in", "out": out, "first": first, "again": again, "one_kernel": base / "one_kernel"}


@pytest.fixture(scope="session")
def built(corpus) -> dict[str, tuple[Path, subprocess.CompletedProcess]]:
    """Each article fixture as :func:`corpus` built it (with `make corpus` or on one kernel): name → (out
    folder, the result of its build, with its log as stderr)."""
    results = {}
    for name in ARTICLE_CASES:
        folder = corpus["out" if name in CORPUS_GOOD else "one_kernel"] / name
        status = (folder / "build/report.status").read_text(encoding="utf-8").strip()
        log = (folder / "build/report.log").read_text(encoding="utf-8")
        results[name] = (folder, subprocess.CompletedProcess(["make", "report"], 0 if status == "ok" else 1, log, log))
    return results


@pytest.fixture(scope="module")
def base(rebuilt):
    """The session's clean rebuild (made in a hostile environment), with its outputs up to date: the project
    the fault catalogues copy for each fault."""
    assert rebuilt["report"].returncode == 0, rebuilt["report"].stderr
    return rebuilt["project"]


@pytest.fixture
def project(base, tmp_path):
    """A fresh copy of the up-to-date base for one fault."""
    target = tmp_path / "project"
    subprocess.run(["cp", "-a", str(base), str(target)], check=True)
    return target


def article_outputs(name: str, built) -> Path:
    """The output folder of an article fixture built in this run (``built``), or of the seed ("seed": the
    committed outputs); fails if the fixture's `make report` failed."""
    if name == "seed":
        return ROOT
    out, result = built[name]
    assert result.returncode == 0, result.stderr
    return out
