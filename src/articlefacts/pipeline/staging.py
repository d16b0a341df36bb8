"""A run's own working area, its lock, and the move of its staged outputs into place.

Every run of the runner works under ``<build>/runs/<name>-<hash>/`` (``<build>`` is ``build/`` of the
project, or ``<OUT>/build/`` for ``make report OUT=...``; the hash is that of the executed notebook's
path), which holds:

- ``stage/<parameter>/``: one staging folder per ``output folder`` parameter, passed to the kernel as
  that parameter's value;
- ``source.ipynb`` and ``partial.ipynb``: the notebook as prepared for execution, and as executed so far;
- ``executed.ipynb``: the executed notebook as it will be published, written before anything is published.

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
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from articlefacts.errors import ArticleFactsError
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

    @property
    def executed(self) -> Path:
        return self.root / "executed.ipynb"

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


def staged_files(folders: dict[Path, Path]) -> dict[Path, Path]:
    """Every file of each staging folder (key) with the path it is published to under its final folder
    (value): final path → staged file, in a stable order."""
    return {final / staged.relative_to(stage): staged for stage, final in folders.items()
            for staged in sorted(p for p in stage.rglob("*") if p.is_file())}


def publish(files: dict[Path, Path]) -> list[Path]:
    """Move each staged file (value) to its final path (key): all of them, or none.

    First each file is put beside its final path under a hidden temporary name (a rename on the same file
    system, else a copy, which can fail on a full disk); if any of that fails, every temporary file is
    removed and the error raised, so nothing is published. Then each is renamed into place, in the order
    given (the caller puts the executed notebook last, so make sees its target only once the rest is in
    place). Returns the final paths.
    """
    ready: list[tuple[Path, Path]] = []
    try:
        for final, staged in files.items():
            final.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(dir=final.parent, prefix=f".{final.name}.", suffix=".publishing")
            os.close(fd)
            ready.append((Path(name), final))
            try:
                os.replace(staged, name)
            except OSError as err:
                if err.errno != errno.EXDEV:
                    raise
                shutil.copyfile(staged, name)
                os.chmod(name, 0o644)
    except BaseException:
        for temporary, _ in ready:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, final in ready:
        os.replace(temporary, final)
    return [final for _, final in ready]


DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


def mount_point(path: Path) -> Path:
    """The folder at which the file system holding ``path`` (or its nearest existing parent) is mounted."""
    path = Path(os.path.abspath(path))
    while not path.exists():
        path = path.parent
    while not os.path.ismount(path):
        path = path.parent
    return path


def disk_full(run: str, path: str | Path) -> ArticleFactsError:
    """The message for a write that failed because the disk (or the user's quota) is full, for the run
    ``run`` writing ``path``: the file system named by where it is mounted, and the fix."""
    where = relative(mount_point(Path(path)))
    return ArticleFactsError(
        f"{run}: the disk is full: no space left on the file system at {where} (writing {relative(path)}); "
        "nothing was published",
        f"free space there (`df -h {where}` shows what is left), or write elsewhere with OUT=, then run again.")
