"""`make draft`: the drafted facts and not-data rows of an article, and the refusal to overwrite.

The expectations come from reading the articles: the seed article of Báo Lạng Sơn (24 number tokens: two
dates, two numbers of Resolution 11-NQ/TW, two years after «năm» and 18 other numbers) and the synthetic
fixture x-of-y-province-repeats (a time of day in the date line, «2.813/3.050»).
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from articlefacts import draft as drafting
from articlefacts.article import normalise_text
from articlefacts.errors import ArticleFactsError
from articlefacts.numbers import find_number_tokens

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data/raw/baolangson-2021-01-22-luan-chuyen-can-bo-cao-loc.txt"
XY = ROOT / "tests/fixtures/articles/x-of-y-province-repeats/article.txt"
CHANGES = ROOT / "tests/fixtures/articles/changes-two-years/article.txt"


def text_of(path: Path) -> str:
    """The article as the pipeline reads it."""
    return normalise_text(path.read_bytes().decode("utf-8"))


def token_of(row: dict, text: str) -> str:
    """The number a drafted fact row stands for: its number column, else the one token of its quote."""
    if row["number"]:
        return row["number"]
    tokens = [m.group() for m in find_number_tokens(row["quote"])]
    assert len(tokens) == 1, row
    return tokens[0]


def read_rows(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_seed_article_tokens_are_split_into_facts_and_not_data():
    text = text_of(SEED)
    result = drafting.draft_rows(text)
    assert (result.n_tokens, result.n_fact_tokens, result.n_not_data_tokens) == (24, 20, 4)
    numbers = [token_of(r, text) for r in result.facts]
    assert numbers == ["2002", "230", "23", "24", "2", "7", "80%", "2002", "26", "13", "10", "16", "5", "21", "8",
                       "405", "89,62%", "70,12%", "73,3%", "46%"]
    assert [r["key"] for r in result.facts] == [f"fact_{n}" for n in range(1, 21)]
    units = dict(zip(range(20), (r["unit"] for r in result.facts), strict=True))
    assert [units[i] for i in (0, 7)] == ["year", "year"]
    assert [units[i] for i in (2, 9)] == ["communes", "communes"]
    assert [units[i] for i in (6, 16, 17, 18, 19)] == ["percent"] * 5
    assert sum(u == "people" for u in units.values()) == 11
    assert all(r["relation"] == ("share" if r["unit"] == "percent" else "") for r in result.facts)
    assert result.facts[6]["note"] == "bound guessed: gt from «hơn»"
    assert all(not r[c] for r in result.facts for c in ("topic", "measure", "period", "term_vi", "gloss_en"))
    assert all(text.count(r["quote"]) == 1 for r in result.facts + result.not_data)
    reasons = [r["reason"] for r in result.not_data]
    assert reasons.count("date") == 2
    assert reasons.count(drafting.REASON_DOCUMENT) == 2
    dates = [r["quote"] for r in result.not_data if r["reason"] == "date"]
    assert "22/01/2021" in dates[0] and "25/01/2002" in dates[1]
    documents = [r["quote"] for r in result.not_data if r["reason"] == drafting.REASON_DOCUMENT]
    assert documents[0].startswith("11- NQ/TW") and documents[1].startswith("11-NQ/TW")


def test_x_of_y_and_a_time_of_day():
    text = text_of(XY)
    result = drafting.draft_rows(text)
    # 05:09, 08/09/2021, 37 (-NQ/TW), 31/8/2021, 31/12/2022 are not data; the date line is one row.
    assert (result.n_tokens, result.n_fact_tokens, result.n_not_data_tokens) == (18, 13, 5)
    assert len(result.not_data) == 4
    date_line = result.not_data[0]
    assert "05:09" in date_line["quote"] and "08/09/2021" in date_line["quote"]
    assert date_line["reason"] == "time of day; date"
    assert any(r["reason"] == drafting.REASON_DOCUMENT and r["quote"].startswith("37-NQ/TW")
               for r in result.not_data)
    pair = [r for r in result.facts if "2.813/3.050" in r["quote"]]
    assert [r["number"] for r in pair] == ["2.813", "3.050"]
    assert pair[0]["quote"] == pair[1]["quote"]
    assert all(r["number"] == "" for r in result.facts if r not in pair)
    units = {token_of(r, text): r["unit"] for r in result.facts}
    assert units["46"] == units["21"] == units["25"] == "communes"
    assert units["92,2%"] == "percent" and units["1.906"] == "people"
    # three «92,2%» (headline, lead, body) each get their own quote
    assert sum(token_of(r, text) == "92,2%" for r in result.facts) == 3


def test_changes_and_years_after_nam():
    text = text_of(CHANGES)
    result = drafting.draft_rows(text)
    by_token = {}
    for row in result.facts:
        by_token.setdefault(token_of(row, text), []).append(row)
    # «giảm 21 người» and «tăng 21%» are changes; «95,4%» is a share
    assert [r["relation"] for r in by_token["21"]] == ["change"]
    assert [r["relation"] for r in by_token["21%"]] == ["change"]
    assert by_token["21%"][0]["note"] == "relation guessed: change from «tăng»"
    assert [r["relation"] for r in by_token["95,4%"]] == ["share"]
    # «Năm 2015», «cuối năm 2020», «so với năm 2015», «riêng năm 2020» are years; «1234/QĐ-UBND» is a name
    assert [r["unit"] for t in ("2015", "2020") for r in by_token[t]] == ["year"] * 4
    assert [r["reason"] for r in result.not_data] == ["date", drafting.REASON_DOCUMENT, "date"]


def test_writes_both_files_and_refuses_to_overwrite(tmp_path):
    out = tmp_path / "draft"
    result, paths = drafting.write_drafts(XY, out)
    assert paths == [out / "facts.csv", out / "not-data.csv"]
    facts = read_rows(paths[0])
    assert list(facts[0]) == list(drafting.FACTS_COLUMNS)
    assert len(facts) == len(result.facts) and len(read_rows(paths[1])) == len(result.not_data)
    before = {p: p.read_bytes() for p in paths}
    with pytest.raises(ArticleFactsError) as err:
        drafting.write_drafts(XY, out)
    lines = str(err.value).split("\n")
    assert len(lines) == 2 and "overwrite" in lines[0] and lines[1].startswith("How to fix:")
    assert {p: p.read_bytes() for p in paths} == before
    # one existing file is enough to refuse, and the other is not written either
    paths[1].unlink()
    with pytest.raises(ArticleFactsError):
        drafting.write_drafts(XY, out)
    assert not paths[1].exists()


def test_never_writes_next_to_the_article(tmp_path):
    article = tmp_path / "article.txt"
    article.write_bytes(XY.read_bytes())
    with pytest.raises(ArticleFactsError) as err:
        drafting.write_drafts(article, tmp_path)
    assert str(err.value).split("\n")[1].startswith("How to fix:")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt"]


def test_default_folder_is_build_draft_and_the_stem():
    assert drafting.default_out_dir("somewhere/news-2021.txt") == drafting.resolve("build/draft/news-2021")


def test_command_line_prints_a_summary_and_a_two_line_refusal(tmp_path):
    command = [sys.executable, "-m", "articlefacts.draft", str(XY), str(tmp_path / "out")]
    first = subprocess.run(command, capture_output=True, text=True, check=False)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("18 number tokens: 13 drafted as facts (13 rows), 5 as not-data (4 rows).")
    second = subprocess.run(command, capture_output=True, text=True, check=False)
    assert second.returncode == 1
    lines = second.stderr.strip().split("\n")
    assert len(lines) == 2
    assert lines[0].startswith("error: Refusing to overwrite") and lines[1].startswith("How to fix:")
