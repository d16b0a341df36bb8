"""Copies of the project for tests and the benchmark: what a fresh clone holds, in another folder."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from articlefacts.paths import ROOT


def tracked_files(root: Path = ROOT) -> list[str]:
    """The files git tracks, plus new ones it does not ignore: the project as a clone would see it."""
    out = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=root, check=True,
                         capture_output=True).stdout.decode()
    return [f for f in out.split("\0") if f and (root / f).is_file()]


def copy_project(target: Path, root: Path = ROOT) -> Path:
    """Copy the project's files (not .venv or build) to ``target``, keeping modification times."""
    for rel in tracked_files(root):
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / rel, dest)
    return target
