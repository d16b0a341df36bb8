"""Text written into Markdown (notebook cells, the READMEs, the corpus index) so that it renders as written.

An article's words and the glosses beside them may hold characters Markdown reads as markup: ``$`` starts math
in JupyterLab and on GitHub ("earning over US$200 a month" beside "US$400" renders as a formula), ``*`` and
``_`` emphasis, ``<`` HTML, backticks code, brackets links. :func:`escape` is the one place that escapes them.
"""

from __future__ import annotations

import re

# The characters Markdown (CommonMark, GitHub, JupyterLab with its math extension) may read as markup.
SPECIAL = re.compile(r"([\\`*_$<>\[\]|])")


def escape(text: str) -> str:
    """``text`` with every Markdown-special character backslash-escaped, so that it renders literally:
    ``escape("US$200 *net*")`` → ``US\\$200 \\*net\\*``. Letters, digits, spaces and other punctuation are
    unchanged."""
    return SPECIAL.sub(r"\\\1", text)
