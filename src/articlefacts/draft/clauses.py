"""Where a number stands in the article's text: its paragraph and clause, and the words around it (its sentence
is :func:`articlefacts.reading.article.sentence_span`, as the pipeline cuts sentences).

Every rule of ``make draft`` that reads words near a number reads them through these: the words before it on its
line, its clause (between , ; : and brackets, the commas of phrases such as «cán bộ, công chức» kept), the
content words of a passage (no stop words), and whether the words before it introduce a total.
"""

from __future__ import annotations

import re

from articlefacts.draft.lexicon import masked_phrases, qualifiers
from articlefacts.draft.tokens import Article, Token
from articlefacts.reading.article import line_span
from articlefacts.reading.numbers import find_number_tokens

STOP_WORDS = {"các", "của", "đã", "có", "là", "những", "này", "đó", "thì", "trong", "số", "và"}
CLAUSE_BREAK = re.compile(r"[,;:](?=\s)|[()]")
TOTAL_INTRODUCERS = ("có", "gồm", "gồm có", "tổng số", "tổng cộng", "toàn bộ")


def paragraph_of(text: str, offset: int) -> int:
    """The number of the line holding ``offset``."""
    return text.count("\n", 0, offset)


def words_before(text: str, at: int, n: int = 3) -> list[str]:
    """The ``n`` words before offset ``at`` on its line, lower-cased and stripped of punctuation."""
    start, _ = line_span(text, at)
    return [w.strip(",.;:()«»\"'").lower() for w in text[start:at].split()][-n:]


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


def text_of(art: Article, tok: Token) -> str:
    start, end = clause_span(art, tok)
    return " ".join(art.text[start:end].split())


def introduced_as_total(art: Article, tok: Token) -> bool:
    """Whether the words right before the number introduce a total («có 405», «gồm có 2.281», «tổng số 37»)."""
    before = " ".join(words_before(art.text, tok.start, 3))
    return any(re.search(rf"(?<!\w){w}(?:\s+{qualifiers()})?$", before) for w in TOTAL_INTRODUCERS)
