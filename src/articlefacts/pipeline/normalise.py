"""Executed notebooks whose bytes depend only on the source notebook, its parameters and the code.

Before execution, :func:`prepare` gives cells without an id (a notebook saved as nbformat 4.4 by an older
editor) an id derived from their position, so nbformat does not invent random ones. After execution,
:func:`finish` removes what depends on the run rather than on its inputs: timings, the injected cell's
random id, the staging folders the kernel wrote to (shown as the final folders), machine paths, the
Python patch version, and the split of printed output into several stream outputs by timing; the
kernel recorded is the kernel that ran. :func:`finish` also keeps only the cells of the run's edition
(:func:`edition_cells`): every cell ran, so the tables the steps build exist in both editions, but the
Vietnamese readers' edition leaves out the steps and the English prose. In an edition's copy the parameters cell's
default ``language`` is the edition's (:func:`edition_default`), so a reader of the Vietnamese copy sees
``language = "vi"`` where the run set it, not the source's "en". The title written for the article
(:func:`edition_title`) replaces the source's general one at the top.
"""

from __future__ import annotations

import re
from pathlib import Path

from articlefacts.paths import relative
from articlefacts.vocab import HEADLINE_TAG, LANGUAGE_TAGS, REVIEWERS_EDITION, STEPS_TAG

TIMING_KEYS = ("start_time", "end_time", "duration")
INJECTED = "injected-parameters"
PARAMETERS = "parameters"


def prepare(nb):
    """Upgrade ``nb`` (a NotebookNode) to nbformat 4.5 with a stable id on every cell; returns it."""
    nb.nbformat, nb.nbformat_minor = 4, max(5, nb.get("nbformat_minor", 0))
    for index, cell in enumerate(nb.cells):
        if not cell.get("id"):
            cell.id = f"cell-{index:03d}"
    return nb


def merge_streams(outputs: list) -> list:
    """Consecutive stream outputs of the same name (stdout, stderr) joined into one."""
    merged = []
    for out in outputs:
        last = merged[-1] if merged else None
        if (out.get("output_type") == "stream" and last is not None and last.get("output_type") == "stream"
                and last.get("name") == out.get("name")):
            last["text"] = _text(last["text"]) + _text(out["text"])
        else:
            merged.append(out)
    return merged


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else value


def _replace_in_outputs(outputs: list, shown: dict[str, str]) -> None:
    """Show the final folders where a cell printed or displayed a staging folder."""
    def swap(text: str) -> str:
        for old, new in shown.items():
            text = text.replace(old, new)
        return text

    for out in outputs:
        if "text" in out:
            out["text"] = swap(_text(out["text"]))
        for mime, value in out.get("data", {}).items():
            if mime.startswith("text/"):
                out["data"][mime] = swap(_text(value))


def belongs(cell, language: str) -> bool:
    """Whether ``cell`` is shown in the ``language`` edition: a cell tagged ``steps`` only in the reviewers'
    edition (English), a cell tagged ``lang-<x>`` only in edition ``x``; an untagged cell in every edition."""
    tags = cell.get("metadata", {}).get("tags", [])
    if STEPS_TAG in tags and language != REVIEWERS_EDITION:
        return False
    return not any(tag in LANGUAGE_TAGS and tag != f"lang-{language}" for tag in tags)


def edition_cells(nb, language: str | None):
    """Keep in the executed ``nb`` only the cells of the ``language`` edition (:func:`belongs`); all of them
    when the notebook has no ``language`` parameter (notebook 01, English only). Returns ``nb``."""
    if language is not None:
        nb.cells = [cell for cell in nb.cells if belongs(cell, language)]
    return nb


def edition_default(nb, language: str | None):
    """In the executed ``nb``, the parameters cell's default ``language = "…"`` line set to ``language`` (the run's),
    its comment kept; nothing for a notebook without that parameter. Returns ``nb``."""
    if language is not None:
        for cell in nb.cells:
            if PARAMETERS in cell.get("metadata", {}).get("tags", []):
                cell.source = re.sub(r'^language = "[^"]*"', f'language = "{language}"', cell.source, flags=re.M)
    return nb


STEP_POINTER = re.compile(r"^# .*của bản tiếng Anh\n", re.M)  # a vi reader's pointer to a step of the en edition


def edition_comments(nb, language: str | None):
    """In the executed ``nb`` of the reviewers' edition (English), the code cells' Vietnamese comments that tell a
    vi reader which step of the English edition builds a frame («… của bản tiếng Anh») left out: there the step
    is shown just above. Returns ``nb``."""
    if language == REVIEWERS_EDITION:
        for cell in nb.cells:
            if cell.get("cell_type") == "code":
                cell.source = STEP_POINTER.sub("", cell.source)
    return nb


def edition_title(nb):
    """In the executed ``nb``, the title the cell tagged ``headline`` wrote for the article (its markdown output,
    '# Luân chuyển: cán bộ …') put in the first markdown cell, after the source title's number ('# 03 · '), and
    that cell left out; nothing when no cell is tagged so or it wrote no markdown. Returns ``nb``: a reader sees
    the article's own title first ('Rotation: …' for the seed, the moves an article reports for another), not
    the general one the source notebook keeps for JupyterLab."""
    for index, cell in enumerate(nb.cells):
        if HEADLINE_TAG not in cell.get("metadata", {}).get("tags", []):
            continue
        shown = [_text(out["data"]["text/markdown"]) for out in cell.get("outputs", [])
                 if "text/markdown" in out.get("data", {})]
        top = next((c for c in nb.cells if c.get("cell_type") == "markdown"), None)
        if shown and top is not None:
            number = re.match(r"#\s*(\S+\s·\s)", top.source)  # '03 · ' of '# 03 · Moving and placing staff'
            top.source = "# " + (number.group(1) if number else "") + shown[0].lstrip("#").strip()
            del nb.cells[index]
        break
    return nb


def injected_source(kernel: str, params: dict) -> str:
    """The injected-parameters cell papermill writes for ``params`` (its own translator, so byte-identical)."""
    from papermill.translators import translate_parameters

    return translate_parameters(kernel, "python", params, "Parameters")


def finish(nb, source: Path, target: Path, kernel: str, params: dict, shown: dict[str, str],
           kernelspec: dict | None = None):
    """Normalise the executed ``nb`` in place and return it.

    ``params`` are the final parameter values (as the kernel would see them without staging); ``shown``
    maps each staging value the kernel got to the final value, for any output that printed one.
    ``kernelspec`` (name, display_name, language of the kernel that ran) replaces the source's: an editor
    saves its own kernel there (VS Code: ``python31012jvsc74a57bd0…``), which did not run the notebook.
    """
    if kernelspec is not None:
        nb.metadata["kernelspec"] = dict(kernelspec)
    edition_cells(nb, params.get("language"))
    edition_default(nb, params.get("language"))
    edition_comments(nb, params.get("language"))
    edition_title(nb)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for key in TIMING_KEYS:
            cell.metadata.get("papermill", {}).pop(key, None)
        if INJECTED in cell.metadata.get("tags", []):
            cell.id = INJECTED
            cell.source = injected_source(kernel, params)
        if cell.cell_type == "code":
            cell.outputs = merge_streams(cell.outputs)
            _replace_in_outputs(cell.outputs, shown)
    meta = nb.metadata.get("papermill", {})
    for key in TIMING_KEYS:
        meta.pop(key, None)
    meta.update(input_path=relative(source), output_path=relative(target), environment_variables={},
                parameters=dict(params))
    info = nb.metadata.get("language_info", {})
    if "version" in info:  # 3.11.7 on one machine, 3.11.9 on the next: keep what the lock decides
        info["version"] = ".".join(str(info["version"]).split(".")[:2])
    return nb
