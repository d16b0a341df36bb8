"""The sections of notebooks 02 and 03: each headed by the finding it shows, with its rows and its figures.

A notebook opens with its title, the article and every finding; then one section per year (02) or per split
and subset (03), whose heading is that finding's sentence, so that every heading states a finding with its
numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from articlefacts.drawing.charts import profile_figures, rotation_figures
from articlefacts.telling.profile_findings import paired_measures
from articlefacts.telling.story import Finding
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


def profile_sections(profiles: pd.DataFrame, findings: list[Finding]) -> list[Section]:
    """Notebook 02: one section per profile population (a year's headcount, or each of several one year counts;
    its headcount's finding), then one per measure two years report (its finding); none when the article gives
    no profile."""
    figures = profile_figures(profiles)
    out = []
    for head in dict.fromkeys(profiles.loc[profiles["measure"] == HEADCOUNT, "headcount_key"]):
        out.append(Section(heading_for(findings, head),
                           profiles[(profiles["headcount_key"] == head) & (profiles["status"] == "reported")],
                           [f for f in figures if f[1] == "profile" and f[2] == head]))
    for measure in paired_measures(profiles):
        rows = profiles[(profiles["measure"] == measure) & (profiles["status"] == "reported")]
        out.append(Section(heading_for(findings, *rows["source_key"].iloc[[0, -1]]),
                           profiles[profiles["measure"] == measure],
                           [f for f in figures if f[1] == "pairs" and f[2] == measure]))
    return out


def rotation_sections(flows: pd.DataFrame, findings: list[Finding]) -> list[Section]:
    """Notebook 03: one section per split and one per subset (each headed by its finding), in the order of the
    flows table; none when the article reports no rotation."""
    figures = rotation_figures(flows)
    out = []
    for group, rows in flows.groupby("group", sort=False):
        first = rows[rows["relation"].isin(("part", "subset"))]["key"].iloc[0]
        out.append(Section(heading_for(findings, first), rows, [f for f in figures if f[2] == group]))
    return out


def staffing_sections(facts: pd.DataFrame, findings: list[Finding]) -> list[Section]:
    """Notebook 03: one section per staffing figure (moves side by side, a count with a count inside it), headed
    by the finding that states its facts; none when the article reports no staff moved or short."""
    from articlefacts.drawing.staffing_charts import staffing_figures

    out = []
    for figure in staffing_figures(facts):
        what, name = figure[2].split(":", 1)
        keys = list(facts.index[(facts["topic"] == "staffing") & (facts["split"] == name)]) if what == "split" \
            else [name]
        out.append(Section(heading_for(findings, keys[0]), facts.loc[keys], [figure]))
    return out
