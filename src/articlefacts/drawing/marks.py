"""One mark per member: each group a block of its own, its label over its marks, laid out in inches.

A group's block is its label (name and count, wrapped to the plot's width), the line that explains its starred
members if it has any, then its marks in rows of :data:`PER_ROW` (two tens, a small gap between them, so a row
is counted at a glance); a group that fits on one row of the plot's width takes one row, a gap after each ten
(21 is two tens and one, never a mark alone on a second row: :func:`per_row`). Blocks stand one under another;
counts the article prints side by side with no whole (``apart``) are set further apart with a rule between them,
so they read as separate counts, never one block.
The axes are measured in inches (x from 0 to the plot's width, y from 0 down to its height), so a mark is round
and the figure is exactly as tall as its blocks: no legend, no empty column beside the marks.

A group whose count the article prints as an approximation («khoảng 90») is drawn in open marks, so that it
does not look like an exact count; its label says so ("about 90 (≈)").
"""

from __future__ import annotations

from articlefacts.drawing.labels import INK
from articlefacts.drawing.wrap import nfc, text_width, wrap_measured

PER_ROW = 20  # marks to a row: two tens
CELL_IN = 0.3  # the square each mark sits in
TENS_GAP_IN = 0.15  # between the two tens of a row
LABEL_SIZE = 9.5
LINE_IN = 0.2  # a line of a label
LABEL_GAP_IN = 0.06  # between a label and its marks
GROUP_GAP_IN = 0.22  # between two groups of one whole
APART_GAP_IN = 0.42  # between two counts printed side by side with no whole (a rule in the middle)
INLINE_MAX = 10  # groups of ten or fewer, with no starred members, sit on one line each: label, then marks
INLINE_GAP_IN = 0.12  # between two such lines
MARK_SIZE = 240  # points squared: a mark about three quarters of its cell
RULE = "#bbbbbb"


def row_count(count: int, per_row: int = PER_ROW) -> int:
    """How many rows ``count`` marks take (at least one: a group of none still has its row)."""
    return max(1, -(-count // per_row))


def mark_x(k: int, per_row: int = PER_ROW) -> float:
    """The centre (inches from the left) of the ``k``-th mark of a row: each ten after a small gap."""
    col = k % per_row
    return CELL_IN / 2 + col * CELL_IN + TENS_GAP_IN * (col // 10)


def per_row(count: int, width_in: float) -> int:
    """Marks to a row for a group of ``count`` in a plot ``width_in`` inches wide: all of them when they fit on
    one row (up to 24 on the house style's plot), else :data:`PER_ROW`."""
    return count if count > PER_ROW and mark_x(count - 1, count) + CELL_IN / 2 <= width_in else PER_ROW


def label_lines(text: str, width_in: float) -> list[str]:
    """``text`` wrapped to ``width_in`` inches at the labels' size (measured)."""
    return wrap_measured(text, width_in, LABEL_SIZE) if text else []


def block_lines(group: dict, width_in: float) -> tuple[list[str], list[str]]:
    """The wrapped label of a group and the wrapped line that explains its starred members (empty if none)."""
    inner = label_lines(group["inner_label"], width_in - 0.3) if group.get("inner") else []
    return label_lines(group["label"], width_in), inner


def label_column(groups: list[dict], width_in: float) -> float:
    """The width in inches of the labels' column when every group fits on one line beside its label (ten marks or
    fewer, none starred), else 0 (each label over its marks)."""
    if not groups or any(g["count"] > INLINE_MAX or g.get("inner") for g in groups):
        return 0.0
    room = width_in - mark_x(INLINE_MAX - 1) - CELL_IN
    return min(max(text_width(g["label"], LABEL_SIZE) for g in groups) + 0.2, room)


def group_height(group: dict, width_in: float, column: float) -> float:
    """Inches one group takes: its label's lines and its rows (beside each other when ``column`` is set)."""
    if column:
        return max(LINE_IN * len(label_lines(group["label"], column - 0.2)), CELL_IN)
    label, inner = block_lines(group, width_in)
    return LINE_IN * (len(label) + len(inner)) + LABEL_GAP_IN + CELL_IN * row_count(
        group["count"], per_row(group["count"], width_in))


def blocks_height(groups: list[dict], width_in: float, apart: bool = False) -> float:
    """Inches the blocks of ``groups`` take (see :func:`plot_marks`)."""
    column = label_column(groups, width_in)
    gap = APART_GAP_IN if apart else INLINE_GAP_IN if column else GROUP_GAP_IN
    return sum(group_height(g, width_in, column) for g in groups) + gap * (len(groups) - 1)


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
    column = label_column(groups, width_in)
    gap = APART_GAP_IN if apart else INLINE_GAP_IN if column else GROUP_GAP_IN
    y = 0.0
    for i, group in enumerate(groups):
        colour = colours[group["colour"]]
        open_marks = bool(group.get("approx"))
        face = "white" if open_marks else colour
        count = int(group["count"])
        if column:  # the label, then the marks on the same line, centred on the label's lines
            lines = label_lines(group["label"], column - 0.2)
            tall = group_height(group, width_in, column)
            ax.text(0, y + tall / 2, nfc("\n".join(lines)), va="center", ha="left", fontsize=LABEL_SIZE, color=INK,
                    linespacing=1.25)
            ax.scatter([column + mark_x(k) for k in range(count)], [y + tall / 2] * count, s=MARK_SIZE,
                       marker=marker, facecolor=face, edgecolor=colour if open_marks else "white", linewidth=1.5)
            y += tall
        else:
            label, inner = block_lines(group, width_in)
            ax.text(0, y, nfc("\n".join(label)), va="top", ha="left", fontsize=LABEL_SIZE, color=INK,
                    linespacing=1.25)
            y += LINE_IN * len(label)
            if inner:
                ax.scatter([CELL_IN / 2], [y + LINE_IN / 2], s=MARK_SIZE * 0.5, marker=marker, color=colour,
                           edgecolor="white", linewidth=1)
                ax.scatter([CELL_IN / 2], [y + LINE_IN / 2], s=MARK_SIZE * 0.2, marker="*", color="white", zorder=3)
                ax.text(0.3, y, nfc("\n".join(inner)), va="top", ha="left", fontsize=LABEL_SIZE, color=INK,
                        linespacing=1.25)
                y += LINE_IN * len(inner)
            y += LABEL_GAP_IN
            row = per_row(count, width_in)
            xs = [mark_x(k, row) for k in range(count)]
            ys = [y + CELL_IN / 2 + (k // row) * CELL_IN for k in range(count)]
            ax.scatter(xs, ys, s=MARK_SIZE, marker=marker, facecolor=face, edgecolor=colour if open_marks else "white",
                       linewidth=1.5)
            starred = int(group.get("inner") or 0)
            if starred:
                star = colour if open_marks else "white"  # a white star on an open mark would not show
                ax.scatter(xs[:starred], ys[:starred], s=MARK_SIZE * 0.4, marker="*", color=star, zorder=3)
            y += CELL_IN * row_count(count, row)
        if i < len(groups) - 1:
            if apart:
                ax.plot([0, width_in], [y + APART_GAP_IN / 2] * 2, color=RULE, linewidth=0.8)
            y += gap
