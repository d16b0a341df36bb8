"""Build article fixtures as `make report` does, with each article's five notebooks run on one kernel.

`make report` runs each notebook in a runner process of its own, on a kernel of its own: five Python
processes that import papermill and five kernels that import pandas, matplotlib and the package, about
two thirds of the CPU an article costs. The tests of the article fixtures read what the notebooks wrote
(tables, findings, figures, executed notebooks), so this builds each fixture through the runner's own
:func:`articlefacts.pipeline.runner.execute`, with the same parameters as the Makefile's recipes, but in
one process and on one kernel per article: between two notebooks the kernel's namespace is cleared
(IPython's ``reset``, which also starts its execution count again at 1), its figures are closed and the
warnings it has shown may be shown again. Every notebook still starts from matplotlib's defaults
(:func:`articlefacts.drawing.style.setup_style`).

What a user runs is `make report`: tests/test_corpus.py builds some fixtures with `make corpus` and
checks that this gives the same bytes for them.

Usage (as make would run it, from the project folder, with the Makefile's exported settings):
``python tests/one_kernel.py ARTICLE_FOLDER OUT`` writes OUT/build/report.status ("ok" or "failed: <first
error line>") and OUT/build/report.log, as ``make corpus`` does for each article.
"""

from __future__ import annotations

import os
import subprocess
import sys
import traceback
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ("01-clean-article", "02-compare-qualifications", "03-rotation-outcomes")
LANGUAGES = ("en", "vi")
# Run on the kernel between two notebooks: what one notebook leaves behind that the next must not see.
RESET = """\
import warnings as _w
import matplotlib.pyplot as _plt
_plt.close("all")
with _w.catch_warnings():  # its exit invalidates every module's record of the warnings already shown
    pass
get_ipython().reset(new_session=True)
"""
# The settings make exports to every recipe (see the Makefile).
MAKE_ENV = {"ARTICLEFACTS_ROOT": str(ROOT), "PYTHONHASHSEED": "0", "LC_ALL": "C.UTF-8", "TZ": "UTC"}


def runs(article: Path, out: Path) -> list[tuple[str, str, list[str]]]:
    """(source notebook, executed notebook, name=value parameters) of each notebook, as the Makefile's
    recipes pass them for ``make report ARTICLE=… OUT=out`` (in make's order: 01, then 02 and 03)."""
    meta, processed, figures = f"{article}/meta.json", f"{out}/data/processed", f"{out}/figures"
    first = [(f"notebooks/{NOTEBOOKS[0]}.ipynb", f"{out}/notebooks/executed/{NOTEBOOKS[0]}.ipynb",
              [f"article={article}/article.txt", f"facts={article}/facts.csv", f"not_data={article}/not-data.csv",
               f"meta={meta}", f"processed_dir={processed}"])]
    return first + [(f"notebooks/{nb}.ipynb", f"{out}/notebooks/executed/{nb}.{language}.ipynb",
                     [f"meta={meta}", f"tables_dir={processed}", f"processed_dir={processed}",
                      f"figures_dir={figures}", f"language={language}"])
                    for nb in NOTEBOOKS[1:] for language in LANGUAGES]


def reset_kernel(km) -> None:
    """Run :data:`RESET` on the kernel of ``km`` and wait for its reply; raises RuntimeError if it fails."""
    from jupyter_core.utils import run_sync

    async def reset() -> None:
        kc = km.client()
        kc.start_channels()
        try:
            await kc.wait_for_ready(timeout=60)
            reply = await kc.execute_interactive(RESET, silent=True, store_history=False, timeout=60)
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"the reset between two notebooks failed: {reply['content']}")
        finally:
            kc.stop_channels()

    run_sync(reset)()


def build(article: Path, out: Path) -> None:
    """Build one article (a folder with article.txt, facts.csv, not-data.csv, meta.json) into ``out`` on one
    kernel; raises ArticleFactsError as the runner would for the first notebook that fails."""
    from articlefacts.paths import BUILD_DIR, KERNEL_NAME
    from articlefacts.pipeline.datapackage import write_datapackage
    from articlefacts.pipeline.kernels import start_kernel, stop_kernel
    from articlefacts.pipeline.runner import execute, isolate_environment, parse_assignments

    isolate_environment()
    km, ok = start_kernel(KERNEL_NAME, ROOT / "notebooks"), False
    try:
        for number, (source, target, params) in enumerate(runs(article, out)):
            if number:
                reset_kernel(km)
            execute(ROOT / source, ROOT / target, parse_assignments(params), out / BUILD_DIR, KERNEL_NAME, km)
            if number == 0:  # make writes the data package once 01 has succeeded
                write_datapackage(f"{article}/meta.json", f"{out}/data/processed")
        ok = True
    finally:
        stop_kernel(km, keep_log=not ok)


def main(argv: list[str]) -> int:
    """Command line: build ARTICLE_FOLDER into OUT, recording its status and log as ``make corpus`` does."""
    from articlefacts.errors import ArticleFactsError

    article, out = Path(argv[0]), Path(argv[1])
    (out / "build").mkdir(parents=True, exist_ok=True)
    try:
        build(article, out)
        status, log = "ok", ""
    except ArticleFactsError as err:
        status, log = f"failed: error: {err.what}", f"error: {err.what}\nHow to fix: {err.fix}\n"
    except Exception:  # recorded for the test that reads it
        log = traceback.format_exc()
        status = f"failed: {log.strip().splitlines()[-1]}"
    (out / "build/report.log").write_text(log, encoding="utf-8")
    (out / "build/report.status").write_text(status + "\n", encoding="utf-8")
    return 0 if status == "ok" else 1


def build_all(articles: dict[str, Path], out: Path, jobs: int = 2) -> dict[str, subprocess.CompletedProcess]:
    """Build each article (name → input folder) into ``out/<name>``, ``jobs`` at a time, each in a process
    of its own; returns name → the finished process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "ARTICLEFACTS_", "PYTHONPATH"))}
    env |= MAKE_ENV

    def one(name: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(Path(__file__)), str(articles[name]), str(out / name)], cwd=ROOT,
                              env=env, capture_output=True, text=True, timeout=600, check=False)

    with ThreadPoolExecutor(jobs) as pool:
        return dict(zip(articles, pool.map(one, articles), strict=True))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
