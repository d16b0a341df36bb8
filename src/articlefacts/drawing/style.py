"""Chart helpers: one house style, one finishing step that stamps title, source and caveat."""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import seaborn as sns
from matplotlib.transforms import blended_transform_factory

from articlefacts.drawing.labels import (  # noqa: F401 (INSIDE_TEXT: the colour's home)
    FOOTER_LINE_IN,
    FOOTER_SIZE,
    INK,
    INSIDE_TEXT,
    TEXT_WIDTH_IN,
    add_footnote,
    label_bar,
)
from articlefacts.drawing.legible import check_glyphs, font_files, missing_glyphs  # noqa: F401 (their old home)
from articlefacts.drawing.wrap import BREAK_BEFORE, VIETNAMESE_LETTERS, nfc, wrap_balanced, wrap_measured  # noqa: F401
from articlefacts.drawing.wrap import text_width as wrap_text_width

# Colours for marks that carry data: Okabe–Ito's blue, vermillion, bluish green and reddish purple, Paul Tol's
# indigo, wine, olive, rose and purple (plum), and darker teal, brown, violet and rust for articles with many
# splits; all at least 3:1 against white (WCAG 2.2, 1.4.11). Okabe–Ito's orange, sky blue and yellow are not,
# and are not used. The first ones are the safest for the common forms of colour blindness.
# Grey (#767676, 4.5:1) is kept for "the others, not reported". Text is INK or MUTED (4.5:1 or more).
COLOURS = {
    "blue": "#0072B2", "vermillion": "#D55E00", "green": "#009E73", "purple": "#CC79A7",
    "indigo": "#332288", "wine": "#882255", "olive": "#999933", "rose": "#CC6677", "teal": "#00796B",
    "brown": "#8C510A", "violet": "#6A3D9A", "plum": "#AA4499", "rust": "#B15928", "grey": "#767676",
}
# Blue is for shares (the profile bars and the points of two years); the parts of rotation splits and subsets
# take the other colours in this order, each split the next ones, so that no two charts that must not be read
# together share a colour for different things. Grey is "the others, not reported" everywhere.
SHARE_COLOUR = "blue"
SERIES = ("vermillion", "green", "purple", "indigo", "wine", "olive", "rose", "teal", "brown", "violet", "plum", "rust")
# Text drawn inside a bar is white (INSIDE_TEXT), and only on the share colour (white on blue is 5.2:1); other
# text is INK or MUTED.
MUTED = "#555555"
BACKGROUND = "#FFFFFF"
WIDTH_IN = 8.0
# The page is laid out here in inches (head, plot, foot, stacked panels), not by matplotlib's constrained layout:
# that layout does not wrap text, leaves the fig.text head and foot lines out, does not manage the panels'
# add_axes, and would shrink the bars to make room rather than make the figure taller. What it does better,
# measuring text, is used instead: every line is wrapped by its measured width, every label measured before it
# is placed (articlefacts.drawing.labels), and the result checked as drawn (articlefacts.drawing.legible).
# Text is wrapped to a width in inches, measured in its own font and size (articlefacts.drawing.wrap):
# the lines of the head and foot span the figure; a panel heading spans the bars' axes (left 0.33 to 0.97 of
# the width); a bar's or point's label the room left of its axes; a legend the width from its marks.
FONT = {"title": (13, "bold"), "subtitle": (10, "normal"), "footer": (FOOTER_SIZE, "normal"),
        "legend": (9.5, "normal"), "panel": (10, "bold"), "label": (10, "normal")}
WRAP_IN = {"title": TEXT_WIDTH_IN, "subtitle": TEXT_WIDTH_IN, "footer": TEXT_WIDTH_IN, "legend": 6.4,
           "panel": WIDTH_IN * (0.97 - 0.33), "label": 2.3}
BALANCED = ("title", "panel")  # short texts whose last line should not hold a word alone
LINE_IN = {"title": 0.26, "subtitle": 0.2, "footer": FOOTER_LINE_IN}
PANEL_GAP_IN, PANEL_LINE_IN = 0.2, 0.22


# The font stack: DejaVu Sans draws the PNGs (it ships with matplotlib and has every Vietnamese diacritic);
# an SVG keeps its text as text and names the whole stack, so a reader's browser falls back in this order.
FONT_STACK = ("DejaVu Sans", "Noto Sans", "Arial", "Helvetica")


def setup_style() -> None:
    """Seaborn's white grid with :data:`FONT_STACK`, and SVGs that are stable and keep their text as text
    (``svg.fonttype`` none: it can be selected, searched and translated).

    The style starts from matplotlib's built-in defaults (``matplotlib.rcdefaults``), not from whatever rc
    file matplotlib read at import (a ``matplotlibrc`` in the notebook's folder, ``$MATPLOTLIBRC``, the
    user's ``~/.config/matplotlib``), so a figure depends on the code alone. ``rcdefaults`` leaves the
    backend and the time zone alone; the time zone is set here.
    """
    mpl.rcdefaults()
    sns.set_theme(style="whitegrid", font="sans-serif", rc={
        "font.sans-serif": list(FONT_STACK), "svg.hashsalt": "articlefacts", "svg.fonttype": "none",
        "axes.edgecolor": "#cccccc", "figure.dpi": 100, "savefig.dpi": 150, "text.color": INK,
        "axes.labelcolor": INK, "timezone": "UTC",
    })


def wrapped(text: str, kind: str, width_in: float | None = None) -> list[str]:
    """``text`` wrapped for its place on the figure (a key of :data:`FONT`), to ``width_in`` inches or the
    width of that place (:data:`WRAP_IN`), measured in its font; a title or a panel's heading in lines of even
    length (:data:`BALANCED`)."""
    size, weight = FONT[kind]
    wrap = wrap_balanced if kind in BALANCED else wrap_measured
    return wrap(text, width_in or WRAP_IN[kind], size, weight) if text else []


def tick_labels(rows, width_in: float = WRAP_IN["label"]) -> list[str]:
    """The rows' ``label`` as tick labels, each wrapped to ``width_in`` inches."""
    return ["\n".join(wrapped(r["label"], "label", width_in)) for r in rows]


def finalise_figure(plot_height: float, title: str, subtitle: str, source: str, caveat: str = "",
                    axis_in: float = 0.55):
    """A new figure carrying the finding as title, what is measured as subtitle, the caveat and the source.

    Every chart in the project is made through this helper, so none can lose its source line. The
    figure is sized so that the title, subtitle and footer lines, wrapped by their measured width
    (:func:`wrapped`), fit around a plot of ``plot_height`` inches, with ``axis_in`` inches under the plot for its
    axis labels (less for a plot without an axis). Returns ``(fig, ax)``; ``fig.captions``
    holds the texts, ``fig.footer_texts`` the footer's Text objects, the source line last (``fig.source_lines``
    lines of them).
    """
    footer = [caveat, source] if caveat else [source]
    head = [("title", line) for line in wrapped(title, "title")] + \
           [("subtitle", line) for line in wrapped(subtitle, "subtitle")]
    foot = [line for text in footer for line in wrapped(text, "footer")]
    head_in = 0.2 + sum(LINE_IN[k] for k, _ in head) + 0.25
    foot_in = axis_in + LINE_IN["footer"] * len(foot)
    height = plot_height + head_in + foot_in
    fig, ax = plt.subplots(figsize=(WIDTH_IN, height))
    fig.captions = {"title": nfc(title), "subtitle": nfc(subtitle), "footer": [nfc(f) for f in footer]}
    fig.subplots_adjust(left=0.06, right=0.97, top=1 - head_in / height, bottom=foot_in / height)
    y = 1 - 0.2 / height
    for kind, line in head:
        fig.text(0.02, y, line, ha="left", va="top", fontsize=FONT[kind][0], fontweight=FONT[kind][1],
                 color=INK if kind == "title" else MUTED)
        y -= LINE_IN[kind] / height
    y = (0.12 + LINE_IN["footer"] * len(foot)) / height
    fig.footer_texts = []  # the footer's lines, the source last (articlefacts.drawing.labels.add_footnote)
    fig.source_lines = len(wrapped(source, "footer"))  # a long headline wraps the source over several lines
    for i, line in enumerate(foot):
        fig.footer_texts.append(fig.text(0.02, y, line, ha="left", va="top", fontsize=FOOTER_SIZE,
                                         color=INK if i < len(foot) - fig.source_lines else MUTED,
                                         style="italic" if i < len(foot) - fig.source_lines else "normal"))
        y -= LINE_IN["footer"] / height
    return fig, ax


def plot_points(ax, rows) -> None:
    """Each year's share as its own labelled point on a 0–100 axis, with no line or arrow between years.

    ``rows``: dicts with label (year and who is counted), share (0–100), text (the share as printed), colour.
    """
    ax.set_xlim(0, 100)
    ax.set_ylim(len(rows) - 0.4, -0.6)
    for i, r in enumerate(rows):
        ax.scatter(r["share"], i, s=170, color=COLOURS[r["colour"]], zorder=3, edgecolor="white")
        ax.text(r["share"], i - 0.22, nfc(r["text"]), ha="center", va="bottom", fontsize=11, fontweight="bold",
                color=INK)
    ax.set_yticks(range(len(rows)), tick_labels(rows), fontsize=9.5)
    ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter())
    ax.grid(axis="y", visible=False)


def plot_share_bars(ax, rows, colour: str = SHARE_COLOUR, heading: str = "") -> None:
    """Horizontal bars of shares on a 0–100 frame; rows have label, share (0–100), text (value and count, its
    pieces joined by " · ") and optionally range (low, high): the span a share printed as a bound can lie in,
    drawn hatched. ``heading`` names the panel (a split, or groups counted on their own).

    Call it once the axes are in place (after ``subplots_adjust`` or :func:`panel_axes`): each value label is
    measured and placed inside its bar, beside it, or over its hatched range, wherever it fits whole; one that
    fits nowhere is shortened and the rest goes to a footnote that makes the figure taller
    (:mod:`articlefacts.drawing.labels`). A row with ``printed`` (a share the article prints that disagrees
    with its count) gets a dashed tick at that share; a label beside the bar goes beyond the tick."""
    ax.barh(range(len(rows)), [r["share"] for r in rows], color=COLOURS[colour], height=0.6)
    for i, r in enumerate(rows):
        low, high = r.get("range", (r["share"], r["share"]))
        if high > low:  # a bound: the range the true share can lie in, hatched
            ax.barh(i, high - low, left=low, height=0.6, color="white", edgecolor=COLOURS[colour], hatch="///",
                    linewidth=0.8)
    for i, r in enumerate(rows):
        if r.get("printed") is not None:  # where the article's disagreeing percentage would put the bar
            ax.plot([r["printed"]] * 2, [i - 0.38, i + 0.38], color=INK, linewidth=1.4, linestyle=(0, (2, 1)))
    ax.set_yticks(range(len(rows)), tick_labels(rows), fontsize=10)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter())
    ax.grid(axis="y", visible=False)
    if heading:
        width_in = ax.get_position().width * ax.figure.get_figwidth()
        ax.set_title("\n".join(wrapped(heading, "panel", width_in)), loc="left", fontsize=FONT["panel"][0],
                     fontweight=FONT["panel"][1], color=INK, pad=6)
    fig, marks = ax.figure, 0
    for i, r in enumerate(rows):
        end = max(r["share"], *r.get("range", (r["share"], r["share"])), r.get("printed") or 0)
        clear = r.get("printed") is None or r["printed"] >= r["share"]  # a tick inside the bar: label beyond it
        inside_ok = colour == SHARE_COLOUR and clear
        note = label_bar(ax, i, r["share"], end, r["text"], inside_ok, r["label"],
                         marks if hasattr(fig, "footer_texts") else -1)
        if note:
            add_footnote(fig, note)
            marks += 1


def heading_lines(heading: str, width_in: float = WRAP_IN["panel"]) -> int:
    """How many lines a panel heading takes once wrapped to ``width_in`` inches (the bars' axes)."""
    return len(wrapped(heading, "panel", width_in)) if heading else 0


def panel_axes(fig, ax, sizes: list[float], headings: list[str]) -> list:
    """Replace ``ax`` by one axes per panel, stacked in its place, each as tall as its share of ``sizes``
    (inches of plot), with room above each but the first for its wrapped heading (:data:`PANEL_GAP_IN` and
    :data:`PANEL_LINE_IN` a line). Only the last panel keeps its axis labels. Returns the new axes."""
    gaps = [PANEL_GAP_IN + PANEL_LINE_IN * heading_lines(h) for h in headings[1:]]
    box = ax.get_position()
    usable = box.height * fig.get_figheight() - sum(gaps)
    top, axes = box.y1, []
    for i, size in enumerate(sizes):
        h = usable * size / sum(sizes) / fig.get_figheight()
        axes.append(fig.add_axes((box.x0, top - h, box.width, h)))
        top -= h + (gaps[i] / fig.get_figheight() if i < len(gaps) else 0)
    for upper in axes[:-1]:
        upper.tick_params(labelbottom=False)
    ax.remove()
    return axes


def plot_count_bars(ax, rows) -> None:
    """Counts too many for one mark each, as horizontal bars on one scale from 0; rows have label, count, colour,
    text, and optionally inner (a count within it, drawn in INK from the left) and inner_label, which goes to a
    legend under the bars, and approx (a count printed as a bound or approximation: an open, hatched bar). Call
    it once the axes are in place: the scale is made long enough for each value label beside its bar."""
    from matplotlib.patches import Patch

    top = max(r["count"] for r in rows)
    axis_in = ax.get_position().width * ax.figure.get_figwidth()
    # the scale leaves room for each value label beside its bar (measured): count + label ≤ the axis's end
    end = max([top * 1.05] + [r["count"] / max(0.2, 1 - (wrap_text_width(r["text"], 9.5) + 0.15) / axis_in)
                              for r in rows])
    inner = []
    for i, r in enumerate(rows):
        if r.get("approx"):  # a count printed as a bound or an approximation: hatched, with no outline, so that
            # its end at the printed number («gần 500») is never drawn as a solid edge, as if exact
            ax.barh(i, r["count"], color="white", edgecolor=COLOURS[r["colour"]], hatch="///", linewidth=0,
                    height=0.6)
        else:
            ax.barh(i, r["count"], color=COLOURS[r["colour"]], height=0.6)
        if r.get("inner"):
            ax.barh(i, r["inner"], color=INK, height=0.6)
            inner.append(r["inner_label"])
        ax.text(r["count"] + end * 0.01, i, nfc(r["text"]), va="center", ha="left", fontsize=9.5, color=INK)
    ax.set_yticks(range(len(rows)), tick_labels(rows), fontsize=10)
    ax.invert_yaxis()
    ax.set_xlim(0, end)
    ax.grid(axis="y", visible=False)
    if inner:
        # under the bars, from the figure's left margin, so that a long entry has the page's width
        ax.legend([Patch(color=INK)] * len(inner), [legend_text(t) for t in inner], loc="upper left",
                  bbox_to_anchor=(0.02, -0.2), bbox_transform=blended_transform_factory(ax.figure.transFigure,
                                                                                        ax.transAxes),
                  frameon=False, fontsize=9.5, borderaxespad=0.2)


def legend_text(label: str, width_in: float = WRAP_IN["legend"]) -> str:
    """A legend entry wrapped to ``width_in`` inches (measured), so a long label stays on the figure."""
    return "\n".join(wrapped(label, "legend", width_in))
