"""Rule 5 of ``make draft``, splits: which parts and shares form a split, and the split's name.

Parts that add up to their parent are a split (``part``); otherwise they stay subsets. Percentages within one
whole that add up to 100 are a split of shares. A list read as a split with no printed total is one too. The
name comes from the ``split`` column of ``terms.csv`` for the list's «Về …» header or its members' words.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from articlefacts.draft.clauses import text_of
from articlefacts.draft.quantities import adds_up, sum_of
from articlefacts.draft.terms import term_row
from articlefacts.draft.tokens import HIGH, MEDIUM, Article, Token, listing

if TYPE_CHECKING:
    from articlefacts.draft.relations import Relations


def mark_splits(rel: Relations) -> None:
    """Parts that add up to their parent are a split; percentages of one whole adding up to 100 too."""
    by_group: dict[tuple[int, int], list[Token]] = {}
    for t in rel.art.facts():
        if t.parent is not None and t.relation in ("subset", "share"):
            by_group.setdefault((id(t.parent), t.group), []).append(t)
    used: set[str] = set()
    for members in by_group.values():
        parent = members[0].parent
        counts = [t for t in members if t.relation == "subset"]
        shares = [t for t in members if t.relation == "share"]
        if len(counts) >= 2 and adds_up(counts, parent):
            name = split_name(rel.art, counts, used)
            for t in counts:
                t.set("relation", "part", HIGH, f"{listing(counts)} add up to {parent.text}: a split")
                t.set("split", name, MEDIUM, "the split's name from the words of its list")
            # a share beside parts that do not yet add up stays a share of the split («hơn 80% … còn lại»)
        if len(shares) >= 2 and all(s.value is not None for s in shares):
            total = sum_of(shares)
            if abs(total - 100) <= Decimal("0.1") * len(shares):
                name = split_name(rel.art, shares, used)
                for t in shares:
                    t.set("split", name, MEDIUM, f"{listing(shares)} add up to 100%: a split of shares")
    # lists with no parent read as a split
    for members in rel.free_splits:
        if all(t.relation == "part" and not t.split for t in members):
            name = split_name(rel.art, members, used)
            for t in members:
                t.set("split", name, MEDIUM, "the split's name from the words of its list")


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
