"""One mark per member: each group a block of its own, its label over its marks, laid out in inches.

A group's block is its label (name and count, wrapped to the plot's width), the line that explains its starred
members if it has any, then its marks in rows of :data:`PER_ROW` (two tens, a small gap between them, so a row
is counted at a glance). Blocks stand one under another; counts the article prints side by side with no whole
(``apart``) are set further apart with a rule between them, so they read as separate counts, never one block.
The axes are measured in inches (x from 0 to the plot's width, y from 0 down to its height), so a mark is round
and the figure is exactly as tall as its blocks: no legend, no empty column beside the marks.

A group whose count the article prints as an approximation («khoảng 90») is drawn in open marks, so that it
does not look like an exact count; its label says so ("about 90 (≈)").
"""

from __future__ import annotations

from articlefacts.drawing.labels import INK
from articlefacts.drawing.wrap import nfc, wrap_measured

PER_ROW = 20  # marks to a row: two tens
CELL_IN = 0.3  # the square each mark sits in
TENS_GAP_IN = 0.15  # between the two tens of a row
LABEL_SIZE = 9.5
LINE_IN = 0.2  # a line of a label
LABEL_GAP_IN = 0.06  # between a label and its marks
GROUP_GAP_IN = 0.22  # between two groups of one whole
APART_GAP_IN = 0.42  # between two counts printed side by side with no whole (a rule in the middle)
MARK_SIZE = 240  # points squared: a mark about three quarters of its cell
RULE = "#bbbbbb"


def row_count(count: int, per_row: int = PER_ROW) -> int:
    """How many rows ``count`` marks take (at least one: a group of none still has its row)."""
    return max(1, -(-count // per_row))


def mark_x(k: int, per_row: int = PER_ROW) -> float:
    """The centre (inches from the left) of the ``k``-th mark of a row: the second ten after a small gap."""
    col = k % per_row
    return CELL_IN / 2 + col * CELL_IN + (TENS_GAP_IN if col >= 10 else 0)


def label_lines(text: str, width_in: float) -> list[str]:
    """``text`` wrapped to ``width_in`` inches at the labels' size (measured)."""
    return wrap_measured(text, width_in, LABEL_SIZE) if text else []


def block_lines(group: dict, width_in: float) -> tuple[list[str], list[str]]:
    """The wrapped label of a group and the wrapped line that explains its starred members (empty if none)."""
    inner = label_lines(group["inner_label"], width_in - 0.3) if group.get("inner") else []
    return label_lines(group["label"], width_in), inner


def blocks_height(groups: list[dict], width_in: float, apart: bool = False) -> float:
    """Inches the blocks of ``groups`` take (see :func:`plot_marks`)."""
    height = 0.0
    for i, group in enumerate(groups):
        label, inner = block_lines(group, width_in)
        height += LINE_IN * (len(label) + len(inner)) + LABEL_GAP_IN + CELL_IN * row_count(group["count"])
        if i < len(groups) - 1:
            height += APART_GAP_IN if apart else GROUP_GAP_IN
    return height


def plot_marks(ax, groups: list[dict], colours: dict[str, str], marker: str = "o", apart: bool = False) -> None:
    """Draw ``groups`` on ``ax`` as blocks of marks (the module's docstring), the axes taken as inches.

    ``groups``: dicts with label (name and count), count, colour (a key of ``colours``, name → hex), inner
    (members starred: a reported subset; 0 for none), inner_label, and optionally approx (True: the count is
    printed as an approximation, drawn in open marks). ``apart``: the groups are counts side by side with no
    whole. Call it once the axes are in place; it sets their limits to the axes' size in inches.
    """
    fig = ax.figure
    box = ax.get_position()
    width_in, height_in = box.width * fig.get_figwidth(), box.height * fig.get_figheight()
    ax.set_xlim(0, width_in)
    ax.set_ylim(height_in, 0)
    ax.axis("off")
    y = 0.0
    for i, group in enumerate(groups):
        label, inner = block_lines(group, width_in)
        ax.text(0, y, nfc("\n".join(label)), va="top", ha="left", fontsize=LABEL_SIZE, color=INK,
                linespacing=1.25)
        y += LINE_IN * len(label)
        colour = colours[group["colour"]]
        open_marks = bool(group.get("approx"))
        face = "white" if open_marks else colour
        if inner:
            ax.scatter([CELL_IN / 2], [y + LINE_IN / 2], s=MARK_SIZE * 0.5, marker=marker, color=colour,
                       edgecolor="white", linewidth=1)
            ax.scatter([CELL_IN / 2], [y + LINE_IN / 2], s=MARK_SIZE * 0.2, marker="*", color="white", zorder=3)
            ax.text(0.3, y, nfc("\n".join(inner)), va="top", ha="left", fontsize=LABEL_SIZE, color=INK,
                    linespacing=1.25)
            y += LINE_IN * len(inner)
        y += LABEL_GAP_IN
        count = int(group["count"])
        xs = [mark_x(k) for k in range(count)]
        ys = [y + CELL_IN / 2 + (k // PER_ROW) * CELL_IN for k in range(count)]
        ax.scatter(xs, ys, s=MARK_SIZE, marker=marker, facecolor=face, edgecolor=colour if open_marks else "white",
                   linewidth=1.5)
        starred = int(group.get("inner") or 0)
        if starred:
            star = colour if open_marks else "white"  # a white star on an open mark would not show
            ax.scatter(xs[:starred], ys[:starred], s=MARK_SIZE * 0.4, marker="*", color=star, zorder=3)
        y += CELL_IN * row_count(count)
        if i < len(groups) - 1:
            if apart:
                ax.plot([0, width_in], [y + APART_GAP_IN / 2] * 2, color=RULE, linewidth=0.8)
            y += APART_GAP_IN if apart else GROUP_GAP_IN
