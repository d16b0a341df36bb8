"""Each notebook's parameters, their kinds, and the check that runs right after the parameters cell."""

from __future__ import annotations

import tempfile

from articlefacts.errors import ArticleFactsError
from articlefacts.i18n import check_language
from articlefacts.paths import relative, resolve

SPECS = {
    "01-clean-article": {"article": "input_file", "facts": "input_file", "not_data": "input_file",
                         "meta": "input_file", "processed_dir": "output_dir"},
    "02-compare-qualifications": {"meta": "input_file", "processed_dir": "output_dir",
                                  "figures_dir": "output_dir", "language": "language"},
    "03-rotation-outcomes": {"meta": "input_file", "processed_dir": "output_dir",
                             "figures_dir": "output_dir", "language": "language"},
}


def check_writable(name: str, value: str) -> None:
    """Create the directory if needed and prove a file can be written in it."""
    target = resolve(value)
    try:
        target.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=target):
            pass
    except OSError as err:
        raise ArticleFactsError(
            f"Parameter '{name}': output directory {relative(target)} cannot be written ({err.strerror})",
            "pass a directory you can write to, or fix its permissions.") from None


def check_parameters(notebook: str, **values) -> dict:
    """Check every parameter of ``notebook`` for type and allowed range; return them unchanged.

    Paths must be text; input files must exist; output directories must be writable; the language
    must be one the translation table has. The error names the parameter and the value found.
    """
    spec = SPECS[notebook]
    unknown = sorted(set(values) - set(spec))
    missing = sorted(set(spec) - set(values))
    if unknown or missing:
        raise ArticleFactsError(f"Notebook {notebook}: unknown parameters {unknown}, missing {missing}",
                                f"its parameters are: {', '.join(spec)}.")
    for name, kind in spec.items():
        value = values[name]
        if not isinstance(value, str) or not value:
            raise ArticleFactsError(
                f"Parameter '{name}' must be {'a language code' if kind == 'language' else 'a path'} "
                f"(text), got {type(value).__name__} {value!r}",
                f"pass {name}=<{'language' if kind == 'language' else 'path'}> as text.")
        if kind == "language":
            check_language(value)
        elif kind == "input_file" and not resolve(value).is_file():
            raise ArticleFactsError(f"Parameter '{name}': file not found: {relative(resolve(value))}",
                                    "check the path (relative paths start at the project root).")
        elif kind == "output_dir":
            check_writable(name, value)
    return values

