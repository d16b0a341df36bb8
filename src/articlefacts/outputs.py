"""Where outputs go, written atomically so that no reader ever sees half a file.

- Under the runner (``make report``), ``ARTICLEFACTS_STAGE`` names a staging directory: every output is
  written there, and the runner moves the set into place only when the whole notebook succeeded.
- In an interactive kernel (JupyterLab) outputs go to ``build/interactive/`` so that exploring never
  overwrites the committed outputs; run ``make report`` to update those.
- Anywhere else (scripts, tests, the benchmark floor) outputs go to the path given.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from articlefacts.paths import ROOT, resolve

if TYPE_CHECKING:  # pandas and matplotlib are imported only where a table or figure is written,
    import matplotlib.pyplot as plt  # so that the runner, which only moves files, starts fast.
    import pandas as pd

STAGE_ENV = "ARTICLEFACTS_STAGE"
FLOAT_FORMAT = "%.10g"


def mirror(path: str | Path, base: Path) -> Path:
    """``path`` re-rooted under ``base``: project paths keep their relative form, others go under abs/."""
    full = resolve(path)
    try:
        return base / full.relative_to(ROOT)
    except ValueError:
        return base / "abs" / full.relative_to(full.anchor)


def unmirror(staged: Path, base: Path) -> Path:
    """The final destination of a file written under a staging ``base``."""
    rel = staged.relative_to(base)
    if rel.parts and rel.parts[0] == "abs":
        return Path("/").joinpath(*rel.parts[1:])
    return ROOT / rel


def destination(path: str | Path) -> Path:
    """Where a write to ``path`` really goes (see the module docstring)."""
    stage = os.environ.get(STAGE_ENV)
    if stage:
        return mirror(path, Path(stage))
    return resolve(path)


def write_bytes_atomic(data: bytes, target: Path) -> None:
    """Write ``data`` to ``target`` through a temporary file in the same folder and a rename."""
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
    """Write UTF-8 text with LF line endings; returns where it went."""
    target = destination(path)
    write_bytes_atomic(text.encode("utf-8"), target)
    return target


def save_table(frame: pd.DataFrame, name: str, directory: str | Path) -> Path:
    """Validate ``frame`` against its schema and write ``directory/name.csv`` deterministically."""
    from articlefacts.schemas import conform

    frame = conform(frame, name)
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n", float_format=FLOAT_FORMAT)
    return write_text(buffer.getvalue(), Path(directory) / f"{name}.csv")


def save_figure(fig: plt.Figure, directory: str | Path, name: str) -> list[Path]:
    """Save ``fig`` as PNG and SVG under ``directory``, byte-stable across runs and versions."""
    written = []
    for fmt, meta in (("png", {"Software": None}), ("svg", {"Date": None, "Creator": None})):
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, dpi=150, metadata=meta)
        target = destination(Path(directory) / f"{name}.{fmt}")
        write_bytes_atomic(buffer.getvalue(), target)
        written.append(target)
    return written
