"""Run one notebook with papermill, stage its outputs, and publish them only if it succeeds.

Usage: ``python -m articlefacts.pipeline.runner SOURCE.ipynb EXECUTED.ipynb name=value ...``

- Unknown parameter names are an error (papermill itself only warns).
- The notebook's outputs are written to ``build/stage/<name>/`` and moved into place after the last
  cell succeeded; the executed notebook is written last, so make never sees a half-made target.
- A failed run keeps the partial notebook as ``build/failed/<name>.FAILED.ipynb`` and exits 1 with
  the cause on the first line and the fix on the next.
- Executed notebooks are normalised (no timings, no random ids, no machine paths), so a rebuild
  reproduces them byte for byte.
"""

from __future__ import annotations

import ast
import os
import shutil
import sys
import time
from pathlib import Path

# jsonschema imports rfc3987-syntax whenever it is installed (jupyterlab brings it in) and builds a
# grammar at import: about 2 s in every process that imports nbformat. Notebook validation never
# checks IRI formats, so the runner blocks that optional import (jsonschema then skips the format).
sys.modules.setdefault("rfc3987_syntax", None)

from articlefacts.errors import ArticleFactsError  # noqa: E402
from articlefacts.outputs import STAGE_ENV, unmirror, write_bytes_atomic  # noqa: E402
from articlefacts.paths import BUILD_DIR, KERNEL_NAME, ROOT, relative, resolve  # noqa: E402
from articlefacts.pipeline.parameters import check_values  # noqa: E402

TIMING_KEYS = ("start_time", "end_time", "duration")
# Kernels talk over IPC sockets, not TCP on loopback: nothing listens on a port, and ipykernel
# does not warn about unencrypted TCP.
KERNEL_MANAGER = "articlefacts.pipeline.kernels.IPCKernelManager"
INJECTED_ID = "injected-parameters"


def parse_assignments(items: list[str]) -> dict:
    """``name=value`` pairs; a value that is a Python literal (``3``, ``True``) keeps its type."""
    params = {}
    for item in items:
        name, sep, text = item.partition("=")
        if not sep or not name.isidentifier():
            raise ArticleFactsError(f"Bad parameter {item!r}: expected name=value",
                                    "write parameters as name=value, e.g. language=vi.")
        try:
            params[name] = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            params[name] = text
    return params


def check_kernel(name: str = KERNEL_NAME) -> None:
    """Fail with a fix if the project kernel is not registered in this environment."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel:
        raise ArticleFactsError(
            f"The project kernel '{name}' is not installed in {relative(sys.prefix)}",
            "run `make kernel` to register it again (or delete .venv and run `make report`).") from None


def normalise(nb, source: Path, target: Path):
    """Drop what changes from run to run: timings, the injected cell's random id, machine paths."""
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for key in TIMING_KEYS:
            cell.metadata.get("papermill", {}).pop(key, None)
        if INJECTED_ID in cell.metadata.get("tags", []):
            cell.id = INJECTED_ID
    meta = nb.metadata.get("papermill", {})
    for key in TIMING_KEYS:
        meta.pop(key, None)
    meta.update(input_path=relative(source), output_path=relative(target), environment_variables={})
    return nb


def publish(stage: Path) -> list[Path]:
    """Move every staged output to its destination, atomically per file."""
    moved = []
    for staged in sorted(p for p in stage.rglob("*") if p.is_file()):
        final = unmirror(staged, stage)
        write_bytes_atomic(staged.read_bytes(), final)
        moved.append(final)
    return moved


def failure(exc, source: Path, failed: Path) -> ArticleFactsError:
    """Turn a papermill execution error into a two-line message naming the cause."""
    if exc.ename.endswith("ArticleFactsError"):
        what, _, fix = exc.evalue.partition("\nHow to fix: ")
        return ArticleFactsError(f"{source.stem}: {what}", f"{fix} (Partial notebook: {relative(failed)})")
    return ArticleFactsError(
        f"{source.stem}: cell {exc.cell_index} raised {exc.ename}: {exc.evalue}",
        f"open {relative(failed)} to see the traceback.")


def run(source: str | Path, target: str | Path, params: dict) -> list[Path]:
    """Execute ``source`` into ``target`` with ``params``; returns the files published."""
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    source, target = resolve(source), resolve(target)
    if not source.is_file():
        raise ArticleFactsError(f"Notebook not found: {relative(source)}", "check the notebook path.")
    check_kernel()
    params = check_values(source, params)
    name = target.stem
    build = ROOT / BUILD_DIR
    stage, partial = build / "stage" / name, build / "partial" / target.name
    failed = build / "failed" / f"{name}.FAILED.ipynb"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    partial.parent.mkdir(parents=True, exist_ok=True)
    failed.unlink(missing_ok=True)
    os.environ[STAGE_ENV] = str(stage)
    try:
        papermill.execute_notebook(
            str(source), str(partial), parameters=params, kernel_name=KERNEL_NAME, progress_bar=False,
            log_output=False, record_timing=False, cwd=str(source.parent),
            kernel_manager_class=KERNEL_MANAGER, shutdown_kernel="immediate")
    except PapermillExecutionError as exc:
        failed.parent.mkdir(parents=True, exist_ok=True)
        os.replace(partial, failed)
        shutil.rmtree(stage, ignore_errors=True)
        raise failure(exc, source, failed) from None
    except BaseException:
        if partial.exists():
            failed.parent.mkdir(parents=True, exist_ok=True)
            os.replace(partial, failed)
        shutil.rmtree(stage, ignore_errors=True)
        raise
    finally:
        os.environ.pop(STAGE_ENV, None)
    nb = normalise(nbformat.read(partial, as_version=4), source, target)
    published = publish(stage)
    write_bytes_atomic(nbformat.writes(nb).encode("utf-8") + b"\n", target)
    partial.unlink()
    shutil.rmtree(stage)
    return published


def main(argv: list[str]) -> int:
    """Command line: run one notebook, print one progress line, or a two-line error."""
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    start = time.monotonic()
    try:
        params = parse_assignments(argv[2:])
        published = run(argv[0], argv[1], params)
    except ArticleFactsError as err:
        print(f"error: {err.what}\nHow to fix: {err.fix}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"error: {Path(argv[0]).stem} interrupted; nothing was published", file=sys.stderr)
        return 130
    shown = " ".join(f"{k}={v}" for k, v in params.items() if k in ("language", "article"))
    print(f"{Path(argv[1]).stem:<34} {shown:<34} {time.monotonic() - start:5.1f} s  ({len(published)} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
