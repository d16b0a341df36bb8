"""Checks a run makes before any cell runs: the folders it writes can be written, this folder's code is the
code that runs, and the kernel exists."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

from articlefacts.errors import ArticleFactsError
from articlefacts.paths import BUILD_DIR, ROOT, relative, resolve


def check_code_origin(root: Path = ROOT) -> None:
    """Raise :class:`ArticleFactsError` if ``articlefacts`` is imported from anywhere but ``root/src``.

    That happens in a copy of the project that kept the original's ``.venv``: its editable install points
    at the original folder, so the copy would run the original's code. It happens too when the user's
    ``PYTHONPATH`` names another copy's ``src`` (set for other work): then the message names PYTHONPATH,
    since the venv is fine.
    """
    import articlefacts

    package = Path(articlefacts.__file__).resolve().parent
    expected = (root / "src" / "articlefacts").resolve()
    if package == expected:
        return
    entries = os.environ.get("PYTHONPATH", "").split(os.pathsep)
    on_path = [p for p in entries if p and Path(p).resolve() == package.parent]
    if on_path:
        raise ArticleFactsError(
            f"PYTHONPATH names another copy of the project: it runs articlefacts from {package.parent} "
            f"(PYTHONPATH={os.environ['PYTHONPATH']}), not from {expected.parent}",
            f"run without it (env -u PYTHONPATH make …), or remove {on_path[0]} from PYTHONPATH; .venv is fine.")
    raise ArticleFactsError(
        f".venv belongs to another folder: it runs articlefacts from {package.parent}, not {expected.parent}",
        f"rebuild it for this folder: rm -rf {relative(sys.prefix)} && make setup")


def check_kernel(name: str) -> None:
    """Raise :class:`ArticleFactsError` if the kernel ``name`` is missing or runs another Python than this one."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel:
        raise ArticleFactsError(
            f"The project kernel '{name}' is not installed in {relative(sys.prefix)}",
            "run `make kernel` to register it again (or delete .venv and run `make report`).") from None
    python = spec.argv[0] if spec.argv else ""
    if python not in ("python", "python3", sys.executable) and os.path.abspath(python) != os.path.abspath(
            sys.executable):
        raise ArticleFactsError(
            f"The kernel '{name}' runs {python}, not this environment's Python ({sys.executable})",
            "run `make kernel` to register the kernel inside .venv (or pass KERNEL= with another name).")


def user(uid: int) -> str:
    """``uid`` as a person reads it: the login name and the number (``alice, uid 1001``), or the number alone."""
    import pwd

    try:
        return f"{pwd.getpwuid(uid).pw_name}, uid {uid}"
    except KeyError:
        return f"uid {uid}"


def unwritable(folder: Path) -> ArticleFactsError | None:
    """The two-line message for an existing ``folder`` this user cannot write in, else None.

    A folder another user owns (a checkout shared by two users, each with umask 022) is named with its
    owner, and the fix is the group's write permission or a clone of one's own.
    """
    if not folder.is_dir() or os.access(folder, os.W_OK | os.X_OK):
        return None
    info = folder.stat()
    if info.st_uid != os.getuid():
        return ArticleFactsError(
            f"{relative(folder)} belongs to another user ({user(info.st_uid)}), and you ({user(os.getuid())}) cannot "
            f"write in it: the project folder is shared, and its outputs and working files are that user's",
            f"ask that user to let the group write (chmod -R g+w {relative(ROOT)}, then umask 002 before each make), "
            "or work in a clone of your own (git clone).")
    return ArticleFactsError(
        f"{relative(folder)} cannot be written (permissions {stat.filemode(info.st_mode)})",
        f"give yourself write permission (chmod -R u+w {relative(folder)}), or work in a clone you can write to.")


def check_writable(folders: Iterable[Path]) -> None:
    """Raise the :func:`unwritable` message for the first of ``folders`` (those that exist) that cannot be
    written, before a run starts a kernel or writes anything."""
    for folder in folders:
        error = unwritable(folder)
        if error:
            raise error


def run_folders(build: str | None, target: str, root: Path = ROOT) -> list[Path]:
    """The folders a run writes in whatever its parameters: the project's ``build/`` with the stand-in home
    (every folder under it) and the kernels' logs, the run's build folder (``--build``) with its working
    areas and failed notebooks, and the folder of the executed notebook ``target``."""
    from articlefacts.pipeline.environment import home

    project = root / BUILD_DIR
    run_build = resolve(build) if build else project
    stand_in = [Path(folder) for folder, _, _ in os.walk(home(root))]
    return [project, *stand_in, project / "kernels", run_build, run_build / "runs", run_build / "failed",
            resolve(target).parent]
