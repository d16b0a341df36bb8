"""Rule 5 of ``make draft``, changes: a number after «tăng», «giảm» is a change, and of which level.

«giảm 21 người», «tăng 21% so với năm 2015»: a change of the earlier level of the same thing (the earlier
figure whose words match those of the level it follows), else of the level it follows.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from articlefacts.draft.clauses import clause_words, text_of
from articlefacts.draft.lexicon import connective_patterns, qualifiers
from articlefacts.draft.tokens import HIGH, LOW, MEDIUM, Token
from articlefacts.reading.article import line_span

if TYPE_CHECKING:
    from articlefacts.draft.relations import Relations


# «đã tăng 37% (năm 2016) lên 62,5%»: the number after «tăng» is dated and followed by «lên»: the earlier level
DATED_THEN_UP = re.compile(r"\s*\(?\s*(?:năm\s+)?(?:19|20)\d\d\s*\)?\s*lên(?!\w)", re.IGNORECASE)


def is_change(text: str, tok: Token) -> bool:
    """Whether a change word of connectives.csv («tăng», «giảm») stands right before the number («giảm 21 người»,
    «tăng thêm 5%», «tăng hơn 1.100»), and the number is not the dated earlier level of «tăng … lên …»
    (:func:`level_of_rise`)."""
    if level_of_rise(text, tok):
        return False
    return change_word_before(text, tok)


def change_word_before(text: str, tok: Token) -> bool:
    close = text[max(line_span(text, tok.start)[0], tok.start - 30):tok.start]
    words = connective_patterns()["change"].pattern
    return bool(re.search(rf"{words}(?: thêm| đi| xuống| lên)?(?: {qualifiers()})?\s+$",
                          close, re.IGNORECASE))


def level_of_rise(text: str, tok: Token) -> str:
    """The words «tăng 37% (năm 2016) lên» when the number, after a change word, is dated and followed by «lên»:
    a change printed as its two levels with «từ» left out, the number being the earlier level; else ""."""
    after = DATED_THEN_UP.match(text, tok.end)
    if not after or not change_word_before(text, tok):
        return ""
    word = list(connective_patterns()["change"].finditer(text, max(0, tok.start - 30), tok.start))[-1]
    return " ".join(text[word.start():after.end()].split())


def level_risen_from(text: str, tok: Token, toks: list[Token]) -> Token | None:
    """«tăng từ 41,7% năm 2016 lên 68,3%», «đã tăng 37% (năm 2016) lên 62,5%»: the earlier level of the later one
    (the percentage before «(năm …) lên» in its sentence), or None."""
    earlier = [t for t in toks if t.sentence == tok.sentence and t.end <= tok.start and t.unit == tok.unit]
    between = text[earlier[-1].end:tok.start] if earlier else ""
    if earlier and re.fullmatch(r"\s*(?:\(?\s*(?:năm\s+)?(?:19|20)\d\d\s*\)?\s*)?lên\s*", between, re.IGNORECASE):
        return earlier[-1]
    return None


def mark_levels_of_rises(art) -> None:
    """«đã tăng 37% (năm 2016) lên 62,5% (năm 2020)»: the 37% is read as the level of 2016, not a rise of 37%; the
    words are its reading, and the reading lowers its relation's confidence to medium."""
    for tok in art.facts():
        words = level_of_rise(art.text, tok)
        if words:
            tok.reading = words
            tok.confidence["relation"] = (MEDIUM, f"«{words}»: read as the earlier level («từ» left out), not a "
                                                  "change")


def attach_change(rel: Relations, tok: Token, toks: list[Token]) -> None:
    """«giảm 21 người», «tăng 21% so với năm 2015»: a change of the level it follows, from an earlier level."""
    art = rel.art
    tok.group = rel.new_group()
    word = list(connective_patterns()["change"].finditer(art.text, max(0, tok.start - 30), tok.start))[-1].group()
    tok.set("relation", "change", HIGH, f"«{word}» before the number: a change, not a level")
    level = [t for t in toks if t.start < tok.start and t.relation != "change"]
    subject = level[-1] if level else None
    same_unit = [t for t in level if t.unit == tok.unit]
    earlier = [t for t in rel.seen if t.period != tok.period.split("–")[-1] and t.relation != "change"
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
        matches = sorted(((len(mine & clause_words(art, t)), t.start, t) for t in rel.seen
                          if t.relation != "change"), key=lambda m: m[:2])
        if matches and matches[-1][0] >= 2:
            tok.set("parent", matches[-1][2], LOW, f"the earlier figure whose words its clause shares most "
                                                   f"({matches[-1][2].text})")
        else:
            tok.set("parent", None, LOW, "no level printed beside it: a change with no parent")
