"""Write the processed folder's Frictionless ``datapackage.json`` and its codebook ``README.md``.

Usage: ``python -m articlefacts.pipeline.datapackage META DIR`` (make runs it after notebook 01 succeeded).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from articlefacts.codebook import codebook, datapackage
from articlefacts.inputs import read_meta
from articlefacts.outputs import write_text


def write_datapackage(meta_path: str, directory: str) -> list[Path]:
    """Write DIR/datapackage.json and DIR/README.md for the article described by META; returns the paths."""
    meta = read_meta(meta_path)
    out = Path(directory)
    return [write_text(json.dumps(datapackage(meta), ensure_ascii=False, indent=2) + "\n", out / "datapackage.json"),
            write_text(codebook(meta), out / "README.md")]


if __name__ == "__main__":
    write_datapackage(*sys.argv[1:3])
