"""Shares of a whole the article does not print, one measure in several years: each level as a printed point.

«tỷ lệ cán bộ, công chức cấp xã có trình độ chuyên môn từ đại học trở lên tăng từ 41,7% năm 2016 lên 68,3% năm
2020»: the article prints two levels of one measure and no count behind either. They are drawn as what they are,
points on a 0–100% axis, one row per measure, each point labelled with the share as printed and its year; no
bar, no icon, no count (any of these would imply a denominator). An arrow joins the two points of a row only
where the article itself prints the move between them (:func:`~articlefacts.telling.share_findings.printed_move`);
elsewhere no line joins them. A target («phấn đấu đến năm 2025 đạt 100%») is not a level and is not drawn, and
two measures are never stacked or added up: each has its own row.
"""

from __future__ import annotations

import matplotlib as mpl
import pandas as pd

from articlefacts.drawing.captions import caption
from articlefacts.drawing.plots import new_figure
from articlefacts.drawing.style import COLOURS, INK, SHARE_COLOUR, tick_labels
from articlefacts.drawing.wrap import nfc
from articlefacts.telling.headlines import predicate
from articlefacts.telling.share_findings import printed_move, unprinted_wholes
from articlefacts.telling.story import Story, join, source_person, whole_words

ROW_IN = 0.9  # a measure's row: its two points, their shares above and years below


def level_groups(facts: pd.DataFrame) -> dict[str, list[pd.Index]]:
    """Whole (``whole_vi``) → the keys of each measure of it printed in two or more years, earliest first, in the
    facts file's order: the shares (topic ``profile``, relation ``share``, no parent) of a whole the article does
    not print."""
    shares = facts.loc[[k for k in unprinted_wholes(facts) if facts.loc[k, "topic"] == "profile"]]
    out: dict[str, list[pd.Index]] = {}
    for (whole, _measure), group in shares.groupby(["whole_vi", "measure"], sort=False):
        if group["period"].nunique() > 1:
            out.setdefault(whole, []).append(group.sort_values("period", kind="stable").index)
    return out


def level_figures(facts: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(file name, chart kind ``levels``, subject: the whole's words ``whole_vi``) of one figure per whole the
    article does not print with a measure in two or more years, named by its first measure
    (``levels-university-or-higher``)."""
    return [(f"levels-{facts.loc[groups[0][0], 'measure'].replace('_', '-')}", "levels", whole)
            for whole, groups in level_groups(facts).items()]


def level_points(story: Story, whole: str) -> pd.DataFrame:
    """One row per printed level of the whole ``whole`` (``whole_vi``): key, row (the measure's words, one row
    per measure), period, share (percent, as printed), text (the share as printed, in this language) and move
    (``up`` or ``down`` where the article prints the move between the measure's levels, else '')."""
    rows = []
    for keys in level_groups(story.facts)[whole]:
        group = story.facts.loc[keys]
        move = printed_move(group)
        for key, fact in group.iterrows():
            rows.append({"key": key, "row": story.words(keys[0]), "period": fact["period"], "share": fact["value"],
                         "text": story.share(fact["value"], fact["decimals"], fact["bound"],
                                             fact.get("qualifier", "") or ""),
                         "move": move[0] if move else ""})
    return pd.DataFrame(rows)


def levels_caption(story: Story, meta: dict, whole: str, name: str = "") -> dict:
    """The caption of the levels of ``whole``: the whole in words and that its size is not printed (after the
    other measures drawn, when the title leads with the move of one), what an arrow means, each coder's reading
    once, and the source the article names; the coder's title for the figure ``name``, if the metadata gives
    one."""
    meta = {**meta, "_figure": name} if name else meta
    points = level_points(story, whole)
    first = story.facts.loc[points["key"].iloc[0]]
    words = whole_words(first, story.language)
    years = join(list(dict.fromkeys(points["period"])), story.language)
    moved = points[points["move"].ne("")]
    if len(moved):  # a headline only from a move the article itself prints: "… rose from 41.7% to 68.3%"
        first_row = moved[moved["row"] == moved["row"].iloc[0]]
        row = first_row["row"].iloc[0]  # vi: «có trình độ …», the article's own «tỷ lệ … có trình độ …»
        title = story.t(f"fig.levels.title.{first_row['move'].iloc[0]}",
                        row=predicate(row, "vi") if story.language == "vi" else row,
                        a=first_row["text"].iloc[0], b=first_row["text"].iloc[-1])
    else:
        title = story.t("fig.levels.title", whole=words, years=years)
    subtitle = story.t("fig.levels.subtitle", whole=words, years=years)
    others = [r for r in dict.fromkeys(points["row"]) if len(moved) and r != row]
    if others:  # a title that leads with one measure: the subtitle names what else is drawn
        named = [predicate(r, "vi") if story.language == "vi" else r for r in others]
        subtitle = story.t("fig.levels.subtitle.also", rows=join(named, story.language), rest=subtitle)
    caveats = [story.t("fig.levels.arrow")] if points["move"].ne("").any() else []
    if points["move"].eq("").any():
        caveats.append(story.t("fig.levels.no_line"))
    caveats += list(dict.fromkeys(story.reading(k) for k in points["key"] if story.reading(k)))
    sources = sorted({source_person(story.facts.loc[k], story.language) for k in points["key"]} - {""})
    caveats += [story.t("fig.profile.caveat.attributed", who=w) for w in sources]
    shown = [f"{r['row']}: {r['text']} ({r['period']})" for _, r in points.iterrows()]
    return caption(story, title, subtitle, caveats, meta, shown)


def draw_levels(points: pd.DataFrame, cap: dict, colour: str = SHARE_COLOUR):
    """The rows of ``points`` (:func:`level_points`) on one 0–100% axis: each level a point with its share as
    printed above it and its year below; an arrow from the earlier to the later level where ``move`` is set.
    ``colour`` names a colour of :data:`~articlefacts.drawing.style.COLOURS`. Returns the figure."""
    rows = list(dict.fromkeys(points["row"]))
    fig, ax = new_figure(cap, ROW_IN * len(rows) + 0.2)
    fig.subplots_adjust(left=0.35)
    ink = COLOURS[colour]
    for i, row in enumerate(rows):
        levels = points[points["row"] == row]
        if levels["move"].iloc[0]:  # the article prints the move: an arrow from the first level to the last
            ax.annotate("", xy=(levels["share"].iloc[-1], i), xytext=(levels["share"].iloc[0], i),
                        arrowprops={"arrowstyle": "-|>", "color": ink, "lw": 1.6, "shrinkA": 7, "shrinkB": 7})
        for _, level in levels.iterrows():
            ax.scatter(level["share"], i, s=150, color=ink, zorder=3, edgecolor="white")
            ax.text(level["share"], i - 0.17, nfc(level["text"]), ha="center", va="bottom", fontsize=10.5,
                    fontweight="bold", color=INK)
            ax.text(level["share"], i + 0.17, nfc(str(level["period"])), ha="center", va="top", fontsize=9,
                    color=INK)
    ax.set_xlim(0, 100)
    ax.set_ylim(len(rows) - 0.4, -0.6)
    ax.set_yticks(range(len(rows)), tick_labels([{"label": r} for r in rows]), fontsize=9.5)
    ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter())
    ax.grid(axis="y", visible=False)
    return fig


def levels_chart(story: Story, meta: dict, whole: str):
    """The figure of the levels of ``whole`` (:func:`level_figures`): returns (fig, caption)."""
    cap = levels_caption(story, meta, whole)
    return draw_levels(level_points(story, whole), cap), cap
