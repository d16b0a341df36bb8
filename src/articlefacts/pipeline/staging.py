"""A run's own working area, its lock, and the move of its staged outputs into place.

Every run of the runner works under ``<build>/runs/<name>-<hash>/`` (``<build>`` is ``build/`` of the
project, or ``<OUT>/build/`` for ``make report OUT=...``; the hash is that of the executed notebook's
path), which holds:

- ``stage/<parameter>/``: one staging folder per ``output folder`` parameter, passed to the kernel as
  that parameter's value;
- ``source.ipynb`` and ``partial.ipynb``: the notebook as prepared for execution, and as executed so far.

Next to it, ``<name>-<hash>.lock`` is held (``fcntl.flock``) for the whole run, so two runs that would
write the same executed notebook at the same time cannot both proceed. A failed run's notebook is kept
as ``<build>/failed/<name>.FAILED.ipynb``.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from articlefacts.errors import ArticleFactsError
from articlefacts.outputs import write_bytes_atomic
from articlefacts.paths import relative


@dataclass(frozen=True)
class WorkArea:
    """The folders and files of one run (see the module docstring)."""

    root: Path
    lock: Path
    failed: Path

    @property
    def source(self) -> Path:
        return self.root / "source.ipynb"

    @property
    def partial(self) -> Path:
        return self.root / "partial.ipynb"

    def stage(self, name: str) -> Path:
        """The staging folder of the output parameter ``name``."""
        return self.root / "stage" / name


def work_area(target: Path, build: Path) -> WorkArea:
    """The working area of the run that writes the executed notebook ``target``, under ``build``.

    The hash is taken of ``target`` as :func:`relative` shows it, so the same project path gives the same
    folder on every machine (the staging paths the kernel sees never differ between clones).
    """
    digest = hashlib.sha256(relative(target).encode("utf-8")).hexdigest()[:10]
    runs = build / "runs"
    return WorkArea(root=runs / f"{target.stem}-{digest}", lock=runs / f"{target.stem}-{digest}.lock",
                    failed=build / "failed" / f"{target.stem}.FAILED.ipynb")


@contextmanager
def exclusive(area: WorkArea, target: Path) -> Iterator[None]:
    """Hold the run's lock; raise :class:`ArticleFactsError` at once if another run holds it."""
    area.lock.parent.mkdir(parents=True, exist_ok=True)
    with area.lock.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ArticleFactsError(
                f"Another run is writing {relative(target)} right now (it holds {relative(area.lock)})",
                "wait for that run to finish, or write elsewhere (e.g. make report OUT=build/other).") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def fresh(area: WorkArea) -> None:
    """Empty the working area (left over from an interrupted run) and drop an old failed notebook."""
    shutil.rmtree(area.root, ignore_errors=True)
    area.root.mkdir(parents=True)
    area.failed.unlink(missing_ok=True)


def keep_failed(area: WorkArea) -> Path | None:
    """Move the partial notebook to the failed notebook's place; returns it, or None if there was none."""
    if not area.partial.exists():
        return None
    area.failed.parent.mkdir(parents=True, exist_ok=True)
    os.replace(area.partial, area.failed)
    return area.failed


def discard(area: WorkArea) -> None:
    """Remove the working area (staged outputs included); the lock file stays."""
    shutil.rmtree(area.root, ignore_errors=True)


def move_file(staged: Path, final: Path) -> None:
    """Move one file into place atomically: a rename, or a copy and rename across file systems."""
    final.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(staged, final)
    except OSError as err:
        if err.errno != errno.EXDEV:
            raise
        write_bytes_atomic(staged.read_bytes(), final)
        staged.unlink()


def publish(folders: dict[Path, Path]) -> list[Path]:
    """Move every file of each staging folder (key) into its final folder (value); returns the files moved."""
    moved = []
    for stage, final in folders.items():
        for staged in sorted(p for p in stage.rglob("*") if p.is_file()):
            target = final / staged.relative_to(stage)
            move_file(staged, target)
            moved.append(target)
    return moved
