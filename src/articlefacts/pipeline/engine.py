"""papermill's nbclient engine, writing the executed notebook once, when the run ends, not around every cell.

papermill writes the whole notebook (validated and serialised) before and after each cell, so that a
long run can be watched. These notebooks run in seconds and nobody watches them, and each write costs
about 5 ms (0.2 s for notebook 01's 21 code cells; see benchmarks/results.md). :class:`EndSaveEngine`
writes it once, when the run ends, whether it succeeded, a cell raised or the kernel died, so the runner
still keeps the partial notebook of a failed run, with the cell that was running.

The runner registers it with papermill as :data:`ENGINE` and passes ``engine_name=ENGINE``.
"""

from __future__ import annotations

from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines

ENGINE = "articlefacts-end-save"


class EndSaveManager(NotebookExecutionManager):
    """papermill's execution manager, whose saves before the notebook completes do nothing."""

    ended = False

    def save(self, **kwargs) -> None:
        """Write the notebook only once the run has ended (see :meth:`notebook_complete`)."""
        if self.ended:
            super().save(**kwargs)

    def notebook_complete(self, **kwargs) -> None:
        """Mark the run as ended (succeeded, failed or its kernel died) and write the notebook."""
        self.ended = True
        super().notebook_complete(**kwargs)


class EndSaveEngine(NBClientEngine):
    """:class:`papermill.engines.NBClientEngine` with :class:`EndSaveManager`; the same steps as papermill's
    ``Engine.execute_notebook``, which builds its manager inline."""

    @classmethod
    def execute_notebook(cls, nb, kernel_name, output_path=None, progress_bar=True, log_output=False,
                         autosave_cell_every=30, **kwargs):
        """Execute ``nb`` (a NotebookNode) and return it; the notebook is written to ``output_path`` once."""
        nb_man = EndSaveManager(nb, output_path=output_path, progress_bar=progress_bar, log_output=log_output,
                                autosave_cell_every=autosave_cell_every)
        nb_man.notebook_start()
        try:
            cls.execute_managed_notebook(nb_man, kernel_name, log_output=log_output, **kwargs)
        finally:
            nb_man.cleanup_pbar()
            nb_man.notebook_complete()
        return nb_man.nb


papermill_engines.register(ENGINE, EndSaveEngine)
