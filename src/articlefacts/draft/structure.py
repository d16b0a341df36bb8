"""The parts of an article and its year, as ``make draft`` reads them: from meta.json, else guessed.

Without a meta.json the headline, date line and byline are guessed from the text; the article's year comes from
meta.json's date, else its date line, else the latest year the text prints.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from articlefacts.errors import ArticleFactsError
from articlefacts.reading.article import split_article
from articlefacts.reading.numbers import DATE_RE, TIME_RE, YEAR_RE


def guess_meta(text: str) -> dict:
    """Headline, date line and byline guessed from the text when no meta.json is given.

    The date line is a short line among the first three that holds a date; the headline the first other
    non-empty line; the byline the last line when it is short and holds no digit.
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    meta = {"headline_vi": "", "date_line": "", "byline": ""}
    for line in lines[:3]:
        if (DATE_RE.search(line) or TIME_RE.search(line)) and len(line.split()) <= 10 and not meta["date_line"]:
            meta["date_line"] = line
    rest = [line for line in lines if line != meta["date_line"]]
    meta["headline_vi"] = rest[0] if rest else ""
    if len(rest) > 2 and len(rest[-1].split()) <= 5 and not re.search(r"\d", rest[-1]):
        meta["byline"] = rest[-1]
    return meta


def article_year(meta: dict, text: str) -> tuple[int | None, str]:
    """The article's year and where it comes from: meta.json's date, else its date line, else the text."""
    if meta.get("date"):
        try:
            return date.fromisoformat(meta["date"]).year, "meta.json's date"
        except ValueError:
            pass
    found = DATE_RE.search(meta.get("date_line", "") or "")
    if found:
        year = int(found.group().rsplit("/", 1)[1])
        return (year + 2000 if year < 100 else year), "the date line"
    years = [int(m.group()) for m in YEAR_RE.finditer(text)]
    return (max(years), "the latest year the article prints") if years else (None, "")


def read_structure(text: str, meta: dict | None) -> tuple[pd.DataFrame, dict]:
    """The parts of the article from meta.json (as the pipeline splits it), else from a guessed headline."""
    guessed = guess_meta(text)
    info = {**guessed, **{k: v for k, v in (meta or {}).items() if v}} if meta else guessed
    for candidate in (info, guessed):
        try:
            return split_article(text, candidate), candidate
        except ArticleFactsError:  # the headline is not a line of the text: the guess, then every line as body
            continue
    rows = [{"part_id": i + 1, "part": "body", "start": m.start(), "end": m.end(), "n_chars": m.end() - m.start(),
             "repeat_of": "", "text": m.group().strip()} for i, m in enumerate(re.finditer(r"[^\n]+", text))]
    return pd.DataFrame(rows, columns=["part_id", "part", "start", "end", "n_chars", "repeat_of", "text"]), guessed
