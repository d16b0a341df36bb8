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

from articlefacts.drawing.charts import profile_figures, rotation_figures
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
    """Notebook 02: one section per profile year (headed by the year, or without ``story`` by its headcount's
    finding), then one per measure two years report (:func:`pair_heading`, or its finding); none when the
    article gives no profile."""
    figures = profile_figures(profiles)
    out = []
    for year in dict.fromkeys(profiles["period"]):
        head = profiles.loc[(profiles["period"] == year) & (profiles["measure"] == HEADCOUNT), "source_key"].iloc[0]
        out.append(Section(str(year) if story else heading_for(findings, head),
                           profiles[(profiles["period"] == year) & (profiles["status"] == "reported")],
                           [f for f in figures if f[1] == "profile" and f[2] == year]))
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
