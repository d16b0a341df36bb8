"""Rule 5 of ``make draft``, targets: a goal the article sets is a fact of its own kind, never a level.

«phấn đấu đến năm 2025 đạt 100%», «mục tiêu … đạt 95%»: a number after a word of aim in its sentence, with «đạt»
or «đến năm …» between, is a ``target`` (docs/input-format.md): no parent, no split, the period of the year it is
set for (the time phrase the period rule read, «đến năm 2025»).
"""

from __future__ import annotations

import re

from articlefacts.draft.tokens import MEDIUM, Article

# Words that set a goal, and the words that lead from them to the goal's figure.
AIM_WORDS = ("phấn đấu", "mục tiêu", "chỉ tiêu")
TO_FIGURE = re.compile(r"(?<!\w)(?:đạt|đến năm|tới năm|lên)(?!\w)", re.IGNORECASE)


def target_words(art: Article, tok) -> str:
    """The words from the word of aim to the number («phấn đấu đến năm 2025 đạt»), or "" when it is no target."""
    start = tok.sentence[0]
    before = art.text[start:tok.start]
    aims = list(re.finditer(r"(?<!\w)(?:" + "|".join(AIM_WORDS) + r")(?!\w)", before, re.IGNORECASE))
    if not aims:
        return ""
    tail = before[aims[-1].start():]
    if not TO_FIGURE.search(tail) or re.search(r"\d", re.sub(r"(?:19|20)\d\d", "", tail)) or ";" in tail:
        return ""
    return " ".join(tail.split())


def mark_targets(art: Article) -> None:
    """A number set as a goal is a ``target``: no parent, no split, never a level (medium: the words of aim)."""
    for tok in art.facts():
        words = target_words(art, tok)
        if not words:
            continue
        why = f"«{words}» before it: a goal the article sets, not a level"
        tok.set("relation", "target", MEDIUM, why)
        tok.set("parent", None, MEDIUM, why)
        tok.split = ""
        for other in art.facts():
            if other.parent is tok:
                other.set("parent", None, MEDIUM, f"{tok.text} is a target, not a whole")
