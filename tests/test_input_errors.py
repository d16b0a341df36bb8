"""Bad input files and bad run parameters, in process: each is refused by the function that reads or checks
it, with the two lines a user sees (the cause, naming the fact, file or parameter; then `How to fix:`); input
that only differs in form (NFD, a no-break space, an NFD article) gives the seed's own tables.

The same errors reach a user through make and a kernel; tests/test_failed_runs.py proves, once, that make
shows these two lines and leaves every output as it was.
"""

from __future__ import annotations

import csv
import fcntl
import hashlib
import io
import json
import shutil
import unicodedata
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from articlefacts import paths
from articlefacts.checking.article_tables import build_tables
from articlefacts.checking.audit import stop_on_failures
from articlefacts.errors import ArticleFactsError
from articlefacts.pipeline import staging
from articlefacts.pipeline.parameters import check_values, declared_parameters
from articlefacts.pipeline.preflight import check_code_origin, check_kernel
from articlefacts.pipeline.runner import parse_assignments
from articlefacts.reading.article import ChecksumWarning, read_article
from articlefacts.reading.inputs import read_csv_table
from conftest import ROOT, edit_facts

SEED = {"article": paths.ARTICLE, "facts": paths.FACTS, "not_data": paths.NOT_DATA, "meta": paths.META}
SYNTHETIC = ROOT / "tests/fixtures/synthetic"
NB01 = ROOT / "notebooks/01-clean-article.ipynb"
NB02 = ROOT / "notebooks/02-compare-qualifications.ipynb"


def inputs(tmp_path: Path, source: dict[str, Path] | None = None) -> dict[str, Path]:
    """A writable copy of the seed's four input files (or of ``source``): name → path."""
    copies = {}
    for name, path in (source or {k: paths.resolve(v) for k, v in SEED.items()}).items():
        copies[name] = tmp_path / Path(path).name
        shutil.copyfile(path, copies[name])
    return copies




def record_sha(files: dict[str, Path]) -> None:
    """Record the (edited) article's sha256 in the metadata file, as a user does after editing the text."""
    meta = json.loads(files["meta"].read_text(encoding="utf-8"))
    meta["sha256"] = hashlib.sha256(files["article"].read_bytes()).hexdigest()
    files["meta"].write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")


def notebook_01(files: dict[str, Path]):
    """What notebook 01 does with the four files: build the tables, stop on a failed check."""
    tables = build_tables(**{k: str(v) for k, v in files.items()})
    stop_on_failures(tables.checks)
    return tables


def two_lines(err: pytest.ExceptionInfo) -> tuple[str, str]:
    """The cause and the fix of an :class:`ArticleFactsError`, as the two lines a user reads."""
    lines = str(err.value).split("\n")
    assert len(lines) == 2 and lines[1].startswith("How to fix: ") and len(lines[1]) > len("How to fix: x"), lines
    return lines[0], lines[1]


def refused(files: dict[str, Path]) -> tuple[str, str]:
    with pytest.raises(ArticleFactsError) as err:
        notebook_01(files)
    return two_lines(err)


@pytest.fixture(scope="module")
def seed_tables():
    return notebook_01({k: paths.resolve(v) for k, v in SEED.items()})


# --- The article and the facts file ----------------------------------------------------------------------

def test_an_edited_article_is_refused_by_its_checksum(tmp_path):
    files = inputs(tmp_path)
    files["article"].write_bytes(files["article"].read_bytes().replace(b"405", b"406"))
    what, fix = refused(files)
    assert what.startswith("The raw article changed: ") and "sha256" in what
    assert "git checkout" in fix or "sha256" in fix


def test_a_quote_not_in_the_article_names_the_fact_and_the_closest_passage(tmp_path):
    files = inputs(tmp_path)
    edit_facts(files["facts"], "staff_2021", quote="cấp xã có 406 người")
    what, fix = refused(files)
    assert what == "Fact 'staff_2021': quote not found in the article: «cấp xã có 406 người»", what
    assert fix.startswith("How to fix: the closest passage in the article is «cấp xã có 405 người"), fix


@pytest.mark.parametrize(("quote", "found"), [
    ("cấp xã có", "found 0"), ("có 405 người, trong đó đảng viên chiếm tỷ lệ 89,62%", "found 2")])
def test_a_quote_must_hold_exactly_one_number(tmp_path, quote, found):
    files = inputs(tmp_path)
    edit_facts(files["facts"], "staff_2021", quote=quote)
    what, _ = refused(files)
    assert what.startswith(f"Fact 'staff_2021': the quote must hold exactly one number, {found}"), what


@pytest.mark.parametrize("token", ["89,6,2%", "1.2.3"])
def test_a_malformed_number_is_named_with_its_fact(tmp_path, token):
    files = inputs(tmp_path)
    files["article"].write_text(files["article"].read_text(encoding="utf-8").replace(
        "đảng viên chiếm tỷ lệ 89,62%", f"đảng viên chiếm tỷ lệ {token}"), encoding="utf-8")
    record_sha(files)
    edit_facts(files["facts"], "party_members_2021", quote=f"đảng viên chiếm tỷ lệ {token}",
               unit="percent" if token.endswith("%") else "people")
    what, _ = refused(files)
    assert f"Fact 'party_members_2021': malformed number '{token}'" in what, what


def test_a_duplicate_key_is_refused(tmp_path):
    files = inputs(tmp_path)
    edit_facts(files["facts"], "staff_2021", key="cadres_2002")
    what, _ = refused(files)
    assert "duplicate key 'cadres_2002'" in what, what


def test_a_share_whose_denominator_is_missing_is_refused(tmp_path):
    files = inputs(tmp_path)
    edit_facts(files["facts"], "party_members_2021", parent_key="staff_2020")
    what, _ = refused(files)
    assert "fact 'party_members_2021': its parent fact 'staff_2020' is missing" in what, what


def test_a_count_written_with_an_english_thousands_comma_is_refused_with_both_readings(tmp_path):
    """«1,300 người» in a Vietnamese text is 1.3 (no count of people) or an English-style 1300."""
    files = inputs(tmp_path, {k: SYNTHETIC / v for k, v in
                              {"article": "article.txt", "facts": "facts.csv", "not_data": "not-data.csv",
                               "meta": "meta.json"}.items()})
    text = files["article"].read_text(encoding="utf-8")
    assert "cấp xã có 300 người" in text
    files["article"].write_text(text.replace("cấp xã có 300 người", "cấp xã có 1,300 người"), encoding="utf-8")
    record_sha(files)
    edit_facts(files["facts"], "staff_2022", quote="cấp xã có 1,300 người")
    what, fix = refused(files)
    assert "'1,300'" in what and "1.3" in what and "1300" in what, what
    assert "1.300" in fix, fix


def test_a_facts_file_saved_with_semicolons_and_crlf_is_named_as_such(tmp_path):
    files = inputs(tmp_path)
    rows = list(csv.reader(io.StringIO(files["facts"].read_text(encoding="utf-8"))))
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    files["facts"].write_bytes(out.getvalue().encode("utf-8"))
    what, fix = refused(files)
    assert "separated by semicolons" in what and files["facts"].name in what, what
    assert "Expected 1 fields" not in what


def test_an_article_saved_as_nfd_gives_the_seeds_tables_with_a_note(tmp_path, seed_tables):
    files = inputs(tmp_path)
    text = files["article"].read_text(encoding="utf-8")
    files["article"].write_bytes(unicodedata.normalize("NFD", text).encode("utf-8"))
    with pytest.warns(ChecksumWarning, match="only because the text was in Unicode NFD and was recomposed to NFC"):
        tables = notebook_01(files)
    for name, frame in seed_tables.outputs().items():
        pd.testing.assert_frame_equal(tables.outputs()[name], frame, obj=name)


def test_a_facts_file_saved_as_nfd_gives_the_seeds_tables(tmp_path, seed_tables):
    files = inputs(tmp_path)
    files["facts"].write_text(unicodedata.normalize("NFD", files["facts"].read_text(encoding="utf-8")),
                              encoding="utf-8")
    pd.testing.assert_frame_equal(notebook_01(files).facts, seed_tables.facts)


@pytest.mark.parametrize("where", ["not-data", "facts"])
def test_a_quote_copied_with_the_articles_no_break_space_is_found(tmp_path, seed_tables, where):
    files = inputs(tmp_path)
    if where == "not-data":
        text = files["not_data"].read_text(encoding="utf-8")
        assert "Thứ sáu, 22" in text
        files["not_data"].write_text(text.replace("Thứ sáu, 22", "Thứ sáu,\u00a0 22"), encoding="utf-8")
    else:
        edit_facts(files["facts"], "staff_2021", quote="cán bộ, công chức cấp xã có\u00a0405 người")
    pd.testing.assert_frame_equal(notebook_01(files).facts, seed_tables.facts)


# --- Run parameters, kernels and the project's own venv ---------------------------------------------------

def test_a_parameter_of_the_wrong_type_is_refused():
    params = parse_assignments(["processed_dir=3"])
    assert params == {"processed_dir": 3}
    with pytest.raises(ArticleFactsError) as err:
        check_values(NB01, params)
    what, _ = two_lines(err)
    assert what == "Parameter 'processed_dir' must be a path (text), got int 3"


def test_an_unknown_parameter_name_is_refused_with_the_notebooks_parameters():
    with pytest.raises(ArticleFactsError) as err:
        check_values(NB01, {"colour": "red"})
    what, fix = two_lines(err)
    assert what == "Unknown parameter 'colour' for notebooks/01-clean-article.ipynb"
    assert fix == "How to fix: its parameters are: article, facts, not_data, meta, processed_dir."


def test_an_unknown_language_is_refused():
    with pytest.raises(ArticleFactsError) as err:
        check_values(NB02, {"language": "fr"})
    what, fix = two_lines(err)
    assert what == "Parameter 'language': unknown value 'fr'" and "en, vi" in fix


def test_an_output_folder_that_cannot_be_written_is_refused():
    with pytest.raises(ArticleFactsError) as err:
        check_values(NB01, {"processed_dir": "Makefile/tables"})
    what, _ = two_lines(err)
    assert what.startswith("Parameter 'processed_dir': output directory Makefile/tables cannot be written"), what


def test_a_parameters_cell_that_lost_its_tag_is_named(tmp_path):
    """JupyterLab drops the tag when the cell is edited; papermill's own message blamed the parameter."""
    nb = nbformat.read(NB02, as_version=4)
    for cell in nb.cells:
        cell.metadata["tags"] = [t for t in cell.metadata.get("tags", []) if t != "parameters"]
    nbformat.write(nb, tmp_path / "02.ipynb")
    with pytest.raises(ArticleFactsError) as err:
        declared_parameters(tmp_path / "02.ipynb")
    what, fix = two_lines(err)
    assert "has no cell tagged 'parameters'" in what and "'parameters'" in fix


def test_a_missing_kernel_is_named_with_make_kernel():
    with pytest.raises(ArticleFactsError) as err:
        check_kernel("no-such-kernel")
    what, fix = two_lines(err)
    assert what.startswith("The project kernel 'no-such-kernel' is not installed") and "make kernel" in fix


def test_a_venv_whose_package_comes_from_another_folder_is_named(tmp_path, monkeypatch):
    """A copied project that kept the original's .venv runs the original's code: the copy's run stops."""
    monkeypatch.delenv("PYTHONPATH", raising=False)
    with pytest.raises(ArticleFactsError) as err:
        check_code_origin(tmp_path)
    what, fix = two_lines(err)
    assert what.startswith(".venv belongs to another folder") and "rm -rf" in fix and "make setup" in fix


def test_pythonpath_naming_another_checkout_is_named_and_the_venv_left_alone(tmp_path, monkeypatch):
    """A PYTHONPATH left set for other work names another copy's src/: the message names PYTHONPATH, and
    does not tell the user to delete a .venv that is fine."""
    monkeypatch.setenv("PYTHONPATH", str(ROOT / "src"))
    with pytest.raises(ArticleFactsError) as err:
        check_code_origin(tmp_path)
    what, fix = two_lines(err)
    assert what.startswith("PYTHONPATH names another copy of the project"), what
    assert "rm -rf" not in fix and ".venv is fine" in fix


def test_a_second_run_on_the_same_executed_notebook_is_refused(tmp_path):
    target = tmp_path / "executed/01-clean-article.ipynb"
    area = staging.work_area(target, tmp_path / "build")
    area.lock.parent.mkdir(parents=True)
    with area.lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        with pytest.raises(ArticleFactsError) as err, staging.exclusive(area, target):
            pass
    what, fix = two_lines(err)
    assert what.startswith("Another run is writing ") and "OUT=" in fix


# --- Spreadsheet exports and legacy encodings -------------------------------------------------------------

@pytest.mark.parametrize(("where", "row"), [("header", "key,a,b\n1,2,3,x\n"), ("middle", "key,,b\n1,2,3\n")])
def test_a_value_in_a_column_without_a_name_is_refused(tmp_path, where, row):
    """A separator that is not trailing (a value after it) is not ignored: the row and the value are named."""
    path = tmp_path / "t.csv"
    path.write_text(row, encoding="utf-8")
    with pytest.raises(ArticleFactsError, match=r"row 2: the value «(x|2)» is in a column without a name") as err:
        read_csv_table(path, "Facts file", ("key",), ("key",), ("a", "b"))
    two_lines(err)


def cp1258(text: str) -> bytes:
    """``text`` as Windows-1258 writes Vietnamese: base letters (ă, â, ê, ô, ơ, ư, đ) as single bytes, tone
    marks as combining bytes after them."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += (base + "".join(c for c in parts if c in tones)).encode("cp1258")
    return out


FIXTURE = ROOT / "tests/fixtures/articles/d1-no-rotation"


def test_an_article_saved_in_the_vietnamese_windows_code_page_is_named_with_the_command(tmp_path):
    """An article saved as Windows-1258 with its checksum recorded: a raw UnicodeDecodeError before."""
    article = tmp_path / "article.txt"
    article.write_bytes(cp1258((FIXTURE / "article.txt").read_text(encoding="utf-8")))
    with pytest.raises(ArticleFactsError, match="article.txt is not UTF-8 text") as err:
        read_article(article, hashlib.sha256(article.read_bytes()).hexdigest())
    assert "Windows-1258" in err.value.what
    assert "iconv -f CP1258 -t UTF-8" in err.value.fix and "sha256" in err.value.fix


@pytest.mark.parametrize("encoding", ["cp1258", "utf-16"])
def test_a_spreadsheets_csv_in_a_legacy_encoding_is_named(tmp_path, encoding):
    """Excel's plain 'CSV' on Vietnamese Windows is Windows-1258; its 'Unicode Text' is UTF-16."""
    text = (FIXTURE / "facts.csv").read_text(encoding="utf-8")
    path = tmp_path / "facts.csv"
    path.write_bytes(cp1258(text) if encoding == "cp1258" else text.encode("utf-16"))
    with pytest.raises(ArticleFactsError, match="is not UTF-8 text") as err:
        read_csv_table(path, "Facts file", ("key",), ("key",))
    assert ("Windows-1258" if encoding == "cp1258" else "UTF-16") in err.value.what
    assert "CSV UTF-8" in err.value.fix
