"""Checks a run makes before any cell runs: this folder's code is the code that runs, and the kernel exists."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from articlefacts.errors import ArticleFactsError
from articlefacts.paths import ROOT, relative


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
