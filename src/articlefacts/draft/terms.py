"""Rule 7 of ``make draft``: the article's words for what each number counts, its measure and English gloss.

term_vi: the words of the number's clause that say what is counted (verbatim, so that they occur in its
sentence, as the audit wants); measure and gloss_en from the longest phrase of ``terms.csv`` (and
``political_levels.csv`` under «Về trình độ chính trị») they hold; else a name made from term_vi and the gloss
``[to translate] …``.
"""

from __future__ import annotations

import re
import unicodedata

from articlefacts.draft.changes import level_risen_from
from articlefacts.draft.clauses import clause_span, text_of
from articlefacts.draft.lexicon import connective_patterns, qualifiers, table, unit_nouns, words_re
from articlefacts.draft.tokens import LOW, MEDIUM, Article, Token
from articlefacts.reading.numbers import find_number_tokens
from articlefacts.vocab import QUALIFIERS

# Words that open a clause without saying what is counted («trong đó có 8 đồng chí»: the term is after 8).
FUNCTION_WORDS = ("trong đó", "trong số này", "trong số đó", "trong số", "gồm có", "bao gồm", "gồm", "chỉ có",
                  "hiện có", "hiện còn", "hiện", "còn", "có", "là", "đã có", "đã", "được", "với", "cho", "tại",
                  "ở", "về", "theo", "đạt tỷ lệ", "chiếm tỷ lệ", "chiếm", "đạt", "tỷ lệ", "bằng", "và", "số",
                  "ngoài ra", "đều", "thì", *QUALIFIERS)


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
    before = re.sub(rf"\s*{qualifiers()}$", "", strip_function_words(before_text))
    if tok.unit == "percent":
        rest = strip_function_words(after)
        words = rest if shared and rest else before or rest
    else:
        noun_len = len(noun.group("noun").split()) if noun else 0
        if len(after_words) > noun_len:
            words = " ".join(after_words[:12])
        elif before:
            words = before
        else:  # «thạc sĩ: 17 người»: the label before the colon
            prev = text[max(tok.sentence[0], start - 60):max(tok.sentence[0], start - 1)]
            label = re.split(r"[,;:]\s", prev)[-1] if prev else ""
            words = strip_function_words(label) or (noun.group("noun") if noun else "")
    words = " ".join(words.strip(" ,;:.()").split()[:12]).strip(" ,;:.()")
    return words if words and words in art.text[slice(*tok.sentence)] else (noun.group("noun") if noun else tok.text)


def slug(words: str) -> str:
    """«cán bộ cấp huyện» → ``can_bo_cap_huyen`` (ASCII, at most four words)."""
    folded = unicodedata.normalize("NFD", words.replace("đ", "d").replace("Đ", "D"))
    ascii_words = re.findall(r"[a-z0-9]+", "".join(c for c in folded if not unicodedata.combining(c)).lower())
    return "_".join(ascii_words[:4]) or "fact"


def assign_terms(art: Article) -> None:
    """Rule 7: term_vi, gloss_en and measure of every fact (a printed share takes its count's words, a change
    those of the level it changes or its change word)."""
    facts = art.facts()
    for t in facts:
        t.set("term_vi", term_words(art, t), LOW, "the words of its clause")
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
        elif row["measure"] == "headcount" and t.unit == "percent":  # «tỷ lệ cán bộ … có trình độ … từ đại học
            row = term_row(text_of(art, t), lambda r: r["measure"] != "headcount", sources) or row  # trở lên»
        if row is not None:
            t.set("gloss_en", row["gloss_en"], LOW, f"terms.csv: «{row['phrase']}»")
            t.set("measure", row["measure"], LOW, f"terms.csv: «{row['phrase']}»")
        else:
            t.set("gloss_en", f"[to translate] {t.term_vi}", LOW, "no entry in terms.csv: translate term_vi")
            t.set("measure", slug(t.term_vi), LOW, "no entry in terms.csv: a name from term_vi")
        if t.measure == "headcount" and (t.unit != "people" or t.parent is not None):
            t.measure = slug(t.term_vi)
    for t in facts:  # «tăng từ 41,7% … lên 68,3%»: the later level is of the same measure and whole
        risen = level_risen_from(art.text, t, facts)
        if risen is not None:
            for cell in ("term_vi", "measure", "gloss_en", "whole_vi", "whole_en"):
                t.set(cell, getattr(risen, cell), MEDIUM, f"the words of {risen.text}, the level it rises from")
