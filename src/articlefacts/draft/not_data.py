"""Rule 1 of ``make draft``: which number tokens are not data, and why.

Not data: the date line; dates, times and day/month dates («Sáng 20/4»); a document's number («Nghị quyết
11-NQ/TW»); an ordinal («lần thứ 6»); an age («dưới 40 tuổi»); money; a span of years («Qua 5 năm»); a year
inside a time phrase or not followed by a counted noun; a decimal that is neither a count nor a percentage.
The words are those of ``names.csv`` and ``time_words.csv``.
"""

from __future__ import annotations

import re

from articlefacts.draft.clauses import words_before
from articlefacts.draft.lexicon import multipliers, name_rules, unit_nouns
from articlefacts.draft.time_phrases import TimePhrase
from articlefacts.draft.tokens import HIGH, LOW, MEDIUM, Article
from articlefacts.reading.article import line_span
from articlefacts.reading.numbers import DATE_RE, TIME_RE, YEAR_RE, split_multiplier

DAY_MONTH = re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{1,2})(?![\d/])")
DAY_MONTH_WORDS = ("ngày", "sáng", "chiều", "tối", "trưa", "đêm", "hôm", "từ", "đến", "tới")


def name_reason(text: str, token: re.Match) -> tuple[str, str]:
    """Why a token is a name (document, ordinal, age, span of years), with a confidence; else ("", "")."""
    rules = name_rules()
    digits_end = token.start() + len(split_multiplier(token.group())[0])  # «3 tỷ đồng»: the words after 3
    after = text[digits_end:digits_end + 40]
    codes = "|".join(re.escape(r["words"]) for r in rules["code"])
    code = re.match(rf"\s?[-/]\s?(?:\d+\s?[-/]\s?)?(?:{codes})\w*(?!\w)", after)
    if code:
        word = re.sub(r"[\W\d_]", "", code.group())[:3]
        row = next((r for r in rules["code"] if word.startswith(r["words"])), rules["code"][0])
        return row["reason"], HIGH
    before = words_before(text, token.start(), 3)
    line_start, _ = line_span(text, token.start())
    close = text[max(line_start, token.start() - 30):token.start()]
    for row in rules["document"]:
        if re.search(rf"(?<!\w){re.escape(row['words'])}\s+(?:số\s+)?$", close, re.IGNORECASE):
            return row["reason"], HIGH
    for row in rules["ordinal"]:
        word = row["words"].lower()
        if word.endswith("+") and close.lower().endswith(word):
            return row["reason"], HIGH
        found = re.search(rf"(?:^|(\S+)\s)({re.escape(word)})\s+$", close.lower())
        if found and not (word == "số" and (found.group(1) or "") in ("tổng", "thiểu", "đa", "phần", "con")):
            return row["reason"], MEDIUM
    if re.match(r"\snăm(?!\w)", after) and before and before[-1] in [r["words"] for r in rules["span"]]:
        return next(r["reason"] for r in rules["span"] if r["words"] == before[-1]), MEDIUM
    for row in rules["after"]:
        if re.match(rf"\s{re.escape(row['words'])}(?!\w)", after, re.IGNORECASE):
            return row["reason"], MEDIUM
    return "", ""


def day_month_starts(text: str) -> set[int]:
    """Start offsets of the two tokens of each day/month date («Sáng 20/4», «ngày 5/3»)."""
    starts = set()
    for m in DAY_MONTH.finditer(text):
        day, month = int(m.group(1)), int(m.group(2))
        if 1 <= day <= 31 and 1 <= month <= 12 and set(words_before(text, m.start(), 1)) & set(DAY_MONTH_WORDS):
            starts |= {m.start(1), m.start(2)}
    return starts


YEAR_REASONS = {
    "since": "a year that labels the period (from that year to now): a label, not a quantity",
    "since_term": "years naming the term of office the period starts with: labels, not quantities",
    "range": "years that label the period: labels, not quantities",
    "term": "years naming a term of office: labels, not quantities",
    "compare": "the year a change is measured from: a label, not a quantity",
    "point": "a year that labels the period: a label, not a quantity",
}


def classify_not_data(art: Article, phrases: list[TimePhrase]) -> None:
    """Rule 1: mark the tokens that are not data, with a reason and a confidence."""
    text = art.text
    day_month = day_month_starts(text)
    year_at = {start: p for p in phrases for start in p.years}
    for tok in art.tokens:
        if tok.status == "skip":
            continue
        value = tok.text
        reason, level = "", HIGH
        if tok.part == "date_line":
            reason = "date line of the article"
        elif DATE_RE.fullmatch(value):
            reason = "date"
        elif TIME_RE.fullmatch(value):
            reason = "time of day"
        elif tok.start in day_month:
            reason = "date (day and month)"
        else:
            reason, level = name_reason(text, tok.match)
        if not reason and YEAR_RE.fullmatch(value):
            if tok.start in year_at:
                kind = year_at[tok.start].kind
                # «Cuối năm 2002», «từ năm 2002 đến nay»: some codings keep such a year as a fact (unit year)
                reason, level = YEAR_REASONS[kind], MEDIUM if kind in ("point", "since") else HIGH
            elif not unit_nouns()[0].match(text, tok.end) or text[tok.end:tok.end + 5].strip() == "năm":
                reason, level = "a year used as a label: not a quantity", MEDIUM
        noun = unit_nouns()[0].match(text, tok.end)
        multiplied = (noun and noun.group("multiplier")) or any(w in value.lower() for w in multipliers())
        if not reason and "," in value and not value.endswith("%") and not multiplied:  # «1,2 nghìn»: 1.200
            reason, level = ("a decimal that is neither a count nor a percentage (a ratio?): not in the facts "
                             "format"), LOW
        if reason:
            tok.set("status", "not_data", level, reason)
            tok.reason = reason
