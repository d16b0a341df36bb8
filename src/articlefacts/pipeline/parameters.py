"""A notebook's parameters, read from its parameters cell: the one place its interface is written.

Each line of that cell is ``name = default  # kind: what it is``, where the kind is one of
:data:`KINDS`. ``papermill.inspect_notebook`` reads the names, defaults and comments; this module checks
the values a run is given against them and turns paths into the form the kernel sees (relative to the
notebook's folder, the kernel's working directory, as in JupyterLab).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from articlefacts.errors import ArticleFactsError
from articlefacts.i18n import check_language
from articlefacts.paths import relative

KINDS = ("input file", "input folder", "output folder", "language")


def inspect(source: Path) -> dict[str, dict]:
    """papermill's view of the parameters cell: name → {"default", "help", ...}, in cell order."""
    import papermill

    return papermill.inspect_notebook(str(source))


def declared_parameters(source: Path) -> dict[str, str]:
    """name → kind for every parameter of the notebook at ``source``, in cell order.

    Raises :class:`ArticleFactsError` when no cell is tagged ``parameters`` or a comment names no kind.
    """
    declared = inspect(source)
    if not declared:
        raise ArticleFactsError(
            f"{relative(source)} has no cell tagged 'parameters', so it declares no parameters",
            "in JupyterLab select the cell of defaults, open the property inspector (gear icon) and add the tag "
            "'parameters'; or restore the notebook with `git checkout -- notebooks/`.")
    kinds = {}
    for name, info in declared.items():
        kind = next((k for k in KINDS if (info.get("help") or "").startswith(k)), None)
        if kind is None:
            raise ArticleFactsError(
                f"{relative(source)}: parameter '{name}' has no comment saying what it is",
                f"end its line with '  # <kind>: <what it is>', the kind one of: {', '.join(KINDS)}.")
        kinds[name] = kind
    return kinds


def check_writable(name: str, target: Path) -> None:
    """Create the directory if needed and prove a file can be written in it."""
    try:
        target.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=target):
            pass
    except OSError as err:
        from articlefacts.pipeline.preflight import unwritable

        owned = unwritable(target)  # another user's folder is named with its owner
        if owned:
            raise owned from None
        raise ArticleFactsError(
            f"Parameter '{name}': output directory {relative(target)} cannot be written ({err.strerror})",
            "pass a directory you can write to, or fix its permissions.") from None


def kernel_path(full: Path, source: Path) -> str:
    """``full`` as the kernel sees it: relative to the notebook's folder inside the project, else absolute."""
    return os.path.relpath(full, source.parent) if full.is_relative_to(source.parent.parent) else str(full)


def output_defaults(source: Path) -> dict[str, Path]:
    """name → absolute folder for each ``output folder`` parameter, from its default (relative to the notebook)."""
    import ast

    kinds = declared_parameters(source)
    return {name: Path(os.path.abspath(source.parent / ast.literal_eval(info["default"])))
            for name, info in inspect(source).items() if kinds[name] == "output folder"}


def check_values(source: Path, values: dict) -> dict:
    """Check ``values`` (paths relative to the current directory) against the notebook's parameters.

    Returns the values the kernel gets: paths rewritten relative to the notebook's folder. Raises
    :class:`ArticleFactsError` naming the parameter for an unknown name, a value of the wrong type, a missing
    input file or folder, an output folder that cannot be written, or an unknown language.
    """
    kinds = declared_parameters(source)
    unknown = sorted(set(values) - set(kinds))
    if unknown:
        raise ArticleFactsError(f"Unknown parameter {', '.join(map(repr, unknown))} for {relative(source)}",
                                f"its parameters are: {', '.join(kinds)}.")
    out = {}
    for name, value in values.items():
        kind = kinds[name]
        if not isinstance(value, str) or not value:
            what = "a language code" if kind == "language" else "a path"
            raise ArticleFactsError(f"Parameter '{name}' must be {what} (text), got {type(value).__name__} {value!r}",
                                    f"pass {name}=<{'language' if kind == 'language' else 'path'}> as text.")
        if kind == "language":
            out[name] = check_language(value)
            continue
        full = Path(os.path.abspath(value))
        if kind == "input file" and not full.is_file():
            raise ArticleFactsError(f"Parameter '{name}': file not found: {relative(full)}",
                                    "check the path (relative paths start at the project root).")
        if kind == "input folder" and not full.is_dir():
            raise ArticleFactsError(f"Parameter '{name}': folder not found: {relative(full)}",
                                    "run the notebook that writes it first (make report does).")
        if kind == "output folder":
            check_writable(name, full)
        out[name] = kernel_path(full, source)
    return out
