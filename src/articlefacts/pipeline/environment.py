"""The environment a notebook run sees: the project's own settings folders, never the user's.

An executed notebook or a figure must depend on the inputs and the code alone. The libraries a run uses
read settings from the user's environment and write caches into the user's home:

- matplotlib reads an rc file from ``$MATPLOTLIBRC``, ``$MPLCONFIGDIR/matplotlibrc`` or
  ``~/.config/matplotlib/matplotlibrc`` (``$XDG_CONFIG_HOME``), takes its backend from ``$MPLBACKEND``,
  and keeps its font cache in ``~/.cache/matplotlib``; where it cannot write there (a read-only home) it
  makes a temporary folder and says so inside the notebook;
- IPython runs the startup files and kernel configuration of the profile in ``$IPYTHONDIR`` or
  ``~/.ipython``, and warns into the console when it cannot write there;
- Jupyter reads configuration from ``$JUPYTER_CONFIG_DIR``, ``$JUPYTER_CONFIG_PATH`` or ``~/.jupyter``;
- Python applies the warning filters of ``$PYTHONWARNINGS`` and ``$PYTHONDEVMODE`` (a warning turned into
  an error stops a cell that would otherwise run).

:func:`isolate` is called first thing by the runner. It points ``HOME`` and each of these folders into the
project's ``build/home/`` and drops the user's variables, so that the runner and the kernels it starts
(which inherit its environment) read and write only there. The fixed hash seed, locale and time zone
come from the Makefile. One setting this cannot reach: matplotlib reads a ``matplotlibrc`` in the
kernel's working directory (the notebooks' folder) whatever the environment says, so the house style
starts from matplotlib's own defaults (:func:`articlefacts.drawing.style.setup_style`).

Kernel specs are still looked up where the user keeps them (``JUPYTER_DATA_DIR`` keeps its value from the
user's home, ``JUPYTER_PATH`` is kept), so ``--kernel`` finds a kernel installed with ``--user``.
"""

from __future__ import annotations

import os
from pathlib import Path

from articlefacts.paths import BUILD_DIR, ROOT

HOME_DIR = "home"
# Variables through which a user's settings reach a run; each is dropped or replaced by isolate().
USER_SETTINGS = ("MATPLOTLIBRC", "MPLBACKEND", "MPLCONFIGDIR", "IPYTHONDIR", "JUPYTER_CONFIG_DIR",
                 "JUPYTER_CONFIG_PATH", "JUPYTER_RUNTIME_DIR", "JUPYTER_PLATFORM_DIRS", "XDG_CONFIG_HOME",
                 "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "PYTHONWARNINGS", "PYTHONDEVMODE",
                 "PYTHONSTARTUP", "PYTHONBREAKPOINT")
# The user's environment as the runner found it, before isolate() changed it (read by the check of
# published outputs, which looks for the user's home folder and name in them).
ORIGINAL: dict[str, str] = dict(os.environ)


def home(root: Path = ROOT) -> Path:
    """The folder that stands in for the user's home during a run: ``<root>/build/home``."""
    return root / BUILD_DIR / HOME_DIR


def isolated_environment(environ: dict[str, str], user_data_dir: str, root: Path = ROOT) -> dict[str, str]:
    """``environ`` without the user's settings (:data:`USER_SETTINGS`), with HOME and the settings and
    cache folders of matplotlib, IPython, Jupyter and XDG under :func:`home`, and ``JUPYTER_DATA_DIR`` set
    to ``user_data_dir`` (where the user's kernel specs are); returns a new dict."""
    base = home(root)
    env = {k: v for k, v in environ.items() if k not in USER_SETTINGS}
    return env | {"HOME": str(base), "JUPYTER_DATA_DIR": user_data_dir, "MPLCONFIGDIR": str(base / "matplotlib"),
                  "IPYTHONDIR": str(base / "ipython"), "JUPYTER_CONFIG_DIR": str(base / "jupyter"),
                  "JUPYTER_RUNTIME_DIR": str(base / "jupyter-runtime"), "XDG_CONFIG_HOME": str(base / "config"),
                  "XDG_CACHE_HOME": str(base / "cache"), "XDG_DATA_HOME": str(base / "share"),
                  "XDG_STATE_HOME": str(base / "state")}


def isolate(root: Path = ROOT) -> Path:
    """Replace this process's environment by :func:`isolated_environment` and create the folders it
    names; returns the stand-in home. Raises :class:`OSError` if ``build/`` cannot be written."""
    from jupyter_core.paths import jupyter_data_dir

    env = isolated_environment(dict(os.environ), jupyter_data_dir(), root)
    for name in ("MPLCONFIGDIR", "IPYTHONDIR", "JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "XDG_CONFIG_HOME",
                 "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        Path(env[name]).mkdir(parents=True, exist_ok=True)
    os.environ.clear()
    os.environ.update(env)
    return home(root)
