"""`make corpus`: each article into its own folder, a failing one recorded without stopping the others,
combined tables with an article id and a data package that validates, an index, incremental reruns."""

from __future__ import annotations

import shutil

import frictionless
import pandas as pd

from articlefacts.reading.schemas import load_table
from conftest import COMPARED, ROOT, make
from conftest import CORPUS_GOOD as GOOD

FIXTURES = ROOT / "tests" / "fixtures" / "articles"

# The corpus is conftest.corpus: every article fixture and one broken article, built once for the whole run.


def test_a_failing_article_is_listed_and_the_others_are_built(corpus):
    out, first = corpus["out"], corpus["first"]
    assert first.returncode != 0
    assert "broken: failed: error: 01-clean-article: Fact 'staff_2022': quote not found" in first.stderr
    for name in GOOD:
        assert (out / name / "notebooks/executed/03-rotation-outcomes.vi.ipynb").is_file()
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "| broken |" in index and "quote not found" in index
    assert "[01-clean-article](d1-no-rotation/notebooks/executed/01-clean-article.ipynb)" in index


def test_combined_tables_carry_the_article_id_and_validate(corpus):
    out = corpus["out"]
    combined = pd.read_csv(out / "combined/facts.csv", dtype=str, keep_default_na=False)
    for name in GOOD:
        one = load_table("facts", out / name / "data/processed")
        assert (combined["article_id"] == name).sum() == len(one)
    assert "broken" not in set(combined["article_id"])
    report = frictionless.validate(str(out / "combined/datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_a_second_run_does_nothing_and_a_changed_article_alone_reruns(corpus):
    again = corpus["again"]
    assert again.returncode == 0 and "corpus: " not in again.stdout, again.stdout
    (corpus["in"] / "broken" / "facts.csv").touch()
    third = make(ROOT, "corpus", f"CORPUS={corpus['in']}", f"CORPUS_OUT={corpus['out']}")
    ran = [line for line in third.stdout.splitlines() if line.endswith(" built") or " FAILED (" in line]
    assert ran == ["corpus: broken FAILED (" + str(corpus["out"] / "broken/build") + "/report.log)"], third.stdout


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


def test_the_fixtures_built_on_a_shared_kernel_have_the_bytes_of_make_report(corpus):
    """Most article fixtures are built for the tests on a kernel shared by the notebooks of several articles
    (tests/one_kernel.py). Built so, after other articles on the same kernel, an article that `make corpus` built
    here, with figures of both kinds in both languages, gives the same files, byte for byte (its own folder's
    path aside, which the executed notebooks name)."""
    made, one = corpus["out"] / COMPARED, corpus["one_kernel"] / COMPARED
    assert (one / "build/report.status").read_text(encoding="utf-8") == "ok\n", (one / "build/report.log").read_text()

    def files(folder):
        return {p.relative_to(folder).as_posix(): p.read_bytes().replace(bytes(folder), b"OUT")
                for part in ("data", "figures", "notebooks") for p in sorted((folder / part).rglob("*")) if p.is_file()}

    expected, got = files(made), files(one)
    for part in ("figures/en/profile-", "figures/vi/profile-", "figures/en/rotation-", "figures/vi/rotation-",
                 "notebooks/executed/03-rotation-outcomes.vi.ipynb"):
        assert any(k.startswith(part) for k in expected), part
    assert sorted(expected) == sorted(got)
    assert [k for k in expected if expected[k] != got[k]] == []
