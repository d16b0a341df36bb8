"""The project's figures, built from the processed tables and the translation table only."""

from __future__ import annotations

import pandas as pd

from articlefacts.figures import finalise_figure, icon_rows_height, plot_dumbbell, plot_icon_array, plot_share_bars
from articlefacts.i18n import long_date, number, percent, t


def source_line(meta: dict, language: str) -> str:
    """The source credit stamped on every figure."""
    return t("source_line", language, outlet=meta["outlet"], date=long_date(meta["date"], language))


def who(fact: pd.Series, language: str) -> str:
    """A population named in the figure's language: the English gloss or the Vietnamese term."""
    return fact["gloss_en"] if language == "en" else fact["term_vi"]


def empty_chart(title: str, meta: dict, language: str):
    """A figure that says there is nothing to draw, so that a missing measure is shown, not skipped."""
    fig, ax = finalise_figure(0.4, title, "", source_line(meta, language))
    ax.axis("off")
    return fig


def comparison_chart(comparison: pd.DataFrame, facts: pd.DataFrame, meta: dict, language: str):
    """Arrows from the baseline share to the current share, for measures both years report."""
    both = comparison[(comparison["baseline_status"] != "not reported")
                      & (comparison["current_status"] != "not reported")
                      & (comparison["measure"] != "headcount")
                      & (comparison["baseline_bound"] == "eq")]
    heads = comparison.set_index("measure").loc["headcount"]
    keyed = facts.set_index("key")
    f0, f1 = keyed.loc[heads["baseline_source"]], keyed.loc[heads["current_source"]]
    y0, y1 = heads["baseline_period"], heads["current_period"]
    n0, n1 = number(f0["value"], language), number(f1["value"], language)
    rows = []
    for _, r in both.iterrows():
        rows.append({"label": t(f"measure.{r['measure']}", language),
                     "a": r["baseline_share_pct"], "b": r["current_share_pct"],
                     "text_a": percent(r["baseline_share_pct"], language, 2),
                     "text_b": percent(r["current_share_pct"], language, 2),
                     "name_a": t("population.label", language, count=n0, who=who(f0, language), year=y0),
                     "name_b": t("population.label", language, count=n1, who=who(f1, language), year=y1)})
    if not rows:
        return empty_chart(t("dumbbell.none", language, y0=y0, y1=y1), meta, language)
    first = rows[0]
    kind = "up" if first["b"] > first["a"] else "down" if first["b"] < first["a"] else "same"
    title = t("dumbbell.title", language, measure=first["label"],
              change=t(f"change.{kind}", language, a=first["text_a"], b=first["text_b"]))
    subtitle = t("dumbbell.subtitle", language, y0=y0, n0=n0, who0=who(f0, language), y1=y1, n1=n1,
                 who1=who(f1, language))
    fig, ax = finalise_figure(0.6 + 1.2 * len(rows), title, subtitle, source_line(meta, language),
                              t("dumbbell.caveat", language, y0=y0, y1=y1))
    plot_dumbbell(ax, rows)
    return fig


def profile_chart(comparison: pd.DataFrame, facts: pd.DataFrame, meta: dict, language: str):
    """Bars of the shares only the current year reports, with the whole counts each can stand for."""
    only = comparison[(comparison["baseline_status"] == "not reported")
                      & (comparison["current_status"] != "not reported")]
    heads = comparison.set_index("measure").loc["headcount"]
    f1 = facts.set_index("key").loc[heads["current_source"]]
    people = t("profile.people", language)
    rows = []
    for _, r in only.sort_values("current_share_pct", ascending=False).iterrows():
        lo, hi = r["current_count_min"], r["current_count_max"]
        decimals = int(facts.set_index("key").loc[r["current_source"], "decimals"])
        shown = percent(r["current_share_pct"], language, decimals)
        whole = int(f1["value"])
        row = {"label": t(f"measure.{r['measure']}", language), "share": r["current_share_pct"], "low": None}
        if pd.isna(lo):
            row["text"] = f"{shown}: {t('profile.no_whole_count', language, n=number(whole, language))}"
        else:
            row["text"] = f"{shown} ≈ {lo if lo == hi else f'{lo}–{hi}'} {people}"
            if r["current_rounding"] in ("half_up only", "truncate only"):
                row["text"] += f"\n({t('profile.' + r['current_rounding'].replace(' ', '_'), language)})"
            if lo != hi:
                row["low"], row["high"] = 100 * lo / whole, 100 * hi / whole
        rows.append(row)
    if not rows:
        return empty_chart(t("profile.none", language, year=heads["current_period"]), meta, language)
    title = t("profile.title", language, year=heads["current_period"], n=number(f1["value"], language),
              who=who(f1, language), low=f"{percent(rows[-1]['share'], language, 2)}",
              high=f"{percent(rows[0]['share'], language, 2)}")
    fig, ax = finalise_figure(0.6 * len(rows) + 0.5, title, t("profile.subtitle", language),
                              source_line(meta, language),
                              t("profile.caveat", language, year=heads["current_period"], y0=heads["baseline_period"]))
    plot_share_bars(ax, rows)
    fig.subplots_adjust(left=0.3)
    return fig


def icon_chart(groups, per_row, title, subtitle, caveat, meta, language, marker="o"):
    """An icon array of whole people or communes with the house title, caveat and source."""
    legend_in = 0.22 * len(groups) + 0.25
    fig, ax = finalise_figure(icon_rows_height(sum(g[1] for g in groups), per_row) + legend_in, title, subtitle,
                              source_line(meta, language), caveat)
    plot_icon_array(ax, groups, per_row, marker=marker)
    fig.subplots_adjust(bottom=fig.subplotpars.bottom + legend_in / fig.get_figheight())
    return fig


def outcomes_chart(flows: pd.DataFrame, facts: pd.DataFrame, meta: dict, language: str):
    """26 marks coloured by outcome; the promoted marked with a star inside the returned."""
    keyed = facts.set_index("key")
    outcome = flows[flows["split"] == "outcome"].set_index("key")
    promotion = flows[flows["split"] == "promotion"].set_index("key")
    commune = outcome.loc[outcome.index.map(lambda k: keyed.loc[k, "measure"] == "outcome_commune")]
    returned = outcome.drop(commune.index)
    promoted = promotion[promotion["status"] == "reported"]["count"].sum()
    other = promotion[promotion["status"] == "derived"]["count"].sum()
    total = int(outcome["parent_count"].iloc[0])
    period = keyed.loc[outcome["parent_key"].iloc[0], "period"]
    groups = [(t("outcome.commune", language), int(commune["count"].sum()), "orange", None),
              (t("outcome.returned_promoted", language), int(promoted), "blue", "*"),
              (t("outcome.returned_other", language), int(other), "sky", None)]
    assert int(returned["count"].sum()) == promoted + other
    return icon_chart(groups, 13,
                      t("outcomes.title", language, returned=int(returned["count"].sum()), total=total,
                        promoted=int(promoted)),
                      t("outcomes.subtitle", language, total=total, period=period),
                      t("outcomes.caveat", language), meta, language)


def blocs_chart(flows: pd.DataFrame, facts: pd.DataFrame, meta: dict, language: str):
    """The same people split by bloc, drawn on their own (no person has both a bloc and an outcome)."""
    keyed = facts.set_index("key")
    bloc = flows[flows["split"] == "bloc"].copy()
    bloc["measure"] = bloc["key"].map(keyed["measure"])
    counts = dict(zip(bloc["measure"], bloc["count"], strict=True))
    total = int(bloc["parent_count"].iloc[0])
    period = keyed.loc[bloc["parent_key"].iloc[0], "period"]
    groups = [(t("bloc.party", language), int(counts["bloc_party"]), "green", None),
              (t("bloc.government", language), int(counts["bloc_government"]), "purple", None)]
    return icon_chart(groups, 13,
                      t("blocs.title", language, government=int(counts["bloc_government"]),
                        party=int(counts["bloc_party"]), total=total),
                      t("blocs.subtitle", language, total=total, period=period),
                      t("blocs.caveat", language), meta, language, marker="s")


def coverage_chart(flows: pd.DataFrame, facts: pd.DataFrame, meta: dict, language: str):
    """One square per commune-level unit, those that received rotated leaders in colour."""
    keyed = facts.set_index("key")
    cover = flows[flows["split"] == "coverage"]
    yes = int(cover.loc[cover["status"] == "reported", "count"].sum())
    total = int(cover["parent_count"].iloc[0])
    parent = keyed.loc[cover["parent_key"].iloc[0]]
    period = keyed.loc[cover.loc[cover["status"] == "reported", "key"].iloc[0], "period"]
    groups = [(t("coverage.yes", language), yes, "blue", None),
              (t("coverage.no", language), total - yes, "grey", None)]
    return icon_chart(groups, 12,
                      t("coverage.title", language, n=yes, total=total),
                      t("coverage.subtitle", language, total=total, year=parent["period"],
                        period=period),
                      t("coverage.caveat", language), meta, language, marker="s")


# Every figure of the project: file name, chart function and the table it draws (for the README
# gallery and the benchmark's plain-script run; the notebooks call the functions directly).
FIGURES = (
    ("qualifications-change", comparison_chart, "comparison"),
    ("current-profile", profile_chart, "comparison"),
    ("rotation-outcomes", outcomes_chart, "rotation_flows"),
    ("rotation-blocs", blocs_chart, "rotation_flows"),
    ("commune-coverage", coverage_chart, "rotation_flows"),
)
