"""Runs that fail, are stopped or cannot start, end to end in a copy of the rebuilt project: each ends with the
two lines (`error:` / `How to fix:`) naming the cause, publishes nothing, leaves every committed output as it
was, fails again on the next run instead of looking fresh, and never touches data/raw.

Input errors themselves are tested in process (tests/test_input_errors.py); the first test here proves that
make shows their two lines.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

from articlefacts.pipeline.workspace import copy_project
from conftest import (
    OUTPUT_DIRS,
    ROOT,
    VENV,
    make,
    output_hashes,
    project_env,
    run_runner,
    sha256_tree,
    small_notebook,
    two_lines,
)

STEM = "data/raw/baolangson-2021-01-22-luan-chuyen-can-bo-cao-loc"
NB01 = ("notebooks/01-clean-article.ipynb", "notebooks/executed/01-clean-article.ipynb")
NB03 = "notebooks/03-rotation-outcomes.ipynb"


@pytest.fixture(scope="module")
def committed(base) -> dict[str, str]:
    """sha256 of the base project's outputs, which every failure here must leave as they are."""
    return output_hashes(base)


def assert_nothing_changed(project: Path, committed: dict[str, str], raw: dict[str, str], stale: str = "") -> None:
    """Every output as it was, data/raw untouched, and ``stale`` (a make target) still out of date."""
    assert output_hashes(project) == committed, "an output changed"
    assert sha256_tree(project / "data/raw") == raw, "data/raw was written"
    if stale:
        assert make(project, "-q", stale).returncode == 1, f"{stale} looks up to date after the failure"


def test_make_shows_an_input_errors_two_lines_and_keeps_the_outputs(project, committed):
    facts = project / f"{STEM}.facts.csv"
    facts.write_text(facts.read_text(encoding="utf-8").replace("cấp xã có 405 người", "cấp xã có 406 người"),
                     encoding="utf-8")
    raw = sha256_tree(project / "data/raw")
    result = make(project, "report")
    assert result.returncode != 0
    what, fix = two_lines(result)
    assert what == "error: 01-clean-article: Fact 'staff_2021': quote not found in the article: «cán bộ, công chức " \
                   "cấp xã có 406 người»", what
    assert "the closest passage in the article is «" in fix, fix
    assert fix.endswith("(Partial notebook: build/failed/01-clean-article.FAILED.ipynb)"), fix
    # the same input paths with edited contents: the folder's outputs are said to be the last good run's
    assert "still hold the outputs of the last run of 01 that succeeded" in result.stderr, result.stderr
    assert_nothing_changed(project, committed, raw, stale=NB01[1])
    again = make(project, "report")
    assert again.returncode != 0 and two_lines(again)[0] == what


@pytest.mark.parametrize("suffix", [".txt", ".facts.csv"])
def test_a_missing_input_file_is_named_on_every_run(project, committed, suffix):
    (project / f"{STEM}{suffix}").unlink()
    raw = sha256_tree(project / "data/raw")
    for _ in range(2):
        result = make(project, "report")
        assert result.returncode != 0
        what, fix = two_lines(result)
        assert what == f"error: input file not found: {STEM}{suffix}"
        assert "the right path (ARTICLE=, FACTS=, NOT_DATA=, META=)" in fix, fix  # and git checkout, in a clone
    assert_nothing_changed(project, committed, raw)


def test_a_cell_raising_midway_keeps_a_failed_copy_and_publishes_nothing(project, committed):
    path = project / NB03
    nb = nbformat.read(path, as_version=4)
    boom = nbformat.v4.new_code_cell('raise RuntimeError("deliberate failure in the middle")', id="deliberate-failure")
    nb.cells.insert(len(nb.cells) // 2, boom)
    nbformat.write(nb, path)
    raw = sha256_tree(project / "data/raw")
    result = make(project, "report")
    assert result.returncode != 0
    what, fix = two_lines(result)
    assert "raised RuntimeError: deliberate failure in the middle" in what, what
    failed = project / "build/failed/03-rotation-outcomes.en.FAILED.ipynb"
    assert "deliberate failure" in failed.read_text(encoding="utf-8")
    assert_nothing_changed(project, committed, raw, stale="notebooks/executed/03-rotation-outcomes.en.ipynb")


def default_sigint() -> None:
    """In the child, before make starts: Ctrl-C's signal handled as in a terminal. A shell starts a background
    job (`make test &`, nohup) with SIGINT ignored, its children inherit that, and make and the runner keep
    ignoring a signal ignored at their start: the report would run to its end whatever the test sent."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def output_stats(project: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime in ns) of every output file: a file the runner publishes is moved into place (a new inode)."""
    stats = {}
    for folder in OUTPUT_DIRS:
        for path in sorted((project / folder).rglob("*")):
            if path.is_file():
                stat = path.stat()
                stats[path.relative_to(project).as_posix()] = (stat.st_ino, stat.st_mtime_ns)
    return stats


def interrupt_report_midway(project: Path) -> tuple[subprocess.Popen, str, str]:
    """Start `make report` after touching notebook 03, and send Ctrl-C (SIGINT to its process group) as soon as
    the run of 03 has staged its folders. Returns the finished process, its stdout and its stderr."""
    (project / NB03).touch()
    proc = subprocess.Popen(["make", "--no-print-directory", f"VENV={VENV}", "report"], cwd=project,
                            env=project_env(project), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, preexec_fn=default_sigint)
    deadline = time.monotonic() + 120
    while not list(project.glob("build/runs/03-rotation-outcomes.en-*/stage")) and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=120)
    return proc, stdout, stderr


def test_an_interrupted_report_publishes_nothing_and_the_next_one_recovers(project, committed):
    # On a fast, idle machine the run can finish between two looks at the folder: try again, up to three times.
    for _ in range(3):
        before = output_stats(project)
        proc, _, stderr = interrupt_report_midway(project)
        if proc.returncode != 0:
            break
    assert proc.returncode != 0, "make report ran to its end after Ctrl-C"
    after = output_stats(project)
    changed = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
    # Ctrl-C came while both runs of 03 (en, vi, started together) were under way: neither may have replaced or
    # removed any file (a published file is moved into place: a new inode).
    assert not changed, f"an interrupted report published {sorted(changed)}: {stderr}"
    assert "nothing was published" in stderr, stderr
    result = make(project, "report")
    assert result.returncode == 0, result.stderr
    assert "03-rotation-outcomes" in result.stdout
    assert output_hashes(project) == committed


def small_run(project: Path, name: str, cells: dict[str, str], **env: str):
    """Run a small notebook (conftest.small_notebook) with the runner into build/<name>.ipynb."""
    small_notebook(project / f"notebooks/{name}.ipynb", cells)
    return run_runner(project, f"out_dir=build/{name}", notebook=(f"notebooks/{name}.ipynb", f"build/{name}.ipynb"),
                      **env)


def test_sigterm_stops_the_kernel_and_cleans_up_like_ctrl_c(project):
    """`timeout`, a CI cancel or `kill` send SIGTERM: the runner stops its kernel, removes its sockets and
    connection file, keeps the partial notebook and publishes nothing, as for Ctrl-C."""
    small_notebook(project / "notebooks/slow.ipynb", {"slow": "import time\ntime.sleep(60)"})
    private_tmp = project.parent / "tmp"
    private_tmp.mkdir()
    proc = run_runner(project, "out_dir=build/slow", notebook=("notebooks/slow.ipynb", "build/slow.ipynb"),
                      popen=True, TMPDIR=str(private_tmp))
    deadline = time.monotonic() + 60
    while not list(project.glob("build/runs/slow-*/stage")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)  # the kernel has started and runs the slow cell
    os.killpg(proc.pid, signal.SIGTERM)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode != 0
    assert "error: slow stopped (SIGTERM); nothing was published" in stderr, stderr
    assert "Traceback" not in stderr, stderr
    time.sleep(0.5)
    assert not list(private_tmp.iterdir()), "a socket folder or connection file was left behind"
    alive = subprocess.run(["pgrep", "-f", str(private_tmp)], capture_output=True, text=True, check=False).stdout
    assert not alive, f"a kernel outlived its runner: {alive}"
    assert (project / "build/failed/slow.FAILED.ipynb").is_file()
    assert not (project / "build/slow.ipynb").exists()


def test_a_killed_kernel_is_named_with_its_cell_and_leaves_no_socket(project):
    """What the out-of-memory killer does: a cell whose kernel gets SIGKILL."""
    private_tmp = project.parent / "tmp"  # other runs on this machine use /tmp too
    private_tmp.mkdir()
    result = small_run(project, "killed", {"oom": "import os\nos.kill(os.getpid(), 9)"}, TMPDIR=str(private_tmp))
    assert result.returncode == 1
    what, fix = two_lines(result)
    assert what.startswith("error: killed: the kernel 'python3' died while running cell"), what
    assert "build/failed/killed.FAILED.ipynb" in fix
    assert not list(private_tmp.iterdir()), "a kernel socket folder was left behind"
    assert not (project / "build/killed.ipynb").exists()


def test_a_kernel_that_exits_at_start_is_named_with_its_log(project, tmp_path):
    spec = tmp_path / "jupyter/kernels/exits-at-once"
    spec.mkdir(parents=True)
    argv = [str(VENV / "bin/python"), "-c", "import sys; print('no kernel here', file=sys.stderr); sys.exit(3)",
            "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "x", "language": "python"}))
    result = run_runner(project, JUPYTER_PATH=str(tmp_path / "jupyter"), notebook=("--kernel", "exits-at-once", *NB01))
    assert result.returncode == 1
    what, fix = two_lines(result)
    assert what == "error: 01-clean-article: the kernel 'exits-at-once' did not start: it exited before it was ready"
    log = project / fix.split("read its log ")[1].split(";")[0]
    assert "no kernel here" in log.read_text()
    assert len(result.stderr.splitlines()) == 2, result.stderr


def test_a_character_the_chart_font_lacks_is_named_with_its_field(project):
    meta = project / "inputs/cjk/meta.json"
    meta.parent.mkdir(parents=True)
    data = json.loads((project / f"{STEM}.meta.json").read_text(encoding="utf-8"))
    meta.write_text(json.dumps(data | {"outlet": "Tạp chí Hán Nôm (漢喃)"}, ensure_ascii=False), encoding="utf-8")
    result = run_runner(project, "meta=inputs/cjk/meta.json", "figures_dir=build/cjk/figures",
                        "tables_dir=data/processed", "processed_dir=build/cjk/data",
                        notebook=("notebooks/02-compare-qualifications.ipynb", "build/cjk/02.en.ipynb"))
    assert result.returncode == 1
    what, fix = two_lines(result)
    assert "no glyph for '漢' (U+6F22), '喃' (U+5583) in the field 'outlet' of the metadata" in what, what
    assert "font" in fix
    assert not [p for p in (project / "build/cjk").rglob("*") if p.is_file()], "a failed run published something"
    assert "Glyph" not in result.stderr


def test_the_runner_refuses_to_publish_a_path_and_shows_warnings_on_the_console(project):
    result = small_run(project, "leak", {
        "warns": "import sys, warnings\nwarnings.warn('a library speaks')\nprint('to stderr', file=sys.stderr)",
        "leaks": "import os\nprint(os.getcwd())"})
    assert result.returncode == 1
    what, _ = two_lines(result)
    assert "build/leak.ipynb would publish the project folder" in what, what
    assert re.search(r"^warning: leak, In \[\d+\]: UserWarning: a library speaks$", result.stderr, re.M), result.stderr
    assert re.search(r"^warning: leak, In \[\d+\]: to stderr$", result.stderr, re.M), result.stderr
    assert not (project / "build/leak.ipynb").exists() and not list(project.glob("build/runs/leak-*/"))


def test_a_full_disk_publishes_nothing_and_leaves_no_staging(project, tmp_path):
    """Notebook 01 with its outputs and its working area on a tmpfs sized to hold its tables and its partial
    notebook but not its executed notebook: the last write fails, after the tables were staged."""
    if os.geteuid() != 0 or not shutil.which("unshare"):
        pytest.skip("mounting a small file system needs root and unshare")

    def kib(*paths: Path) -> int:
        return sum(math.ceil(p.stat().st_size / 4096) * 4 for p in paths)

    tables = [ROOT / "data/processed" / f"{name}.csv" for name in
              ("structure", "number_tokens", "facts", "derived", "percent_counts", "checks")]
    executed = ROOT / NB01[1]
    size = kib(*tables, ROOT / "data/processed/findings/01-clean-article.en.json", ROOT / NB01[0], executed) \
        + kib(executed) // 2 + 8
    full = project / "build/full"
    full.mkdir(parents=True)
    listing = tmp_path / "listing.txt"
    runner = [str(VENV / "bin/python"), "-m", "articlefacts.pipeline.runner", "--build", "build/full/build",
              NB01[0], "build/full/01.ipynb", "processed_dir=build/full/data"]
    script = ('mount -t tmpfs -o size="$1"k tmpfs build/full || exit 99; shift; "$@"; status=$?; '
              'find build/full -type f | sort > "$LISTING"; exit $status')
    env = {**project_env(project), "ARTICLEFACTS_ROOT": str(project), "PYTHONHASHSEED": "0", "LISTING": str(listing)}
    result = subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", str(size), *runner], cwd=project, env=env,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 1, result.stderr
    what, fix = two_lines(result)
    assert "the disk is full: no space left on the file system at build/full" in what, what
    assert "df -h build/full" in fix
    left = listing.read_text().split()
    assert [f for f in left if not f.endswith(".lock")] == [], f"published or left behind: {left}"


def as_user(uid: int, gid: int, home: Path) -> tuple[str, ...]:
    """A command prefix that runs as another user (root can), with a home of its own."""
    return ("setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups", "env", f"HOME={home}")


@pytest.fixture
def shared_folder():
    """A folder every user can enter (the test's own temporary folders are root's alone); removed after."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("running as two users needs root and setpriv")
    folder = Path(tempfile.mkdtemp(prefix="shared-checkout-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


CHECK_AS_THE_RUNNER_DOES = """import sys
from articlefacts.errors import ArticleFactsError
from articlefacts.pipeline.preflight import check_writable, run_folders
try:
    check_writable(run_folders(None, "notebooks/executed/03-rotation-outcomes.en.ipynb"))
except ArticleFactsError as err:
    print(f"error: {err.what}\\nHow to fix: {err.fix}", file=sys.stderr)
    sys.exit(1)
"""


def test_another_users_build_folder_is_named_with_its_owner_and_the_fix(shared_folder):
    """The runner's first check (before it imports Jupyter or starts a kernel), run as a second user on a
    checkout whose build/ (stand-in home, kernel logs, working areas) another user made with umask 022; the
    check needs nothing but the standard library, so any Python both users can run will do."""
    project = copy_project(shared_folder / "project")
    for folder in ("build/home/ipython/profile_default", "build/home/matplotlib", "build/kernels", "build/runs"):
        (project / folder).mkdir(parents=True)
    subprocess.run(["chown", "-R", "1001:1000", str(project)], check=True)
    home = shared_folder / "home-b"
    home.mkdir()
    os.chown(home, 1002, 1000)
    python = next((p for p in ("/usr/bin/python3", sys.executable) if subprocess.run(
        [*as_user(1002, 1000, home), p, "-c", "import sys; assert sys.version_info >= (3, 10)"], check=False,
        capture_output=True).returncode == 0), None)
    if python is None:
        pytest.skip("no Python that another user can run here")
    result = subprocess.run([*as_user(1002, 1000, home), f"PYTHONPATH={project / 'src'}",
                             f"ARTICLEFACTS_ROOT={project}", python, "-c", CHECK_AS_THE_RUNNER_DOES], cwd=project,
                            capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 1, result.stderr
    what, fix = two_lines(result)
    assert re.match(r"error: build belongs to another user \((\w+, )?uid 1001\), and you \((\w+, )?uid 1002\) "
                    "cannot write in it", what), what
    assert "chmod -R g+w" in fix and "clone of your own" in fix, fix
    # The same folders, once the group may write there, pass: the check names only what blocks the run.
    subprocess.run(["chmod", "-R", "g+w", str(project / "build"), str(project / "notebooks")], check=True)
    grouped = subprocess.run([*as_user(1002, 1000, home), f"PYTHONPATH={project / 'src'}",
                              f"ARTICLEFACTS_ROOT={project}", python, "-c", CHECK_AS_THE_RUNNER_DOES], cwd=project,
                             capture_output=True, text=True, check=False, timeout=60)
    assert grouped.returncode == 0, grouped.stderr


def test_the_runner_checks_its_folders_before_it_sets_up_its_environment(monkeypatch, capsys):
    """runner.main says whose folder blocks the run before anything else (isolating the environment would
    already write in build/home)."""
    from articlefacts.errors import ArticleFactsError
    from articlefacts.pipeline import runner

    def blocked(folders):
        assert ROOT / "build/kernels" in folders and ROOT / "notebooks/executed" in folders
        raise ArticleFactsError("build belongs to another user (uid 1001)", "ask that user.")

    monkeypatch.setattr(signal, "signal", lambda *args: None)  # main's handlers are for the runner's process
    monkeypatch.setattr(runner, "check_writable", blocked)
    monkeypatch.setattr(runner, "isolate_environment", lambda: pytest.fail("isolated before the check"))
    assert runner.main([*NB01]) == 1
    assert capsys.readouterr().err == "error: build belongs to another user (uid 1001)\nHow to fix: ask that user.\n"


def test_a_second_user_of_a_shared_checkout_is_told_whose_files_block_the_run(base, committed, shared_folder):
    """A checkout made by one user (umask 022) and run by another of the same group after a notebook changed:
    two tracebacks (PermissionError on build/kernels/…) before; now the two lines name the folder, its owner
    and the fix, and nothing is written. Through make, where the project's .venv can be run by both users
    (its Python outside root's home)."""
    project = shared_folder / "project"
    subprocess.run(["cp", "-a", str(base), str(project)], check=True)
    (project / NB03).touch()  # as after a git pull
    subprocess.run(["chown", "-R", "1001:1000", str(project)], check=True)
    home = shared_folder / "home-b"
    home.mkdir()
    os.chown(home, 1002, 1000)
    prefix = as_user(1002, 1000, home)
    if subprocess.run([*prefix, str(VENV / "bin/python"), "-c", ""], check=False).returncode != 0:
        pytest.skip(f"another user cannot run {VENV}/bin/python here")
    result = make(project, "report", prefix=prefix)
    assert result.returncode != 0
    what, fix = two_lines(result)
    assert re.match(r"error: build belongs to another user \((\w+, )?uid 1001\), and you \((\w+, )?uid 1002\) "
                    "cannot write in it", what), what
    assert "chmod -R g+w" in fix and "clone of your own" in fix, fix
    assert "PermissionError" not in result.stderr and "IPython dir" not in result.stderr, result.stderr
    assert output_hashes(project) == committed
