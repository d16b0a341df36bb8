"""The fault catalogue: each bad input or interruption ends with a message that names the cause,
leaves every committed output as it was, fails again on the next run, and never touches data/raw."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import time
import unicodedata

import nbformat
import pytest

from conftest import VENV, differing, make, output_hashes, sha256_tree

STEM = "data/raw/baolangson-2021-01-22-luan-chuyen-can-bo-cao-loc"
NB01 = ("notebooks/01-clean-article.ipynb", "notebooks/executed/01-clean-article.ipynb")


@pytest.fixture(scope="module")
def base(rebuilt):
    """A copy of the project whose outputs are up to date (the session's clean rebuild)."""
    assert rebuilt["report"].returncode == 0, rebuilt["report"].stderr
    return rebuilt["project"]


@pytest.fixture
def project(base, tmp_path):
    """A fresh copy of the up-to-date base for one fault."""
    target = tmp_path / "project"
    subprocess.run(["cp", "-a", str(base), str(target)], check=True)
    return target


def first_error(result) -> tuple[str, str]:
    """The 'error:' line and the line after it."""
    lines = result.stderr.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("error: "))
    return lines[at], lines[at + 1] if at + 1 < len(lines) else ""


def run_runner(project, *args, notebook=NB01):
    """The runner as make calls it, with the project copy as root."""
    env = {**os.environ, "ARTICLEFACTS_ROOT": str(project), "PYTHONHASHSEED": "0"}
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
                         "fact 'party_members_2021': its denominator fact 'staff_2020' is missing", stale=NB01[1])


def test_9_nfd_copy_is_repaired_with_identical_results(project):
    path = project / f"{STEM}.txt"
    path.chmod(0o644)
    path.write_bytes(unicodedata.normalize("NFD", path.read_text(encoding="utf-8")).encode("utf-8"))
    raw = sha256_tree(project / "data/raw")
    result = make(project, NB01[1])
    assert result.returncode == 0, result.stderr
    changed = differing(OUTPUTS[project.parent.parent], output_hashes(project))
    assert changed == ["notebooks/executed/01-clean-article.ipynb"], "tables differ from the NFC run"
    executed = (project / "notebooks/executed/01-clean-article.ipynb").read_text(encoding="utf-8")
    assert "recomposed to NFC" in executed and "ChecksumWarning" in executed
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


def test_16_interrupted_report_recovers(project):
    (project / "notebooks/03-rotation-outcomes.ipynb").touch()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "ARTICLEFACTS_"))}
    proc = subprocess.Popen(["make", "--no-print-directory", f"VENV={VENV}", "report"], cwd=project, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while not (project / "build/stage/03-rotation-outcomes.en").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)  # the kernel is still starting: the run is surely mid-way
    os.killpg(proc.pid, signal.SIGINT)
    proc.communicate(timeout=120)
    assert proc.returncode != 0
    result = make(project, "report")
    assert result.returncode == 0, result.stderr
    assert "03-rotation-outcomes" in result.stdout
    assert output_hashes(project) == OUTPUTS[project.parent.parent]
