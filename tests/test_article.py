"""The facts against the article: every expected value below was read off the article by hand."""

from __future__ import annotations

import hashlib
import unicodedata
import warnings

import pytest

from articlefacts import paths
from articlefacts.article import ChecksumWarning, read_article
from articlefacts.facts import inventory_numbers, read_not_data
from articlefacts.numbers import parse_vi_number, read_bound

# (fact key, value as printed in the article, bound) — from reading the text.
ARTICLE_NUMBERS = [
    ("cadres_2002", 230, "eq"), ("communes_2002", 23, "eq"), ("upper_secondary_2002", 24, "eq"),
    ("university_2002", 2, "eq"), ("professional_secondary_2002", 7, "eq"),
    ("incomplete_schooling_2002", 80, "gt"), ("rotated_total", 26, "eq"), ("rotation_communes", 13, "eq"),
    ("rotated_party_bloc", 10, "eq"), ("rotated_government_bloc", 16, "eq"),
    ("rotated_still_commune", 5, "eq"), ("rotated_returned", 21, "eq"), ("rotated_promoted", 8, "eq"),
    ("staff_2021", 405, "eq"), ("party_members_2021", 89.62, "eq"), ("upper_secondary_2021", 70.12, "eq"),
    ("professional_training_2021", 73.3, "eq"), ("political_theory_2021", 46, "eq"),
    ("baseline_year", 2002, "eq"), ("rotation_start_year", 2002, "eq"),
]


def test_raw_article_is_the_source_byte_for_byte(meta):
    raw = (paths.ROOT / paths.ARTICLE).read_bytes()
    assert hashlib.sha256(raw).hexdigest() == meta["sha256"]
    assert hashlib.sha256(raw).hexdigest() == "14a3374d46ce5cece911dd4b9684d497409c3f14b18aac27af368925202cf1e2"
    assert len(raw) == 6253


@pytest.mark.parametrize(("key", "value", "bound"), ARTICLE_NUMBERS)
def test_fact_value_and_bound_match_the_article(facts, key, value, bound):
    assert facts.loc[key, "value"] == pytest.approx(value)
    assert facts.loc[key, "bound"] == bound


def test_every_fact_is_coded(facts):
    assert sorted(facts["key"]) == sorted(k for k, _, _ in ARTICLE_NUMBERS)


def test_quotes_sit_at_their_offsets_in_the_text(article, facts):
    for row in facts.itertuples():
        assert article.text[row.quote_start:row.quote_end] == row.quote
        assert article.text[row.token_start:row.token_end] == row.token


def test_percentages_keep_their_printed_decimals(facts):
    assert facts.loc["party_members_2021", "decimals"] == 2
    assert facts.loc["professional_training_2021", "decimals"] == 1
    assert facts.loc["political_theory_2021", "decimals"] == 0


def test_structure_finds_every_part(structure):
    parts = structure["part"].tolist()
    assert parts[:3] == ["date_line", "headline", "lead"] and parts[-1] == "byline"
    assert parts.count("lead_repeat") == 1 and parts.count("caption") == 1
    caption = structure.loc[structure["part"] == "caption", "text"].item()
    assert caption == "Cán bộ Huyện ủy Cao Lộc sử dụng công nghệ thông tin trong công tác chuyên môn"
    assert structure.loc[structure["part"] == "byline", "text"].item() == "Lâm Như"


def test_no_break_space_is_normalised_in_memory_only(article):
    assert article.text.startswith("Thứ sáu, 22/01/2021\n")
    assert "\u00a0" in (paths.ROOT / paths.ARTICLE).read_text(encoding="utf-8")


def test_inventory_covers_all_24_tokens(article, structure, facts):
    inventory = inventory_numbers(article.text, structure, facts.reset_index(drop=True),
                                  read_not_data(paths.NOT_DATA, article.text, structure))
    assert len(inventory) == 24
    assert inventory["token"].str.count(r"\d").sum() == 67
    assert (inventory["status"] == "fact").sum() == 20
    assert sorted(inventory.loc[inventory["status"] == "not_data", "token"]) == ["11", "11", "22/01/2021", "25/01/2002"]
    assert "unaccounted" not in set(inventory["status"])


@pytest.mark.parametrize(("token", "value", "percent", "decimals"), [
    ("89,62%", "89.62", True, 2), ("73,3%", "73.3", True, 1), ("46%", "46", True, 0),
    ("1.234", "1234", False, 0), ("405", "405", False, 0),
])
def test_vietnamese_numbers_parse(token, value, percent, decimals):
    parsed = parse_vi_number(token)
    assert str(parsed.value) == value and parsed.is_percent is percent and parsed.decimals == decimals


@pytest.mark.parametrize(("before", "bound"), [("hơn ", "gt"), ("chỉ có ", "eq"), ("gần ", "lt"), ("", "eq")])
def test_qualifiers_become_bounds(before, bound):
    assert read_bound(before) == bound


@pytest.mark.parametrize("damage", ["nfd", "crlf", "bom"])
def test_encoding_accidents_are_repaired_with_a_warning(tmp_path, meta, article, damage):
    text = (paths.ROOT / paths.ARTICLE).read_text(encoding="utf-8")
    raw = {"nfd": unicodedata.normalize("NFD", text).encode(), "crlf": text.replace("\n", "\r\n").encode(),
           "bom": b"\xef\xbb\xbf" + text.encode()}[damage]
    copy = tmp_path / "article.txt"
    copy.write_bytes(raw)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        repaired = read_article(copy, meta["sha256"])
    assert repaired.text == article.text
    assert any(issubclass(w.category, ChecksumWarning) for w in caught)


def test_a_quote_found_twice_must_be_lengthened(article, structure):
    from articlefacts.errors import ArticleFactsError
    from articlefacts.facts import locate_quote

    with pytest.raises(ArticleFactsError, match="occurs 5 times") as err:  # 'đồng chí' (comrades): 5 times
        locate_quote(article.text, structure, "some_key", "đồng chí")
    assert "lengthen the quote" in err.value.fix


def test_a_quote_only_in_the_repeated_lead_counts_once(article, structure):
    from articlefacts.facts import locate_quote

    lead = structure.set_index("part").loc["lead"]
    assert locate_quote(article.text, structure, "k", lead["text"][:40]) == lead["start"]
