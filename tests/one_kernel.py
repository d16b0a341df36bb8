"""Build article fixtures as `make report` does, with each article's five notebooks run on one kernel.

`make report` runs each notebook in a runner process of its own, on a kernel of its own: five Python
processes that import papermill and five kernels that import pandas, matplotlib and the package, about
two thirds of the CPU an article costs. The tests of the article fixtures read what the notebooks wrote
(tables, findings, figures, executed notebooks), so this builds each fixture through the runner's own
:func:`articlefacts.pipeline.runner.execute`, with the same parameters as the Makefile's recipes, but in
one process and on one kernel for many articles: between two notebooks the kernel's namespace is cleared
(IPython's ``reset``, which also starts its execution count again at 1), its figures are closed and the
warnings it has shown may be shown again. Every notebook still starts from matplotlib's defaults
(:func:`articlefacts.drawing.style.setup_style`).

What a user runs is `make report`: tests/test_corpus.py builds some fixtures with `make corpus` and
checks that this gives the same bytes for them.

Usage (as make would run it, from the project folder, with the Makefile's exported settings):
``python tests/one_kernel.py OUT ARTICLE_FOLDER...`` builds each article into OUT/<folder name> and writes
its build/report.status ("ok" or "failed: <first error line>") and build/report.log, as ``make corpus`` does.
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


class SharedKernel:
    """One kernel for article after article: started on first use, reset between two notebooks, started
    again after a notebook that failed. The kernel client nbclient makes for each notebook (and leaves
    connected, since it does not own the manager) is closed after the notebook."""

    def __init__(self):
        self.km, self.used, self.clients = None, False, []

    def get(self):
        """The kernel's manager, reset if a notebook ran on it since it started."""
        from articlefacts.paths import KERNEL_NAME
        from articlefacts.pipeline.kernels import start_kernel

        if self.km is None:
            self.km, self.used = start_kernel(KERNEL_NAME, ROOT / "notebooks"), False
            make_client = self.km.client

            def client(**kwargs):
                self.clients.append(make_client(**kwargs))
                return self.clients[-1]

            self.km.client = client
        elif self.used:
            reset_kernel(self.km)
        self.used = True
        return self.km

    def release(self) -> None:
        """After a notebook: close the clients made for it."""
        while self.clients:
            self.clients.pop().stop_channels()

    def stop(self, keep_log: bool = False) -> None:
        from articlefacts.pipeline.kernels import stop_kernel

        if self.km is not None:
            stop_kernel(self.km, keep_log=keep_log)
        self.km = None


def build(article: Path, out: Path, kernel: SharedKernel) -> None:
    """Build one article (a folder with article.txt, facts.csv, not-data.csv, meta.json) into ``out`` on the
    shared kernel; raises ArticleFactsError as the runner would for the first notebook that fails."""
    from articlefacts.paths import BUILD_DIR, KERNEL_NAME
    from articlefacts.pipeline.datapackage import write_datapackage
    from articlefacts.pipeline.runner import execute, parse_assignments

    for number, (source, target, params) in enumerate(runs(article, out)):
        try:
            execute(ROOT / source, ROOT / target, parse_assignments(params), out / BUILD_DIR, KERNEL_NAME,
                    kernel.get())
        except BaseException:
            kernel.stop(keep_log=True)  # the next article starts on a fresh kernel
            raise
        finally:
            kernel.release()
        if number == 0:  # make writes the data package once 01 has succeeded
            write_datapackage(f"{article}/meta.json", f"{out}/data/processed")


def main(argv: list[str]) -> int:
    """Command line: build each ARTICLE_FOLDER into OUT/<its name>, recording its status and log as
    ``make corpus`` does; returns 1 if any failed."""
    from articlefacts.errors import ArticleFactsError
    from articlefacts.pipeline.runner import isolate_environment

    isolate_environment()
    kernel, failed = SharedKernel(), 0
    try:
        for article in map(Path, argv[1:]):
            out = Path(argv[0]) / article.name
            (out / "build").mkdir(parents=True, exist_ok=True)
            try:
                build(article, out, kernel)
                status, log = "ok", ""
            except ArticleFactsError as err:
                status, log = f"failed: error: {err.what}", f"error: {err.what}\nHow to fix: {err.fix}\n"
            except Exception:  # recorded for the test that reads it
                log = traceback.format_exc()
                status = f"failed: {log.strip().splitlines()[-1]}"
            (out / "build/report.log").write_text(log, encoding="utf-8")
            (out / "build/report.status").write_text(status + "\n", encoding="utf-8")
            failed += status != "ok"
    finally:
        kernel.stop()
    return 1 if failed else 0


def build_all(articles: dict[str, Path], out: Path, jobs: int = 2) -> list[subprocess.CompletedProcess]:
    """Build each article (name → input folder) into ``out/<name>``: ``jobs`` processes at once, each with one
    kernel for its share of the articles (dealt in turn, in the order given); returns the finished processes."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "ARTICLEFACTS_", "PYTHONPATH"))}
    env |= MAKE_ENV
    folders = [articles[name] for name in articles]
    for name, folder in articles.items():
        assert folder.name == name, (name, folder)

    def one(share: list[Path]) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(Path(__file__)), str(out), *map(str, share)], cwd=ROOT,
                              env=env, capture_output=True, text=True, timeout=1800, check=False)

    with ThreadPoolExecutor(jobs) as pool:
        return list(pool.map(one, [folders[i::jobs] for i in range(jobs) if folders[i::jobs]]))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
