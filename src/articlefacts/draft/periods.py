"""Rule 4 of ``make draft``: the period of each fact, from the time phrases around it.

A year printed right after the number («41,7% năm 2016», «37% (năm 2016)»), else the nearest time phrase
before the number in its sentence, else after it in the sentence, else the phrase
carried from earlier sentences, else the article's year; «hiện», «đến nay» give the article's year, except inside
a paragraph whose period already runs to it; a document's own period («Đề án … giai đoạn 2016-2020» with no
figure after it) is not carried. A change runs from the year it is compared with to the year of its level.
A repeat takes the period of the fact it repeats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from articlefacts.draft.changes import is_change
from articlefacts.draft.clauses import paragraph_of
from articlefacts.draft.lexicon import name_rules, words_re
from articlefacts.draft.time_phrases import TimePhrase
from articlefacts.draft.tokens import HIGH, LOW, MEDIUM, Article, Token
from articlefacts.reading.article import sentence_span


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
    all_sentences = sorted({t.sentence for t in art.tokens} | {sentence_span(text, p.start) for p in phrases})
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
            own = [p for p in after if p.kind == "point" and re.fullmatch(r"\s*\(?\s*", text[tok.end:p.start])]
            if own:  # «41,7% năm 2016», «37% (năm 2016)»: the year printed right after the number dates it
                tok.set("period", own[0].period, HIGH, f"«{text[own[0].start:own[0].end]}» right after it")
            elif before:
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
