"""The floor: the notebooks' whole job in one plain Python process, through the same package calls.

Usage: python benchmarks/floor.py OUT_DIR   (tables in OUT_DIR/processed, figures in OUT_DIR/figures)
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from articlefacts import paths
from articlefacts.article import read_article, read_meta, split_article
from articlefacts.audit import derive_values, percent_counts, run_checks
from articlefacts.charts import FIGURES
from articlefacts.compare import comparison_table
from articlefacts.facts import build_facts, inventory_numbers, read_facts, read_not_data
from articlefacts.figures import setup_style
from articlefacts.outputs import save_figure, save_table
from articlefacts.rotation import rotation_flows


def main(out: Path) -> None:
    """Read the raw inputs, build and write every table, draw and save every figure in both languages."""
    meta = read_meta(paths.META)
    text = read_article(paths.ARTICLE, meta["sha256"]).text
    structure = split_article(text)
    facts = build_facts(read_facts(paths.FACTS), text, structure)
    inventory = inventory_numbers(text, structure, facts, read_not_data(paths.NOT_DATA, text, structure))
    derived = derive_values(facts)
    counts = percent_counts(facts)
    checks = run_checks(facts, derived, counts, inventory, structure, meta)
    tables = {"structure": structure, "number_tokens": inventory, "facts": facts, "derived": derived,
              "percent_counts": counts, "checks": checks,
              "comparison": comparison_table(facts, derived, counts), "rotation_flows": rotation_flows(facts, derived)}
    for name, frame in tables.items():
        save_table(frame, name, out / "processed")
    setup_style()
    for language in paths.LANGUAGES:
        for name, chart, table in FIGURES:
            fig = chart(tables[table], facts, meta, language)
            save_figure(fig, out / "figures" / language, name)
            plt.close(fig)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
