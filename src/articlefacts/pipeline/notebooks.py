"""Source notebooks stay free of outputs: ``python -m articlefacts.pipeline.notebooks --check-clean FILE…``
reports any that carry outputs or execution counts; ``--strip FILE…`` removes them."""

from __future__ import annotations

import sys

import nbformat


def dirty_cells(nb) -> list[str]:
    """Ids of the cells that carry outputs or an execution count."""
    return [c.id for c in nb.cells if c.cell_type == "code" and (c.outputs or c.execution_count)]


def main(argv: list[str]) -> int:
    """Check (or with --strip, clean) the given source notebooks."""
    strip = "--strip" in argv
    bad = 0
    for path in (a for a in argv if not a.startswith("--")):
        nb = nbformat.read(path, as_version=4)
        cells = dirty_cells(nb)
        if cells and strip:
            for cell in nb.cells:
                if cell.cell_type == "code":
                    cell.outputs, cell.execution_count = [], None
            nbformat.write(nb, path)
        elif cells:
            bad += 1
            print(f"error: {path} carries outputs in cells {', '.join(cells)}\n"
                  f"How to fix: python -m articlefacts.pipeline.notebooks --strip {path}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
