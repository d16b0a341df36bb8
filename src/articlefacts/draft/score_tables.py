"""The Markdown tables ``make draft-score`` prints (:mod:`articlefacts.draft.score`): agreement per article and
pooled per group, and the tokens needing no edit by the draft's own confidence."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from articlefacts.draft.score import Score


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def table(scores: list[Score], cells_scored: tuple[str, ...]) -> str:
    """A Markdown table: one row per article (its cells ``cells_scored``), then one pooled row per group and one
    for all."""
    lines = ["| article | group | tokens | cells right | tokens needing no edit | "
             + " | ".join(cells_scored) + " |", "|---|---|---:|---:|---:|" + "---:|" * len(cells_scored)]

    def row(label: str, group: str, chosen: list[Score]) -> str:
        cells, right = Counter(), Counter()
        for s in chosen:
            cells.update(s.cells)
            right.update(s.right)
        n_cells, n_right = sum(cells.values()), sum(right.values())
        tokens, no_edit = sum(s.n_tokens for s in chosen), sum(s.n_no_edit for s in chosen)
        return (f"| {label} | {group} | {tokens} | {percent(n_right, n_cells)} ({n_right}/{n_cells}) | "
                f"{percent(no_edit, tokens)} ({no_edit}/{tokens}) | "
                + " | ".join(percent(right[c], cells[c]) for c in cells_scored) + " |")

    lines += [row(s.name, s.group, [s]) for s in scores]
    for group in dict.fromkeys(s.group for s in scores):
        lines.append(row(f"**pooled: {group}**", group, [s for s in scores if s.group == group]))
    lines.append(row("**pooled: all**", "all", scores))
    return "\n".join(lines)


def confidence_table(scores: list[Score]) -> str:
    """A Markdown table: per group, for each confidence the draft gives, its tokens and how many need no edit."""
    levels = sorted({level for s in scores for level in s.by_level}, key=lambda v: (
        ("high", "medium", "low", "none").index(v) if v in ("high", "medium", "low", "none") else 9))
    lines = ["| group | " + " | ".join(f"{level}: tokens needing no edit" for level in levels) + " |",
             "|---|" + "---:|" * len(levels)]
    for group in [*dict.fromkeys(s.group for s in scores), "all"]:
        chosen = [s for s in scores if group in ("all", s.group)]
        tokens, right = Counter(), Counter()
        for s in chosen:
            tokens.update(s.by_level)
            right.update(s.no_edit_by_level)
        lines.append(f"| {group} | " + " | ".join(
            f"{percent(right[v], tokens[v])} ({right[v]}/{tokens[v]})" for v in levels) + " |")
    return "\n".join(lines)
