"""Rule 6 of ``make draft``, moves of staff: kinds of move printed apart, with no total, are one split.

«biệt phái 74 công chức …» and, later, «điều động 18 công chức …»: two kinds of move (secondment, transfer) that
the article prints with no total are parts of one split ``move`` with no parent (docs/input-format.md), stated
together and never added up. It runs after the topics, on the ``staffing`` counts that stand alone (low: the
article does not say they are one breakdown).
"""

from __future__ import annotations

import re

from articlefacts.draft.clauses import text_of
from articlefacts.draft.tokens import LOW, Article

MOVE_WORDS = ("biệt phái", "điều động")


def mark_moves(art: Article) -> None:
    """Staffing counts of people standing alone, each with a different word of moving: parts of the split ``move``."""
    moves = {}
    for t in art.facts():
        if t.topic != "staffing" or t.unit != "people" or t.parent is not None or t.relation:
            continue
        found = re.search(r"(?<!\w)(?:" + "|".join(MOVE_WORDS) + r")(?!\w)", text_of(art, t).lower())
        if found:
            moves.setdefault(found.group(), t)
    if len(moves) < 2:
        return
    words = " and ".join(f"«{w}» {t.text}" for w, t in moves.items())
    for t in moves.values():
        t.set("relation", "part", LOW, f"{words}: kinds of move with no printed total, one split with no parent")
        t.split = "move"
