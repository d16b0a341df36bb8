"""The pipeline end to end in a copy of the project: `make clean report` on up-to-date outputs cleans, then
rebuilds every committed output byte for byte (offline where the machine allows), a second run does nothing,
and make clean never touches data/raw."""

from __future__ import annotations

import os
import re

import nbformat
import pytest

from articlefacts.pipeline.workspace import copy_project
from conftest import differing, make, output_hashes, sha256_tree


def test_make_clean_removes_outputs_and_keeps_raw(tmp_path):
    project = copy_project(tmp_path / "project")
    raw = sha256_tree(project / "data/raw")
    assert output_hashes(project)
    cleaned = make(project, "clean")
    assert cleaned.returncode == 0, cleaned.stderr
    assert output_hashes(project) == {}
    assert sha256_tree(project / "data/raw") == raw


def test_make_clean_report_cleans_then_rebuilds_the_committed_outputs_byte_for_byte(rebuilt):
    """`make clean report` on up-to-date outputs: make ran the two goals at once and judged report's outputs
    current before clean deleted them, so it exited 0 having deleted every output and rebuilt none (with
    JOBS=1: "No rule to make target 'build/run-parameters.txt'"). Goals given with clean now run in turn."""
    assert rebuilt["up_to_date"], "the copy was not up to date before make clean report"
    report = rebuilt["report"]
    assert report.returncode == 0, report.stderr
    diff = differing(rebuilt["committed"], output_hashes(rebuilt["project"]))
    assert not diff, "rebuilt outputs differ from the committed ones (run make report, commit):\n" + "\n".join(diff)
    assert sha256_tree(rebuilt["project"] / "data/raw") == rebuilt["raw_before"]


def test_report_prints_one_line_per_notebook(rebuilt):
    lines = rebuilt["report"].stdout.splitlines()
    names = sorted(line.split()[0] for line in lines if line.endswith("files)"))
    assert names == ["01-clean-article", "02-compare-qualifications.en", "02-compare-qualifications.vi",
                     "03-rotation-outcomes.en", "03-rotation-outcomes.vi"]
    assert all(" s  (" in line for line in lines if line.endswith("files)"))


def test_rebuild_ran_without_network(rebuilt):
    if not rebuilt["offline"]:
        pytest.skip("unshare -n is not available here, so the rebuild ran with the network on")
    assert rebuilt["report"].returncode == 0


def test_second_report_is_a_no_op(rebuilt):
    again = make(rebuilt["project"], "report")
    assert again.returncode == 0, again.stderr
    assert again.stdout == "" and again.stderr == ""
    assert differing(rebuilt["committed"], output_hashes(rebuilt["project"])) == []


def test_editing_notebook_03_reruns_only_03(rebuilt):
    """What make would run after notebook 03 changed (make -n; the notebook's time is then put back, so the
    project stays up to date for the tests that copy it)."""
    source = rebuilt["project"] / "notebooks/03-rotation-outcomes.ipynb"
    before = source.stat()
    source.touch()
    try:
        result = make(rebuilt["project"], "-n", "report")
    finally:
        os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert result.returncode == 0, result.stderr
    ran = sorted(re.findall(r"articlefacts\.pipeline\.runner .* 'notebooks/executed/([^']+)\.ipynb'", result.stdout))
    assert ran == ["03-rotation-outcomes.en", "03-rotation-outcomes.vi"], result.stdout
    assert make(rebuilt["project"], "-n", "report").stdout == ":\n"


def test_report_restores_an_executed_notebook_changed_outside_make(rebuilt):
    """JupyterLab's autosave after a Run All rewrites an executed notebook, which is then newer than all it depends
    on: make report still rebuilds it (only it), back to the committed bytes, and says why."""
    project = rebuilt["project"]
    name = "notebooks/executed/02-compare-qualifications.vi.ipynb"
    nb = nbformat.read(project / name, as_version=4)
    guard = next(c for c in nb.cells if c.cell_type == "code")  # Run All's error, under the markdown title
    guard.outputs = [nbformat.v4.new_output("error", ename="ArticleFactsError", evalue="x", traceback=["x"])]
    nbformat.write(nb, project / name)
    result = make(project, "report")
    assert result.returncode == 0, result.stderr
    ran = sorted(line.split()[0] for line in result.stdout.splitlines() if line.endswith("files)"))
    assert ran == ["02-compare-qualifications.vi"]
    assert f"{name} was changed outside make" in result.stderr
    assert output_hashes(project)[name] == rebuilt["committed"][name]
    assert make(project, "report").stdout == ""
