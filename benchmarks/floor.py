"""The floor: the notebooks' whole job in one plain Python process, through the same package calls.

Usage: python benchmarks/floor.py OUT_DIR [ARTICLE FACTS NOT_DATA META]
(tables in OUT_DIR/processed, figures in OUT_DIR/figures; the seed article by default)
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from articlefacts import paths
from articlefacts.checking.article_tables import build_tables
from articlefacts.drawing.profile_charts import profile_figures
from articlefacts.drawing.rotation_charts import rotation_figures
from articlefacts.drawing.style import setup_style
from articlefacts.outputs import save_table
from articlefacts.shaping.flows import rotation_flows
from articlefacts.shaping.profiles import profile_table
from articlefacts.telling.coverage import PROFILES, ROTATION, tell
from articlefacts.telling.display import draw_figures
from articlefacts.telling.story import Story, lead_repeats


def main(out: Path, inputs: tuple[str, ...] = ()) -> None:
    """Read the raw inputs, build and write every table, write the findings and draw every figure in both languages."""
    tables = build_tables(*(inputs or (paths.ARTICLE, paths.FACTS, paths.NOT_DATA, paths.META)))
    for name, frame in tables.outputs().items():
        save_table(frame, name, out / "processed")
    profiles = profile_table(tables.facts, tables.derived, tables.percent_counts)
    flows = rotation_flows(tables.facts, tables.derived)
    save_table(profiles, "profiles", out / "processed")
    save_table(flows, "rotation_flows", out / "processed")
    setup_style()
    for language in paths.LANGUAGES:
        story = Story(tables.facts, language, tables.derived, lead_repeats(tables.inventory))
        tell(PROFILES, story, profiles)
        tell(ROTATION, story, flows)
        for table, figures in ((profiles, profile_figures(profiles)), (flows, rotation_figures(flows))):
            draw_figures(figures, table, story, tables.meta, str(out / "figures"), show_inline=False)


if __name__ == "__main__":
    main(Path(sys.argv[1]), tuple(sys.argv[2:6]))
