"""Chart helpers: one house style, one finishing step that stamps title, source and caveat."""

from __future__ import annotations

import re
import textwrap
import unicodedata

import matplotlib as mpl
import matplotlib.pyplot as plt
import seaborn as sns
from matplotlib.legend_handler import HandlerTuple

from articlefacts.errors import ArticleFactsError

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
# Text drawn inside a bar is white, and only on the share colour (white on blue is 5.2:1).
INSIDE_TEXT = "#FFFFFF"
INK = "#222222"
MUTED = "#555555"
BACKGROUND = "#FFFFFF"
WIDTH_IN = 8.0
WRAP = {"title": 70, "subtitle": 100, "footer": 115, "legend": 90, "panel": 56}
VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)
# Words a Vietnamese line may break before: they start a new word group.
BREAK_BEFORE = {"và", "của", "trong", "năm", "là", "theo", "trên", "không", "nhưng", "nên", "cho", "với", "tại",
                "đến", "từ", "tính", "giai", "khi", "mà", "thì", "để", "có", "được", "hoặc", "chỉ", "mỗi",
                "kèm", "tỷ", "(", "≈", "ở", "về", "đã", "đang", "chiếm", "đạt"}
LINE_IN = {"title": 0.26, "subtitle": 0.2, "footer": 0.18}
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


def font_files(prop) -> list[str]:
    """The font files matplotlib may draw a text of these font properties with, in order: each family of
    ``prop`` (a generic family such as sans-serif expanded through its rcParams list) that is installed."""
    from matplotlib import font_manager

    files = []
    for family in prop.get_family():
        names = mpl.rcParams.get(f"font.{family}", [family]) if family in font_manager.font_family_aliases \
            else [family]
        for name in names:
            try:
                path = font_manager.findfont(font_manager.FontProperties(
                    family=name, style=prop.get_style(), weight=prop.get_weight()), fallback_to_default=False)
            except ValueError:  # not installed
                continue
            if path not in files:
                files.append(path)
    return files


def missing_glyphs(fig) -> dict[str, str]:
    """The characters of the figure's texts that none of their fonts can draw: character → font name.

    Checked against each font's character map (matplotlib's ``FT2Font.get_charmap``) before anything is
    rendered, so that a character the font lacks is named instead of drawn as an empty box.
    """
    from matplotlib.font_manager import get_font
    from matplotlib.text import Text

    charmaps: dict[str, set[int]] = {}
    missing: dict[str, str] = {}
    for text in fig.findobj(Text):
        content = text.get_text()
        if not content or not text.get_visible():
            continue
        files = font_files(text.get_fontproperties())
        for path in files:
            if path not in charmaps:
                charmaps[path] = set(get_font(path).get_charmap())
        for char in dict.fromkeys(content):  # in the order of the text, each once
            if unicodedata.category(char) in ("Cc", "Zl", "Zp") or char in missing:
                continue
            if not any(ord(char) in charmaps[path] for path in files):
                missing[char] = get_font(files[0]).family_name if files else "(no font)"
    return missing


def check_glyphs(fig, name: str, sources: dict[str, str]) -> None:
    """Raise :class:`ArticleFactsError` if the figure ``name`` holds characters its fonts cannot draw.

    ``sources`` maps where a text came from ("field 'outlet' of the metadata") to the text, so that the
    message names the input that holds the characters, not only the figure.
    """
    missing = missing_glyphs(fig)
    if not missing:
        return
    chars = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing)
    fonts = ", ".join(sorted(set(missing.values())))
    where = [source for source, text in sources.items() if any(c in text for c in missing)]
    held = f" in the {' and the '.join(where)}" if where else f" in the figure {name}"
    raise ArticleFactsError(
        f"The chart font {fonts} has no glyph for {chars}{held}; the figures would show empty boxes",
        "write that text without them (a transliteration, or the name in Vietnamese or English), or give the "
        "figures a font that has them in articlefacts.drawing.style.setup_style.")


def nfc(text: str) -> str:
    """Text in NFC, which renders Vietnamese with the right spacing."""
    return unicodedata.normalize("NFC", text)


def wrap_words(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken only between word groups.

    Vietnamese writes each syllable apart («lý luận chính trị»), so a break at any space can split a
    word. Lines break after punctuation or before a function word (:data:`BREAK_BEFORE`); a group longer
    than a line is broken at spaces as a last resort.
    """
    if not VIETNAMESE_LETTERS.search(re.sub(r"«[^»]*»", "", text)):  # English (quotes aside): any space will do
        return textwrap.wrap(nfc(text), width)
    groups, current = [], []
    for word in nfc(text).split():
        if current and (word.lower() in BREAK_BEFORE or word[0] == "(" or current[-1][-1] in ",;:.)"):
            groups.append(" ".join(current))
            current = []
        current.append(word)
    groups += [" ".join(current)] if current else []
    lines: list[str] = []
    for group in groups:
        for piece in textwrap.wrap(group, width) if len(group) > width else [group]:
            if lines and len(lines[-1]) + 1 + len(piece) <= width:
                lines[-1] += " " + piece
            else:
                lines.append(piece)
    return lines


def wrapped(text: str, kind: str) -> list[str]:
    """``text`` wrapped for its place on the figure."""
    return wrap_words(text, WRAP[kind]) if text else []


def finalise_figure(plot_height: float, title: str, subtitle: str, source: str, caveat: str = ""):
    """A new figure carrying the finding as title, what is measured as subtitle, the caveat and the source.

    Every chart in the project is made through this helper, so none can lose its source line. The
    figure is sized so that the wrapped title, subtitle and footer lines fit around a plot of
    ``plot_height`` inches. Returns ``(fig, ax)``.
    """
    footer = [caveat, source] if caveat else [source]
    head = [("title", line) for line in wrapped(title, "title")] + \
           [("subtitle", line) for line in wrapped(subtitle, "subtitle")]
    foot = [line for text in footer for line in wrapped(text, "footer")]
    head_in = 0.2 + sum(LINE_IN[k] for k, _ in head) + 0.25
    foot_in = 0.55 + LINE_IN["footer"] * len(foot)
    height = plot_height + head_in + foot_in
    fig, ax = plt.subplots(figsize=(WIDTH_IN, height))
    fig.captions = {"title": nfc(title), "subtitle": nfc(subtitle), "footer": [nfc(f) for f in footer]}
    fig.subplots_adjust(left=0.06, right=0.97, top=1 - head_in / height, bottom=foot_in / height)
    y = 1 - 0.2 / height
    for kind, line in head:
        fig.text(0.02, y, line, ha="left", va="top", fontsize=13 if kind == "title" else 10,
                 fontweight="bold" if kind == "title" else "normal", color=INK if kind == "title" else MUTED)
        y -= LINE_IN[kind] / height
    y = (0.12 + LINE_IN["footer"] * len(foot)) / height
    for i, line in enumerate(foot):
        fig.text(0.02, y, line, ha="left", va="top", fontsize=8.5, color=INK if i < len(foot) - 1 else MUTED,
                 style="italic" if i < len(foot) - 1 else "normal")
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
    ax.set_yticks(range(len(rows)), ["\n".join(wrap_words(r["label"], 30)) for r in rows], fontsize=9.5)
    ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter())
    ax.grid(axis="y", visible=False)


def plot_share_bars(ax, rows, colour: str = SHARE_COLOUR, heading: str = "") -> None:
    """Horizontal bars of shares on a 0–100 frame; rows have label, share (0–100), text (value and count) and
    optionally range (low, high): the span a share printed as a bound can lie in, drawn hatched. ``heading``
    names the panel (a split, or groups counted on their own). A row with ``printed`` (a share the article
    prints that disagrees with its count) gets a dashed tick at that share."""
    ax.barh(range(len(rows)), [r["share"] for r in rows], color=COLOURS[colour], height=0.6)
    for i, r in enumerate(rows):
        low, high = r.get("range", (r["share"], r["share"]))
        if high > low:  # a bound: the range the true share can lie in, hatched
            ax.barh(i, high - low, left=low, height=0.6, color="white", edgecolor=COLOURS[colour], hatch="///",
                    linewidth=0.8)
    for i, r in enumerate(rows):
        if r.get("printed") is not None:  # where the article's disagreeing percentage would put the bar
            ax.plot([r["printed"]] * 2, [i - 0.38, i + 0.38], color=INK, linewidth=1.4, linestyle=(0, (2, 1)))
    for i, r in enumerate(rows):
        inside = r["share"] > 55 and colour == SHARE_COLOUR and r.get("printed") is None
        right = max(r["share"], r.get("printed") or 0)  # beyond the printed share's tick, if any
        ax.text(r["share"] - 1.5 if inside else right + 1.5, i, nfc(r["text"]), va="center",
                ha="right" if inside else "left", fontsize=9.5, color=INSIDE_TEXT if inside else INK,
                fontweight="bold" if inside else "normal")
    ax.set_yticks(range(len(rows)), ["\n".join(wrap_words(r["label"], 30)) for r in rows], fontsize=10)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter())
    ax.grid(axis="y", visible=False)
    if heading:
        ax.set_title("\n".join(wrap_words(heading, WRAP["panel"])), loc="left", fontsize=10, fontweight="bold",
                     color=INK, pad=6)


def heading_lines(heading: str) -> int:
    """How many lines a panel heading takes once wrapped."""
    return len(wrap_words(heading, WRAP["panel"])) if heading else 0


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
    legend under the bars."""
    from matplotlib.patches import Patch

    top = max(r["count"] for r in rows)
    inner = []
    for i, r in enumerate(rows):
        ax.barh(i, r["count"], color=COLOURS[r["colour"]], height=0.6)
        if r.get("inner"):
            ax.barh(i, r["inner"], color=INK, height=0.6)
            inner.append(r["inner_label"])
        ax.text(r["count"] + top * 0.01, i, nfc(r["text"]), va="center", ha="left", fontsize=9.5, color=INK)
    ax.set_yticks(range(len(rows)), ["\n".join(wrap_words(r["label"], 30)) for r in rows], fontsize=10)
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.15)
    ax.grid(axis="y", visible=False)
    if inner:
        ax.legend([Patch(color=INK)] * len(inner), [legend_text(t) for t in inner], loc="upper left",
                  bbox_to_anchor=(0, -0.2), frameon=False, fontsize=9.5, borderaxespad=0.2)


def icon_layout(counts: list[int], per_row: int = 10) -> list[list[tuple[int, int]]]:
    """(column, row) of every mark: each group starts on a new row, ``per_row`` marks to a row.

    Rows of ten can be counted at a glance, and no group shares a row with another, so nothing
    suggests a pairing. Returns one list of positions per group.
    """
    positions, row = [], 0
    for count in counts:
        positions.append([(k % per_row, row + k // per_row) for k in range(count)])
        row += max(1, -(-count // per_row))
    return positions


def plot_icon_array(ax, groups, per_row: int = 10, marker: str = "o", size: float = 300) -> None:
    """One mark per member: groups are (label, count, colour, starred) tuples, each group in its own rows.

    ``starred`` marks that many of the group's members with a white star (a reported subset of it).
    """
    handles, labels = [], []
    layout = icon_layout([g[1] for g in groups], per_row)
    for (label, _count, colour, starred, *_), spots in zip(groups, layout, strict=True):
        xs, ys = [p[0] for p in spots], [p[1] for p in spots]
        handles.append(ax.scatter(xs, ys, s=size, marker=marker, color=COLOURS[colour], edgecolor="white",
                                  linewidth=1.5))
        labels.append(legend_text(label))
        if starred:
            star = ax.scatter(xs[:starred], ys[:starred], s=size * 0.4, marker="*", color="white", zorder=3)
            handles.append((handles[-1], star))
            labels.append(legend_text(starred_label(groups, label)))
    rows = max(y for spots in layout for _, y in spots) + 1 if any(layout) else 1
    ax.set_xlim(-0.7, per_row - 0.3)
    ax.set_ylim(rows - 0.4, -0.6)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.legend(handles, labels, handler_map={tuple: HandlerTuple(ndivide=1)}, loc="upper left",
              bbox_to_anchor=(0, -0.02), ncol=1, frameon=False, fontsize=9.5, handletextpad=0.6,
              borderaxespad=0.2, markerscale=0.6)


def legend_text(label: str) -> str:
    """A legend entry wrapped to :data:`WRAP` ``["legend"]`` characters, so a long label stays on the figure."""
    return "\n".join(wrap_words(label, WRAP["legend"]))


def legend_height(groups) -> float:
    """Inches the legend of :func:`plot_icon_array` takes for these groups, a line of text at a time."""
    entries = [g[0] for g in groups] + [starred_label(groups, g[0]) for g in groups if g[3]]
    return 0.24 * sum(legend_text(e).count("\n") + 1 for e in entries) + 0.2


def starred_label(groups, label) -> str:
    """The legend text of a group's starred members (the fifth element of its tuple, if given)."""
    for g in groups:
        if g[0] == label and len(g) > 4:
            return g[4]
    return "★"


def icon_rows(counts: list[int], per_row: int = 10) -> int:
    """How many rows :func:`icon_layout` uses for these group sizes."""
    return sum(max(1, -(-c // per_row)) for c in counts)
