"""Any of the project's figures by its kind, drawn in one call with its caption: what
:func:`articlefacts.telling.display.draw_figures` and the benchmark use; the notebooks draw each chart in its own
cell from :mod:`~articlefacts.drawing.profile_charts` and :mod:`~articlefacts.drawing.rotation_charts` instead.
"""

from __future__ import annotations

import pandas as pd

from articlefacts.drawing.profile_charts import pairs_chart, profile_chart
from articlefacts.drawing.rotation_charts import split_chart, subset_chart
from articlefacts.drawing.style import SERIES
from articlefacts.telling.story import Story


def draw(kind: str, story: Story, table: pd.DataFrame, meta: dict, subject: str, colours: list[str] | None = None):
    """Draw one figure of ``kind`` (pairs, profile, levels, split, subset, staffing); returns (fig, caption)."""
    if kind == "pairs":
        return pairs_chart(story, table, meta, subject)
    if kind == "profile":
        return profile_chart(story, table, meta, subject)
    if kind == "levels":  # shares of a whole the article does not print, one measure in several years
        from articlefacts.drawing.level_charts import levels_chart

        return levels_chart(story, meta, subject)
    if kind == "staffing":  # facts outside the rotation table, drawn from the facts themselves
        from articlefacts.drawing.staffing_charts import staffing_chart

        return staffing_chart(story, meta, subject)
    chart = split_chart if kind == "split" else subset_chart
    return chart(story, table, meta, subject, colours or list(SERIES))
