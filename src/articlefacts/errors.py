"""One exception type whose message is written for a person: what is wrong and where, then the fix."""


class ArticleFactsError(Exception):
    """Bad input or a failed check.

    ``what`` says what is wrong and where (file, fact key, parameter, expected versus found);
    ``fix`` says how to put it right. ``str(err)`` gives both, on two lines.
    """

    def __init__(self, what: str, fix: str):
        self.what = what
        self.fix = fix
        super().__init__(f"{what}\nHow to fix: {fix}")

    def _render_traceback_(self) -> list[str]:
        """The lines IPython shows instead of a traceback (a notebook cell that raises this error shows the same
        two lines as the command line): ``error: <what>`` and ``How to fix: <fix>``."""
        return [f"error: {self.what}", f"How to fix: {self.fix}"]
