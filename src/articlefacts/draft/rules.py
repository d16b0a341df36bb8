"""The rules of ``make draft``: what a coder would write for each number token, read from the article alone.

The words the rules look for are tables a reviewer can read and extend, in ``draft/tables/``:

- ``names.csv``: numbers that are names, not quantities (a document's number after «Nghị quyết», before
  «-NQ/TW»; an ordinal after «lần», «khóa»; an age before «tuổi»);
- ``time_words.csv``: the time phrases that give a period («cuối năm 2002», «giai đoạn 2016-2021», «từ năm
  2002 đến nay», «hiện nay») and the years that only label one;
- ``units.csv``: the noun after a number and its unit («người», «đồng chí» → people; «xã» → communes; «tháng» →
  months, «phòng» → offices, «sở, ngành» → departments and agencies: any other counted thing in English words);
- ``multipliers.csv`` («nghìn», «ngàn», «triệu», «trăm») and ``number_words.csv`` («hai», «ba», …);
- ``connectives.csv``: the words that say which count a number belongs to («trong đó», «gồm», «trong số»,
  «chiếm», «đạt tỷ lệ», «Về …», «Ngoài ra», «tăng», «giảm», «và»);
- ``terms.csv`` and ``political_levels.csv``: the article's words for what is counted, with a measure, an
  English gloss, a topic and the name of the split they usually belong to.

Each drafted cell carries a confidence (``high``, ``medium``, ``low``) and the reason, so that a coder checks the
uncertain cells first (:mod:`~articlefacts.draft.tokens`). The rules, in the order they run, each in its own
module of ``draft/`` (docs/draft.md says more):

1. **Not data** (``not_data``, with the time phrases of ``time_phrases``): the date line; dates, times and
   day/month dates («Sáng 20/4»); a document's number; an ordinal; an age; money; a span of years («Qua 5 năm»); a
   year inside a time phrase or not followed by a counted noun; a month («tháng 7/2020»); a school level
   («tốt nghiệp cấp 3»). A number in words before a noun of people («hai đồng chí») is a fact (medium).
2. **Unit** (``quantities``) from the noun after the number, past a word multiplier («1,2 nghìn công chức»:
   1.200 people) (%, then ``units.csv``), else people (low). One number for several facts (``several``): «ba xã
   A, B, C, mỗi xã 4 người», «hai xã A và B cùng thiếu 8»: one fact per name, counted once per name in sums.
3. **Repeats** (``repeats``): a number of the headline or lead that the body (or, for the headline, the lead)
   prints with the same value and unit repeats it; a bounded headline number («Hơn 200») repeats the body's
   nearest count that fits the bound (low).
4. **Period** (``periods``) from a year printed right after the number («41,7% năm 2016»), else the nearest time
   phrase before the number in its sentence, else after it in the
   sentence, else carried from earlier sentences; «hiện», «đến nay» give the article's year, except inside a
   paragraph whose period already runs to the article's year; a change runs from the year it is compared with.
5. **Parent and relation** (``relations``, which sends each number to ``changes``, ``shares``, ``lists`` and
   ``splits``): a percentage printed beside a count («817 người (35,82%)», «…, đạt tỷ lệ 79,2%») is its
   ``printed_share``, and «… người với trên 65%» a share of that count; after «trong đó», «gồm», «trong số này» a
   number is within the count just before; after «trong số <words>», or in a paragraph opened by «Đối với
   <words>,», within the earlier count whose words match best; a list that adds up to an earlier count is a split
   of it; a list in the paragraph of a total (or under «Về …») is within that total; a list closed by «và» without
   a total is a split with no parent; a second list as long as such a split is read item by item; «tăng», «giảm»
   make a change of the earlier level of the same thing (or of the level it follows); a percentage with no count
   before it is a share of the count its words name, else of a whole the article does not print. «353 người trong
   tổng số gần 500» is a subset of the total after it; «đã tăng 37% (năm 2016) lên 62,5%» reads 37% as the earlier
   level (a reading), not a change; counts closed by «và» with words of their own stand side by side even when the
   later ones add up to the first (low); a subset the article goes on to profile is the whole of the later
   breakdowns; «Cùng với …» opens another kind; «268 công chức, có 19 người» puts 19 within 268. A goal («phấn
   đấu đến năm 2025 đạt 100%», ``targets``) is a ``target`` with no parent. A subset is never
   larger than its whole. Parts that add up to their parent are a split (``part``); otherwise they are subsets.
   Percentages within one whole that add up to 100 are a split of shares.
6. **Topic** (``topics``): ``rotation`` where the number's clause (or a count of its sentence) speaks of «luân
   chuyển»; ``staffing`` for «biệt phái», «điều động», «thiếu»; ``context`` for communes, other counted things,
   the whole of an «x/y» and a total whose profiled subset carries the profile; ``profile`` for a count with
   qualifications below it (a headcount) or words of a qualification; else its parent's topic, else ``context``.
   Kinds of move standing alone («biệt phái 74 …», «điều động 18 …», ``moves``) are one split ``move`` (low).
7. **Measure, term_vi, gloss_en** (``terms``; it runs before rule 6, which reads its words) from the number's
   clause and ``terms.csv``; a gloss the tables do not give is written ``[to translate] …``.

Then the attribution (``attribution``) and the keys (``keys``). The parts and year of the article come from
``structure``; the words the rules look for from ``lexicon``; the text around a number from ``clauses``.
"""

from __future__ import annotations

from articlefacts.draft.attribution import attribute
from articlefacts.draft.changes import mark_levels_of_rises
from articlefacts.draft.clauses import paragraph_of
from articlefacts.draft.keys import assign_keys
from articlefacts.draft.moves import mark_moves
from articlefacts.draft.not_data import classify_not_data
from articlefacts.draft.periods import assign_periods
from articlefacts.draft.quantities import guess_unit, number_words_in, parse_token
from articlefacts.draft.relations import Relations, mark_rest_readings
from articlefacts.draft.repeats import find_repeats
from articlefacts.draft.several import mark_several
from articlefacts.draft.structure import article_year, read_structure
from articlefacts.draft.targets import mark_targets
from articlefacts.draft.terms import assign_terms, term_words
from articlefacts.draft.time_phrases import find_time_phrases
from articlefacts.draft.tokens import HIGH, LOW, MEDIUM, Article, Token
from articlefacts.draft.topics import assign_topics
from articlefacts.reading.article import sentence_span
from articlefacts.reading.numbers import find_number_tokens


def draft_article(text: str, meta: dict | None = None) -> Article:
    """Apply the rules to a normalised article text (and its meta.json, if any): every token with its cells."""
    structure, info = read_structure(text, meta)
    year, why = article_year(info, text)
    tokens = []
    for m in sorted([*find_number_tokens(text), *number_words_in(text)], key=lambda m: m.start()):
        row = structure[(structure["start"] <= m.start()) & (m.start() < structure["end"])]
        part = row["part"].iloc[0] if len(row) else "body"
        tok = Token(m, part, paragraph_of(text, m.start()), sentence_span(text, m.start()))
        if part == "lead_repeat":
            tok.status = "skip"
        if not any(c.isdigit() for c in m.group()):
            tok.set("status", "fact", MEDIUM, f"«{m.group()}» before a noun of people: a number in words")
        tokens.append(tok)
    art = Article(text, structure, year, tokens, why)
    phrases = find_time_phrases(text, year)
    classify_not_data(art, phrases)
    for tok in art.facts():
        tok.confidence.setdefault("status", (HIGH, "a number that is not a date, a name or a label"))
        guess_unit(art, tok)
        parse_token(art, tok)
    mark_several(art)
    find_repeats(art)
    assign_periods(art, phrases)
    Relations(art).run()
    mark_targets(art)
    for tok in art.facts():
        if "relation" not in tok.confidence:
            tok.set("relation", "", LOW, "no rule applied")
    assign_terms(art)
    assign_topics(art)
    mark_moves(art)
    mark_rest_readings(art)
    mark_levels_of_rises(art)
    attribute(art)
    assign_keys(art)
    for tok in art.tokens:
        if tok.status == "repeat" and tok.repeat_of is not None:
            source = tok.repeat_of
            for cell in ("topic", "measure", "unit", "term_vi", "gloss_en", "attribution"):
                if cell != "unit":
                    setattr(tok, cell, getattr(source, cell))
            tok.term_vi = term_words(art, tok)
    return art
