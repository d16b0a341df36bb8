"""The project's figures, drawn from the processed tables, with captions written by :mod:`articlefacts.claims`.

Each chart function returns ``(fig, caption)``; ``caption`` holds title, subtitle, caveat, source and alt
text, which the notebook writes to its findings file and the README reads. A figure is drawn only for
what the article reports.
"""

from __future__ import annotations

import pandas as pd

from articlefacts.claims import (
    change_sentence,
    count_text,
    flow_label,
    pair_values,
    paired_measures,
    part_text,
    people_text,
    period_caveat,
    share_text,
    source_person,
    split_name,
    whole_words,
    words,
)
from articlefacts.figures import (
    finalise_figure,
    icon_rows,
    legend_height,
    plot_icon_array,
    plot_points,
    plot_share_bars,
)
from articlefacts.i18n import capital, long_date, number, t
from articlefacts.vocab import HEADCOUNT

ICON_ROW_IN = 0.5
PALETTE = ("blue", "orange", "green", "purple", "sky", "vermillion", "yellow")


def caption(title: str, subtitle: str, caveat: str, meta: dict, language: str) -> dict:
    """The caption of a figure: its texts, the source line, and alt text that says what it shows."""
    source = t("source_line", language, outlet=meta["outlet"], date=long_date(meta["date"], language))
    alt = " ".join(s.rstrip(".") + "." for s in (capital(title), subtitle, caveat) if s)
    return {"title": capital(title), "subtitle": subtitle, "caveat": caveat, "source": source, "alt": alt}


def figure(plot_height: float, cap: dict):
    """A new figure carrying the caption (via finalise_figure); returns (fig, ax)."""
    return finalise_figure(plot_height, cap["title"], cap["subtitle"], cap["source"], cap["caveat"])


def pairs_chart(profiles: pd.DataFrame, facts: pd.DataFrame, meta: dict, language: str, measure: str):
    """One measure two years report, as two separately labelled points; no arrow, no change when not comparable."""
    v = pair_values(profiles, facts, measure, language)
    if v["comparable"] and pd.notna(v["change"]):
        title = change_sentence(v, language).rstrip(".")
        cap = caption(title, t("fig.pairs.subtitle.same", language, **v), "", meta, language)
    else:
        cap = caption(t("fig.pairs.title", language, **v), t("fig.pairs.subtitle", language, **v),
                      t("fig.pairs.caveat", language, reasons="; ".join(v["reasons"])) if v["reasons"] else "",
                      meta, language)
    # Each point is labelled with its year's own words for the measure and its own population.
    rows = [{"label": f"{v[f'y{i}']}: {v[f'w{i}']} ({v[f'n{i}']} {v[f'who{i}']})", "share": v[f"s{i}"],
             "text": v[f"v{i}"], "colour": colour} for i, colour in ((0, "sky"), (1, "blue"))]
    fig, ax = figure(2.2, cap)
    plot_points(ax, rows)
    fig.subplots_adjust(left=0.35)
    return fig, cap


def profile_chart(profiles: pd.DataFrame, facts: pd.DataFrame, meta: dict, language: str, year: str):
    """Every share one year reports (or derives from its counts), on a 0–100 frame, with the people each stands for."""
    rows_in = profiles[(profiles["period"] == year) & (profiles["status"] == "reported")
                       & (profiles["measure"] != HEADCOUNT) & profiles["share_pct"].notna()]
    rows_in = rows_in.sort_values("share_pct", ascending=False)
    head = facts.loc[profiles.loc[profiles["period"] == year, "headcount_key"].iloc[0]]
    rows = []
    for _, r in rows_in.iterrows():
        value = share_text(r["share_pct"], r["share_decimals"], r["share_bound"], language)
        people = people_text(r, head["value"], language)
        span = {"gt": (r["share_pct"], 100.0), "ge": (r["share_pct"], 100.0), "lt": (0.0, r["share_pct"]),
                "le": (0.0, r["share_pct"])}.get(r["share_bound"], (r["share_pct"], r["share_pct"]))
        rows.append({"label": words(facts.loc[r["source_key"]], language), "range": span,
                     "share": r["share_pct"] if r["share_bound"] in ("eq", "gt", "ge", "approx") else 0.0,
                     "text": f"{value}  {people}"})
    top = rows_in.iloc[0]
    caveats = []
    if profiles["period"].nunique() == 1:
        caveats.append(t("fig.profile.caveat.one_year", language, year=year))
    if any(r["range"][1] > r["range"][0] for r in rows):
        caveats.append(t("fig.profile.caveat.bounded", language))
    if source_person(head, language):
        caveats.append(t("fig.profile.caveat.attributed", language, who=source_person(head, language)))
    open_above = any(r["range"][1] > top["share_pct"] for r in rows[1:])
    title = ("fig.profile.title.one" if len(rows) == 1 else "fig.profile.title.bounded" if open_above
             else "fig.profile.title")
    cap = caption(t(title, language, year=year, label=rows[0]["label"], n=number(head["value"], language), k=len(rows),
                    who=words(head, language),
                    value=share_text(top["share_pct"], top["share_decimals"], top["share_bound"], language)),
                  t("fig.profile.subtitle", language), " ".join(caveats), meta, language)
    fig, ax = figure(0.55 * len(rows) + 0.4, cap)
    plot_share_bars(ax, rows)
    fig.subplots_adjust(left=0.33)
    return fig, cap


def split_chart(flows: pd.DataFrame, facts: pd.DataFrame, meta: dict, language: str, split: str):
    """One dot per person of one split, each part in its own rows; a reported subset of a part is starred."""
    group = flows[(flows["group"] == split) & flows["relation"].isin(("part", "rest"))]
    parent = facts.loc[group["parent_key"].iloc[0]]
    subsets = flows[flows["relation"] == "subset"]
    groups = []
    for colour, (_, r) in zip(PALETTE, group.iterrows(), strict=False):
        label = f"{flow_label(r, facts, language)} ({number(r['count'], language)})"
        inner = subsets[subsets["parent_key"] == r["key"]]
        if len(inner):
            sub = inner.iloc[0]
            groups.append((label, int(r["count"]), colour, int(sub["count"]),
                           t("fig.split.star", language, label=words(facts.loc[sub["key"]], language),
                             n=number(sub["count"], language))))
        else:
            groups.append((label, int(r["count"]), colour, 0))
    parts = [part_text(r, facts, language) for _, r in group.iterrows()]
    caveats = []
    if flows.loc[flows["relation"] == "part", "group"].nunique() > 1:
        caveats.append(t("fig.split.caveat", language))
    if parent["bound"] != "eq":
        printed = t(f"bound.{parent['bound']}", "vi", x=parent["token"])
        caveats.append(t("fig.split.caveat.bounded", language, token=printed,
                         sum=number(group["count"].sum(), language)))
    period = facts.loc[group["key"].iloc[0], "period"]
    caveats.append(period_caveat(parent, period, language))
    cap = caption(t("fig.split.title", language, total=count_text(parent["value"], parent["bound"], language),
                    who=whole_words(parent, language), parts="; ".join(parts)),
                  t("fig.split.subtitle" if split_name(split, language) else "fig.split.subtitle.unnamed", language,
                    split=split_name(split, language), period=period,
                    unit=t(f"unit.{parent['unit']}.one", language)),
                  " ".join(filter(None, caveats)), meta, language)
    legend_in = legend_height(groups)
    fig, ax = figure(ICON_ROW_IN * icon_rows([g[1] for g in groups]) + 0.3 + legend_in, cap)
    plot_icon_array(ax, groups)
    fig.subplots_adjust(right=0.62, bottom=fig.subplotpars.bottom + legend_in / fig.get_figheight())
    return fig, cap


def subset_chart(flows: pd.DataFrame, facts: pd.DataFrame, meta: dict, language: str, key: str):
    """A whole as squares, the reported subset in colour (for a subset that is not part of a split)."""
    rows = flows[flows["group"] == key]
    sub, parent = facts.loc[key], facts.loc[rows["parent_key"].iloc[0]]
    groups = [(f"{flow_label(r, facts, language)} ({number(r['count'], language)})", int(r["count"]),
               "blue" if r["relation"] == "subset" else "grey", 0) for _, r in rows.iterrows()]
    others = parent["value"] - sub["value"]
    if len(groups) == 1 and sub["bound"] == parent["bound"] == "eq" and others > 0:
        # The rest of the whole, so that the whole is drawn: parent − subset (overlapping subsets each get theirs).
        label = t("r.rest_subset", language, label=words(sub, language))
        groups.append((f"{label} ({number(others, language)})", int(others), "grey", 0))
    caveats = [t("fig.subset.caveat", language)] if sub["unit"] == "communes" else []
    caveats.append(period_caveat(parent, sub["period"], language))
    cap = caption(t("fig.subset.title", language, n=count_text(sub["value"], sub["bound"], language),
                    total=count_text(parent["value"], parent["bound"], language), parent=words(parent, language),
                    label=words(sub, language)),
                  t("fig.subset.subtitle", language, unit=t(f"unit.{sub['unit']}.one", language), period=sub["period"]),
                  " ".join(filter(None, caveats)), meta, language)
    legend_in = legend_height(groups)
    fig, ax = figure(ICON_ROW_IN * icon_rows([g[1] for g in groups]) + 0.3 + legend_in, cap)
    plot_icon_array(ax, groups, marker="s")
    fig.subplots_adjust(right=0.62, bottom=fig.subplotpars.bottom + legend_in / fig.get_figheight())
    return fig, cap


def profile_figures(profiles: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(file name, chart kind, subject) of every profile figure the article supports."""
    out = [(f"profiles-{m.replace('_', '-')}", "pairs", m) for m in paired_measures(profiles)]
    shares = profiles[(profiles["status"] == "reported") & profiles["share_pct"].notna()
                      & (profiles["measure"] != HEADCOUNT)]
    for year in sorted(shares["period"].unique()):
        out.append((f"profile-{year}", "profile", year))
    return out


def rotation_figures(flows: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(file name, chart kind, subject) of every rotation figure: one per split, one per subset not in a split."""
    out = [(f"rotation-{s.replace('_', '-')}", "split", s)
           for s in dict.fromkeys(flows.loc[flows["relation"] == "part", "group"])]
    part_keys = set(flows.loc[flows["relation"] == "part", "key"])
    for key, group in flows[flows["relation"] == "subset"].groupby("group", sort=False):
        if group["parent_key"].iloc[0] not in part_keys:
            name = key if key.startswith("rotation") else f"rotation_{key}"
            out.append((name.replace("_", "-"), "subset", key))
    return out


CHARTS = {"pairs": pairs_chart, "profile": profile_chart, "split": split_chart, "subset": subset_chart}
