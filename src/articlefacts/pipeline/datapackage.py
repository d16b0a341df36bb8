"""Write the processed folder's Frictionless ``datapackage.json`` and its codebook ``README.md``.

Usage: ``python -m articlefacts.pipeline.datapackage META DIR`` (make runs it after notebook 01 succeeded).
Like a notebook run, the two files are published together or not at all, after the check of what a
published file may hold (:mod:`articlefacts.pipeline.published`); errors are two lines on stderr.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from articlefacts.errors import ArticleFactsError
from articlefacts.paths import resolve
from articlefacts.pipeline import published, staging
from articlefacts.reading.codebook import codebook, datapackage
from articlefacts.reading.inputs import read_meta


def write_datapackage(meta_path: str, directory: str) -> list[Path]:
    """Write DIR/datapackage.json and DIR/README.md for the article described by META; returns the paths.

    Raises :class:`ArticleFactsError` for unreadable metadata or a file that would hold a path of this
    machine, and :class:`OSError` if DIR cannot be written (nothing is written then).
    """
    meta = read_meta(meta_path)
    out = resolve(directory)
    texts = {out / "datapackage.json": json.dumps(datapackage(meta), ensure_ascii=False, indent=2) + "\n",
             out / "README.md": codebook(meta)}
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out, prefix=".datapackage-") as tmp:
        files = {}
        for final, text in texts.items():
            files[final] = Path(tmp) / final.name
            files[final].write_bytes(text.encode("utf-8"))
            os.chmod(files[final], 0o644)
        published.check_files(files, "data package")
        return staging.publish(files)


def main(argv: list[str]) -> int:
    """Command line: write the data package for META into DIR, or print a two-line error; returns the exit status."""
    try:
        write_datapackage(*argv[:2])
    except ArticleFactsError as err:
        print(f"error: {err.what}\nHow to fix: {err.fix}", file=sys.stderr)
        return 1
    except OSError as err:
        if err.errno not in staging.DISK_FULL:
            raise
        err = staging.disk_full("data package", err.filename or argv[1])
        print(f"error: {err.what}\nHow to fix: {err.fix}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:3]))
