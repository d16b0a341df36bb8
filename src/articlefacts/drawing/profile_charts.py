"""The charts of notebook 02: each profile population's shares on a 0–100 frame and a measure two years report.

For each, a function named for what it draws (:func:`profile_bars`, :func:`pair_points`) returns the small table
a helper of :mod:`articlefacts.drawing.plots` draws in the notebook's cell, and a ``*_caption`` function returns
its caption (:func:`articlefacts.drawing.captions.caption`); a share whose whole the article does not print is
never drawn here (a bar would imply a denominator): its printed levels are points in
:mod:`articlefacts.drawing.level_charts`.
"""

from __future__ import annotations

from fractions import Fraction

import pandas as pd

from articlefacts.checking.percent_checks import printed_percent
from articlefacts.drawing.captions import caption
from articlefacts.drawing.plots import draw_share_panels, draw_year_points
from articlefacts.drawing.style import SHARE_COLOUR
from articlefacts.telling.coverage import period_footnote
from articlefacts.telling.display_tables import people_text
from articlefacts.telling.headlines import profile_title
from articlefacts.telling.profile_findings import (
    change_sentence,
    in_article_order,
    pair_values,
    paired_measures,
    split_coverage,
    split_label,
)
from articlefacts.telling.story import Story, join, source_person, words
from articlefacts.vocab import HEADCOUNT


def pair_points(story: Story, profiles: pd.DataFrame, measure: str) -> pd.DataFrame:
    """The two points of a measure two years report: label (year, the measure's words · who is counted), share
    (percent) and text (the share as printed or derived), one row per year, earliest first."""
    v = pair_values(story, profiles, measure)
    return pd.DataFrame([{"label": f"{v[f'y{i}']}: {v[f'w{i}']} · {v[f'n{i}']} {v[f'who{i}']}",
                          "share": v[f"s{i}"], "text": v[f"v{i}"]} for i in (0, 1)])


def chart_sources(story: Story, keys: list[str]) -> list[str]:
    """'Figures according to …' for the named source of the facts ``keys`` a chart draws; where there are two or
    more, each with the figures it gives ('405 and 70.12%: according to …; 24: according to …'); [] when they are
    all the article's own."""
    keys = list(dict.fromkeys(k for k in keys if k in story.facts.index))
    said = {k: source_person(story.facts.loc[k], story.language) for k in keys}
    named = list(dict.fromkeys(who for who in said.values() if who))
    if len(named) < 2:
        return [story.t("fig.profile.caveat.attributed", who=who) for who in named]
    figures = {who: join([story.fact_count(k) for k in keys if said[k] == who], story.language) for who in named}
    return [story.capital("; ".join(story.t("fig.source.figures", values=figures[who], who=who) for who in named))
            + "."]  # two sources: whose figures are which, never a year's figures for a count the article gives


def pairs_caption(story: Story, profiles: pd.DataFrame, meta: dict, measure: str, name: str = "") -> dict:
    """The caption of the chart of a measure two years report: a change only when they are comparable."""
    meta = {**meta, "_figure": name} if name else meta  # the coder's title for this figure, if any
    v = pair_values(story, profiles, measure)
    shown = [f"{r['label']}: {r['text']}" for _, r in pair_points(story, profiles, measure).iterrows()]
    rows = profiles[(profiles["measure"] == measure) & (profiles["status"] == "reported")]
    keys = [k for k in [*rows["headcount_key"], *rows["source_key"]] if k in story.facts.index]
    dated = period_footnote(story, list(dict.fromkeys(keys)))  # a year read from the article's date, said so
    dated += chart_sources(story, keys)
    if v["comparable"] and pd.notna(v["change"]):
        cap = caption(story, change_sentence(story, v).rstrip("."), story.t("fig.pairs.subtitle.same", **v), dated,
                      meta, shown)
    else:
        caveat = story.t("fig.pairs.caveat", reasons="; ".join(v["reasons"])) if v["reasons"] else ""
        cap = caption(story, story.t("fig.pairs.title", **v), story.t("fig.pairs.subtitle", **v), [caveat, *dated],
                      meta, shown)
    return cap


def pairs_chart(story: Story, profiles: pd.DataFrame, meta: dict, measure: str):
    """One measure two years report, as two separately labelled points; no arrow, no change when not comparable.
    Returns (fig, caption)."""
    cap = pairs_caption(story, profiles, meta, measure)
    return draw_year_points(pair_points(story, profiles, measure), cap, SHARE_COLOUR), cap


def bar_row(story: Story, r: pd.Series) -> dict:
    """One bar of a profile chart: label, share, the hatched range of a bound, and the text beside the bar
    (the share as printed or derived, the people it stands for, a disagreement, a reading); ``value`` is the
    share alone, as the title states it. A printed share that disagrees with its count is drawn at the count's
    share of the whole, with ``printed`` (the article's share) marked on the bar by a dashed tick, and the text
    the count's share, its people and the printed share, so that bar and count never disagree silently."""
    high = r["share_max"] if pd.notna(r["share_max"]) else 100.0
    span = {"gt": (r["share_pct"], high), "ge": (r["share_pct"], high), "lt": (0.0, r["share_pct"]),
            "le": (0.0, r["share_pct"])}.get(r["share_bound"], (r["share_pct"], r["share_pct"]))
    value = story.share(r["share_pct"], r["share_decimals"], r["share_bound"])
    share = r["share_pct"] if r["share_bound"] in ("eq", "gt", "ge", "approx") else 0.0
    printed, text, tick = None, value, ""
    if pd.notna(r["share_computed"]):  # the article's share disagrees with its count: the bar is the count's
        computed = story.share(r["share_computed"], r["share_decimals"])
        of_count = story.t("fig.share_of_count", count=story.count(r["count"]), whole=story.count(r["headcount"]),
                           computed=computed)
        text, tick = computed, story.t("fig.share_printed.tick", share=value)  # the tick's words last: a footnote
        value = f"{story.t('fig.share_printed', share=value)}; {of_count}"     # if the label is too long
        printed, share = r["share_pct"], float(r["share_computed"])  # the count's share, at the printed places
        span = (share, share)
    people = people_text(story, r)
    flag = story.t("fig.reading_star") if story.facts.loc[r["source_key"], "reading"] else ""
    return {"label": story.words(r["source_key"]), "range": span, "key": r["source_key"], "value": value,
            "share": share, "printed": printed, "text": " · ".join(filter(None, (text, people, flag, tick)))}


def profile_panels(story: Story, profiles: pd.DataFrame, head_key: str) -> list[dict]:
    """The panels of one population's chart (``head_key``, its headcount): each split apart (ranked only when its
    parts add up to the whole), then the groups counted on their own, in the article's order. Each: heading,
    rows, ranked."""
    rows = in_article_order(story, profiles[(profiles["headcount_key"] == head_key)
                                            & (profiles["status"] == "reported")
                                            & (profiles["measure"] != HEADCOUNT) & profiles["share_pct"].notna()])
    head = story.facts.loc[head_key]
    n = story.row_count(head)
    panels = []
    for split, group in rows[rows["split"] != ""].groupby("split", sort=False):
        coverage, total = split_coverage(group, head, story.facts)
        ranked = coverage == "complete"
        group = group.sort_values("share_pct", ascending=False, kind="stable") if ranked else group
        name = split_label(story, split) or story.t("fig.profile.split_unnamed")
        whole = group["parent_key"].iloc[0]
        if whole and whole != head.name:
            name += " " + story.t("fig.profile.of", n=story.fact_count(whole), who=story.words(whole))
        cover = story.t(f"p.cover.{coverage}", n=story.fact_count(whole) if whole else n,
                        sum=story.count(total)) if coverage else ""
        panels.append({"heading": story.capital(name) + (f" ({cover})" if cover else ""), "ranked": ranked,
                       "rows": [bar_row(story, r) for _, r in group.iterrows()], "table": group})
    alone = rows[rows["split"] == ""]
    for parent, group in alone.groupby(alone["parent_key"].where(alone["parent_key"] != head.name, ""), sort=False):
        heading = story.t("fig.profile.groups" if len(group) > 1 else "fig.profile.group", n=n)
        if parent:
            heading = story.t("fig.profile.groups_of", n=story.fact_count(parent), who=story.words(parent))
        panels.append({"heading": heading, "ranked": False, "rows": [bar_row(story, r) for _, r in group.iterrows()],
                       "table": group})
    return panels


def title_row(story: Story, panels: list[dict]) -> dict:
    """The bar a profile title states: the fact the headline repeats; else the largest part of a split whose
    parts add up to the whole, or a part of a split printed as half or more (no other part can be larger);
    else the first bar in the article's order."""
    of_all = [p for p in panels if (p["table"]["parent_key"] == p["table"]["headcount_key"]).all()] or panels
    bars = [b for p in of_all for b in p["rows"]]
    for bar in bars:
        if bar["key"] in story.lead:
            return bar
    for panel in of_all:
        if panel["ranked"]:
            return panel["rows"][0]
        for bar, (_, r) in zip(panel["rows"], panel["table"].iterrows(), strict=True):
            if r["split"] and r["share_pct"] >= 50 and r["share_bound"] in ("eq", "gt", "ge"):
                return bar
    return bars[0]


def profile_bars(story: Story, profiles: pd.DataFrame, head_key: str) -> pd.DataFrame:
    """The bars of one population's chart (``head_key``, its headcount), one row each: panel (its heading: a split,
    or the groups counted on their own), label, share (percent), low and high (the range a share printed as a
    bound can lie in), printed (a printed share that disagrees with its count, drawn as a dashed tick while the
    bar is the count's share; empty otherwise), text (the share and the people it stands for), key (the fact).
    Panels as :func:`profile_panels` orders them."""
    return pd.DataFrame([{"panel": p["heading"], "label": b["label"], "share": b["share"], "low": b["range"][0],
                          "high": b["range"][1], "printed": b["printed"], "text": b["text"], "key": b["key"]}
                         for p in profile_panels(story, profiles, head_key) for b in p["rows"]],
                        columns=["panel", "label", "share", "low", "high", "printed", "text", "key"])


def truncation_caveat(story: Story, table: pd.DataFrame) -> list[str]:
    """The rule the people of cut-off shares are worked out under, said once for the chart, naming the printed
    shares that fit no whole count rounded (:func:`articlefacts.checking.audit.whole_rule`); [] when every
    share is read rounded."""
    cut = table[table["count_rule"].eq("truncate")]
    if cut.empty:
        return []
    unfit = []
    for _, r in cut.iterrows():
        whole, places = int(story.facts.loc[r["parent_key"], "value"]), int(r["share_decimals"])
        if not any(printed_percent(c, whole, places, "half_up") == Fraction(str(r["share_pct"]))
                   for c in range(whole + 1)):
            unfit.append(story.share(r["share_pct"], places))
    n = story.fact_count(cut["parent_key"].iloc[0])
    return [story.t("fig.profile.caveat.truncated", n=n, shares=join(unfit, story.language))]


def profile_caption(story: Story, profiles: pd.DataFrame, meta: dict, head_key: str, name: str = "") -> dict:
    """The caption of one population's chart (``head_key``, its headcount): the title states the bar the headline
    repeats (or the largest part), the caveats every bound, reading and disagreement the bars rest on; a population
    counted within a larger total names that total in the subtitle. ``name``, the figure's file name, picks the
    coder's own title from the metadata's ``titles`` where it gives one."""
    meta = {**meta, "_figure": name} if name else meta  # the coder's title for this figure, if any
    panels = profile_panels(story, profiles, head_key)
    head = story.facts.loc[head_key]
    year = head["period"]
    n = story.row_count(head)
    top = title_row(story, panels)
    table = pd.concat([p["table"] for p in panels])
    caveats = []
    if profiles["period"].nunique() == 1:
        caveats.append(story.t("fig.profile.caveat.one_year", year=year))
    for _, r in table[table["share_bound"].isin(("gt", "ge", "lt", "le"))].iterrows():
        printed = story.facts.loc[r["source_key"], "quote"]  # the article's words, never a derived share
        if pd.notna(r["share_max"]):
            caveats.append(story.t("fig.profile.caveat.bounded", printed=printed, hi=story.count(r["count_max"]),
                                   top=story.share(r["share_max"], r["share_decimals"] + 1)))
        else:
            caveats.append(story.t("fig.profile.caveat.bounded.open", printed=printed))
    caveats += [story.footnote(k) for k in table["source_key"] if story.reading(k)]
    caveats += [story.t("fig.share_disagrees", label=story.words(r["source_key"]),
                        share=story.share(story.facts.loc[r["share_key"], "value"], r["share_decimals"]),
                        count=story.count(r["count"]), whole=story.count(r["headcount"]),
                        computed=story.share(r["share_computed"], r["share_decimals"]))
                for _, r in table[table["share_computed"].notna()].iterrows()]
    truncated = truncation_caveat(story, table)  # says what ≈ means, so the subtitle need not
    caveats += truncated
    caveats += period_footnote(story, [head_key, *table["source_key"]])  # a year read, not printed: said so
    caveats += chart_sources(story, [head_key, *table["source_key"]])
    inferred = any("≈" in b["text"] for p in panels for b in p["rows"])  # the key only where the sign is drawn
    derived = table["share_status"].eq("derived").any()
    subtitle = story.t("fig.profile.subtitle.derived" if derived else "fig.profile.subtitle", n=n,
                       who=words(head, story.language), year=year) + (
        ". " + story.t("fig.profile.subtitle.inferred") if inferred and not truncated else "")
    if head["parent_key"] in story.facts.index:  # a population counted within a larger total: named with it
        whole = story.facts.loc[head["parent_key"]]
        subtitle += " (" + story.t("p.year.of_total", n=story.row_count(whole),
                                   who=story.words(head["parent_key"])) + ")"
    shown = [f"{p['heading']}: " + "; ".join(f"{b['label']}: {b['text']}" for b in p["rows"]) for p in panels]
    cap = caption(story, story.marked(profile_title(story, year, top["value"], n, words(head, story.language),
                                                    top["label"]), top["key"]),
                  subtitle, caveats, meta, shown, [f"{b['label']}: {b['value']}" for p in panels for b in p["rows"]])
    return cap


def profile_chart(story: Story, profiles: pd.DataFrame, meta: dict, head_key: str):
    """Every share one population (``head_key``, its headcount) reports or derives from its counts, on a 0–100
    frame, each split in its own panel and the groups counted on their own in another; with the people each
    stands for. Returns (fig, caption)."""
    cap = profile_caption(story, profiles, meta, head_key)
    return draw_share_panels(profile_bars(story, profiles, head_key), cap), cap


def profile_figures(profiles: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(file name, chart kind, subject) of every profile figure the article supports."""
    out = [(f"profiles-{m.replace('_', '-')}", "pairs", m) for m in paired_measures(profiles)]
    shares = profiles[(profiles["status"] == "reported") & profiles["share_pct"].notna()
                      & (profiles["measure"] != HEADCOUNT)]
    heads = profiles[(profiles["measure"] == HEADCOUNT) & profiles["headcount_key"].isin(shares["headcount_key"])]
    for head, year in zip(heads["headcount_key"], heads["period"], strict=True):
        alone = (heads["period"] == year).sum() == 1  # one population that year: the file is named by the year
        out.append((f"profile-{year}" if alone else f"profile-{year}-{head.replace('_', '-')}", "profile", head))
    return out
