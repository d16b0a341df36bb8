"""The sections of notebooks 02 and 03: each headed by the finding it shows, with its rows and its figures.

A notebook opens with its title, the article and every finding; then one section per year (02) or per split
and subset (03). Given the story, a section's heading is short, as a reader scans it ("2002", "Upper secondary
school: not comparable", "By bloc", "Where they are now"), since the finding in full is in the list above;
without it, the heading is the finding's first sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from articlefacts.drawing.profile_charts import profile_figures
from articlefacts.drawing.rotation_charts import rotation_figures
from articlefacts.telling.profile_findings import pair_values, paired_measures, split_label
from articlefacts.telling.story import Finding, Story
from articlefacts.vocab import HEADCOUNT


@dataclass(frozen=True)
class Section:
    """One section: its heading (a finding's sentence), the rows of the notebook's table it shows, and the
    figures it draws as (file name, chart kind, subject)."""

    heading: str
    rows: pd.DataFrame
    figures: list[tuple[str, str, str]]


def heading_for(findings: list[Finding], *keys: str) -> str:
    """The first sentence of the first finding that states all of ``keys`` (a heading states its finding; the
    finding in full is in the list under the title)."""
    text = next(f.text for f in findings if set(keys) <= set(f.keys))
    return re.split(r"(?<=[.])\s+(?=[A-ZÀ-ỸĐ])", text)[0].rstrip(".")


def pair_heading(story: Story, profiles: pd.DataFrame, measure: str) -> str:
    """A short heading for a measure two years report: "Upper secondary school: not comparable" / «THPT: không so
    sánh được», or "…, 2019 and 2023" when the two years can be compared."""
    v = pair_values(story, profiles, measure)
    same = v["comparable"] and pd.notna(v["change"])
    return story.capital(story.t("heading.pair.same" if same else "heading.pair", **v))


def profile_sections(profiles: pd.DataFrame, findings: list[Finding], story: Story | None = None) -> list[Section]:
    """Notebook 02: one section per profile population (a year's headcount, or each of several one year counts),
    headed by its year (with ``story``, when the year counts one population) or else by its headcount's finding,
    then one per measure two years report (:func:`pair_heading`, or its finding); none when the article gives no
    profile."""
    figures = profile_figures(profiles)
    heads = profiles.loc[profiles["measure"] == HEADCOUNT, ["headcount_key", "period"]].drop_duplicates()
    per_year = heads["period"].value_counts()
    out = []
    for head, year in heads.itertuples(index=False):
        short = story is not None and per_year[year] == 1
        out.append(Section(str(year) if short else heading_for(findings, head),
                           profiles[(profiles["headcount_key"] == head) & (profiles["status"] == "reported")],
                           [f for f in figures if f[1] == "profile" and f[2] == head]))
    for measure in paired_measures(profiles):
        rows = profiles[(profiles["measure"] == measure) & (profiles["status"] == "reported")]
        out.append(Section(pair_heading(story, profiles, measure) if story else
                           heading_for(findings, *rows["source_key"].iloc[[0, -1]]),
                           profiles[profiles["measure"] == measure],
                           [f for f in figures if f[1] == "pairs" and f[2] == measure]))
    return out


def rotation_heading(story: Story, group: str, rows: pd.DataFrame) -> str:
    """A short heading for a split or subset of the rotated leaders: the split's own ("Where they are now"), "By
    bloc", or the subset's measure ("Higher posts"), else its words."""
    first = rows[rows["relation"].isin(("part", "subset"))].iloc[0]
    if first["relation"] == "subset":
        measure = story.facts.loc[first["key"], "measure"] if first["key"] in story.facts.index else ""
        if story.has(f"heading.{measure}"):
            return story.t(f"heading.{measure}")
        return story.capital(story.words(first["key"]))
    if story.has(f"heading.split.{group}"):
        return story.t(f"heading.split.{group}")
    name = split_label(story, group)
    return story.t("heading.split", split=name) if name else story.t("heading.split.unnamed")


def rotation_sections(flows: pd.DataFrame, findings: list[Finding], story: Story | None = None) -> list[Section]:
    """Notebook 03: one section per split and one per subset (each headed by :func:`rotation_heading`, or without
    ``story`` by its finding), in the order of the flows table; none when the article reports no rotation."""
    figures = rotation_figures(flows)
    out = []
    for group, rows in flows.groupby("group", sort=False):
        first = rows[rows["relation"].isin(("part", "subset"))]["key"].iloc[0]
        heading = rotation_heading(story, group, rows) if story else heading_for(findings, first)
        out.append(Section(heading, rows, [f for f in figures if f[2] == group]))
    return out


def staffing_sections(facts: pd.DataFrame, findings: list[Finding]) -> list[Section]:
    """Notebook 03: one section per staffing figure (moves side by side, a count split into parts, a count with a
    count inside it), headed by the finding that states its facts; none when the article reports no staff moved
    or short."""
    from articlefacts.drawing.staffing_charts import split_keys, staffing_figures

    out = []
    for figure in staffing_figures(facts):
        what, name = figure[2].split(":", 1)
        keys = split_keys(facts, name) if what == "split" else list(  # a split with no whole, or one number for two
            facts.index[(facts["topic"] == "staffing") & (facts["split"] == name)]) if what == "parts" else [name]
        out.append(Section(heading_for(findings, keys[0]), facts.loc[keys], [figure]))
    return out
