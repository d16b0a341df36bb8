"""The rows of the three files ``make draft`` writes, from the drafted tokens of an article.

``facts.csv``: one row per fact or repeat, every column a coder writes filled in (the shortest quote that occurs
once); ``not-data.csv``: a quote and a reason per passage whose numbers are not data; ``review.csv``: one row per
number token, the least sure first, with the confidence of the cells that decide the figures and what to check.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from articlefacts.draft.lexicon import unit_nouns
from articlefacts.draft.quote_search import count_occurrences, quote_between, quote_of
from articlefacts.draft.rules import draft_article
from articlefacts.draft.tokens import HIGH, LEVELS, Article, Token
from articlefacts.reading.article import line_span, sentence_span
from articlefacts.reading.codebook import INPUT_TABLES_FILE, columns
from articlefacts.reading.numbers import find_number_tokens

FACTS_COLUMNS = tuple(columns("facts_file", INPUT_TABLES_FILE))
NOT_DATA_COLUMNS = ("quote", "reason")
REVIEW_COLUMNS = ("key", "token", "line", "status", "confidence", "check", "words")
# The cells that decide the figures, as the review file names them (the scorer scores these).
DECIDING = (("status", "status"), ("unit", "unit"), ("period", "period"), ("parent", "parent_key"),
            ("relation", "relation"), ("topic", "topic"), ("repeat_of", "repeat_of"), ("split", "split"),
            ("names", "facts"))
WORDS = (("measure", "measure"), ("term_vi", "term_vi"), ("gloss_en", "gloss_en"), ("whole_vi", "whole_vi"),
         ("whole_en", "whole_en"), ("reading", "reading"), ("attribution", "attribution"))


@dataclass
class Draft:
    """The drafted rows of one article: facts, not-data and review rows, and how many tokens went where."""

    facts: list[dict] = field(default_factory=list)
    not_data: list[dict] = field(default_factory=list)
    review: list[dict] = field(default_factory=list)
    n_tokens: int = 0
    n_fact_tokens: int = 0
    n_not_data_tokens: int = 0
    n_repeat_tokens: int = 0
    meta_path: Path | None = None
    confidence: dict[int, str] = field(default_factory=dict)  # token start → the review row's confidence


def fact_row(art: Article, tok: Token) -> dict:
    """The facts-file row of a fact or repeat token."""
    text = art.text
    noun = unit_nouns()[0].match(text, tok.end) if tok.unit != "percent" else None
    q_start, q_end = quote_of(text, tok.start, noun.end() if noun else tok.end)
    inside = [m for m in find_number_tokens(text[q_start:q_end])]
    in_words = not any(c.isdigit() for c in tok.text)  # «hai đồng chí»: the number column names the word
    row = dict.fromkeys(FACTS_COLUMNS, "")
    row |= {"key": tok.key, "topic": tok.topic, "measure": tok.measure, "period": tok.period, "unit": tok.unit,
            "parent_key": tok.parent.key if tok.parent is not None else "", "relation": tok.relation,
            "split": tok.split, "quote": text[q_start:q_end], "number": tok.text if len(inside) > 1 or in_words else "",
            "term_vi": tok.term_vi, "gloss_en": tok.gloss_en, "attribution": tok.attribution,
            "repeat_of": tok.repeat_of.key if tok.repeat_of is not None else "",
            "whole_vi": tok.whole_vi if tok.relation in ("share", "target") and tok.parent is None else "",
            "whole_en": tok.whole_en if tok.relation in ("share", "target") and tok.parent is None else "",
            "reading": tok.reading}
    return row


def several_rows(row: dict, tok: Token) -> list[dict]:
    """The rows of a number that gives several facts («mỗi xã 4 người» after three names): one per name, the
    first keeping the token's key (the one other rows name), each with the name as its term_vi; else [row]."""
    if not tok.names:
        return [row]
    rows = []
    for i, name in enumerate(tok.names):
        slug = re.sub(r"\W+", "_", unicodedata.normalize("NFKD", name.replace("Đ", "D").replace("đ", "d"))
                      .encode("ascii", "ignore").decode().lower()).strip("_")
        rows.append(row | {"key": row["key"] if i == 0 else f"{row['key']}_{slug}", "term_vi": name})
    return rows


def holds_fact(span: tuple[int, int], facts: list[Token]) -> bool:
    """Whether the passage ``span`` holds (part of) the number token of a fact or repeat in ``facts``."""
    return any(f.start < span[1] and span[0] < f.end for f in facts)


def not_data_rows(art: Article) -> tuple[list[dict], dict[int, str]]:
    """The not-data rows (a token inside an earlier row's quote adds only its reason), and token → quote."""
    text = art.text
    facts = [t for t in art.tokens if t.status in ("fact", "repeat")]
    rows: list[dict] = []
    spans: list[tuple[int, int]] = []
    quote_at: dict[int, str] = {}
    for tok in art.tokens:
        if tok.status != "not_data":
            continue
        holder = next((i for i, (s, e) in enumerate(spans) if s <= tok.start and tok.end <= e), None)
        if holder is not None:
            if tok.reason not in rows[holder]["reason"].split("; "):
                rows[holder]["reason"] += f"; {tok.reason}"
            quote_at[tok.start] = rows[holder]["quote"]
            continue
        if tok.part == "date_line":
            line = text[slice(*line_span(text, tok.start))]
            q_start = text.find(line.strip(), line_span(text, tok.start)[0])
            span = (q_start, q_start + len(line.strip()))
            if count_occurrences(text, line.strip()) != 1:
                span = quote_of(text, tok.start, tok.end)
        else:
            span = quote_of(text, tok.start, phrase_end(art, tok))
        if holds_fact(span, facts):
            span = quote_of(text, tok.start, tok.end)
        if holds_fact(span, facts):  # «41,7% năm 2016 lên»: the quote of a year must not hold a fact's number
            first, last = sentence_span(text, tok.start)
            low = max([first, *(f.end for f in facts if first <= f.end <= tok.start)])
            high = min([last, *(f.start for f in facts if tok.end <= f.start <= last)])
            span = quote_between(text, tok.start, tok.end, low, high) or span
        spans.append(span)
        rows.append({"quote": text[slice(*span)], "reason": tok.reason})
        quote_at[tok.start] = rows[-1]["quote"]
    return rows, quote_at


def phrase_end(art: Article, tok: Token) -> int:
    """Where the not-data phrase of a token ends: past the second year of «2016-2021», past a date's time."""
    text = art.text
    following = [t for t in art.tokens if t.start >= tok.end and t.status == "not_data"]
    end = tok.end
    code = re.match(r"\s?[-/]\s?[A-ZĐ][\w/-]*\w", text[end:end + 30])
    if code:  # «11- NQ/TW»: the document's whole number
        end += code.end()
    for t in following:
        if t.start - end <= 3 and text[end:t.start].strip() in ("-", "–", "", "/"):
            end = t.end
        else:
            break
    return end


def review_row(tok: Token, key: str, line: int) -> dict:
    """The review-file row of a token: the confidence of its deciding cells and what to check."""
    cells = [(name, tok.confidence[cell]) for cell, name in DECIDING if cell in tok.confidence]
    if tok.status == "not_data":
        cells = [("status", tok.confidence["status"])]
    level = max((LEVELS.index(c[1][0]) for c in cells), default=0)
    check = "; ".join(f"{name} ({conf[0]}): {conf[1]}" for name, conf in cells if conf[0] != HIGH)
    words = "; ".join(f"{name}: {tok.confidence[cell][1]}" for cell, name in WORDS
                      if tok.status != "not_data" and cell in tok.confidence and (
                          str(getattr(tok, cell)).startswith("[") or "no entry" in tok.confidence[cell][1]))
    return {"key": key, "token": tok.text, "line": line, "status": tok.status, "confidence": LEVELS[level],
            "check": check, "words": words}


def draft_rows(text: str, meta: dict | None = None) -> Draft:
    """Draft the facts, not-data and review rows of an article.

    In: the normalised article text and its metadata (a dict as in meta.json, or None). Out: a :class:`Draft`
    whose ``facts`` rows have every column of :data:`FACTS_COLUMNS`, ``not_data`` rows a quote and a reason,
    and ``review`` rows (:data:`REVIEW_COLUMNS`) one per token, the least sure first.
    """
    art = draft_article(text, meta)
    draft = Draft(n_tokens=sum(any(c.isdigit() for c in t.text) for t in art.tokens))  # printed tokens
    draft.not_data, quote_at = not_data_rows(art)
    for tok in art.tokens:
        line = text.count("\n", 0, tok.start) + 1
        if tok.status in ("fact", "repeat"):
            draft.facts += several_rows(fact_row(art, tok), tok)
            draft.review.append(review_row(tok, tok.key, line))
            draft.confidence[tok.start] = draft.review[-1]["confidence"]
            if tok.status == "fact":
                draft.n_fact_tokens += 1
            else:
                draft.n_repeat_tokens += 1
        elif tok.status == "not_data":
            draft.n_not_data_tokens += 1
            draft.review.append(review_row(tok, quote_at[tok.start], line))
            draft.confidence[tok.start] = draft.review[-1]["confidence"]
    order = {level: i for i, level in enumerate(reversed(LEVELS))}
    draft.review.sort(key=lambda r: order[r["confidence"]])
    return draft
