"""What a published output may hold, checked in one place before anything is published.

Every file a run publishes (executed notebook, tables, findings, figures, data package and codebook)
must depend on the inputs and the code alone. Two rules:

1. **No stderr in an executed notebook.** What a cell printed to stderr (a library's warning, the
   project's notes on its inputs) says something about this run on this machine, often with its paths.
   :func:`take_stderr` removes it from the notebook, and the runner shows it on the console instead,
   one ``warning: <notebook>, In [n]: <text>`` line per line (:func:`console_lines`).
2. **No trace of the machine in any file.** :func:`check_files` looks in every file for the project's
   folder, the user's home, the temporary folder, the Python installation, the user's name as a path
   component, and any absolute path under ``/home``, ``/Users``, ``/root``, ``/tmp``, ``/var/folders``,
   ``/private`` or ``C:\\Users``. A PNG is checked in its text chunks (``tEXt``, ``zTXt``, ``iTXt``), not
   its pixels. Paths the user passed as parameters are inputs and are allowed. A file that holds such a
   trace stops the run, naming the file and what it holds: nothing is published.
"""

from __future__ import annotations

import getpass
import os
import re
import struct
import sys
import tempfile
import zlib
from pathlib import Path

from articlefacts.errors import ArticleFactsError
from articlefacts.paths import ROOT, relative
from articlefacts.pipeline import environment

GENERIC = re.compile(r"(?<![\w.~-])/(?:home|Users|root|tmp|var/folders|private)/[^\s\"'<>]*"
                     r"|\b[A-Za-z]:\\{1,2}(?:Users|Documents and Settings)\\[^\s\"'<>]*")


def take_stderr(nb) -> list[tuple[str, str]]:
    """Remove every stderr stream output from the code cells of ``nb`` (a NotebookNode, changed in place).

    Returns ``(cell, text)`` pairs in cell order, ``cell`` as the notebook shows it (``In [4]``).
    """
    taken = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        kept = []
        for out in cell.outputs:
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                text = "".join(out["text"]) if isinstance(out["text"], list) else out["text"]
                taken.append((f"In [{cell.get('execution_count') or ' '}]", text))
            else:
                kept.append(out)
        cell.outputs = kept
    return taken


def console_lines(name: str, taken: list[tuple[str, str]]) -> list[str]:
    """The console lines for what the cells of the run ``name`` printed to stderr: ``warning: <name>,
    In [n]: <line>`` for each line (a warning is one line in the runner's kernels), blank lines dropped."""
    return [f"warning: {name}, {cell}: {line}" for cell, text in taken for line in text.splitlines() if line.strip()]


def user_name() -> str:
    """The user's login name, or "" where the system has none for this user id (a container run with an
    arbitrary ``--user``, where :func:`getpass.getuser` raises)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError, ImportError):
        return ""


def machine_paths() -> dict[str, str]:
    """What stands for this machine, description → absolute path: the project folder, the user's home (as
    the user's environment gave it), the temporary folder and the Python installation."""
    home = environment.ORIGINAL.get("HOME") or os.path.expanduser("~")
    found = {"the project folder": str(ROOT), "the project folder (resolved)": os.path.realpath(ROOT),
             "the home folder": home, "the temporary folder": tempfile.gettempdir(),
             "the Python environment": sys.prefix, "the Python installation": sys.base_prefix}
    return {what: path for what, path in found.items() if path and len(path.strip("/\\")) > 1}


def traces(text: str, allowed: tuple[str, ...] = ()) -> list[str]:
    """The traces of this machine in ``text`` (see the module docstring), each as "<what> (<text found>)";
    the strings in ``allowed`` (paths the user passed) are left out of the search first."""
    for value in sorted(allowed, key=len, reverse=True):
        text = text.replace(value, "")
    found = []
    for what, path in machine_paths().items():
        match = re.search(rf"(?<![\w.~-]){re.escape(path)}(?![\w.-])", text)
        if match:
            found.append(f"{what} ({_excerpt(text, match)})")
    name = user_name()
    if name:
        match = re.search(rf"[/\\~]{re.escape(name)}(?=[/\\]|$)", text, re.M)
        if match:
            found.append(f"the user name '{name}' in a path ({_excerpt(text, match)})")
    match = GENERIC.search(text)
    if match and not found:
        found.append(f"an absolute path ({_excerpt(text, match)})")
    return found


def _excerpt(text: str, match: re.Match) -> str:
    end = match.end()
    while end < len(text) and end - match.start() < 80 and text[end] not in "\"'\n<>" and text[end:end + 2] != "\\n":
        end += 1
    return text[match.start():end]


def png_text(data: bytes) -> str:
    """The text chunks (tEXt, zTXt, iTXt) of a PNG file, joined; "" for a PNG without any."""
    texts, at = [], 8
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if kind == b"tEXt":
            texts.append(body.decode("latin-1"))
        elif kind == b"zTXt":
            key, _, rest = body.partition(b"\0")
            texts.append(key.decode("latin-1") + " " + zlib.decompress(rest[1:]).decode("latin-1"))
        elif kind == b"iTXt":
            key, _, rest = body.partition(b"\0")
            compressed, rest = rest[0], rest[2:]
            _lang, _, rest = rest.partition(b"\0")
            _translated, _, value = rest.partition(b"\0")
            texts.append(key.decode("latin-1") + " " + (zlib.decompress(value) if compressed else value).decode(
                "utf-8", "replace"))
        at += 12 + length
    return "\n".join(texts)


def file_text(path: Path, data: bytes) -> str:
    """The text of a published file in which to look for traces: a PNG's text chunks, else its bytes as UTF-8."""
    return png_text(data) if path.suffix.lower() == ".png" else data.decode("utf-8", "replace")


def check_files(files: dict[Path, Path], run: str, allowed: tuple[str, ...] = ()) -> None:
    """Check the files about to be published: final path (as the user will see it) → file holding the bytes.

    Raises :class:`ArticleFactsError` naming the first file that holds a trace of this machine, and what it
    holds; ``run`` names the run in the message. Paths in ``allowed`` (parameters the user passed) may appear.
    """
    for final, holder in files.items():
        found = traces(file_text(final, holder.read_bytes()), allowed)
        if found:
            raise ArticleFactsError(
                f"{run}: {relative(final)} would publish {found[0]}; nothing was published",
                "published files must not depend on the machine: show paths relative to the project "
                "(articlefacts.paths.relative) and leave out what a library printed about its installation.")
