"""The rules of ``make draft``: what a coder would write for each number token, read from the article alone.

The words the rules look for are tables a reviewer can read and extend, in ``draft/tables/``:

- ``names.csv``: numbers that are names, not quantities (a document's number after «Nghị quyết», before
  «-NQ/TW»; an ordinal after «lần», «khóa»; an age before «tuổi»);
- ``time_words.csv``: the time phrases that give a period («cuối năm 2002», «giai đoạn 2016-2021», «từ năm
  2002 đến nay», «hiện nay») and the years that only label one;
- ``units.csv``: the noun after a number and its unit («người», «đồng chí» → people; «xã» → communes);
- ``connectives.csv``: the words that say which count a number belongs to («trong đó», «gồm», «trong số»,
  «chiếm», «đạt tỷ lệ», «Về …», «Ngoài ra», «tăng», «giảm», «và»);
- ``terms.csv`` and ``political_levels.csv``: the article's words for what is counted, with a measure, an
  English gloss, a topic and the name of the split they usually belong to.

Each drafted cell carries a confidence (``high``, ``medium``, ``low``) and the reason, so that a coder checks
the uncertain cells first. The rules, in the order they run (docs/draft.md says more):

1. **Not data**: the date line; dates, times and day/month dates («Sáng 20/4»); a document's number; an
   ordinal; an age; money; a span of years («Qua 5 năm»); a year inside a time phrase or not followed by a
   counted noun.
2. **Unit** from the noun after the number (%, then ``units.csv``), else people (low).
3. **Repeats**: a number of the headline or lead that the body (or, for the headline, the lead) prints with
   the same value and unit repeats it; a bounded headline number («Hơn 200») repeats the body's nearest
   count that fits the bound (low).
4. **Period** from the nearest time phrase before the number in its sentence, else after it in the sentence,
   else carried from earlier sentences; «hiện», «đến nay» give the article's year, except inside a paragraph
   whose period already runs to the article's year; a change runs from the year it is compared with.
5. **Parent and relation**: a percentage printed beside a count («817 người (35,82%)», «…, đạt tỷ lệ 79,2%»)
   is its ``printed_share``, and «… người với trên 65%» a share of that count; after «trong đó», «gồm», «trong
   số này» a number is within the count just before; after «trong số <words>», or in a paragraph opened by
   «Đối với <words>,», within the earlier count whose words match best; a list that adds up to an earlier count
   is a split of it; a list in the paragraph of a total (or under «Về …») is within that total; a list closed by
   «và» without a total is a split with no parent; a second list as long as such a split is read item by item;
   «tăng», «giảm» make a change of the earlier level of the same thing (or of the level it follows); a
   percentage with no count before it is a share of the count its words name, else of a whole the article does
   not print. A subset is never larger than its whole. Parts that add up to their parent are a split
   (``part``); otherwise they are subsets. Percentages within one whole that add up to 100 are a split of
   shares.
6. **Topic**: ``rotation`` where the number's clause (or a count of its sentence) speaks of «luân chuyển»;
   ``context`` for communes and the whole of an «x/y»; ``profile`` for a count with qualifications below it (a
   headcount) or words of a qualification; else its parent's topic, else ``context``.
7. **Measure, term_vi, gloss_en** from the number's clause and ``terms.csv``; a gloss the tables do not give
   is written ``[to translate] …``.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

import pandas as pd

from articlefacts.errors import ArticleFactsError
from articlefacts.reading.article import SENTENCE_BREAK, line_span, split_article
from articlefacts.reading.numbers import (
    DATE_RE,
    TIME_RE,
    YEAR_RE,
    find_number_tokens,
    parse_vi_number,
    read_qualifier,
    split_multiplier,
)

TABLES = Path(__file__).with_name("tables")
HIGH, MEDIUM, LOW = "high", "medium", "low"
LEVELS = (HIGH, MEDIUM, LOW)
ROTATION_WORD = "luân chuyển"
# Words that open a clause without saying what is counted («trong đó có 8 đồng chí»: the term is after 8).
FUNCTION_WORDS = ("trong đó", "trong số này", "trong số đó", "trong số", "gồm có", "bao gồm", "gồm", "chỉ có",
                  "hiện có", "hiện còn", "hiện", "còn", "có", "là", "đã có", "đã", "được", "với", "cho", "tại",
                  "ở", "về", "theo", "đạt tỷ lệ", "chiếm tỷ lệ", "chiếm", "đạt", "tỷ lệ", "bằng", "và", "số",
                  "ngoài ra", "đều", "thì", "trên", "hơn", "gần", "dưới", "khoảng")
STOP_WORDS = {"các", "của", "đã", "có", "là", "những", "này", "đó", "thì", "trong", "số", "và"}
CLAUSE_BREAK = re.compile(r"[,;:](?=\s)|[()]")
TOTAL_INTRODUCERS = ("có", "gồm", "gồm có", "tổng số", "tổng cộng", "toàn bộ")
DAY_MONTH = re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{1,2})(?![\d/])")
DAY_MONTH_WORDS = ("ngày", "sáng", "chiều", "tối", "trưa", "đêm", "hôm", "từ", "đến", "tới")


# The tables ----------
@cache
def table(name: str) -> tuple[dict, ...]:
    """The rows of ``draft/tables/<name>.csv`` as dicts of strings."""
    with (TABLES / f"{name}.csv").open(newline="", encoding="utf-8") as fh:
        return tuple({k: unicodedata.normalize("NFC", v) for k, v in row.items()} for row in csv.DictReader(fh))


def words_re(phrases) -> re.Pattern:
    """A case-insensitive pattern matching any of ``phrases`` as whole words, longest first."""
    alternatives = sorted({re.escape(p) for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


@cache
def connective_patterns() -> dict[str, re.Pattern]:
    """role → a pattern matching the connectives of that role."""
    roles: dict[str, list[str]] = {}
    for row in table("connectives"):
        roles.setdefault(row["role"], []).append(row["phrase"])
    return {role: words_re(phrases) if role != "printed_share" else
            re.compile("|".join(sorted((re.escape(p) if p == "(" else rf"(?<!\w){re.escape(p)}(?!\w)"
                                        for p in phrases), key=len, reverse=True)), re.IGNORECASE)
            for role, phrases in roles.items()}


@cache
def time_patterns() -> tuple[tuple[re.Pattern, str, str], ...]:
    """(pattern, kind, meaning) for each row of ``time_words.csv``, {Y1} {Y2} {N} filled in."""
    year = r"(?:19|20)\d\d"
    out = []
    for row in table("time_words"):
        pattern = (row["pattern"].replace("{Y1}", f"(?P<y1>{year})").replace("{Y2}", f"(?P<y2>{year})")
                   .replace("{N}", r"(?P<n>\d{1,2})"))
        out.append((re.compile(pattern, re.IGNORECASE | re.MULTILINE), row["kind"], row["meaning"]))
    return tuple(out)


@cache
def unit_nouns() -> tuple[re.Pattern, dict[str, dict]]:
    """A pattern for the nouns of ``units.csv`` right after a number, and noun → row."""
    rows = {r["noun"].lower(): r for r in table("units")}
    nouns = sorted(rows, key=len, reverse=True)
    pattern = re.compile(r"\s?(" + "|".join(re.escape(n) for n in nouns) + r")(?!\w)", re.IGNORECASE)
    return pattern, rows


@cache
def name_rules() -> dict[str, list[dict]]:
    """kind → rows of ``names.csv`` (document, code, ordinal, after)."""
    kinds: dict[str, list[dict]] = {}
    for row in table("names"):
        kinds.setdefault(row["kind"], []).append(row)
    return kinds


@cache
def masked_phrases() -> re.Pattern:
    """The phrases of ``terms.csv`` that hold a comma («cán bộ, công chức»): their commas join, not separate."""
    return words_re([r["phrase"] for r in table("terms") if "," in r["phrase"]])


# The tokens ----------
@dataclass(eq=False)
class Token:
    """One number token of the article and every cell the draft proposes for it."""

    match: re.Match
    part: str
    para: int
    sentence: tuple[int, int]
    status: str = "fact"
    reason: str = ""
    unit: str = ""
    value: Decimal | None = None
    bound: str = "eq"
    period: str = ""
    parent: Token | None = None
    relation: str = ""
    split: str = ""
    topic: str = ""
    measure: str = ""
    term_vi: str = ""
    gloss_en: str = ""
    whole_vi: str = ""
    whole_en: str = ""
    reading: str = ""
    attribution: str = ""
    repeat_of: Token | None = None
    key: str = ""
    group: int = -1  # the list (sentence or scope) the token was read in, for splits
    header: str = ""  # the «Về …» breakdown the token's sentence opens with
    confidence: dict = field(default_factory=dict)

    @property
    def start(self) -> int:
        return self.match.start()

    @property
    def end(self) -> int:
        return self.match.end()

    @property
    def text(self) -> str:
        return self.match.group()

    @property
    def is_count(self) -> bool:
        return self.unit in ("people", "communes")

    def set(self, cell: str, value, level: str, why: str) -> None:
        """Propose ``value`` for ``cell`` with a confidence and its reason."""
        setattr(self, cell, value)
        self.confidence[cell] = (level, why)


@dataclass
class Article:
    """The text, its structure, the article's year and every token."""

    text: str
    structure: pd.DataFrame
    year: int | None
    tokens: list[Token]
    year_why: str = ""

    def facts(self) -> list[Token]:
        return [t for t in self.tokens if t.status == "fact"]

    def sentence_text(self, token: Token) -> str:
        return self.text[slice(*token.sentence)]


# Structure and date ----------
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


# 1. Not data ----------
def words_before(text: str, at: int, n: int = 3) -> list[str]:
    """The ``n`` words before offset ``at`` on its line, lower-cased and stripped of punctuation."""
    start, _ = line_span(text, at)
    return [w.strip(",.;:()«»\"'").lower() for w in text[start:at].split()][-n:]


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


@dataclass
class TimePhrase:
    """A time phrase of the article: where it is, what kind (``time_words.csv``) and the period it gives."""

    start: int
    end: int
    kind: str
    period: str
    meaning: str
    years: tuple[int, ...] = ()


def find_time_phrases(text: str, year: int | None) -> list[TimePhrase]:
    """Every time phrase of ``text``, the first row of ``time_words.csv`` winning where two overlap."""
    found: list[TimePhrase] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind, meaning in time_patterns():
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            groups = m.groupdict()
            y1, y2, n = (int(groups[g]) if groups.get(g) else None for g in ("y1", "y2", "n"))
            if kind in ("since", "since_term"):
                end = y2 if (y2 and kind == "since") else year
                period = f"{y1}–{end}" if end and end != y1 else str(y1)
            elif kind in ("range", "term"):
                period = f"{y1}–{y2}"
            elif kind in ("point", "compare"):
                period = str(y1)
            elif kind == "span":
                period = f"{year - n}–{year}" if year else ""
            else:  # now
                period = str(year) if year else ""
            years = tuple(m.start(g) for g in ("y1", "y2") if groups.get(g))
            found.append(TimePhrase(m.start(), m.end(), kind, period, meaning, years))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda p: p.start)


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
        if not reason and "," in value and not value.endswith("%"):
            reason, level = ("a decimal that is neither a count nor a percentage (a ratio?): not in the facts "
                             "format"), LOW
        if reason:
            tok.set("status", "not_data", level, reason)
            tok.reason = reason


# 2. Unit ----------
def guess_unit(art: Article, tok: Token) -> None:
    """Rule 2: the unit from the noun after the number."""
    if tok.text.endswith("%"):
        tok.set("unit", "percent", HIGH, "a per cent sign")
        return
    pattern, rows = unit_nouns()
    found = pattern.match(art.text, tok.end)
    if found:
        row = rows[found.group(1).lower()]
        why = f"«{found.group(1)}» after the number" + (f" ({row['note']})" if row["note"] else "")
        tok.set("unit", row["unit"], HIGH if not row["note"] else MEDIUM, why)
        return
    tok.set("unit", "people", LOW, "no counted noun after the number: people assumed")


def parse_token(art: Article, tok: Token) -> None:
    """The token's value and the bound the words before it set («hơn 80%»: more than)."""
    try:
        tok.value = parse_vi_number(tok.text).value
    except ArticleFactsError:  # a token babel cannot read stays a fact without a value
        tok.value = None
    line_start, _ = line_span(art.text, tok.start)
    tok.bound = read_qualifier(art.text[line_start:tok.start])[0]


# 3. Repeats ----------
def fits_bound(value: Decimal, bound: str, printed: Decimal) -> bool:
    """Whether ``value`` is consistent with a printed bound «hơn 200» (gt 200), within a quarter of it."""
    if bound in ("gt", "ge"):
        return printed < value <= printed * Decimal("1.25") or (bound == "ge" and value == printed)
    if bound in ("lt", "le"):
        return printed * Decimal("0.75") <= value < printed or (bound == "le" and value == printed)
    if bound == "approx":
        return abs(value - printed) <= printed * Decimal("0.1")
    return False


def find_repeats(art: Article) -> None:
    """Rule 3: numbers of the headline and lead that the body (or, for the headline, the lead) prints too."""
    facts = art.facts()
    order = {"body": 0, "caption": 0, "lead": 1, "headline": 2}
    for tok in facts:
        if tok.part not in ("headline", "lead") or tok.value is None:
            continue
        later = [t for t in facts if order.get(t.part, 0) < order[tok.part] and t.unit == tok.unit
                 and t.value is not None and t.status == "fact"]
        same = [t for t in later if t.value == tok.value]
        if same:
            target = min(same, key=lambda t: (order.get(t.part, 0), t.start))
            tok.set("status", "repeat", HIGH if len(tok.text) > 2 else MEDIUM,
                    f"the {tok.part} prints {tok.text} {tok.unit} as the {target.part} does")
            tok.set("repeat_of", target, HIGH if len(same) == 1 else LOW,
                    "the only number of the same value and unit" if len(same) == 1 else
                    f"{len(same)} numbers of the same value and unit: the first of the body taken")
            continue
        if tok.bound != "eq":
            fitting = [t for t in later if t.is_count and fits_bound(t.value, tok.bound, tok.value)]
            if fitting:
                target = min(fitting, key=lambda t: abs(t.value - tok.value))
                tok.set("status", "repeat", LOW,
                        f"a bound («{tok.text}» with its qualifier) that the {target.part}'s {target.text} fits")
                tok.set("repeat_of", target, LOW, "the nearest count of the same unit that fits the bound")


# 4. Periods ----------
@dataclass
class Carried:
    """The period carried from earlier sentences: the phrase that gave it and its paragraph."""

    phrase: TimePhrase | None = None
    para: int = -1
    previous: TimePhrase | None = None  # the point period before it, for changes


TO_NOW = ("since", "since_term", "span")  # periods that run to the article's year: «hiện», «đến nay» keep them


def document_before(text: str, sentence_start: int, at: int) -> bool:
    """Whether a document's name («Đề án», «Nghị quyết», …) comes before ``at`` in its sentence."""
    return bool(words_re([r["words"] for r in name_rules()["document"]]).search(text, sentence_start, at))


def assign_periods(art: Article, phrases: list[TimePhrase]) -> None:
    """Rule 4: each fact's period from the time phrases of its sentence, else from earlier sentences."""
    text = art.text
    carried = Carried()
    facts = [t for t in art.tokens if t.status in ("fact", "repeat")]
    sentences: dict[tuple[int, int], list[Token]] = {}
    for t in facts:
        sentences.setdefault(t.sentence, []).append(t)
    all_sentences = sorted({t.sentence for t in art.tokens} | {sentence_of(text, p.start) for p in phrases})
    fallback = str(art.year) if art.year else ""
    for span in all_sentences:
        inside = [p for p in phrases if span[0] <= p.start < span[1] and p.kind not in ("term",) and p.period]
        toks = sentences.get(span, [])
        para = paragraph_of(text, span[0])
        for tok in toks:
            if tok.status == "repeat":
                continue
            before = [p for p in inside if p.end <= tok.start and p.kind != "compare"]
            after = [p for p in inside if p.start >= tok.end and p.kind != "compare"]
            if before:
                phrase = before[-1]
                since = [p for p in before if p.kind in TO_NOW]
                if not since and carried.phrase is not None and carried.para == para and \
                        carried.phrase.kind in TO_NOW:
                    since = [carried.phrase]
                if phrase.kind == "now" and since:
                    tok.set("period", since[-1].period, MEDIUM,
                            f"«{text[phrase.start:phrase.end]}» after «{text[since[-1].start:since[-1].end]}», "
                            "a period that runs to the article's year")
                else:
                    tok.set("period", phrase.period, HIGH if phrase.kind not in ("span", "now") else MEDIUM,
                            f"«{text[phrase.start:phrase.end]}» before it in its sentence")
            elif after:
                tok.set("period", after[0].period, MEDIUM,
                        f"«{text[after[0].start:after[0].end]}» later in its sentence")
            elif carried.phrase is not None:
                same = carried.para == para
                tok.set("period", carried.phrase.period, MEDIUM if same else LOW,
                        f"«{text[carried.phrase.start:carried.phrase.end]}» in an earlier sentence"
                        + ("" if same else " of an earlier paragraph"))
            elif fallback:
                tok.set("period", fallback, LOW, f"no time phrase: the article's year ({art.year_why})")
            else:
                tok.set("period", "", LOW, "no time phrase and no date: fill in the period")
            if is_change(text, tok):
                change_period(art, tok, inside, carried, bool(before or after))
        last_fact = max((t.start for t in toks if t.status == "fact"), default=-1)
        for p in inside:
            if p.kind == "compare":
                continue
            if p.start > last_fact and document_before(text, span[0], p.start):
                continue  # «Đề án 01-ĐA/TU … giai đoạn 2016-2020»: the document's period, not the figures'
            if p.kind == "now" and carried.phrase is not None and carried.para == para and \
                    carried.phrase.kind in TO_NOW:
                continue
            if carried.phrase is not None and carried.phrase.kind == "point" and carried.phrase.period != p.period:
                carried.previous = carried.phrase
            carried.phrase, carried.para = p, para
    for tok in facts:
        if tok.status == "repeat" and tok.repeat_of is not None:
            tok.set("period", tok.repeat_of.period, tok.repeat_of.confidence.get("period", (LOW, ""))[0],
                    "the period of the fact it repeats")


def change_period(art: Article, tok: Token, inside: list[TimePhrase], carried: Carried, own: bool) -> None:
    """A change runs from the year it is compared with («so với năm 2015», else the period read before the
    level's) to the year of its level. ``own``: the level's period comes from a phrase of its own sentence."""
    compare = [p for p in inside if p.kind == "compare"]
    end = tok.period.split("–")[-1]
    earlier = carried.phrase if own else carried.previous
    if compare:
        start, why = compare[0].period, f"«{art.text[compare[0].start:compare[0].end]}»"
    elif earlier is not None and earlier.period.split("–")[0] != end:
        start, why = earlier.period.split("–")[0], f"«{art.text[earlier.start:earlier.end]}», the period before"
    else:
        return
    if start and end and start != end:
        tok.set("period", f"{start}–{end}", MEDIUM, f"a change from {why} to {end}")


def sentence_of(text: str, offset: int) -> tuple[int, int]:
    """The (start, end) of the sentence holding ``offset`` (as article.sentence_span, whitespace kept out)."""
    line_start, line_end = line_span(text, offset)
    body = text[line_start:line_end]
    cuts = [0] + [m.end() for m in SENTENCE_BREAK.finditer(body)] + [len(body)]
    first = line_start + max(c for c in cuts if c <= offset - line_start)
    last = line_start + min(c for c in cuts if c > offset - line_start)
    while last > first and text[last - 1].isspace():
        last -= 1
    return first, last


def paragraph_of(text: str, offset: int) -> int:
    """The number of the line holding ``offset``."""
    return text.count("\n", 0, offset)


# 5. Parents and relations ----------
def is_change(text: str, tok: Token) -> bool:
    """Whether a change word of connectives.csv («tăng», «giảm») stands right before the number («giảm 21 người»,
    «tăng thêm 5%», «tăng hơn 1.100»)."""
    close = text[max(line_span(text, tok.start)[0], tok.start - 30):tok.start]
    words = connective_patterns()["change"].pattern
    return bool(re.search(rf"{words}(?: thêm| đi| xuống| lên)?(?: hơn| trên| gần| khoảng| xấp xỉ)?\s+$",
                          close, re.IGNORECASE))


def mask(text: str) -> str:
    """The text with the commas inside known phrases («cán bộ, công chức») turned into another character."""
    return masked_phrases().sub(lambda m: m.group().replace(",", "\u2063"), text)


def clause_span(art: Article, tok: Token) -> tuple[int, int]:
    """The clause of the token: between the separators (, ; : brackets) around it, within its sentence."""
    start, end = tok.sentence
    masked = mask(art.text[start:end])
    cuts = [m for m in CLAUSE_BREAK.finditer(masked)]
    left = max((start + m.end() for m in cuts if start + m.end() <= tok.start), default=start)
    right = min((start + m.start() for m in cuts if start + m.start() >= tok.end), default=end)
    return left, right


def content_words(text: str) -> set[str]:
    """The syllables of ``text`` that say something (lower case, no digits, no stop words)."""
    return {w for w in re.findall(r"[^\W\d_]+", text.lower()) if w not in STOP_WORDS}


def own_words(art: Article, tok: Token) -> set[str]:
    """The words right after a number, up to the next number or the end of its clause («1.483 cán bộ chuyên
    trách và 1.330 …» → cán bộ chuyên trách và), or its clause's words when none follow."""
    _, end = clause_span(art, tok)
    following = [m.start() for m in find_number_tokens(art.text[tok.end:end])]
    words = content_words(art.text[tok.end:tok.end + following[0]] if following else art.text[tok.end:end])
    return words or clause_words(art, tok)


def own_noun(art: Article, tok: Token) -> set[str]:
    """The first words after a count, up to a verb or a separator («143 công chức xã, giảm …» → công chức xã)."""
    after = mask(art.text[tok.end:clause_span(art, tok)[1]])
    phrase = re.split(r"\s(?:có|là|được|đã|đang|chiếm|đạt|giảm|tăng|với|trong|và)\s|[,;:(]", after + " ", maxsplit=1)[0]
    return content_words(" ".join(phrase.split()[:5]))


def clause_words(art: Article, tok: Token) -> set[str]:
    start, end = clause_span(art, tok)
    return content_words(art.text[start:end])


def sum_of(tokens: list[Token]) -> Decimal:
    return sum((t.value for t in tokens if t.value is not None), Decimal(0))


def adds_up(parts: list[Token], whole: Token) -> bool:
    """Whether counts add up to a printed total, given its bound («hơn 11» takes parts adding up to 12)."""
    if len(parts) < 2 or whole.value is None or any(t.value is None for t in parts):
        return False
    total = sum_of(parts)
    if whole.bound == "eq" or all(t.bound == whole.bound for t in parts):  # «hơn 1.800» + «hơn 1.700» of «hơn 3.500»
        return total == whole.value
    return fits_bound(total, whole.bound, whole.value)


@dataclass
class Scope:
    """A connective of a sentence: its role, where it ends and, for «trong số <words>», the words."""

    role: str
    at: int
    end: int
    phrase: str = ""


def sentence_scopes(art: Article, span: tuple[int, int]) -> list[Scope]:
    """The connectives of a sentence that place what follows within a count, in order."""
    text = art.text
    patterns = connective_patterns()
    scopes = []
    for role in ("whole_before", "whole_named"):
        for m in patterns[role].finditer(text, *span):
            if role == "whole_named" and any(s.at == m.start() for s in scopes):
                continue
            phrase = ""
            if role == "whole_named":
                tail = text[m.end():span[1]]
                phrase = re.split(r"[,;:]|\d|(?<!\w)có(?!\w)", tail, maxsplit=1)[0]
            scopes.append(Scope(role, m.start(), m.end(), phrase))
    return sorted(scopes, key=lambda s: s.at)


def opens_with(art: Article, span: tuple[int, int], role: str) -> str:
    """The connective of ``role`` that opens the sentence («Về trình độ chuyên môn,», «Ngoài ra,»), or ""."""
    head = art.text[span[0]:span[1]]
    found = connective_patterns()[role].match(head)
    if not found:
        return ""
    if role == "breakdown":
        clause = re.split(r"[,:]", head, maxsplit=1)[0]
        return clause if len(clause.split()) <= 8 else ""
    return found.group()


def introduced_as_total(art: Article, tok: Token) -> bool:
    """Whether the words right before the number introduce a total («có 405», «gồm có 2.281», «tổng số 37»)."""
    before = " ".join(words_before(art.text, tok.start, 3))
    return any(re.search(rf"(?<!\w){w}(?:\s+(?:hơn|gần|trên|khoảng))?$", before) for w in TOTAL_INTRODUCERS)


class Relations:
    """Rule 5, sentence by sentence: the parent and relation of each fact (see the module docstring)."""

    def __init__(self, art: Article):
        self.art = art
        self.seen: list[Token] = []  # facts already read, in order
        self.groups = 0
        self.free_splits: list[list[Token]] = []  # lists read as a split with no printed total
        self.para_scope: tuple[int, Scope] | None = None  # «Đối với X, …»: the paragraph's whole, by its words

    def run(self) -> None:
        facts = [t for t in self.art.tokens if t.status == "fact"]
        by_sentence: dict[tuple[int, int], list[Token]] = {}
        for t in facts:
            by_sentence.setdefault(t.sentence, []).append(t)
        for span in sorted(by_sentence):
            self.sentence(span, by_sentence[span])
            self.seen += by_sentence[span]
        self.splits()

    # helpers
    def root(self, before: int, unit: str | None = None) -> Token | None:
        """The last count without a parent read before offset ``before`` (of ``unit`` if given)."""
        for t in reversed(self.seen):
            if t.start < before and t.is_count and t.parent is None and t.relation != "change" and \
                    t.part != "headline" and \
                    (unit is None or t.unit == unit) and not (t.relation == "part" and t.split):
                return t
        return None

    def earlier_counts(self, before: int, unit: str | None, sentence_toks: list[Token]) -> list[Token]:
        pool = self.seen + [t for t in sentence_toks if t.start < before]
        return [t for t in pool if t.start < before and t.is_count and t.relation != "change"
                and (unit is None or t.unit == unit)]

    def new_group(self) -> int:
        self.groups += 1
        return self.groups

    def attach(self, tok: Token, parent: Token | None, level: str, why: str, group: int) -> None:
        """Give ``tok`` its parent (a share for a percentage, a subset for a count; parts come later)."""
        tok.group = group
        if parent is None:
            tok.set("parent", None, level, why)
            tok.set("relation", "", level, why)
            return
        tok.set("parent", parent, level, why)
        tok.set("relation", "share" if tok.unit == "percent" else "subset", level, why)

    # one sentence
    def sentence(self, span: tuple[int, int], toks: list[Token]) -> None:
        art, text = self.art, self.art.text
        scopes = sentence_scopes(art, span)
        para = paragraph_of(text, span[0])
        opener = opens_with(art, span, "whole_para")
        if opener:
            phrase = re.split(r"[,;:]", text[span[0] + len(opener):span[1]], maxsplit=1)[0]
            self.para_scope = (para, Scope("whole_named", span[0], span[0] + len(opener), phrase))
        elif self.para_scope is not None and self.para_scope[0] != para:
            self.para_scope = None
        header = opens_with(art, span, "breakdown")
        new_set = opens_with(art, span, "new_set")
        for t in toks:
            t.header = header
        # «89% (360 người)»: the count in brackets stands where the percentage is read, which is printed beside it
        bracketed = {p: c for p, c in zip(toks, toks[1:], strict=False) if p.unit == "percent" and c.is_count
                     and re.fullmatch(r"\s*\(\s*(?:gồm|với|tương đương|tức|khoảng|hơn|trên|gần)?\s*",
                                      text[p.end:c.start], re.IGNORECASE)}
        pending: list[Token] = []
        for tok in toks:
            if tok in bracketed.values():
                continue
            if tok in bracketed:
                pending.append(bracketed[tok])
                continue
            if is_change(text, tok):
                self.change(tok, toks)
                continue
            if self.x_of_y(tok, toks):
                continue
            if tok.unit == "percent" and self.printed_share(tok, toks):
                continue
            pending.append(tok)
        # tokens under a connective, by the connective's scope
        free: list[Token] = []
        by_scope: dict[int, list[Token]] = {}
        if self.para_scope is not None:
            scopes = [self.para_scope[1], *scopes]
        for tok in pending:
            scope = next((s for s in reversed(scopes) if s.end <= tok.start), None)
            if scope is None:
                free.append(tok)
            else:
                by_scope.setdefault(scopes.index(scope), []).append(tok)
        for index, members in by_scope.items():
            free += self.in_scope(scopes[index], members, toks, span)
        free.sort(key=lambda t: t.start)
        if free:
            self.free_list(free, toks, span, header, new_set)
        for share, count in bracketed.items():
            share.group = count.group
            why = f"{count.text} in brackets right after it: the percentage printed beside that count"
            share.set("parent", count, HIGH, why)
            share.set("relation", "printed_share", HIGH, why)

    def change(self, tok: Token, toks: list[Token]) -> None:
        """«giảm 21 người», «tăng 21% so với năm 2015»: a change of the level it follows, from an earlier level."""
        art = self.art
        tok.group = self.new_group()
        word = list(connective_patterns()["change"].finditer(art.text, max(0, tok.start - 30), tok.start))[-1].group()
        tok.set("relation", "change", HIGH, f"«{word}» before the number: a change, not a level")
        level = [t for t in toks if t.start < tok.start and t.relation != "change"]
        subject = level[-1] if level else None
        same_unit = [t for t in level if t.unit == tok.unit]
        earlier = [t for t in self.seen if t.period != tok.period.split("–")[-1] and t.relation != "change"
                   and t.period and tok.period.startswith(t.period.split("–")[0])]
        words = clause_words(art, subject) if subject is not None else set()
        scored = sorted(((len(words & clause_words(art, t)), t.start, t) for t in earlier), key=lambda s: s[:2])
        if scored and scored[-1][0] > 0:
            best = scored[-1][2]
            tok.set("parent", best, MEDIUM, f"the earlier level of «{text_of(art, subject)}» ({best.period})")
        elif tok.is_count and len(same_unit) >= 2:
            tok.set("parent", same_unit[0], LOW,
                    f"the earlier of the two levels its sentence prints ({same_unit[0].text})")
        elif subject is not None:
            tok.set("parent", subject, LOW, f"the level it follows ({subject.text}); the level it is compared with "
                                            "is not printed")
        else:
            mine = clause_words(art, tok)
            matches = sorted(((len(mine & clause_words(art, t)), t.start, t) for t in self.seen
                              if t.relation != "change"), key=lambda m: m[:2])
            if matches and matches[-1][0] >= 2:
                tok.set("parent", matches[-1][2], LOW, f"the earlier figure whose words its clause shares most "
                                                       f"({matches[-1][2].text})")
            else:
                tok.set("parent", None, LOW, "no level printed beside it: a change with no parent")

    def x_of_y(self, tok: Token, toks: list[Token]) -> bool:
        """«2.813/3.050 cán bộ»: 2.813 within 3.050; a percentage after the pair is a share of 3.050."""
        text = self.art.text
        if text[tok.end:tok.end + 1] == "/" and any(t.start == tok.end + 1 for t in toks):
            whole = next(t for t in toks if t.start == tok.end + 1)
            whole.unit = tok.unit = whole.unit if whole.unit != "people" or tok.unit == "people" else tok.unit
            tok.group = self.new_group()
            tok.set("parent", whole, HIGH, f"«{tok.text}/{whole.text}»: {tok.text} of {whole.text}")
            tok.set("relation", "subset", HIGH, f"«{tok.text}/{whole.text}»: {tok.text} of {whole.text}")
            return True
        if tok.start > 0 and text[tok.start - 1] == "/" and any(t.end == tok.start - 1 for t in toks):
            tok.group = self.new_group()
            tok.set("parent", None, MEDIUM, "the whole of an «x/y» pair")
            tok.set("relation", "", MEDIUM, "the whole of an «x/y» pair")
            return True
        return False

    def printed_share(self, tok: Token, toks: list[Token]) -> bool:
        """A percentage printed beside the count just before it («817 người (35,82%)», «…, chiếm 15%»)."""
        text = self.art.text
        before = [t for t in toks if t.end <= tok.start]
        if not before or not before[-1].is_count:
            return False
        count = before[-1]
        between = text[count.end:tok.start]
        if connective_patterns()["whole_before"].search(between) or connective_patterns()["whole_named"].search(
                between) or ";" in between:
            return False
        masked = mask(between)
        cuts = list(CLAUSE_BREAK.finditer(masked))
        if not cuts and connective_patterns()["share_of_before"].search(re.sub(
                r"\s*(?:hơn|trên|gần|dưới|khoảng|xấp xỉ)?\s*$", "", between) + " "):
            tok.group = count.group if count.group >= 0 else self.new_group()
            why = f"«với» after {count.text}: a share of the count just before"
            tok.set("parent", count, MEDIUM, why)
            tok.set("relation", "share", MEDIUM, why)
            return True
        if not cuts:
            return False
        last = cuts[-1]
        tail = between[last.end():].strip().lower()
        verb = connective_patterns()["printed_share"].fullmatch(re.sub(
            r"\s*(?:hơn|trên|gần|dưới|khoảng|xấp xỉ)$", "", tail)) if tail else None
        if not (last.group() == "(" and not tail) and not verb:
            return False
        after = text[tok.end:tok.end + 3]
        if last.group() != "(" and re.match(r"\s\w", after) and not re.match(r"\s(?:và|so)\b", after):
            return False  # «…, đạt 80% cán bộ»: a percentage of its own words
        if text[count.end:count.end + 1] == "/":
            return False
        tok.group = count.group if count.group >= 0 else self.new_group()
        if text[count.start - 1:count.start] == "/":  # «2.813/3.050 …, đạt 92,2%»: a share of 3.050
            tok.set("parent", count, HIGH, f"a percentage after «x/{count.text}»: a share of {count.text}")
            tok.set("relation", "share", HIGH, f"a percentage after «x/{count.text}»")
            return True
        why = (f"printed in brackets right after {count.text}" if last.group() == "(" else
               f"«{tail}» right after {count.text}: the percentage printed beside that count")
        tok.set("parent", count, HIGH, why)
        tok.set("relation", "printed_share", HIGH, why)
        return True

    def in_scope(self, scope: Scope, members: list[Token], toks: list[Token], span: tuple[int, int]) -> list[Token]:
        """Numbers after «trong đó», «gồm», «trong số …», «Đối với …»: within a count before the connective.
        Returns the counts larger than that count (a subset is never larger than its whole): they are read
        as if no connective stood before them."""
        art = self.art
        group = self.new_group()
        counts = [t for t in members if t.is_count]
        first_unit = counts[0].unit if counts else None
        candidates = self.earlier_counts(scope.at, first_unit, toks)
        if scope.role == "whole_before" and re.match(r"g[ồo]m", art.text[scope.at:scope.end], re.IGNORECASE):
            in_sentence = [t for t in candidates if t.start >= span[0]]
            if not in_sentence:  # «gồm có 2.281 người»: gồm introduces the total itself
                return members
        word = art.text[scope.at:scope.end]
        summed = [t for t in reversed(candidates) if adds_up(counts, t)] if len(counts) >= 2 else []
        if summed:
            parent, level, why = summed[0], HIGH, f"after «{word}»; {self.listing(counts)} add up to {summed[0].text}"
        elif scope.role == "whole_named":
            words = content_words(scope.phrase)
            largest = max((t.value for t in counts if t.value is not None), default=None)
            scored = [(len(words & own_words(art, t)) / max(1, len(own_words(art, t))),
                       len(words & clause_words(art, t)), t.parent is None, -t.start, t)
                      for t in candidates if largest is None or t.value is None or t.value >= largest]
            if scored and max(scored, key=lambda s: s[:4])[1] > 0:
                best = max(scored, key=lambda s: s[:4])
                parent, level = best[4], MEDIUM
                why = f"«{word} {scope.phrase.strip()}»: the earlier count whose words match best ({best[4].text})"
            else:
                parent, level, why = None, LOW, f"«{word} {scope.phrase.strip()}»: no earlier count matches"
        else:
            same_sentence = [t for t in candidates if t.start >= span[0]]
            pool = same_sentence or candidates
            if members and members[0].unit == "percent":
                pool = [t for t in (same_sentence or self.earlier_counts(scope.at, None, toks))]
            parent = pool[-1] if pool else None
            level = MEDIUM if parent is not None else LOW
            why = (f"«{word}» after {parent.text}: within the count just before" if parent is not None
                   else f"«{word}» with no count before it")
            if parent is not None and len([t for t in same_sentence if t.unit == parent.unit]) >= 2:
                level = LOW
                for t in members:
                    t.set("reading", word.lower(), LOW, f"«{word}» after two counts: read as within {parent.text}")
        larger = [t for t in members if parent is not None and t.is_count and t.value is not None and
                  parent.value is not None and t.value > parent.value]
        for tok in members:
            if tok in larger:
                continue
            if parent is not None and tok.is_count and parent.unit != tok.unit:
                self.attach(tok, None, LOW, f"after «{word}» but counts {tok.unit}, the count before {parent.unit}",
                            group)
                continue
            self.attach(tok, parent, level, why, group)
            if parent is None and tok.unit == "percent":
                self.unprinted_whole(tok)
        return larger

    def listing(self, toks: list[Token]) -> str:
        return " + ".join(t.text for t in toks)

    def free_list(self, free: list[Token], toks: list[Token], span: tuple[int, int], header: str,
                  new_set: str) -> None:
        """Numbers of a sentence outside any connective: a list, within a total, beside each other, or alone."""
        art = self.art
        group = self.new_group()
        counts = [t for t in free if t.is_count]
        first = free[0]
        unit = counts[0].unit if counts else None
        para = paragraph_of(art.text, span[0])
        # (a) the list adds up to an earlier count, or the rest of the list to its first count
        if len(counts) >= 3 and adds_up(counts[1:], counts[0]) and all(t.unit == unit for t in counts):
            self.attach(counts[0], None, MEDIUM, "the total its own sentence breaks down", self.new_group())
            for t in free[1:]:
                self.attach(t, counts[0], HIGH, f"{self.listing(counts[1:])} add up to {counts[0].text}", group)
            return
        if not new_set and len(counts) >= 2 and all(t.unit == unit for t in counts):
            totals = [t for t in reversed(self.earlier_counts(first.start, unit, toks)) if adds_up(counts, t)]
            if totals:
                for t in free:
                    self.attach(t, totals[0], HIGH, f"{self.listing(counts)} add up to {totals[0].text}", group)
                return
            # (b) as long as an earlier list read as a split with no total: item by item
            for earlier in reversed(self.free_splits):
                if len(earlier) == len(counts) and all(c.unit == e.unit and c.value is not None and e.value
                                                       is not None and c.value <= e.value
                                                       for c, e in zip(counts, earlier, strict=True)):
                    for c, e in zip(counts, earlier, strict=True):
                        self.attach(c, e, LOW, f"a list as long as the earlier {self.listing(earlier)}: read item by "
                                               f"item, {c.text} within {e.text}", self.new_group())
                    return
        # (c) within the total counted last: under «Về …», or in its paragraph and period
        root = self.root(first.start, unit if counts else None)
        if root is not None and not new_set and first.period == root.period and all(
                t.value is None or root.value is None or t.value < root.value or t.unit == "percent" for t in free):
            same_para = paragraph_of(art.text, root.start) == para
            if header or same_para or not introduced_as_total(art, first):
                level = MEDIUM if header or same_para else LOW
                why = (f"«{header}»: a breakdown of {root.text}, the total counted last" if header else
                       f"in the {'paragraph' if same_para else 'wake'} of {root.text}, the total counted last, "
                       "and of its period")
                for t in free:
                    if t.is_count and t.unit != root.unit:
                        self.attach(t, None, LOW, f"counts {t.unit}, not {root.unit}", self.new_group())
                    else:
                        self.attach(t, root, level, why, group)
                return
        # (d) a list closed by «và» with no total: a split with no parent
        if len(counts) >= 2 and all(t.unit == unit for t in counts) and len(counts) == len(free):
            between = art.text[counts[-2].end:counts[-1].start]
            listed = art.text[counts[0].start:counts[-1].end]
            if connective_patterns()["list_and"].search(between) and ";" not in listed:
                for t in counts:
                    self.attach(t, None, MEDIUM, f"{self.listing(counts)}: counts side by side, closed by «và», "
                                                 "with no printed total", group)
                    t.set("relation", "part", MEDIUM, "a list closed by «và» with no printed total: a split with "
                                                      "no parent")
                self.free_splits.append(counts)
                return
        # (e) on their own; communes within an earlier total of communes
        for t in free:
            g = self.new_group()
            if t.unit == "communes" and not new_set:
                total = next((c for c in reversed(self.earlier_counts(t.start, "communes", toks))
                              if c.parent is None and introduced_as_total(art, c) or
                              re.search(r"(?<!\w)của\s+$", art.text[c.start - 6:c.start])), None)
                if total is not None and total.value is not None and t.value is not None and t.value < total.value:
                    self.attach(t, total, LOW, f"communes within the {total.text} counted earlier", g)
                    continue
            if t.unit == "percent":
                whole = self.root(t.start)
                if whole is not None and not new_set:
                    self.attach(t, whole, LOW, f"a percentage of the total counted last ({whole.text})", g)
                else:
                    self.attach(t, None, LOW, "no count before it: a share of a whole the article does not print", g)
                    self.unprinted_whole(t)
                continue
            level = MEDIUM if (introduced_as_total(art, t) or new_set or t is first) else LOW
            self.attach(t, None, level, ("«" + new_set + "»: on its own") if new_set else
                        "no connective, no total before it: on its own", g)

    def unprinted_whole(self, tok: Token) -> None:
        """A percentage with no count before it: a share of a count printed elsewhere whose words it repeats
        («57,2% số công chức xã …» in the headline, «143 công chức xã» in the body), else of a whole the
        article does not print (whole_vi from the words after or before it)."""
        art = self.art
        named = content_words(art.text[tok.end:clause_span(art, tok)[1]])
        wholes = [t for t in art.facts() if t.is_count and t.relation != "change" and t is not tok
                  and len(own_noun(art, t)) >= 2 and own_noun(art, t) <= named]
        if wholes:
            whole = min(wholes, key=lambda t: (t.parent is not None, t.start))
            why = f"its words name {whole.text} («{' '.join(sorted(own_noun(art, whole)))}»)"
            tok.set("parent", whole, LOW, why)
            tok.set("relation", "share", LOW, why)
            return
        after = art.text[tok.end:clause_span(art, tok)[1]].strip()
        words = re.split(r"\s(?:đúng|đạt|được|có|là|đã|tham gia)\s", " " + after, maxsplit=1)[0].strip()
        if not words:
            before = art.text[clause_span(art, tok)[0]:tok.start]
            found = re.search(r"[Tt]ỷ lệ\s+(.*?)\s+(?:đạt|chiếm|là|bằng)\s*$", before)
            words = found.group(1) if found else ""
        words = " ".join(words.split()[:8])
        tok.set("relation", "share", LOW, "a percentage with no count before it")
        tok.set("whole_vi", words or "[the whole]", LOW, "the words after the percentage" if words else
                "no words for the whole found")
        tok.set("whole_en", gloss_for(words)[0] or f"[to translate] {words}", LOW, "from terms.csv" if
                gloss_for(words)[0] else "no gloss in terms.csv")

    def splits(self) -> None:
        """Parts that add up to their parent are a split; percentages of one whole adding up to 100 too."""
        by_group: dict[tuple[int, int], list[Token]] = {}
        for t in self.art.facts():
            if t.parent is not None and t.relation in ("subset", "share"):
                by_group.setdefault((id(t.parent), t.group), []).append(t)
        used: set[str] = set()
        for members in by_group.values():
            parent = members[0].parent
            counts = [t for t in members if t.relation == "subset"]
            shares = [t for t in members if t.relation == "share"]
            if len(counts) >= 2 and adds_up(counts, parent):
                name = split_name(self.art, counts, used)
                for t in counts:
                    t.set("relation", "part", HIGH, f"{self.listing(counts)} add up to {parent.text}: a split")
                    t.set("split", name, MEDIUM, "the split's name from the words of its list")
                # a share beside parts that do not yet add up stays a share of the split («hơn 80% … còn lại»)
            if len(shares) >= 2 and all(s.value is not None for s in shares):
                total = sum_of(shares)
                if abs(total - 100) <= Decimal("0.1") * len(shares):
                    name = split_name(self.art, shares, used)
                    for t in shares:
                        t.set("split", name, MEDIUM, f"{self.listing(shares)} add up to 100%: a split of shares")
        # lists with no parent read as a split
        for members in self.free_splits:
            if all(t.relation == "part" and not t.split for t in members):
                name = split_name(self.art, members, used)
                for t in members:
                    t.set("split", name, MEDIUM, "the split's name from the words of its list")


def text_of(art: Article, tok: Token) -> str:
    start, end = clause_span(art, tok)
    return " ".join(art.text[start:end].split())


def split_name(art: Article, members: list[Token], used: set[str]) -> str:
    """A name for a split: the ``split`` column of terms.csv for its header or its members' words, else split_N."""
    texts = [members[0].header] + [text_of(art, t) for t in members]
    name = ""
    for text in texts:
        row = term_row(text, lambda r: bool(r["split"]))
        if row:
            name = row["split"]
            break
    name = name or "split"
    base, n = name, 2
    while name in used or name == "split":
        name = f"{base}_{n}"
        n += 1
    used.add(name)
    return name


# 6–7. Topic, measure, words ----------
def term_row(text: str, keep=lambda r: True, tables=("terms",)) -> dict | None:
    """The row of ``terms.csv`` whose phrase occurs in ``text`` (the longest one), or None."""
    lower = text.lower()
    best = None
    for name in tables:
        for row in table(name):
            if not keep(row):
                continue
            if re.search(rf"(?<!\w){re.escape(row['phrase'].lower())}(?!\w)", lower) and (
                    best is None or len(row["phrase"]) > len(best["phrase"])):
                best = row
    return best


def gloss_for(words: str) -> tuple[str, str]:
    """(gloss_en, measure) for the longest phrase of terms.csv in ``words``, or ("", "")."""
    row = term_row(words) if words else None
    return (row["gloss_en"], row["measure"]) if row else ("", "")


def strip_function_words(words: str) -> str:
    """Leading and trailing words that do not say what is counted («trong đó», «có», «chiếm tỷ lệ»)."""
    pattern = words_re(FUNCTION_WORDS)
    words = words.strip(" ,;:()«»")
    changed = True
    while changed and words:
        changed = False
        m = pattern.match(words)
        if m:
            words, changed = words[m.end():].strip(" ,;:"), True
        m = re.search(r"(?:^|\s)(?:" + pattern.pattern + r")$", words, re.IGNORECASE)
        if m and words:
            words, changed = words[:m.start()].strip(" ,;:"), True
    return words


def term_words(art: Article, tok: Token) -> str:
    """The article's words for what the number counts, taken from its clause (verbatim, as the audit wants):
    the words after it up to the next number or a joining word («24 cán bộ tốt nghiệp THPT»), else the words
    before it («khối chính quyền 16 đồng chí», «đảng viên chiếm tỷ lệ 89,62%»), else the label before a colon
    («thạc sĩ: 17 người»)."""
    text = art.text
    start, end = clause_span(art, tok)
    following = [m.start() for m in find_number_tokens(text[tok.end:end])]
    after = text[tok.end:tok.end + following[0]] if following else text[tok.end:end]
    after = re.split(r"(?<!\w)(?:với|và|trong đó|chiếm|đạt|so với|giảm|tăng)(?!\w)", after, maxsplit=1)[0]
    noun = unit_nouns()[0].match(text, tok.end)
    after_words = after.split()
    before_text = text[start:tok.start]
    shared = bool(re.search(r"\d", before_text))  # «…1.800 người với trên 65%»: those words are another number's
    if shared:
        before_text = re.split(r"\d\S*", before_text)[-1]
    before = re.sub(r"\s*(?:hơn|trên|gần|dưới|khoảng)$", "", strip_function_words(before_text))
    if tok.unit == "percent":
        rest = strip_function_words(after)
        words = rest if shared and rest else before or rest
    else:
        noun_len = len(noun.group(1).split()) if noun else 0
        if len(after_words) > noun_len:
            words = " ".join(after_words[:12])
        elif before:
            words = before
        else:  # «thạc sĩ: 17 người»: the label before the colon
            prev = text[max(tok.sentence[0], start - 60):max(tok.sentence[0], start - 1)]
            label = re.split(r"[,;:]\s", prev)[-1] if prev else ""
            words = strip_function_words(label) or (noun.group(1) if noun else "")
    words = " ".join(words.strip(" ,;:.()").split()[:12]).strip(" ,;:.()")
    return words if words and words in art.text[slice(*tok.sentence)] else (noun.group(1) if noun else tok.text)


def slug(words: str) -> str:
    """«cán bộ cấp huyện» → ``can_bo_cap_huyen`` (ASCII, at most four words)."""
    folded = unicodedata.normalize("NFD", words.replace("đ", "d").replace("Đ", "D"))
    ascii_words = re.findall(r"[a-z0-9]+", "".join(c for c in folded if not unicodedata.combining(c)).lower())
    return "_".join(ascii_words[:4]) or "fact"


def describe(art: Article) -> None:
    """Rules 6–7: topic, measure, term_vi, gloss_en, attribution and keys."""
    facts = art.facts()
    children: dict[int, list[Token]] = {}
    for t in facts:
        t.set("term_vi", term_words(art, t), LOW, "the words of its clause")
        if t.parent is not None:
            children.setdefault(id(t.parent), []).append(t)
    for t in facts:
        if t.relation == "printed_share" and t.parent is not None:
            t.set("term_vi", t.parent.term_vi, MEDIUM, "the words of the count it is printed beside")
        if t.relation == "change":
            same = t.parent is not None and t.parent.sentence == t.sentence
            word = connective_patterns()["change"].findall(art.text, max(0, t.start - 30), t.start)[-1]
            t.set("term_vi", t.parent.term_vi if same else word, LOW,
                  "the words of the level it changes, or its change word")
        political = "chính trị" in (t.header or "").lower()
        sources = ("political_levels", "terms") if political else ("terms",)
        row = term_row(t.term_vi, tables=sources)
        if row is not None and row["measure"] == "headcount" and t.parent is not None:  # what it counts within
            row = term_row(t.term_vi, lambda r: r["measure"] != "headcount", sources) or row
        if row is None:
            row = term_row(text_of(art, t), tables=("political_levels", "terms") if political else ("terms",))
        if row is not None:
            t.set("gloss_en", row["gloss_en"], LOW, f"terms.csv: «{row['phrase']}»")
            t.set("measure", row["measure"], LOW, f"terms.csv: «{row['phrase']}»")
        else:
            t.set("gloss_en", f"[to translate] {t.term_vi}", LOW, "no entry in terms.csv: translate term_vi")
            t.set("measure", slug(t.term_vi), LOW, "no entry in terms.csv: a name from term_vi")
        if t.measure == "headcount" and (t.unit != "people" or t.parent is not None):
            t.measure = slug(t.term_vi)
    rotation = set()
    for t in facts:
        if ROTATION_WORD in text_of(art, t).lower():
            rotation.add(id(t))
    for t in facts:
        if id(t) not in rotation and any(id(o) in rotation and o.sentence == t.sentence and o.unit == "people"
                                         for o in facts):
            rotation.add(id(t))
    def descendants(tok: Token) -> list[Token]:
        found, queue = [], list(children.get(id(tok), []))
        while queue:
            child = queue.pop()
            found.append(child)
            queue += children.get(id(child), [])
        return found

    for t in sorted(facts, key=lambda t: depth(t)):
        x_of_y_whole = t.start > 0 and art.text[t.start - 1] == "/" and any(
            c.end == t.start - 1 for c in children.get(id(t), []))
        if id(t) in rotation:
            t.set("topic", "rotation", HIGH if ROTATION_WORD in text_of(art, t).lower() else MEDIUM,
                  f"«{ROTATION_WORD}» in its " + ("clause" if ROTATION_WORD in text_of(art, t).lower() else "sentence"))
        elif t.unit == "communes" and t.parent is None:
            t.set("topic", "context", MEDIUM, "communes: context")
        elif x_of_y_whole:
            t.set("topic", "context", LOW, "the whole of an «x/y» pair, what x is counted against: context")
        elif t.is_count and any(term_topic(art, c) == "profile" for c in descendants(t)):
            t.set("topic", "profile", MEDIUM, "its parts, subsets or shares are qualifications of a population")
            if t.unit == "people" and (t.parent is None or t.parent.topic == "context"):
                t.set("measure", "headcount", MEDIUM, "the population of a profile: its headcount")
        elif t.parent is not None:
            t.set("topic", t.parent.topic, MEDIUM, f"the topic of {t.parent.text}, its parent")
        elif t.unit == "people" and not children.get(id(t)) and is_population(t.term_vi):
            t.set("topic", "profile", LOW, "its words name a population (terms.csv): a headcount")
            t.set("measure", "headcount", LOW, "its words name a population (terms.csv)")
        elif term_topic(art, t) == "profile" and t.relation != "change":
            t.set("topic", "profile", LOW, "its words are those of a qualification")
        else:
            t.set("topic", "context", LOW, "neither rotation nor a qualification: context")
    for t in facts:
        rest = connective_patterns()["rest"].search(text_of(art, t))
        if rest and not t.reading:
            t.set("reading", rest.group(), LOW, f"«{rest.group()}» (the rest): the number rests on what it refers to")
    attribute(art)
    assign_keys(art)


def depth(tok: Token) -> int:
    n, t = 0, tok
    while t.parent is not None and n < 20:
        n, t = n + 1, t.parent
    return n


def is_population(words: str) -> bool:
    """Whether ``words`` are a headcount's words of terms.csv and little else («đội ngũ cán bộ, công chức cấp xã»)."""
    row = term_row(words)
    if row is None or row["measure"] != "headcount":
        return False
    return len(words.split()) - len(row["phrase"].split()) <= 2


def term_topic(art: Article, tok: Token) -> str:
    """``profile`` when the number's words hold a qualification of terms.csv (a headcount's words do not count),
    else the topic of the longest other phrase of terms.csv they hold, else ""."""
    words = f"{tok.term_vi} {text_of(art, tok)}".lower()
    rows = [r for r in table("terms") if r["measure"] != "headcount" and
            re.search(rf"(?<!\w){re.escape(r['phrase'].lower())}(?!\w)", words)]
    if any(r["topic"] == "profile" for r in rows):
        return "profile"
    return max(rows, key=lambda r: len(r["phrase"]))["topic"] if rows else ""


def attribute(art: Article) -> None:
    """«Theo Sở Nội vụ, …» gives the sentence's figures a source; «Ông …, <post> cho biết:» the paragraph's."""
    text = art.text
    for t in art.facts():
        sentence = art.sentence_text(t)
        found = re.match(r"Theo ([^,]{3,80}),", sentence)
        if found:
            t.set("attribution", found.group(1).strip(), MEDIUM, "«Theo …» opens its sentence")
            continue
        line_start, _ = line_span(text, t.start)
        said = re.search(r"((?:Ông|Bà|Đồng chí) [^:]{3,120}?)\s+cho biết\s*:", text[line_start:t.start])
        if said:
            t.set("attribution", said.group(1).strip(), MEDIUM, "«… cho biết:» earlier in its paragraph")


def assign_keys(art: Article) -> None:
    """Keys from the measure and the period's last year, unique; repeats prefixed with their part."""
    used: set[str] = set()

    def unique(base: str) -> str:
        key, n = base, 2
        while key in used:
            key, n = f"{base}_{n}", n + 1
        used.add(key)
        return key

    for t in art.facts():
        year = t.period.split("–")[-1] if t.period else ""
        suffix = "_pct" if t.unit == "percent" and t.relation in ("printed_share",) else ""
        suffix = "_change" if t.relation == "change" else suffix
        t.key = unique(f"{t.measure}{suffix}" + (f"_{year}" if year else ""))
    for t in art.tokens:
        if t.status == "repeat" and t.repeat_of is not None:
            t.key = unique(f"{t.part}_{t.repeat_of.key}")


# The whole draft ----------
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


def draft_article(text: str, meta: dict | None = None) -> Article:
    """Apply the rules to a normalised article text (and its meta.json, if any): every token with its cells."""
    structure, info = read_structure(text, meta)
    year, why = article_year(info, text)
    tokens = []
    for m in find_number_tokens(text):
        row = structure[(structure["start"] <= m.start()) & (m.start() < structure["end"])]
        part = row["part"].iloc[0] if len(row) else "body"
        tok = Token(m, part, paragraph_of(text, m.start()), sentence_of(text, m.start()))
        if part == "lead_repeat":
            tok.status = "skip"
        tokens.append(tok)
    art = Article(text, structure, year, tokens, why)
    phrases = find_time_phrases(text, year)
    classify_not_data(art, phrases)
    for tok in art.facts():
        tok.confidence.setdefault("status", (HIGH, "a number that is not a date, a name or a label"))
        guess_unit(art, tok)
        parse_token(art, tok)
    find_repeats(art)
    assign_periods(art, phrases)
    Relations(art).run()
    for tok in art.facts():
        if "relation" not in tok.confidence:
            tok.set("relation", "", LOW, "no rule applied")
    describe(art)
    for tok in art.tokens:
        if tok.status == "repeat" and tok.repeat_of is not None:
            source = tok.repeat_of
            for cell in ("topic", "measure", "unit", "term_vi", "gloss_en", "attribution"):
                if cell != "unit":
                    setattr(tok, cell, getattr(source, cell))
            tok.term_vi = term_words(art, tok)
    return art
