"""Start JupyterLab the project's way: from .venv, on 127.0.0.1, token required, opening the notebooks, and
never saving over the executed copies (:func:`refuse_executed_saves`).

``python -m articlefacts.pipeline.lab [--port N] [--token T]`` (``make lab`` runs it). Without ``--token`` Jupyter
makes a random one and prints the URL that carries it; an empty token is refused.

Each notebook's first cell calls :func:`check_working_folder`, so that an executed copy run in JupyterLab stops
there, in two lines, before it reads or writes anything.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from articlefacts.errors import ArticleFactsError
from articlefacts.paths import EXECUTED_DIR, NOTEBOOKS_DIR, ROOT


def check_working_folder(folder: str | os.PathLike | None = None) -> None:
    """Raise :class:`ArticleFactsError` when the kernel runs in a folder of executed notebooks (``folder``,
    default the current directory, named like :data:`~articlefacts.paths.EXECUTED_DIR`'s last part).

    JupyterLab starts a notebook's kernel in the notebook's folder, and every path a notebook's parameters hold
    is relative to the folder of the source notebooks. An executed copy (``notebooks/executed/…``, the record
    ``make report`` keeps) run there would look for its inputs and write its outputs one folder too deep.
    """
    here = Path(folder or os.getcwd())
    if here.name == Path(EXECUTED_DIR).name:
        raise ArticleFactsError(
            f"this notebook runs in {here.name}/, a folder of executed copies that `make report` writes and keeps; "
            f"its paths start at {NOTEBOOKS_DIR}/, so run here it would read and write the wrong folders",
            f"open the notebook of the same name in {NOTEBOOKS_DIR}/ (without .en/.vi) and run that one: it writes "
            "under build/lab/. `make report` rebuilds this copy.")


def refuse_executed_saves(model: dict, path: str, contents_manager=None, **kwargs) -> None:
    """A jupyter_server pre-save hook (``make lab`` sets it): refuse to save a file into the executed copies'
    folder, so that JupyterLab's autosave after a Run All never changes the committed record of ``make report``.

    ``path`` is the file's path under the server's root (the project folder). Raises tornado's ``HTTPError``
    403 with the reason, which JupyterLab shows on a save by hand; other paths are saved as usual.
    """
    from tornado.web import HTTPError

    if Path(path.strip("/")).parent.as_posix() == EXECUTED_DIR:
        raise HTTPError(403, f"{path} is an executed copy that `make report` writes; it is not saved from "
                             f"JupyterLab. Work in the notebook of the same name in {NOTEBOOKS_DIR}/.")


def lab_command(port: int | None = None, token: str | None = None) -> list[str]:
    """The jupyter lab command line."""
    if token is not None and not token:
        raise ArticleFactsError("An empty JupyterLab token would leave the server open to anyone on this machine",
                                "leave --token out (Jupyter makes one) or pass a non-empty token.")
    cmd = [os.path.join(os.path.dirname(sys.executable), "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1",
           f"--ServerApp.root_dir={ROOT}", f"--LabApp.default_url=/lab/tree/{NOTEBOOKS_DIR}",
           "--ContentsManager.pre_save_hook=articlefacts.pipeline.lab.refuse_executed_saves"]
    if port:
        cmd.append(f"--port={port}")
    if token:
        cmd.append(f"--IdentityProvider.token={token}")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    return cmd


def main(argv: list[str]) -> None:
    """Parse --port/--token and replace this process with JupyterLab."""
    args = dict(zip(argv[::2], argv[1::2], strict=False))
    try:
        cmd = lab_command(int(args["--port"]) if "--port" in args else None, args.get("--token"))
    except ArticleFactsError as err:
        sys.exit(f"error: {err.what}\nHow to fix: {err.fix}")
    os.execv(cmd[0], cmd)


if __name__ == "__main__":
    main(sys.argv[1:])
