"""The article fixtures under tests/fixtures/articles keep the input contract of docs/input-format.md.

Each folder holds an article, its metadata, facts and not-data files, and an ``expected.json`` written by
reading the text. These tests check the input files against the contract (checksum, header, quotes that
occur once, terms in the quote's sentence, every number token accounted for) and check that the
hand-written expectations agree with the files (keys, values, bounds, repeats, token counts, parts).
They use only the number reader and the text normaliser, not the facts pipeline.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from articlefacts.reading.inputs import normalise_text
from articlefacts.reading.numbers import (
    find_number_tokens,
    find_word_numbers,
    parse_vi_number,
    read_bound,
    split_multiplier,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
HEADER = ("key,topic,measure,period,unit,parent_key,relation,split,quote,number,term_vi,gloss_en,population,"
          "attribution,repeat_of,note").split(",")
# Optional columns of docs/input-format.md a fixture may add (a printed share's whole, a reading, labels).
OPTIONAL = ("label_vi", "attribution_en", "whole_vi", "whole_en", "reading", "read_as_en", "read_as_vi")
REQUIRED = ("key", "topic", "measure", "period", "unit", "quote", "term_vi", "gloss_en")
META_REQUIRED = ("article_file", "sha256", "outlet", "date", "headline_vi", "headline_en", "licence")
FILES = ("article.txt", "meta.json", "facts.csv", "not-data.csv", "expected.json", "README.md")


def read_csv(path: Path) -> tuple[list[str], list[dict]]:
    """Header and rows of a UTF-8 CSV file."""
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def load(name: str) -> dict:
    """Everything in one fixture folder, the article as normalised text."""
    folder = FIXTURES / name
    raw = (folder / "article.txt").read_bytes()
    header, facts = read_csv(folder / "facts.csv")
    return {
        "raw": raw,
        "text": normalise_text(raw.decode("utf-8")),
        "meta": json.loads((folder / "meta.json").read_text(encoding="utf-8")),
        "header": header,
        "facts": facts,
        "not_data": read_csv(folder / "not-data.csv")[1],
        "expected": json.loads((folder / "expected.json").read_text(encoding="utf-8")),
    }


def occurrences(text: str, quote: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of ``quote``."""
    return [m.start() for m in re.finditer(re.escape(quote), text)]


def lines(text: str) -> list[str]:
    """The non-empty lines, stripped."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def sentence_at(text: str, offset: int) -> str:
    """The sentence (within its line) that holds the character at ``offset``."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[start:end if end >= 0 else len(text)]
    pos = start
    for sentence in re.split(r"(?<=[.!?])\s+", line):
        at = text.index(sentence, pos)
        if at <= offset < at + len(sentence):
            return sentence
        pos = at + len(sentence)
    return line


def selected_token(row: dict, text: str) -> re.Match:
    """The number token a fact row stands for: its ``number`` if given (digits with or without their multiplier,
    or words), else the quote's one token; a quote without digits may hold one number in words («hai»)."""
    at = occurrences(text, row["quote"])[0]
    inside = [m for m in find_number_tokens(text) if at <= m.start() and m.end() <= at + len(row["quote"])]
    words = [m for m in find_word_numbers(text, include_one=bool(row["number"]))
             if at <= m.start() and m.end() <= at + len(row["quote"])]
    tokens = inside or words
    if row["number"]:
        tokens = [m for m in inside if row["number"] in (m.group(), split_multiplier(m.group())[0])] or [
            m for m in words if m.group().lower() == row["number"].lower()]
    assert len(tokens) == 1, f"{row['key']}: quote «{row['quote']}» must select one token, found {len(tokens)}"
    return tokens[0]


def test_every_case_is_listed():
    assert {"d1-no-rotation", "d2-no-percent", "d3-one-profile-year", "d5-headline-first", "d7-custom-measure",
            "d11-bounded-total"} <= set(CASES)
    assert len(CASES) >= 10


@pytest.mark.parametrize("name", CASES)
def test_files_and_meta(name):
    folder = FIXTURES / name
    assert all((folder / f).is_file() for f in FILES), [f for f in FILES if not (folder / f).is_file()]
    case = load(name)
    meta = case["meta"]
    assert all(meta.get(f) for f in META_REQUIRED), [f for f in META_REQUIRED if not meta.get(f)]
    assert meta["sha256"] == hashlib.sha256(case["raw"]).hexdigest()
    assert b"\r" not in case["raw"] and not case["raw"].startswith(b"\xef\xbb\xbf")
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert len(readme.strip().split("\n")) == 2
    outside = re.search(r"(?<![\w.])/(?:work|home|tmp|Users)/|\.\./", readme)
    assert not outside, f"the README cites a path outside the repository: {outside.group()}"
    if "synthetic" in meta["outlet"].lower():
        assert "synthetic" in meta["licence"].lower()


@pytest.mark.parametrize("name", CASES)
def test_quotes_terms_and_tokens(name):
    case = load(name)
    text, facts, not_data = case["text"], case["facts"], case["not_data"]
    assert set(HEADER) <= set(case["header"]) <= set(HEADER) | set(OPTIONAL), case["header"]
    keys = [r["key"] for r in facts]
    assert len(keys) == len(set(keys)), "duplicate keys"
    for row in facts:
        assert all(row[c] for c in REQUIRED), f"{row['key']}: empty required column"
        assert re.fullmatch(r"[a-z][a-z0-9_]*", row["key"]), row["key"]
        assert row["relation"] in ("", "part", "subset", "share", "printed_share", "change", "target"), row["key"]
        if row["parent_key"]:
            assert row["relation"], f"{row['key']}: a fact with a parent says how it relates to it"
        elif row["relation"]:  # no printed whole: parts of a split without a total, a share of words, or a goal
            assert (row["relation"], bool(row["split"])) == ("part", True) or row["relation"] == "target" or (
                row["relation"] == "share" and row.get("whole_vi") and row.get("whole_en")), row["key"]
        if row["split"]:
            assert row["relation"] in ("part", "share"), f"{row['key']}: a split is for parts only"
        if row["relation"] == "part":
            assert row["split"], f"{row['key']}: a part names its split"
        assert not row["parent_key"] or row["parent_key"] in keys, row["key"]
        assert not row["repeat_of"] or row["repeat_of"] in keys, row["key"]
        found = occurrences(text, row["quote"])
        assert len(found) == 1, f"{row['key']}: «{row['quote']}» occurs {len(found)} times"
        sentence = sentence_at(text, found[0])
        assert row["quote"] in sentence, f"{row['key']}: the quote spans two sentences"
        assert row["term_vi"].lower() in sentence.lower(), f"{row['key']}: «{row['term_vi']}» not in «{sentence}»"
    for row in not_data:
        assert row["reason"], row["quote"]
        assert len(occurrences(text, row["quote"])) == 1, f"not-data «{row['quote']}» must occur once"

    classes: dict[int, list[str]] = {}
    words: dict[int, list[str]] = {}
    for row in facts:
        token = selected_token(row, text)
        classes.setdefault(token.start(), []).append("repeat" if row["repeat_of"] else "fact")
        words.setdefault(token.start(), []).append((row.get("label_vi") or row["term_vi"]).lower())
    for row in not_data:
        at = occurrences(text, row["quote"])[0]
        for m in find_number_tokens(text):
            if at <= m.start() and m.end() <= at + len(row["quote"]):
                classes.setdefault(m.start(), []).append("not_data")
    counts = {"fact": 0, "not_data": 0, "repeat": 0}
    for m in find_number_tokens(text):
        found = classes.get(m.start(), [])
        context = text[max(0, m.start() - 30):m.end() + 30]
        assert found, f"token {m.group()!r} is not accounted for: …{context}…"
        assert len(set(found)) == 1 and (found[0] in ("not_data", "fact") or len(found) == 1), \
            f"token {m.group()!r} is claimed as {found}: …{context}…"
        # one printed number may give several facts («mỗi xã 4 người»), each counting something else
        assert found[0] != "fact" or len(set(words[m.start()])) == len(words[m.start()]), \
            f"token {m.group()!r} gives several facts with the same words: …{context}…"
        counts[found[0]] += 1
    assert counts == case["expected"]["tokens"]


@pytest.mark.parametrize("name", CASES)
def test_expected_agrees_with_the_files(name):
    case = load(name)
    text, facts, meta, exp = case["text"], case["facts"], case["meta"], case["expected"]
    by_key = {r["key"]: r for r in facts}
    own = {r["key"]: r for r in facts if not r["repeat_of"]}
    assert set(exp["facts"]) == set(own)
    for key, row in by_key.items():
        token = selected_token(row, text)
        value = parse_vi_number(token.group()).value
        # a repeat prints its fact's number, or a bound that holds it («Hơn 200» for 214): repeat_values
        target = exp.get("repeat_values", {}).get(key) or exp["facts"][row["repeat_of"] or key]
        assert value == Decimal(str(target)), f"{key}: the quote gives {value}, expected.json says {target}"
        assert (row["unit"] == "percent") == token.group().endswith("%"), key
        line_start = text.rfind("\n", 0, token.start()) + 1
        bound = read_bound(text[line_start:token.start()])
        if not row["repeat_of"]:
            assert exp["bounds"].get(key, "eq") == bound, f"{key}: the words before the number give {bound}"
        if row["repeat_of"]:
            source = by_key[row["repeat_of"]]
            assert all(row[c] == source[c] for c in ("topic", "measure", "period", "unit")), key
    assert exp["repeats"] == {r["key"]: r["repeat_of"] for r in facts if r["repeat_of"]}
    assert sorted(exp["subsets"]) == sorted(k for k, r in own.items() if r["relation"] == "subset")
    assert sorted(exp["changes"]) == sorted(k for k, r in own.items() if r["relation"] == "change")
    years = sorted({r["period"] for r in own.values() if r["topic"] == "profile" and r["measure"] == "headcount"})
    assert exp["profile_years"] == years
    splits = {}
    for key, row in own.items():
        if row["relation"] == "part":
            splits.setdefault(row["split"], {"parent": row["parent_key"], "parts": []})["parts"].append(key)
    assert {k: (v["parent"], sorted(v["parts"])) for k, v in exp["rotation_splits"].items()} == \
        {k: (v["parent"], sorted(v["parts"])) for k, v in splits.items()
         if own[v["parent"] or v["parts"][0]]["topic"] == "rotation"}
    for split in exp["rotation_splits"].values():
        assert split["sum"] == sum(exp["facts"][k] for k in split["parts"])
    comparison = {0: "none", 1: "one_year"}.get(len(years), "two_years")
    assert exp["sections"] == {"comparison": comparison,
                               "rotation": any(r["topic"] == "rotation" for r in own.values())}
    all_lines = lines(text)
    parts = exp["parts"]
    assert parts["headline"] == meta["headline_vi"] and parts["headline"] in all_lines
    assert parts["date_line"] == (meta.get("date_line") or None)
    assert parts["date_line"] is None or parts["date_line"] in all_lines
    assert parts["byline"] == (meta.get("byline") or None)
    assert parts["byline"] is None or parts["byline"] == all_lines[-1]
