"""Writing outputs: each file goes exactly where it is told, atomically, so no reader ever sees half a file.

Where that is, is decided by the notebook's ``output folder`` parameters and nothing else. Under
``make report`` the runner passes staging folders as their values and moves the files into place when
the whole notebook succeeded (see :mod:`articlefacts.pipeline.staging`); in JupyterLab the defaults write
under ``build/lab/``.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from articlefacts.paths import resolve

if TYPE_CHECKING:  # pandas and matplotlib are imported only where a table or figure is written,
    import matplotlib.pyplot as plt  # so that the runner, which only moves files, starts fast.
    import pandas as pd

FLOAT_FORMAT = "%.10g"
# A number written with exactly the decimals its row's decimals column says, the same rule in every table: those
# the article prints, or those a derived value's formula needs (3.0, not 3; 57; 362.961). Number column → the
# column that holds its decimals (the codebook says so for each).
DECIMALS_FROM = {"value": "decimals", "percent": "decimals", "share_pct": "share_decimals",
                 "share_computed": "share_decimals"}


def write_bytes_atomic(data: bytes, target: Path) -> None:
    """Write ``data`` to ``target`` through a temporary file in the same folder and a rename.

    Creates missing parent folders; raises :class:`OSError` if the folder cannot be written.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(text: str, path: str | Path) -> Path:
    """Write ``text`` as UTF-8 to ``path`` (relative to the current directory); returns the absolute path."""
    target = resolve(path)
    write_bytes_atomic(text.encode("utf-8"), target)
    return target


def save_table(frame: pd.DataFrame, name: str, directory: str | Path) -> Path:
    """Validate ``frame`` against the schema ``name`` and write ``directory/name.csv`` deterministically.

    Returns the path written; raises the schema's error if ``frame`` does not conform.
    """
    from articlefacts.reading.schemas import conform

    return write_csv(conform(frame, name), Path(directory) / f"{name}.csv")


def with_decimals(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with each number column of :data:`DECIMALS_FROM` whose decimals column it holds written as text
    with exactly that many decimals (an empty number stays empty); other columns unchanged."""
    import pandas as pd

    frame = frame.copy()
    for column, decimals in DECIMALS_FROM.items():
        if column in frame and decimals in frame:
            frame[column] = [None if pd.isna(value) or pd.isna(places) else f"{float(value):.{int(places)}f}"
                             for value, places in zip(frame[column], frame[decimals], strict=True)]
    return frame


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write an already validated frame as CSV: no index, LF line ends, a number with a decimals column at exactly
    those decimals (:func:`with_decimals`), other floats as ``%.10g``; returns the path."""
    buffer = io.StringIO()
    with_decimals(frame).to_csv(buffer, index=False, lineterminator="\n", float_format=FLOAT_FORMAT)
    return write_text(buffer.getvalue(), path)


def save_figure(fig: plt.Figure, directory: str | Path, name: str) -> list[Path]:
    """Save ``fig`` as ``directory/name.png`` and ``.svg``, byte-stable across runs and versions; the SVG
    names the figure's title and subtitle in ``<title>`` and ``<desc>`` (for a figure made by
    :func:`articlefacts.drawing.style.finalise_figure`).

    Raises :class:`~articlefacts.errors.ArticleFactsError` naming the figure and its texts, before anything is
    written, when a text overlaps another, runs off the canvas or cannot be read on its mark
    (:func:`articlefacts.drawing.legible.check_legible`). Returns the two paths written.
    """
    from articlefacts.drawing.legible import check_legible

    check_legible(fig, name)
    written = []
    for fmt, meta in (("png", {"Software": None}), ("svg", {"Date": None, "Creator": None})):
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, dpi=150, metadata=meta)
        data = buffer.getvalue()
        if fmt == "svg" and getattr(fig, "captions", None):
            data = svg_titled(data, fig.captions["title"], fig.captions["subtitle"])
        target = resolve(Path(directory) / f"{name}.{fmt}")
        write_bytes_atomic(data, target)
        written.append(target)
    return written


def svg_titled(svg: bytes, title: str, description: str) -> bytes:
    """The SVG with ``<title>`` and ``<desc>`` as the first children of its root, which screen readers and
    browsers read as its name and description."""
    from xml.sax.saxutils import escape

    head, sep, rest = svg.decode("utf-8").partition("<svg ")
    tag_end = rest.index(">") + 1
    named = f"\n <title>{escape(title)}</title>\n <desc>{escape(description)}</desc>"
    return (head + sep + rest[:tag_end] + named + rest[tag_end:]).encode("utf-8")
