"""Run in every kernel the runner starts, before the first cell (IPython's ``exec_lines``).

Python prints a warning as ``<file>:<line>: <Category>: <message>`` followed by the line of source that
raised it: the file is an absolute path of this machine (a package in .venv, the project's src/). Here a
warning is printed as its message only (the project's own warnings, which name the input they are about) or
as ``<Category>: <message>`` (a library's). The runner takes whatever a cell printed to stderr
out of the executed notebook and shows it on the console (see :mod:`articlefacts.pipeline.published`).
"""

import warnings


def format_warning(message, category, filename, lineno, line=None) -> str:
    """A warning as one line without the file and line it came from: the message of one of the project's
    own warnings, ``<Category>: <message>`` for any other."""
    if category.__module__.startswith("articlefacts."):
        return f"{message}\n"
    return f"{category.__name__}: {message}\n"


warnings.formatwarning = format_warning
