"""The fault catalogue: each bad input or interruption ends with a message that names the cause,
leaves every committed output as it was, fails again on the next run, and never touches data/raw."""

from __future__ import annotations

import csv
import fcntl
import hashlib
import io
import json
import os
import signal
import subprocess
import time
import unicodedata

import nbformat
import pytest

from conftest import ROOT, VENV, differing, make, output_hashes, project_env, sha256_tree

STEM = "data/raw/baolangson-2021-01-22-luan-chuyen-can-bo-cao-loc"
NB01 = ("notebooks/01-clean-article.ipynb", "notebooks/executed/01-clean-article.ipynb")


def first_error(result) -> tuple[str, str]:
    """The 'error:' line and the line after it."""
    lines = result.stderr.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("error: "))
    return lines[at], lines[at + 1] if at + 1 < len(lines) else ""


def run_runner(project, *args, notebook=NB01):
    """The runner as make calls it, with the project copy as root."""
    env = {**project_env(project), "ARTICLEFACTS_ROOT": str(project), "PYTHONHASHSEED": "0"}
    return subprocess.run([str(VENV / "bin/python"), "-m", "articlefacts.pipeline.runner", *notebook, *args],
                          cwd=project,
                          env=env, capture_output=True, text=True, timeout=300, check=False)


def assert_clean_failure(project, result, expected: str, rerun=None, stale: str = "") -> None:
    """The four promises of the catalogue, for one fault.

    ``rerun`` runs the same command again and must fail the same way; ``stale`` names a make target
    that `make -q` must still find out of date (a cheaper proof that nothing looks fresh).
    """
    raw = sha256_tree(project / "data/raw")
    assert result.returncode != 0
    error, fix = first_error(result)
    print(f"\n{error}\n{fix}")  # shown with pytest -s: the catalogue's actual messages
    assert expected in error, result.stderr
    assert fix.startswith("How to fix:"), result.stderr
    assert "Traceback" not in result.stderr
    assert output_hashes(project) == OUTPUTS[project.parent.parent], "an output changed"
    if rerun:
        again = rerun()
        assert again.returncode != 0 and expected in first_error(again)[0]
    if stale:
        assert make(project, "-q", stale).returncode == 1, f"{stale} looks up to date after the failure"
    assert sha256_tree(project / "data/raw") == raw


OUTPUTS: dict = {}


@pytest.fixture(autouse=True)
def remember_outputs(project):
    OUTPUTS[project.parent.parent] = output_hashes(project)


def edit_facts(project, fact_key: str, **changes) -> None:
    path = project / f"{STEM}.facts.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    for row in rows:
        if row["key"] == fact_key:
            row.update(changes)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_1_edited_article(project):
    path = project / f"{STEM}.txt"
    path.chmod(0o644)
    path.write_bytes(path.read_bytes().replace(b"405", b"406"))
    assert_clean_failure(project, make(project, "report"), "The raw article changed", stale=NB01[1])


def test_2_missing_article(project):
    (project / f"{STEM}.txt").unlink()
    assert_clean_failure(project, make(project, "report"), f"input file not found: {STEM}.txt",
                         rerun=lambda: make(project, "report"))


def test_3_missing_facts(project):
    (project / f"{STEM}.facts.csv").unlink()
    assert_clean_failure(project, make(project, "report"), f"input file not found: {STEM}.facts.csv",
                         rerun=lambda: make(project, "report"))


def test_4_quote_not_in_article(project):
    edit_facts(project, "staff_2021", quote="cấp xã có 406 người")
    result = make(project, "report")
    assert_clean_failure(project, result, "Fact 'staff_2021': quote not found", stale=NB01[1])
    assert "the closest passage in the article is «cấp xã có 405 người" in result.stderr
    # the same input paths with edited contents: the folder's outputs are said to be the last good run's
    assert "still hold the outputs of the last run of 01 that succeeded" in result.stderr, result.stderr


@pytest.mark.parametrize(("quote", "found"), [
    ("cấp xã có", "found 0"), ("có 405 người, trong đó đảng viên chiếm tỷ lệ 89,62%", "found 2")])
def test_5_quote_with_no_or_two_numbers(project, quote, found):
    edit_facts(project, "staff_2021", quote=quote)
    assert_clean_failure(project, make(project, "report"),
                         f"Fact 'staff_2021': the quote must hold exactly one number, {found}", stale=NB01[1])


@pytest.mark.parametrize("token", ["89,6,2%", "1.2.3"])
def test_6_malformed_number(project, token):
    edit_facts(project, "party_members_2021", quote=f"đảng viên chiếm tỷ lệ {token}",
               unit="percent" if token.endswith("%") else "people")
    assert_clean_failure(project, make(project, "report"), f"Fact 'party_members_2021': malformed number '{token}'",
                         stale=NB01[1])


def test_7_duplicate_key(project):
    edit_facts(project, "staff_2021", key="cadres_2002")
    assert_clean_failure(project, make(project, "report"), "duplicate key 'cadres_2002'", stale=NB01[1])


def test_8_share_without_denominator(project):
    edit_facts(project, "party_members_2021", parent_key="staff_2020")
    assert_clean_failure(project, make(project, "report"),
                         "fact 'party_members_2021': its parent fact 'staff_2020' is missing", stale=NB01[1])


def test_9_nfd_copy_is_repaired_with_identical_results(project):
    path = project / f"{STEM}.txt"
    path.chmod(0o644)
    path.write_bytes(unicodedata.normalize("NFD", path.read_text(encoding="utf-8")).encode("utf-8"))
    raw = sha256_tree(project / "data/raw")
    result = make(project, NB01[1])
    assert result.returncode == 0, result.stderr
    # The repair is said on the console, in the project's words; the executed notebook holds no warning,
    # so every output is the NFC run's, byte for byte.
    assert differing(OUTPUTS[project.parent.parent], output_hashes(project)) == [], "outputs differ from the NFC run"
    assert "warning: 01-clean-article, In [" in result.stderr and "recomposed to NFC" in result.stderr
    assert "ChecksumWarning" not in result.stderr and "/" + "src/articlefacts" not in result.stderr
    assert sha256_tree(project / "data/raw") == raw


def test_10_parameter_of_wrong_type(project):
    result = run_runner(project, "processed_dir=3")
    assert_clean_failure(project, result, "Parameter 'processed_dir' must be a path (text), got int 3")


def test_11_unknown_language(project):
    result = make(project, "report", "LANGUAGES=fr")
    assert_clean_failure(project, result, "Parameter 'language': unknown value 'fr'",
                         stale="notebooks/executed/02-compare-qualifications.fr.ipynb")
    assert not (project / "figures/fr").exists()


def test_12_unknown_parameter_name(project):
    result = run_runner(project, "colour=red")
    assert_clean_failure(project, result, "Unknown parameter 'colour' for notebooks/01-clean-article.ipynb",
                         rerun=lambda: run_runner(project, "colour=red"))


def test_13_output_directory_not_writable(project):
    result = run_runner(project, "processed_dir=Makefile/tables")
    assert_clean_failure(project, result,
                         "Parameter 'processed_dir': output directory Makefile/tables cannot be written")


def test_14_cell_raising_midway_keeps_a_failed_copy(project):
    path = project / "notebooks/03-rotation-outcomes.ipynb"
    nb = nbformat.read(path, as_version=4)
    boom = nbformat.v4.new_code_cell('raise RuntimeError("deliberate failure in the middle")')
    boom.id = "deliberate-failure"
    nb.cells.insert(len(nb.cells) // 2, boom)
    nbformat.write(nb, path)
    result = make(project, "report")
    assert_clean_failure(project, result, "raised RuntimeError: deliberate failure in the middle",
                         stale="notebooks/executed/03-rotation-outcomes.en.ipynb")
    failed = project / "build/failed/03-rotation-outcomes.en.FAILED.ipynb"
    assert failed.is_file()
    assert "deliberate failure" in failed.read_text(encoding="utf-8")


def test_15_missing_kernel(project):
    (project / NB01[0]).touch()
    result = make(project, "report", "KERNEL=no-such-kernel")
    assert_clean_failure(project, result, "The project kernel 'no-such-kernel' is not installed",
                         rerun=lambda: make(project, "report", "KERNEL=no-such-kernel"))
    assert "make kernel" in first_error(result)[1]


def interrupt_report_midway(project) -> subprocess.Popen:
    """Start `make report` after touching notebook 03, and send Ctrl-C (SIGINT to its process group) as soon as
    the run of 03 has staged its folders. Returns the finished process."""
    (project / "notebooks/03-rotation-outcomes.ipynb").touch()
    proc = subprocess.Popen(["make", "--no-print-directory", f"VENV={VENV}", "report"], cwd=project,
                            env=project_env(project), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    deadline = time.monotonic() + 60
    while not list(project.glob("build/runs/03-rotation-outcomes.en-*/stage")) and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGINT)
    proc.communicate(timeout=120)
    return proc


def test_16_interrupted_report_recovers(project):
    # On a fast, idle machine the run can finish between two looks at the folder: try again, up to three times.
    for _ in range(3):
        proc = interrupt_report_midway(project)
        if proc.returncode != 0:
            break
    assert proc.returncode != 0
    result = make(project, "report")
    assert result.returncode == 0, result.stderr
    assert "03-rotation-outcomes" in result.stdout
    assert output_hashes(project) == OUTPUTS[project.parent.parent]


def test_17_sigterm_cleans_up_like_ctrl_c(project):
    """`timeout`, a CI cancel or `kill` send SIGTERM: the runner stops its kernel, removes its sockets and
    connection file, keeps the partial notebook and publishes nothing, as for Ctrl-C."""
    (project / "notebooks/03-rotation-outcomes.ipynb").touch()
    private_tmp = project.parent / "tmp"
    private_tmp.mkdir()
    env = {**project_env(project), "TMPDIR": str(private_tmp)}
    proc = subprocess.Popen(["make", "--no-print-directory", f"VENV={VENV}", "report"], cwd=project, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while not list(project.glob("build/runs/03-rotation-outcomes.en-*/stage")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)  # the kernel has started and runs cells
    os.killpg(proc.pid, signal.SIGTERM)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode != 0
    assert "03-rotation-outcomes.en stopped (SIGTERM); nothing was published" in stderr, stderr
    assert "Traceback" not in stderr, stderr
    time.sleep(0.5)
    assert not list(private_tmp.iterdir()), "a socket folder or connection file was left behind"
    alive = subprocess.run(["pgrep", "-f", str(private_tmp)], capture_output=True, text=True, check=False).stdout
    assert not alive, f"a kernel outlived its runner: {alive}"
    assert list(project.glob("build/failed/03-rotation-outcomes.*.FAILED.ipynb"))
    result = make(project, "report")
    assert result.returncode == 0, result.stderr
    assert output_hashes(project) == OUTPUTS[project.parent.parent]


def test_18_kernel_that_exits_at_start(project, tmp_path):
    """A kernel whose process exits before it answers: two lines naming the kernel and its log."""
    spec = tmp_path / "jupyter/kernels/exits-at-once"
    spec.mkdir(parents=True)
    argv = [str(VENV / "bin/python"), "-c", "import sys; print('no kernel here', file=sys.stderr); sys.exit(3)",
            "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "x", "language": "python"}))
    env = {**project_env(project), "ARTICLEFACTS_ROOT": str(project), "JUPYTER_PATH": str(tmp_path / "jupyter")}
    result = subprocess.run([str(VENV / "bin/python"), "-m", "articlefacts.pipeline.runner", "--kernel",
                             "exits-at-once", *NB01], cwd=project, env=env, capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 1
    what, fix = first_error(result)
    assert what == "error: 01-clean-article: the kernel 'exits-at-once' did not start: it exited before it was ready"
    log = project / fix.split("read its log ")[1].split(";")[0]
    assert "no kernel here" in log.read_text()
    assert len(result.stderr.splitlines()) == 2, result.stderr


# The shared fault catalogue (/work/shared/cases/faults.md): one test per case, named by its number there.

SYNTHETIC = ("article.txt", "facts.csv", "not-data.csv", "meta.json")
INPUT_NAMES = ("ARTICLE", "FACTS", "NOT_DATA", "META")


def synthetic_inputs(project, folder: str = "inputs/synthetic", **replace) -> list[str]:
    """Copy the synthetic article's inputs into ``project/folder`` (replacing text in the article and facts,
    with the checksum updated); returns make's ARTICLE=… FACTS=… NOT_DATA=… META=… arguments."""
    target = project / folder
    target.mkdir(parents=True)
    for name in SYNTHETIC:
        (target / name).write_bytes((ROOT / "tests/fixtures/synthetic" / name).read_bytes())
    text = (target / "article.txt").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO((target / "facts.csv").read_text(encoding="utf-8"))))
    for old, new in replace.items():
        text = text.replace(old, new)
        rows = [[cell.replace(old, new) for cell in row] for row in rows]
    (target / "article.txt").write_text(text, encoding="utf-8")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    (target / "facts.csv").write_text(out.getvalue(), encoding="utf-8")
    meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
    meta["sha256"] = hashlib.sha256((target / "article.txt").read_bytes()).hexdigest()
    (target / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return [f"{var}={folder}/{name}" for var, name in zip(INPUT_NAMES, SYNTHETIC, strict=True)]


def executed(out: str = "") -> str:
    return f"{out}/{NB01[1]}" if out else NB01[1]


def test_shared_1_thousands_separator_of_another_locale(project):
    args = synthetic_inputs(project, **{"cấp xã có 300 người": "cấp xã có 1,300 người"})
    result = make(project, executed("build/c1"), *args, "OUT=build/c1")
    assert_clean_failure(project, result, "")
    assert "1.3" in first_error(result)[0] and "1300" in first_error(result)[0], result.stderr


def test_shared_2_another_article_into_the_same_folder_rebuilds(project):
    args = synthetic_inputs(project)
    assert make(project, "-q", "report", *args).returncode == 1, "another article looks up to date"
    result = make(project, NB01[1], *args)
    assert result.returncode == 0, result.stderr
    assert "cadres_2005" in (project / "data/processed/facts.csv").read_text(encoding="utf-8")
    # The same with a reused OUT folder: a run on the default article, then the synthetic one.
    assert make(project, executed("build/other"), "OUT=build/other").returncode == 0
    assert make(project, "-q", executed("build/other"), "OUT=build/other").returncode == 0
    assert make(project, "-q", executed("build/other"), "OUT=build/other", *args).returncode == 1
    assert make(project, executed("build/other"), "OUT=build/other", *args).returncode == 0
    assert "cadres_2005" in (project / "build/other/data/processed/facts.csv").read_text(encoding="utf-8")


def test_shared_3_copied_project_with_the_originals_venv_stops(project):
    """The copy shares this checkout's .venv, whose editable install points at this checkout's src/."""
    (project / "src/articlefacts/telling/display.py").touch()
    result = make(project, "report", own_code=False)
    assert_clean_failure(project, result, ".venv belongs to another folder", stale=NB01[1])
    assert "rm -rf" in first_error(result)[1] and "make setup" in first_error(result)[1]


def test_shared_4_source_without_cell_ids_gives_identical_bytes(project):
    path = project / NB01[0]
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["nbformat_minor"] = 4
    for cell in raw["cells"]:
        cell.pop("id", None)
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    runs = []
    for _ in range(2):
        path.touch()
        result = make(project, NB01[1])
        assert result.returncode == 0, result.stderr
        runs.append((project / NB01[1]).read_bytes())
    assert runs[0] == runs[1]
    ids = [c["id"] for c in json.loads(runs[0])["cells"]]
    assert ids[0] == "cell-000" and "injected-parameters" in ids


STREAM_NOTEBOOK = {
    "parameters": 'out_dir = "../build/lab/stream"  # output folder: nothing is written here',
    "loop": "import sys, time\nfor i in range(6):\n    sum(range(200_000))\n    print('line', i)\n"
            "    sys.stdout.flush()\n    time.sleep(0.15)",
}


def test_shared_5_printed_output_split_by_timing_is_one_stream(project):
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                                           "language": "python"}})
    nb.cells = [nbformat.v4.new_code_cell(code, id=name) for name, code in STREAM_NOTEBOOK.items()]
    nb.cells[0].metadata["tags"] = ["parameters"]
    nbformat.write(nb, project / "notebooks/stream.ipynb")
    result = run_runner(project, "out_dir=build/stream", notebook=("notebooks/stream.ipynb", "build/stream.ipynb"))
    assert result.returncode == 0, result.stderr
    outputs = nbformat.read(project / "build/stream.ipynb", as_version=4).cells[-1].outputs
    assert [o.output_type for o in outputs] == ["stream"]
    assert outputs[0].text == "".join(f"line {i}\n" for i in range(6))


def test_shared_6_two_runs_at_once_keep_to_their_own_folders(project):
    args = synthetic_inputs(project)
    runs = [subprocess.Popen(["make", "--no-print-directory", f"VENV={VENV}", executed(f"build/x{i}"),
                              f"OUT=build/x{i}", *extra], cwd=project, env=project_env(project),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for i, extra in ((1, []), (2, args))]
    for proc in runs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    tables = [sorted(p.name for p in (project / f"build/x{i}/data/processed").iterdir()) for i in (1, 2)]
    assert tables[0] == tables[1] and len(tables[0]) == 7  # six tables and the findings folder
    assert "cadres_2002" in (project / "build/x1/data/processed/facts.csv").read_text(encoding="utf-8")
    assert "cadres_2005" in (project / "build/x2/data/processed/facts.csv").read_text(encoding="utf-8")


def test_shared_6_a_second_run_on_the_same_outputs_is_refused(project):
    lock = next(project.glob("build/runs/01-clean-article-*.lock"))
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        (project / NB01[0]).touch()
        result = make(project, "report")
    assert_clean_failure(project, result, "Another run is writing notebooks/executed/01-clean-article.ipynb",
                         stale=NB01[1])


def test_shared_7_paths_with_a_space(project):
    args = synthetic_inputs(project, "inputs/other article")
    result = make(project, "report", *args, "OUT=build/spaced")
    assert_clean_failure(project, result, "ARTICLE contains a space")
    assert not (project / "build/spaced").exists(), "make started before refusing"
    runner = run_runner(project, *(f"{a.split('=')[0].lower()}={a.split('=', 1)[1]}" for a in args),
                        "processed_dir=build/spaced out/data", notebook=(NB01[0], "build/spaced out/01.ipynb"))
    assert runner.returncode == 0, runner.stderr
    assert "cadres_2005" in (project / "build/spaced out/data/facts.csv").read_text(encoding="utf-8")
    assert '"../build/spaced out/data"' in (project / "build/spaced out/01.ipynb").read_text(encoding="utf-8")


def test_shared_8_parameters_cell_without_its_tag(project):
    path = project / "notebooks/02-compare-qualifications.ipynb"
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        cell.metadata["tags"] = [t for t in cell.metadata.get("tags", []) if t != "parameters"]
    nbformat.write(nb, path)
    result = make(project, "report")
    assert_clean_failure(project, result, "has no cell tagged 'parameters'",
                         stale="notebooks/executed/02-compare-qualifications.en.ipynb")


def test_shared_9_killed_kernel(project):
    path = project / "notebooks/03-rotation-outcomes.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(len(nb.cells) // 2, nbformat.v4.new_code_cell("import os\nos.kill(os.getpid(), 9)", id="oom"))
    nbformat.write(nb, path)
    private_tmp = project.parent / "tmp"  # other runs on this machine use /tmp too
    private_tmp.mkdir()
    result = make(project, "report", extra_env={"TMPDIR": str(private_tmp)})
    assert_clean_failure(project, result, "the kernel 'python3' died while running cell",
                         stale="notebooks/executed/03-rotation-outcomes.en.ipynb")
    assert "build/failed/03-rotation-outcomes" in first_error(result)[1]
    assert not list(private_tmp.iterdir()), "a kernel socket folder was left behind"


def test_shared_10_facts_saved_with_semicolons(project):
    path = project / f"{STEM}.facts.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode("utf-8"))
    result = make(project, "report")
    assert_clean_failure(project, result, "", stale=NB01[1])
    assert "semicolon" in first_error(result)[0], result.stderr


def test_shared_11_facts_saved_as_nfd_are_found(project):
    path = project / f"{STEM}.facts.csv"
    path.write_text(unicodedata.normalize("NFD", path.read_text(encoding="utf-8")), encoding="utf-8")
    result = make(project, NB01[1])
    assert result.returncode == 0, result.stderr
    assert differing(OUTPUTS[project.parent.parent], output_hashes(project)) == []


@pytest.mark.parametrize("where", ["not-data", "facts"])
def test_shared_12_quote_with_the_articles_no_break_space_is_found(project, where):
    if where == "not-data":
        path = project / f"{STEM}.not-data.csv"
        path.write_text(path.read_text(encoding="utf-8").replace("Thứ sáu, 22", "Thứ sáu,\u00a0 22"), encoding="utf-8")
    else:
        edit_facts(project, "staff_2021", quote="cán bộ, công chức cấp xã có\u00a0405 người")
    result = make(project, NB01[1])
    assert result.returncode == 0, result.stderr
    assert (project / "data/processed/facts.csv").read_bytes() == (ROOT / "data/processed/facts.csv").read_bytes()
