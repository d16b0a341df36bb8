"""Chart helpers: one house style, one finishing step that stamps title, source and caveat."""

from __future__ import annotations

import textwrap
import unicodedata

import matplotlib as mpl
import matplotlib.pyplot as plt
import seaborn as sns
from matplotlib.legend_handler import HandlerTuple

# Okabe–Ito colours, safe for the common forms of colour blindness.
OKABE_ITO = {
    "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "grey": "#999999",
}
INK = "#222222"
MUTED = "#555555"
WIDTH_IN = 8.0
WRAP = {"title": 70, "subtitle": 100, "footer": 115}
LINE_IN = {"title": 0.26, "subtitle": 0.2, "footer": 0.18}


def setup_style() -> None:
    """Seaborn's white grid with DejaVu Sans (it has every Vietnamese diacritic) and stable SVGs."""
    sns.set_theme(style="whitegrid", font="DejaVu Sans", rc={
        "svg.hashsalt": "articlefacts", "svg.fonttype": "path", "axes.edgecolor": "#cccccc",
        "figure.dpi": 100, "savefig.dpi": 150, "text.color": INK, "axes.labelcolor": INK,
    })


def nfc(text: str) -> str:
    """Text in NFC, which renders Vietnamese with the right spacing."""
    return unicodedata.normalize("NFC", text)


def wrapped(text: str, kind: str) -> list[str]:
    """``text`` wrapped for its place on the figure."""
    return textwrap.wrap(nfc(text), WRAP[kind]) if text else []


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


def plot_dumbbell(ax, rows, colours=("blue", "orange")) -> None:
    """Arrows from share ``a`` to share ``b`` (0–100) per row; rows have a, b, text_a, text_b, name_a, name_b.

    Each dot carries its value above and its population below, so the reader sees who is counted.
    """
    ax.set_xlim(0, 100)
    ax.set_ylim(len(rows) - 0.25, -0.75)
    ax.set_yticks([])
    for i, r in enumerate(rows):
        ax.annotate("", xy=(r["b"], i), xytext=(r["a"], i),
                    arrowprops={"arrowstyle": "-|>", "color": "#888888", "lw": 2, "shrinkA": 7, "shrinkB": 7})
        for key, colour in zip(("a", "b"), colours, strict=True):
            x = min(max(r[key], 15), 85)
            ax.scatter(r[key], i, s=160, color=OKABE_ITO[colour], zorder=3, edgecolor="white")
            ax.text(r[key], i - 0.2, nfc(r[f"text_{key}"]), ha="center", va="bottom", fontsize=11,
                    fontweight="bold", color=OKABE_ITO[colour])
            ax.text(x, i + 0.2, "\n".join(textwrap.wrap(nfc(r[f"name_{key}"]), 34)), ha="center", va="top",
                    fontsize=8.5, color=MUTED)
    ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter())
    ax.grid(axis="y", visible=False)


def plot_share_bars(ax, rows, colour="blue") -> None:
    """Horizontal bars of shares (0–100) with a text of the counts each can stand for; rows have label, share, text."""
    labels = ["\n".join(textwrap.wrap(nfc(r["label"]), 24)) for r in rows]
    ax.barh(range(len(rows)), [r["share"] for r in rows], color=OKABE_ITO[colour], height=0.6)
    for i, r in enumerate(rows):
        if r.get("low") is not None:
            ax.plot([r["low"], r["high"]], [i, i], color=INK, lw=3, solid_capstyle="butt")
        lines = [part for line in nfc(r["text"]).split("\n") for part in textwrap.wrap(line, 30)]
        ax.text(r["share"] + 1.5, i, "\n".join(lines), va="center", fontsize=9.5, color=INK)
    ax.set_yticks(range(len(rows)), labels, fontsize=10)
    ax.invert_yaxis()
    ax.set_xlim(0, 145)
    ax.set_xticks(range(0, 101, 20))
    ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter())
    ax.grid(axis="y", visible=False)


def plot_icon_array(ax, groups, per_row: int, marker: str = "o", size: float = 420) -> None:
    """One mark per member, filled in order: groups are (label, count, colour, overlay) tuples.

    ``overlay`` is an optional second marker drawn inside (for a subgroup such as the promoted).
    A legend below the marks gives each group's label and count.
    """
    i, handles, labels = 0, [], []
    for label, count, colour, overlay in groups:
        xs = [(i + k) % per_row for k in range(count)]
        ys = [(i + k) // per_row for k in range(count)]
        mark = ax.scatter(xs, ys, s=size, marker=marker, color=OKABE_ITO[colour], edgecolor="white", linewidth=1.5)
        if overlay:
            mark = (mark, ax.scatter(xs, ys, s=size * 0.35, marker=overlay, color="white", zorder=3))
        handles.append(mark)
        labels.append(nfc(f"{label} ({count})"))
        i += count
    rows = (i + per_row - 1) // per_row
    ax.set_xlim(-0.7, per_row - 0.3)
    ax.set_ylim(rows - 0.4, -0.6)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.legend(handles, labels, handler_map={tuple: HandlerTuple(ndivide=1)}, loc="upper left",
              bbox_to_anchor=(0, -0.02), ncol=1, frameon=False, fontsize=9.5,
              handletextpad=0.6, borderaxespad=0.2, markerscale=0.5)


def icon_rows_height(count: int, per_row: int) -> float:
    """Height in inches of an icon array of ``count`` marks, ``per_row`` to a row, at full width."""
    unit = WIDTH_IN * 0.91 / per_row
    return unit * ((count + per_row - 1) // per_row)
