"""The figures of notebooks 02 and 03, drawn in the notebook's own cells from small tables.

Each ``draw_*`` helper takes a table with one row per bar, point or group (built by
:mod:`articlefacts.drawing.profile_charts` or :mod:`~articlefacts.drawing.rotation_charts`, which the notebook
shows) and a caption (title, subtitle, caveat, source, alt; written by the same module from the article's
facts), and returns a matplotlib ``Figure`` the cell shows. To change a chart, change its cell: a colour (a
name of :data:`~articlefacts.drawing.style.COLOURS`), the caption's ``title``, or the table's order
(``bars.sort_values("share")``), then rerun it.
:func:`save_chart` saves the figure as PNG and SVG (byte-stable) and returns it.

The figures are made through :func:`~articlefacts.drawing.style.finalise_figure` (so none lacks its title and
source line) and then closed in pyplot: the cell shows each one once, when it displays it, and a notebook
that draws many keeps none open.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from articlefacts.drawing.marks import blocks_height, plot_marks
from articlefacts.drawing.style import (
    COLOURS,
    PANEL_GAP_IN,
    PANEL_LINE_IN,
    SHARE_COLOUR,
    WIDTH_IN,
    check_glyphs,
    finalise_figure,
    heading_lines,
    panel_axes,
    plot_count_bars,
    plot_points,
    plot_share_bars,
)

# More people than this in one chart are drawn as bars: one mark each would not fit on the page.
ICON_LIMIT = 100
BAR_ROW_IN = 0.55
MARKS_FOOT_IN = 0.3  # under marks, which have no axis labels: the gap before the caveat
MARKS_LEFT, MARKS_RIGHT = 0.02, 0.97  # the marks' blocks span the width the title and footer lines take


def new_figure(cap: dict, plot_height: float, axis_in: float = 0.55):
    """A figure carrying ``cap`` (title, subtitle, caveat, source) around a plot of ``plot_height`` inches (with
    ``axis_in`` under it for axis labels), detached from pyplot (it is shown when the cell displays it, never
    twice). Returns ``(fig, ax)``."""
    fig, ax = finalise_figure(plot_height, cap["title"], cap["subtitle"], cap["source"], cap["caveat"], axis_in)
    plt.close(fig)
    return fig, ax


def draw_share_panels(bars: pd.DataFrame, cap: dict, colour: str = SHARE_COLOUR) -> Figure:
    """Horizontal bars of shares on a 0–100% frame, one panel per value of ``panel``, in the order the panels
    first appear and the bars in the table's order.

    ``bars`` columns: panel (its heading), label, share (percent), low and high (the range a share printed as a
    bound can lie in, drawn hatched; equal to share otherwise), text (the value and people beside the bar), and
    optionally printed (a printed share that disagrees with its count: a dashed tick there; empty otherwise).
    ``colour`` names a colour of :data:`~articlefacts.drawing.style.COLOURS`. Returns the figure.
    """
    panels = list(bars.groupby("panel", sort=False))
    sizes = [BAR_ROW_IN * len(rows) + 0.1 for _, rows in panels]
    headings = [heading for heading, _ in panels]
    room = sum(PANEL_GAP_IN + PANEL_LINE_IN * heading_lines(h) for h in headings[1:])
    fig, ax = new_figure(cap, sum(sizes) + room + PANEL_LINE_IN * heading_lines(headings[0]))
    fig.subplots_adjust(left=0.33, top=fig.subplotpars.top - PANEL_LINE_IN * heading_lines(headings[0])
                        / fig.get_figheight())
    axes = panel_axes(fig, ax, sizes, headings) if len(panels) > 1 else [ax]
    for (heading, rows), axis in zip(panels, axes, strict=True):
        plot_share_bars(axis, [{"label": r["label"], "share": r["share"], "range": (r["low"], r["high"]),
                                "printed": r["printed"] if pd.notna(r.get("printed")) else None, "text": r["text"]}
                               for _, r in rows.iterrows()], colour=colour, heading=heading)
    return fig


def draw_year_points(points: pd.DataFrame, cap: dict, colour: str = SHARE_COLOUR) -> Figure:
    """Each year's share as its own labelled point on a 0–100% axis, with no line or arrow between years.

    ``points`` columns: label (year and who is counted), share (percent), text (the share as printed).
    ``colour`` names a colour of :data:`~articlefacts.drawing.style.COLOURS`. Returns the figure.
    """
    fig, ax = new_figure(cap, 2.2)
    plot_points(ax, [{**r, "colour": colour} for r in points[["label", "share", "text"]].to_dict("records")])
    fig.subplots_adjust(left=0.35)
    return fig


def flag(value) -> bool:
    """A table cell read as yes or no: missing (None, NaN) is no."""
    return value is not None and value == value and bool(value)


def draw_marks(marks: pd.DataFrame, cap: dict, marker: str = "o") -> Figure:
    """The groups of a split or a subset: one mark per member (``marker``) when they hold :data:`ICON_LIMIT` or
    fewer, each group a block of its own, its label over its marks (:mod:`articlefacts.drawing.marks`), the
    figure as tall as the blocks; else one bar per group on one scale from 0.

    ``marks`` columns: label (name and count), name, shown (the count as printed), count, colour (a name of
    :data:`~articlefacts.drawing.style.COLOURS`, or grey), inner (members of a reported subset of the group,
    starred or drawn darker; 0 for none) and inner_label; optionally approx (True where the count is printed
    as an approximation: open marks) and apart (True on every row when the groups are counts printed side by
    side with no whole: set apart, a rule between them). Returns the figure.
    """
    rows = [{**r, "approx": flag(r.get("approx")), "apart": flag(r.get("apart"))} for r in marks.to_dict("records")]
    if sum(r["count"] for r in rows) <= ICON_LIMIT:
        apart = bool(rows) and all(r["apart"] for r in rows)
        width_in = WIDTH_IN * (MARKS_RIGHT - MARKS_LEFT)
        fig, ax = new_figure(cap, blocks_height(rows, width_in, apart), MARKS_FOOT_IN)
        fig.subplots_adjust(left=MARKS_LEFT, right=MARKS_RIGHT)  # the labels line up with the title
        plot_marks(ax, rows, COLOURS, marker=marker, apart=apart)
        return fig
    bars = [{"label": r["name"], "count": r["count"], "colour": r["colour"], "inner": r["inner"],
             "inner_label": r["inner_label"], "text": r["shown"], "approx": r["approx"]} for r in rows]
    legend_in = 0.3 * sum(1 for r in bars if r["inner"])
    fig, ax = new_figure(cap, BAR_ROW_IN * len(bars) + 0.5 + legend_in)
    fig.subplots_adjust(left=0.36, bottom=fig.subplotpars.bottom + (legend_in + 0.3) / fig.get_figheight())
    plot_count_bars(ax, bars)
    return fig


def save_chart(fig: Figure, folder: str | Path, name: str, sources: dict[str, str] | None = None) -> Figure:
    """Save ``fig`` as ``folder/name.png`` and ``.svg`` (:func:`articlefacts.outputs.save_figure`) and return it,
    so that the cell shows what it saved.

    Raises :class:`~articlefacts.errors.ArticleFactsError` before anything is written if the figure holds a
    character its fonts cannot draw (:func:`~articlefacts.drawing.style.check_glyphs`); ``sources`` (where each
    text came from → the text, :func:`articlefacts.telling.display.figure_sources`) lets the message name the
    input that holds it.
    """
    from articlefacts.outputs import save_figure

    check_glyphs(fig, name, sources or {})
    save_figure(fig, folder, name)
    return fig
