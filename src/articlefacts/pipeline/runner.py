"""Run one notebook with papermill, staging its outputs, and publish them only if it succeeds.

Usage: ``python -m articlefacts.pipeline.runner [--build DIR] [--kernel NAME] SOURCE.ipynb EXECUTED.ipynb
name=value ...`` (paths may hold spaces; ``make report`` passes ``--build <OUT>/build``).

- Unknown parameter names and values of the wrong kind are errors (papermill itself only warns).
- Staging is done through the parameters: each ``output folder`` parameter (passed, or its default) gets a
  staging folder in the run's own working area (see :mod:`articlefacts.pipeline.staging`) as its value.
  After the last cell succeeded the staged files are moved into the real folders, the executed notebook's
  injected-parameters cell is rewritten to show the real folders, and the executed notebook is written
  last, so make never sees a half-made target. A failed run publishes nothing and keeps its partial
  notebook as ``<build>/failed/<name>.FAILED.ipynb``.
- The kernel starts first, before the runner imports papermill and reads the notebook, so that both
  start up at once (:func:`articlefacts.pipeline.kernels.start_kernel`); papermill then runs the cells on
  it and writes the notebook once, at the end (:mod:`articlefacts.pipeline.engine`).
- Two runs that would write the same executed notebook at once: the second is refused.
- The runner and its kernels see the project's settings folders (``build/home/``), never the user's rc
  files, profiles or caches (:mod:`articlefacts.pipeline.environment`).
- Executed notebooks are normalised (:mod:`articlefacts.pipeline.normalise`), so a rebuild reproduces
  them byte for byte. What a cell printed to stderr goes to the console instead, and no published file may
  hold a path of this machine (:mod:`articlefacts.pipeline.published`).
- All or nothing: the executed notebook is written into the working area first, and the files are moved
  into place only once all of them could be; a full disk gives two lines naming the file system.
- Errors are two lines on stderr: the cause, then ``How to fix:``; the exit status is 1.
"""

from __future__ import annotations

import ast
import logging
import os
import re
import signal
import sys
import time
from pathlib import Path

# Ctrl-C while this module imports: nothing is started yet, so the process ends quietly instead of
# printing a traceback; main() restores Python's KeyboardInterrupt, which the cleanup relies on.
QUIET_INTERRUPT = signal.getsignal(signal.SIGINT) is signal.default_int_handler
if QUIET_INTERRUPT:
    signal.signal(signal.SIGINT, signal.SIG_DFL)

# jsonschema imports rfc3987-syntax whenever it is installed (jupyterlab brings it in) and builds a
# grammar at import: about 2 s in every process that imports nbformat. Notebook validation never
# checks IRI formats, so the runner blocks that optional import (jsonschema then skips the format).
sys.modules.setdefault("rfc3987_syntax", None)

from articlefacts.errors import ArticleFactsError  # noqa: E402
from articlefacts.paths import BUILD_DIR, KERNEL_NAME, ROOT, relative, resolve  # noqa: E402
from articlefacts.pipeline import environment, published, staging  # noqa: E402
from articlefacts.pipeline.normalise import finish, prepare  # noqa: E402
from articlefacts.pipeline.parameters import check_values, kernel_path, output_defaults  # noqa: E402
from articlefacts.pipeline.preflight import check_code_origin, check_kernel, check_writable, run_folders  # noqa: E402


def parse_assignments(items: list[str]) -> dict:
    """``name=value`` pairs → dict; a value that is a Python literal (``3``, ``True``) keeps its type.

    Raises :class:`ArticleFactsError` for an item without ``=`` or whose name is not an identifier.
    """
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


class Stopped(BaseException):
    """The runner received SIGTERM (``timeout``, a CI cancel, ``kill``): it cleans up as for Ctrl-C."""


def stop_on_sigterm(signum, frame) -> None:
    raise Stopped()


def failure(exc, name: str, failed: Path | None) -> ArticleFactsError:
    """Turn a papermill execution error in the run ``name`` into a two-line message naming the cause and
    the cell as the partial notebook shows it (``In [n]``)."""
    where = relative(failed) if failed else "(none was written)"
    if exc.ename.endswith("ArticleFactsError"):
        what, _, fix = exc.evalue.partition("\nHow to fix: ")
        return ArticleFactsError(f"{name}: {what.strip()}", f"{fix} (Partial notebook: {where})")
    return ArticleFactsError(f"{name}: cell In [{exc.exec_count}] raised {exc.ename}: {exc.evalue}",
                             f"open {where} to see the traceback.")


def dead_kernel(name: str, kernel: str, failed: Path | None) -> ArticleFactsError:
    """The message for a kernel that died mid-run (killed by a signal, e.g. the out-of-memory killer)."""
    cell = "a cell"
    if failed:
        import nbformat

        nb = nbformat.read(failed, as_version=4)
        # papermill marks every cell "completed" when it gives up; the dead one is the last that started.
        started = [c for c in nb.cells if c.metadata.get("papermill", {}).get("start_time")]
        counted = [c.execution_count for c in started if c.get("execution_count")]
        if started and started[-1].get("execution_count"):
            cell = f"cell In [{started[-1].execution_count}]"
        elif counted:  # killed before the kernel announced the cell's number
            cell = f"cell after In [{counted[-1]}]"
    return ArticleFactsError(
        f"{name}: the kernel '{kernel}' died while running {cell} (killed, e.g. out of memory); nothing was published",
        f"see the partial notebook {relative(failed) if failed else '(none was written)'}; free memory or make "
        "that cell lighter, then run again.")


def run(source: str | Path, target: str | Path, params: dict, build: str | Path | None = None,
        kernel: str = KERNEL_NAME) -> list[Path]:
    """Execute ``source`` into ``target`` with ``params`` (paths relative to the current directory).

    ``build`` holds the run's working area and failed notebooks (default: the project's ``build/``).
    Returns the files published. Raises :class:`ArticleFactsError` with a two-line message for bad
    parameters, a missing kernel, another run holding the lock, a failing cell or a dead kernel.
    """
    source, target = resolve(source), resolve(target)
    if not source.is_file():
        raise ArticleFactsError(f"Notebook not found: {relative(source)}", "check the notebook path.")
    check_code_origin()
    check_kernel(kernel)
    from articlefacts.pipeline.kernels import start_kernel, stop_kernel  # jupyter_client: after the checks

    km, ok = None, False
    try:
        km = start_kernel(kernel, source.parent)  # it boots while this process imports papermill and stages
        published = execute(source, target, params, resolve(build) if build else ROOT / BUILD_DIR, kernel, km)
        ok = True
        return published
    finally:
        if km is not None:
            stop_kernel(km, keep_log=not ok)


def execute(source: Path, target: Path, params: dict, build: Path, kernel: str, km) -> list[Path]:
    """:func:`run` once the kernel is starting: check the parameters, stage, execute with papermill on
    the kernel of ``km``, normalise, check and publish. :func:`run` stops the kernel, whatever happens here.

    A write that fails because the disk is full ends the run with :func:`staging.disk_full`, from wherever
    it happened (a cell writing a table, papermill saving the notebook, the move into place); the working
    area goes in every case, so a failed run leaves no staged files behind on a full disk.
    """
    import nbformat

    final = check_values(source, params)
    defaults = output_defaults(source)  # every output folder is staged, whether passed or left at its default
    finals = {name: resolve(params[name]) for name in final if name in defaults}
    finals |= {name: path for name, path in defaults.items() if name not in finals}
    area = staging.work_area(target, build)
    with staging.exclusive(area, target):
        staging.fresh(area)
        try:
            given, shown = dict(final), {}
            for name, folder in finals.items():
                area.stage(name).mkdir(parents=True)
                final[name] = kernel_path(folder, source)
                given[name] = kernel_path(area.stage(name), source)
                shown |= {given[name]: final[name], str(area.stage(name)): str(folder)}
            nbformat.write(prepare(nbformat.read(source, as_version=4)), area.source)
            execute_cells(source, target, given, kernel, km, area)
            spec = km.kernel_spec  # the kernel that ran, whatever kernel an editor saved in the source
            nb = finish(nbformat.read(area.partial, as_version=4), source, target, kernel, final, shown,
                        {"name": kernel, "display_name": spec.display_name, "language": spec.language})
            for line in published.console_lines(target.stem, published.take_stderr(nb)):
                print(line, file=sys.stderr)
            area.executed.write_bytes(nbformat.writes(nb).encode("utf-8") + b"\n")
            files = staging.staged_files({area.stage(name): folder for name, folder in finals.items()})
            files[target] = area.executed  # last: make sees the executed notebook once the rest is in place
            # Absolute paths the user passed (OUT=/…, inputs outside the project) are inputs, not traces.
            allowed = tuple(v for v in (*final.values(), relative(target)) if isinstance(v, str) and os.path.isabs(v))
            published.check_files(files, target.stem, allowed)
            return staging.publish(files)
        except OSError as err:
            if err.errno not in staging.DISK_FULL:
                raise
            raise staging.disk_full(target.stem, err.filename or area.root) from None
        finally:
            staging.discard(area)


def execute_cells(source: Path, target: Path, given: dict, kernel: str, km, area: staging.WorkArea) -> None:
    """Run the prepared notebook ``area.source`` with papermill into ``area.partial`` on the kernel of ``km``.

    A failed run keeps its partial notebook as ``area.failed`` and raises :class:`ArticleFactsError`: for a
    cell that raised (a full disk named as such), a kernel that died or one that never became ready.
    """
    import papermill
    from nbclient.exceptions import DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    from articlefacts.pipeline.engine import ENGINE
    from articlefacts.pipeline.kernels import KernelNotReady

    try:
        papermill.execute_notebook(
            str(area.source), str(area.partial), parameters=given, kernel_name=kernel, progress_bar=False,
            log_output=False, record_timing=False, cwd=str(source.parent), km=km, engine_name=ENGINE)
    except PapermillExecutionError as exc:
        failed = staging.keep_failed(area)
        if exc.ename in ("OSError", "FileNotFoundError", "PermissionError") and "[Errno 28]" in exc.evalue:
            written = re.search(r": '(.+)'$", exc.evalue)
            raise staging.disk_full(target.stem, source.parent / written.group(1) if written else area.root) from None
        raise failure(exc, target.stem, failed) from None
    except DeadKernelError:
        raise dead_kernel(target.stem, kernel, staging.keep_failed(area)) from None
    except KernelNotReady as exc:
        raise ArticleFactsError(f"{target.stem}: the kernel '{kernel}' did not start: {exc}",
                                f"read its log {relative(km.log_path)}; `make kernel` registers the "
                                "project's kernel again.") from None
    except BaseException:
        staging.keep_failed(area)
        raise


def isolate_environment() -> None:
    """Give this process and its kernels the project's settings folders instead of the user's
    (:func:`articlefacts.pipeline.environment.isolate`); raises :class:`ArticleFactsError` if they cannot
    be made."""
    try:
        environment.isolate()
    except OSError as err:
        raise ArticleFactsError(f"Cannot create the run's settings folder {relative(environment.home())}: "
                                f"{err.strerror}", "make the project folder writable, or run from a copy you "
                                "can write to.") from None


def main(argv: list[str]) -> int:
    """Command line: run one notebook, print one progress line, or a two-line error; returns the exit status."""
    options = {}
    while argv and argv[0] in ("--build", "--kernel") and len(argv) > 1:
        options[argv[0][2:]] = argv[1]
        argv = argv[2:]
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    start = time.monotonic()
    if QUIET_INTERRUPT:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    # nbclient logs "Kernel died while waiting for execute reply." before the error this runner reports.
    logging.getLogger("papermill").setLevel(logging.CRITICAL)
    # After Ctrl-C or SIGTERM, asyncio reports nbclient's abandoned task ("Task exception was never retrieved",
    # a DeadKernelError traceback) as the process exits; the two lines below say what happened instead.
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    try:
        check_writable(run_folders(options.get("build"), argv[1]))  # another user's checkout: said before any work
        isolate_environment()
        params = parse_assignments(argv[2:])
        files = run(argv[0], argv[1], params, **options)
    except ArticleFactsError as err:
        print(f"error: {err.what}\nHow to fix: {err.fix}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, Stopped) as exc:
        how = "stopped (SIGTERM)" if isinstance(exc, Stopped) else "interrupted"
        print(f"error: {Path(argv[1]).stem} {how}; nothing was published\n"
              "How to fix: run the same command again.", file=sys.stderr)
        return 143 if isinstance(exc, Stopped) else 130
    shown = " ".join(f"{k}={v}" for k, v in params.items() if k in ("language", "article"))
    print(f"{Path(argv[1]).stem:<34} {shown:<34} {time.monotonic() - start:5.1f} s  ({len(files)} files)")
    return 0


def leave_at_once(status: int) -> None:
    """End a run that was stopped (Ctrl-C, SIGTERM) without Python's shutdown, once its kernel is stopped and
    its message printed. The shutdown's last garbage collection finalises the kernel client nbclient left
    behind, whose ``__del__`` terminates its ZeroMQ context; a socket the interrupt caught half made is not
    among those the context closes first, and the termination waits for it for ever (seen: the runner of
    03.en alive two minutes after Ctrl-C, and make waiting for it)."""
    from articlefacts.pipeline.kernels import remove_socket_dirs  # what its exit handler would remove

    remove_socket_dirs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    status = main(sys.argv[1:])
    if status in (130, 143):
        leave_at_once(status)
    sys.exit(status)
