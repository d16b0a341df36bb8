"""The pipeline end to end in a copy of the project: a clean rebuild reproduces every committed
output byte for byte (offline where the machine allows), a second run does nothing, and make clean
never touches data/raw."""

from __future__ import annotations

import nbformat
import pytest

from conftest import differing, make, output_hashes, sha256_tree


def test_make_clean_removes_outputs_and_keeps_raw(rebuilt):
    assert rebuilt["clean"].returncode == 0, rebuilt["clean"].stderr
    assert rebuilt["after_clean"] == {}
    assert sha256_tree(rebuilt["project"] / "data/raw") == rebuilt["raw_before"]


def test_clean_rebuild_reproduces_committed_outputs_byte_for_byte(rebuilt):
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
    project = rebuilt["project"]
    (project / "notebooks/03-rotation-outcomes.ipynb").touch()
    result = make(project, "report")
    assert result.returncode == 0, result.stderr
    ran = sorted(line.split()[0] for line in result.stdout.splitlines() if line.endswith("files)"))
    assert ran == ["03-rotation-outcomes.en", "03-rotation-outcomes.vi"]


def test_report_restores_an_executed_notebook_changed_outside_make(rebuilt):
    """JupyterLab's autosave after a Run All rewrites an executed notebook, which is then newer than all it depends
    on: make report still rebuilds it (only it), back to the committed bytes, and says why."""
    project = rebuilt["project"]
    name = "notebooks/executed/02-compare-qualifications.vi.ipynb"
    nb = nbformat.read(project / name, as_version=4)
    nb.cells[0].outputs = [nbformat.v4.new_output("error", ename="ArticleFactsError", evalue="x", traceback=["x"])]
    nbformat.write(nb, project / name)
    result = make(project, "report")
    assert result.returncode == 0, result.stderr
    ran = sorted(line.split()[0] for line in result.stdout.splitlines() if line.endswith("files)"))
    assert ran == ["02-compare-qualifications.vi"]
    assert f"{name} was changed outside make" in result.stderr
    assert output_hashes(project)[name] == rebuilt["committed"][name]
    assert make(project, "report").stdout == ""


def test_the_check_reports_a_changed_figure():
    """A committed figure that no longer matches the rebuild is named in the failure."""
    committed = {"figures/en/rotation-blocs.png": "a", "data/processed/facts.csv": "b"}
    rebuilt = {"figures/en/rotation-blocs.png": "c", "data/processed/facts.csv": "b"}
    assert differing(committed, rebuilt) == ["figures/en/rotation-blocs.png"]
