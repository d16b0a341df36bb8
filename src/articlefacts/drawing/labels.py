"""Value labels on bars, each measured before it is placed, and footnotes added to a finished figure.

A label is measured by the renderer (``Text.get_window_extent``) once its axes are in place, and goes to
the first place where it can be read whole:

1. inside its bar, in white, when the bar is the share colour and the label fits with a margin each side;
2. beside the bar (after its hatched range, if any), in ink, when it ends inside the canvas;
3. over the hatched range, in ink on a white box, when it fits within the range;
4. else shortened: the label keeps its first pieces (``" · "`` separates them) and a star, and the rest goes
   to a footnote of the figure (:func:`add_footnote`), and the shortened label is placed as above.
"""

from __future__ import annotations

from matplotlib.transforms import offset_copy

from articlefacts.drawing.wrap import figure_renderer, nfc, wrap_measured

SEPARATOR = " · "
LABEL_SIZE = 9.5
PAD_PT = 4  # the gap between a bar's end and its label, and the margin kept inside a bar
INSIDE_TEXT = "#FFFFFF"
INK = "#222222"
FOOTER_SIZE = 8.5
FOOTER_LINE_IN = 0.18
TEXT_WIDTH_IN = 7.6  # a line of title, subtitle or footer: the 8-inch figure less its margins


def try_label(ax, y: float, x: float, text: str, where: str):
    """Draw ``text`` at bar end ``x`` on row ``y`` in place ``where`` (inside, beside, over); returns the
    Text and its measured box in display pixels."""
    fig = ax.figure
    shift = -PAD_PT if where == "inside" else PAD_PT
    style = {"inside": {"color": INSIDE_TEXT, "fontweight": "bold"}, "beside": {"color": INK},
             "over": {"color": INK, "bbox": {"facecolor": "white", "edgecolor": "none", "pad": 1.5}}}[where]
    label = ax.text(x, y, nfc(text), va="center", ha="right" if where == "inside" else "left", fontsize=LABEL_SIZE,
                    transform=offset_copy(ax.transData, fig=fig, x=shift, units="points"), **style)
    return label, label.get_window_extent(figure_renderer(fig))


def place_label(ax, y: float, solid: float, end: float, text: str, inside_ok: bool):
    """Place the value label of the bar on row ``y`` whose solid part ends at ``solid`` and whose drawn part
    (with a hatched range) at ``end`` (data units): inside, beside or over the range, the first where it can be
    read whole (see the module's docstring). Returns the Text, or None (nothing left drawn) when it fits nowhere.
    """
    fig = ax.figure
    px = ax.transData.transform
    pad = PAD_PT * fig.dpi / 72
    if inside_ok:
        label, box = try_label(ax, y, solid, text, "inside")
        if box.width + 2 * pad <= px((solid, y))[0] - px((0, y))[0]:
            return label
        label.remove()
    label, box = try_label(ax, y, end, text, "beside")
    if box.x1 <= fig.bbox.x1 - pad:
        return label
    label.remove()
    if end > solid:
        label, box = try_label(ax, y, solid, text, "over")
        if box.x1 <= px((end, y))[0] - pad:
            return label
        label.remove()
    return None


def label_bar(ax, y: float, solid: float, end: float, text: str, inside_ok: bool, name: str, marks: int) -> str:
    """Place the label of one bar (:func:`place_label`); when it fits nowhere whole, drop its last pieces until
    it fits, mark it with ``marks + 1`` stars and return the footnote that carries the rest ('* name: rest');
    '' when the label is whole. ``marks`` is -1 when the figure has no footer to carry a note; a label that
    cannot be shortened, or whose first piece fits nowhere, is drawn beside the bar (the figure's legibility
    check then names it)."""
    if place_label(ax, y, solid, end, text, inside_ok):
        return ""
    if marks < 0:
        try_label(ax, y, end, text, "beside")
        return ""
    pieces = text.split(SEPARATOR)
    star = "*" * (marks + 1)
    for keep in range(len(pieces) - 1, 0, -1):
        if place_label(ax, y, solid, end, SEPARATOR.join(pieces[:keep]) + star, inside_ok):
            return f"{star} {name}: {SEPARATOR.join(pieces[keep:])}"
    try_label(ax, y, end, text, "beside")
    return ""


def add_footnote(fig, note: str) -> None:
    """Add ``note`` to the figure's footer, above the source line, making the figure taller by its lines so
    that nothing else moves on the page (axes and texts keep their distance from the top).

    The figure must come from :func:`articlefacts.drawing.style.finalise_figure` (its ``footer_texts`` name the
    footer's lines, the source last).
    """
    lines = wrap_measured(note, TEXT_WIDTH_IN, FOOTER_SIZE)
    extra, old = FOOTER_LINE_IN * len(lines), fig.get_figheight()
    new = old + extra
    sources = fig.footer_texts[-getattr(fig, "source_lines", 1):]  # the source line, wrapped or not
    source = sources[0]

    def lift(y: float) -> float:
        return (y * old + extra) / new

    params = fig.subplotpars
    fig.subplots_adjust(top=lift(params.top), bottom=lift(params.bottom))
    for ax in fig.axes:
        if ax.get_subplotspec() is None:
            box = ax.get_position()
            ax.set_position((box.x0, lift(box.y0), box.width, box.height * old / new))
    source_in = source.get_position()[1] * old
    kept = [line.get_position()[1] * old for line in sources]  # inches from the bottom, unchanged
    for text in fig.texts:
        if all(text is not line for line in sources):
            text.set_y(lift(text.get_position()[1]))
    fig.set_figheight(new)
    for line, y_in in zip(sources, kept, strict=True):
        line.set_y(y_in / new)
    added = []
    for k, line in enumerate(lines):
        added.append(fig.text(source.get_position()[0], (source_in + extra - k * FOOTER_LINE_IN) / new, line,
                              ha="left", va="top", fontsize=FOOTER_SIZE, color=INK, style="italic"))
    at = len(fig.footer_texts) - len(sources)
    fig.footer_texts[at:at] = added
    fig.captions["footer"].insert(-1, nfc(note))
