"""The legibility check every figure passes before it is saved: measured on the figure as matplotlib draws it.

Each text is measured by the renderer (``Text.get_window_extent``), after the figure has been laid out
(``Figure.draw_without_rendering``), so the check sees what a reader sees in the PNG and in the SVG:

- no two texts overlap (a label over a tick label, a panel heading over the bars' labels);
- every text lies inside the canvas;
- white text lies inside the mark it labels (white on the white page cannot be read), on a colour of
  4.5:1 contrast or more;
- a dark text does not sit on a bar (dark on the share colour falls below 4.5:1);
- no text holds two spaces in a row (an SVG reader collapses them into one).

Before that, :func:`check_glyphs` checks that the figure's fonts can draw every character of its texts.
"""

from __future__ import annotations

import unicodedata

import matplotlib as mpl
from matplotlib.colors import to_hex, to_rgb
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from articlefacts.drawing.wrap import figure_renderer
from articlefacts.errors import ArticleFactsError

# Boxes that share less than this many pixels (at the figure's dpi) in either direction do not overlap:
# the extents of two lines set one under the other touch by a fraction of a pixel.
TOLERANCE_PX = 0.5
WHITE = "#ffffff"
TEXT_CONTRAST = 4.5  # WCAG 2.2, 1.4.3: text against what it sits on


def drawn_texts(fig) -> list[Text]:
    """Every text the figure draws: visible, not empty, and for tick labels only those of a shown axis whose
    ticks lie within its view (matplotlib keeps labels of ticks it does not draw)."""
    ticks, drawn = set(), []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            shown = ax.axison and axis.get_visible()
            low, high = sorted(axis.get_view_interval())
            span = (high - low) * 1e-9
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                labels = (tick.label1, tick.label2)
                ticks.update(labels)
                if shown and tick.get_visible() and low - span <= tick.get_loc() <= high + span:
                    drawn += [t for t in labels if t.get_visible() and t.get_text().strip()]
    for text in fig.findobj(Text):
        if text not in ticks and text.get_visible() and text.get_text().strip() and text.get_figure() is fig:
            if all(parent.get_visible() for parent in parents(text)):
                drawn.append(text)
    return list(dict.fromkeys(drawn))


def parents(text: Text) -> list:
    """The legend (or nothing) a text belongs to: a legend that is hidden hides its texts."""
    return [legend for ax in text.get_figure().axes for legend in [ax.get_legend()]
            if legend is not None and text in legend.get_texts()]


def bars(fig) -> list[Rectangle]:
    """The filled rectangles that carry data (bars and their hatched ranges), not the axes' backgrounds."""
    return [p for ax in fig.axes for p in ax.patches if isinstance(p, Rectangle) and p.get_visible()]


def overlap(a, b) -> bool:
    """Whether two display boxes share more than :data:`TOLERANCE_PX` in both directions."""
    return (min(a.x1, b.x1) - max(a.x0, b.x0) > TOLERANCE_PX and min(a.y1, b.y1) - max(a.y0, b.y0) > TOLERANCE_PX)


def inside(inner, outer) -> bool:
    """Whether display box ``inner`` lies within ``outer`` (to :data:`TOLERANCE_PX`)."""
    return (inner.x0 >= outer.x0 - TOLERANCE_PX and inner.x1 <= outer.x1 + TOLERANCE_PX
            and inner.y0 >= outer.y0 - TOLERANCE_PX and inner.y1 <= outer.y1 + TOLERANCE_PX)


def is_white(artist_colour) -> bool:
    """Whether a colour is white (text drawn to sit on a mark)."""
    return to_hex(artist_colour) == WHITE


def faults(fig) -> list[str]:
    """What a reader cannot read in ``fig``, one sentence each (empty when everything is legible).

    Lays the figure out first; every box is in display pixels at the figure's dpi.
    """
    fig.draw_without_rendering()
    renderer = figure_renderer(fig)
    canvas = fig.bbox
    texts = drawn_texts(fig)
    boxes = {text: text.get_window_extent(renderer) for text in texts}
    marks = [(bar, bar.get_window_extent(renderer)) for bar in bars(fig)]
    out = []
    for text in texts:
        box, shown = boxes[text], quoted(text)
        if not inside(box, canvas):
            out.append(f"{shown} runs off the canvas")
        if "  " in text.get_text():
            out.append(f"{shown} holds two spaces in a row, which an SVG reader shows as one")
        if is_white(text.get_color()):
            holders = [m for m, m_box in marks if inside(box, m_box) and not is_white(m.get_facecolor())]
            if not holders:
                out.append(f"{shown} is white but not inside the bar it labels")
            elif min(contrast(WHITE, m.get_facecolor()) for m in holders) < TEXT_CONTRAST:
                out.append(f"{shown} is white on a bar of less than {TEXT_CONTRAST}:1 contrast")
        elif not on_white_box(text):
            for mark, mark_box in marks:
                if overlap(box, mark_box) and (not is_white(mark.get_facecolor()) or mark.get_hatch()):
                    out.append(f"{shown} is drawn over a bar")
                    break
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            if overlap(boxes[a], boxes[b]):
                out.append(f"{quoted(a)} overlaps {quoted(b)}")
    return out


def on_white_box(text: Text) -> bool:
    """Whether a text is drawn on an opaque white box of its own (a label over a hatched range)."""
    patch = text.get_bbox_patch()
    return patch is not None and is_white(patch.get_facecolor()) and patch.get_alpha() in (None, 1)


def contrast(a, b) -> float:
    """WCAG 2.2 contrast ratio of two matplotlib colours, 1 to 21."""
    def luminance(colour) -> float:
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def quoted(text: Text) -> str:
    """A text as a message names it: its first 60 characters, on one line, in quotes."""
    content = " ".join(text.get_text().split())
    return f"'{content[:60]}…'" if len(content) > 60 else f"'{content}'"


def check_legible(fig, name: str) -> None:
    """Raise :class:`ArticleFactsError` naming the figure ``name`` and its texts if any text of ``fig`` overlaps
    another, runs off the canvas, is white outside its bar, sits dark on a bar, or holds a double space
    (:func:`faults`). Returns None when the figure is legible."""
    found = faults(fig)
    if found:
        raise ArticleFactsError(
            f"The figure {name} cannot be read as drawn: " + "; ".join(found),
            "shorten the label or title that is named (its fact's gloss or the translation), or change its "
            "placement in articlefacts.drawing.style, then run make report again.")


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
