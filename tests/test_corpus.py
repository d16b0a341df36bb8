"""`make corpus`: each article into its own folder, a failing one recorded without stopping the others,
combined tables with an article id and a data package that validates, an index, incremental reruns."""

from __future__ import annotations

import shutil

import frictionless
import pandas as pd
import pytest

from articlefacts.reading.schemas import load_table
from conftest import ROOT, make

FIXTURES = ROOT / "tests" / "fixtures" / "articles"
GOOD = ("d1-no-rotation", "x-of-y-province-repeats")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Two good articles and one whose facts file names a quote the article does not hold, built once."""
    base = tmp_path_factory.mktemp("corpus")
    for name in GOOD:
        shutil.copytree(FIXTURES / name, base / "in" / name)
    shutil.copytree(FIXTURES / "d2-no-percent", base / "in" / "broken")
    facts = base / "in" / "broken" / "facts.csv"
    facts.write_text(facts.read_text(encoding="utf-8").replace("cấp xã có 300 người", "cấp xã có 301 người"),
                     encoding="utf-8")
    out = base / "out"
    first = make(ROOT, "corpus", f"CORPUS={base / 'in'}", f"CORPUS_OUT={out}")
    again = make(ROOT, "corpus", f"CORPUS={base / 'in'}", f"CORPUS_OUT={out}")
    return base, out, first, again


def test_a_failing_article_is_listed_and_the_others_are_built(corpus):
    _, out, first, _ = corpus
    assert first.returncode != 0
    assert "broken: failed: error: 01-clean-article: Fact 'staff_2022': quote not found" in first.stderr
    for name in GOOD:
        assert (out / name / "notebooks/executed/03-rotation-outcomes.vi.ipynb").is_file()
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "| broken |" in index and "quote not found" in index
    assert "[01-clean-article](d1-no-rotation/notebooks/executed/01-clean-article.ipynb)" in index


def test_combined_tables_carry_the_article_id_and_validate(corpus):
    _, out, _, _ = corpus
    combined = pd.read_csv(out / "combined/facts.csv", dtype=str, keep_default_na=False)
    for name in GOOD:
        one = load_table("facts", out / name / "data/processed")
        assert (combined["article_id"] == name).sum() == len(one)
    assert "broken" not in set(combined["article_id"])
    report = frictionless.validate(str(out / "combined/datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_a_second_run_does_nothing_and_a_changed_article_alone_reruns(corpus):
    base, out, _, again = corpus
    assert "built" not in again.stdout and again.returncode == 0
    (base / "in" / GOOD[0] / "facts.csv").touch()
    third = make(ROOT, "corpus", f"CORPUS={base / 'in'}", f"CORPUS_OUT={out}")
    assert [line for line in third.stdout.splitlines() if line.endswith(" built")] == [f"corpus: {GOOD[0]} built"]


def test_the_corpus_package_cites_the_web_page_of_each_article_that_gives_one(tmp_path):
    """In process: an article whose metadata gives its address adds it as a source after its text; one whose
    address is unknown (empty) adds nothing."""
    import json

    from articlefacts.pipeline.corpus import datapackage

    for name, url in (("a", "https://outlet.example/a.html"), ("b", "")):
        shutil.copytree(FIXTURES / GOOD[0], tmp_path / name)
        meta = json.loads((tmp_path / name / "meta.json").read_text(encoding="utf-8")) | {"url": url}
        (tmp_path / name / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    paths = [source["path"] for source in datapackage(tmp_path, ["a", "b"])["sources"]]
    assert paths == [f"{tmp_path.as_posix()}/a/article.txt", "https://outlet.example/a.html",
                     f"{tmp_path.as_posix()}/b/article.txt"]
