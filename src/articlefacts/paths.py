"""The project's paths, in one place.

The paths below are relative to the project root, where make and the runner run. The runner gives the
kernel paths relative to the notebook's folder (its working directory, as in JupyterLab), so executed
notebooks hold no machine paths. ``python -m articlefacts.paths`` prints the defaults for the Makefile.
"""

import os
from pathlib import Path

# The project root: the checkout this package lives in, unless ARTICLEFACTS_ROOT names another copy
# (the Makefile sets it, so that a copy of the project builds into itself).
ROOT = Path(os.environ.get("ARTICLEFACTS_ROOT") or Path(__file__).resolve().parents[2]).resolve()

RAW_DIR = "data/raw"
PROCESSED_DIR = "data/processed"
FIGURES_DIR = "figures"
NOTEBOOKS_DIR = "notebooks"
EXECUTED_DIR = "notebooks/executed"
BUILD_DIR = "build"

ARTICLE_STEM = "baolangson-2021-01-22-luan-chuyen-can-bo-cao-loc"
ARTICLE = f"{RAW_DIR}/{ARTICLE_STEM}.txt"
FACTS = f"{RAW_DIR}/{ARTICLE_STEM}.facts.csv"
NOT_DATA = f"{RAW_DIR}/{ARTICLE_STEM}.not-data.csv"
META = f"{RAW_DIR}/{ARTICLE_STEM}.meta.json"

# The standard kernel name, so the notebooks open in any Jupyter. `make setup` registers it inside .venv
# (--sys-prefix), where Jupyter run from .venv finds it first; the runner takes another with --kernel.
DEFAULT_KERNEL = "python3"
KERNEL_NAME = DEFAULT_KERNEL
try:  # one place for the languages: the vocabulary module (imported as a sibling when make runs this file)
    from articlefacts.vocab import LANGUAGES
except ImportError:
    from vocab import LANGUAGES

NOTEBOOKS = ("01-clean-article", "02-compare-qualifications", "03-rotation-outcomes")


def resolve(path: str | Path) -> Path:
    """An absolute path for ``path``, relative paths starting at the current directory.

    Under ``make report`` and the tests that is the project root; in a notebook it is the notebook's folder.
    """
    return Path(os.path.abspath(path))


def relative(path: str | Path) -> str:
    """Show a path relative to the project root when it lies inside it, else as given."""
    path = Path(path)
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def make_variables() -> str:
    """The default paths as Makefile assignments (``make`` includes them; change them here)."""
    names = {
        "ARTICLE": ARTICLE,
        "FACTS": FACTS,
        "NOT_DATA": NOT_DATA,
        "META": META,
        "PROCESSED": PROCESSED_DIR,
        "FIGURES": FIGURES_DIR,
        "EXECUTED": EXECUTED_DIR,
        "KERNEL": DEFAULT_KERNEL,
        "LANGUAGES": " ".join(LANGUAGES),
    }
    return "".join(f"DEFAULT_{k} := {v}\n" for k, v in names.items())


if __name__ == "__main__":
    print(make_variables(), end="")
