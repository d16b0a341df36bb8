"""Rule 5 of ``make draft``, shares: the count a percentage is a share of.

A percentage printed beside a count («817 người (35,82%)», «…, đạt tỷ lệ 79,2%») is its ``printed_share``;
«… người với trên 65%» a ``share`` of that count; «2.813/3.050 cán bộ» makes 2.813 a subset of 3.050 and a
percentage after the pair a share of 3.050; a percentage with no count before it is a share of the count its
words name, else of a whole the article does not print (``whole_vi``, ``whole_en``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from articlefacts.draft.clauses import CLAUSE_BREAK, clause_span, content_words, mask, own_noun
from articlefacts.draft.lexicon import connective_patterns, qualifiers
from articlefacts.draft.terms import gloss_for
from articlefacts.draft.tokens import HIGH, LOW, MEDIUM, Article, Token

if TYPE_CHECKING:
    from articlefacts.draft.relations import Relations


def of_total(text: str, x: Token, y: Token) -> bool:
    """«353 người trong tổng số gần 500 cán bộ»: x counted within the total y printed right after it."""
    return x.is_count and y.is_count and x.unit == y.unit and bool(re.fullmatch(
        rf"\s*[^\d,;:.()]{{0,20}}?\s*trong (?:tổng )?số\s+(?:{qualifiers()}\s+)?", text[x.end:y.start], re.IGNORECASE))


def attach_x_of_y(rel: Relations, tok: Token, toks: list[Token]) -> bool:
    """«2.813/3.050 cán bộ»: 2.813 within 3.050; a percentage after the pair is a share of 3.050. «353 người trong
    tổng số gần 500 cán bộ»: 353 within 500 alike."""
    text = rel.art.text
    after = [t for t in toks if t.start >= tok.end]
    before = [t for t in toks if t.end <= tok.start]
    if after and of_total(text, tok, after[0]):
        why = f"«{' '.join(text[tok.start:after[0].end].split())}»: {tok.text} of the total {after[0].text}"
        tok.group = rel.new_group()
        tok.set("parent", after[0], HIGH, why)
        tok.set("relation", "subset", HIGH, why)
        return True
    if before and of_total(text, before[-1], tok):
        tok.group = rel.new_group()
        tok.set("parent", None, MEDIUM, f"the total of «{before[-1].text} … trong tổng số {tok.text}»")
        tok.set("relation", "", MEDIUM, f"the total of «{before[-1].text} … trong tổng số {tok.text}»")
        return True
    if text[tok.end:tok.end + 1] == "/" and any(t.start == tok.end + 1 for t in toks):
        whole = next(t for t in toks if t.start == tok.end + 1)
        whole.unit = tok.unit = whole.unit if whole.unit != "people" or tok.unit == "people" else tok.unit
        tok.group = rel.new_group()
        tok.set("parent", whole, HIGH, f"«{tok.text}/{whole.text}»: {tok.text} of {whole.text}")
        tok.set("relation", "subset", HIGH, f"«{tok.text}/{whole.text}»: {tok.text} of {whole.text}")
        return True
    if tok.start > 0 and text[tok.start - 1] == "/" and any(t.end == tok.start - 1 for t in toks):
        tok.group = rel.new_group()
        tok.set("parent", None, MEDIUM, "the whole of an «x/y» pair")
        tok.set("relation", "", MEDIUM, "the whole of an «x/y» pair")
        return True
    return False


def attach_printed_share(rel: Relations, tok: Token, toks: list[Token]) -> bool:
    """A percentage printed beside the count just before it («817 người (35,82%)», «…, chiếm 15%»)."""
    text = rel.art.text
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
            rf"\s*{qualifiers()}?\s*$", "", between) + " "):
        tok.group = count.group if count.group >= 0 else rel.new_group()
        why = f"«với» after {count.text}: a share of the count just before"
        tok.set("parent", count, MEDIUM, why)
        tok.set("relation", "share", MEDIUM, why)
        return True
    if not cuts:
        return False
    last = cuts[-1]
    tail = between[last.end():].strip().lower()
    verb = connective_patterns()["printed_share"].fullmatch(re.sub(
        rf"\s*{qualifiers()}$", "", tail)) if tail else None
    if not (last.group() == "(" and not tail) and not verb:
        return False
    after = text[tok.end:tok.end + 3]
    if last.group() != "(" and re.match(r"\s\w", after) and not re.match(r"\s(?:và|so)\b", after):
        return False  # «…, đạt 80% cán bộ»: a percentage of its own words
    if text[count.end:count.end + 1] == "/":
        return False
    tok.group = count.group if count.group >= 0 else rel.new_group()
    if text[count.start - 1:count.start] == "/":  # «2.813/3.050 …, đạt 92,2%»: a share of 3.050
        tok.set("parent", count, HIGH, f"a percentage after «x/{count.text}»: a share of {count.text}")
        tok.set("relation", "share", HIGH, f"a percentage after «x/{count.text}»")
        return True
    why = (f"printed in brackets right after {count.text}" if last.group() == "(" else
           f"«{tail}» right after {count.text}: the percentage printed beside that count")
    tok.set("parent", count, HIGH, why)
    tok.set("relation", "printed_share", HIGH, why)
    return True


def attach_lone_share(art: Article, tok: Token) -> None:
    """A percentage with no count before it: a share of a count printed elsewhere whose words it repeats
    («57,2% số công chức xã …» in the headline, «143 công chức xã» in the body), else of a whole the
    article does not print (whole_vi from the words after or before it)."""
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
    after = re.sub(r"^\(?\s*(?:năm\s+)?(?:19|20)\d\d\s*\)?\s*", "", after)  # «41,7% năm 2016 …»: its year
    words = "" if re.match(r"(?:lên|xuống)(?!\w)", after) else re.split(
        r"\s(?:đúng|đạt|được|có|là|đã|tham gia)\s", " " + after, maxsplit=1)[0].strip()
    if not words:  # «tỷ lệ cán bộ, công chức cấp xã có trình độ … tăng từ 41,7%»: the population before «có»
        before = art.text[clause_span(art, tok)[0]:tok.start]
        found = re.search(r"[Tt]ỷ lệ\s+(.*?)\s+(?:đạt|chiếm|là|bằng|(?:đã\s+)?(?:tăng|giảm)(?:\s+từ)?)\s*$", before)
        words = re.split(r"\s(?:có|đạt|được)\s", found.group(1), maxsplit=1)[0] if found else ""
    words = " ".join(words.split()[:8])
    tok.set("relation", "share", LOW, "a percentage with no count before it")
    tok.set("whole_vi", words or "[the whole]", LOW, "the words after the percentage" if words else
            "no words for the whole found")
    tok.set("whole_en", gloss_for(words)[0] or f"[to translate] {words}", LOW, "from terms.csv" if
            gloss_for(words)[0] else "no gloss in terms.csv")
