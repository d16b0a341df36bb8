"""The notebooks as people use them: each figure drawn by its cell, notebooks 02 and 03 reading where 01 writes,
an executed copy that stops at its first cell, a kernel without the package told so, the derived values
found by what they are, and two editions: the English one for reviewers with every step, the Vietnamese one for
readers without the steps or English prose."""

from __future__ import annotations

import ast
import base64
import html
import json
import os
import re
import subprocess
import sys

import nbformat
import pytest

from articlefacts import paths
from articlefacts.checking.derive import derived_for
from articlefacts.errors import ArticleFactsError
from articlefacts.pipeline.lab import check_working_folder, lab_command, refuse_executed_saves
from articlefacts.pipeline.parameters import inspect
from articlefacts.shaping.flows import rotation_flows
from articlefacts.shaping.profiles import profile_table

ROOT = paths.ROOT
SOURCES = {name: ROOT / paths.NOTEBOOKS_DIR / f"{name}.ipynb" for name in paths.NOTEBOOKS}
EXECUTED = sorted((ROOT / paths.EXECUTED_DIR).glob("*.ipynb"))
CHARTED = [p for p in EXECUTED if not p.name.startswith("01")]


def figure_outputs(path):
    """(cell source, output) for every output of the executed notebook ``path`` that holds an image."""
    return [(cell.source, out) for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"
            for out in cell.get("outputs", []) if "image/png" in out.get("data", {})]


def first_code_cell(path):
    return next(c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")


@pytest.mark.parametrize("path", CHARTED, ids=lambda p: p.name)
def test_every_figure_is_a_figure_its_cell_drew_and_saved(path):
    """Each image is a matplotlib Figure rendered by the cell that drew and saved it, not a file read back:
    its plain-text form is the Figure's, no published PNG has its bytes, and the cell calls a draw_ helper
    and save_chart. One image per caption in the notebook's findings file, in caption order, each with its
    figure's title as alt text in the output's metadata, and as a plain image output (``image/png``), which
    GitHub shows (an ``<img>`` with a ``data:`` source in HTML output is not shown everywhere)."""
    notebook, language = path.name.split(".")[0], path.name.split(".")[1]
    shown = figure_outputs(path)
    published = {f.read_bytes() for f in (ROOT / paths.FIGURES_DIR / language).glob("*.png")}
    captions = json.loads((ROOT / paths.PROCESSED_DIR / "findings" / f"{notebook}.{language}.json").read_text(
        encoding="utf-8"))["figures"]
    assert len(shown) == len(captions) >= 1
    for (source, out), caption in zip(shown, captions.values(), strict=True):
        png, alt = out["data"]["image/png"], out["metadata"]["image/png"]["alt"]
        assert alt == caption["title"] != "" and "text/html" not in out["data"]
        assert "".join(out["data"]["text/plain"]).startswith("<Figure size"), "an image that is not a Figure"
        assert base64.b64decode(png) not in published, "a published PNG read back from disk"
        assert "draw_" in source and "save_chart(" in source, "an image from a cell that does not draw it"
        assert "read_bytes" not in source and "Image(" not in source


@pytest.mark.parametrize("name", paths.NOTEBOOKS[1:])
def test_02_and_03_read_by_default_where_01_writes_by_default(name):
    """Run in JupyterLab with their defaults, 02 and 03 read 01's new tables, and nothing of theirs goes over the
    committed outputs."""
    writes = inspect(SOURCES[paths.NOTEBOOKS[0]])["processed_dir"]["default"]
    reads = inspect(SOURCES[name])
    assert reads["tables_dir"]["default"] == writes == '"../build/lab/data/processed"'
    for parameter in ("processed_dir", "figures_dir"):
        assert reads[parameter]["default"].startswith('"../build/lab/')


@pytest.mark.parametrize("name", paths.NOTEBOOKS)
def test_every_notebook_opens_with_its_title_then_the_guard(name):
    """NB2: the title (markdown, one per edition) is the first thing a reader sees, then what the notebook does
    (markdown), then the guard, the first code cell, so Run All still stops there; in every executed copy too, so a
    reader of either edition reads prose before any code."""
    cells = nbformat.read(SOURCES[name], as_version=4).cells
    titles = [c for c in cells if c.cell_type == "markdown" and c.source.startswith("# ")]
    assert cells[0].cell_type == "markdown" and titles and cells[:len(titles)] == titles
    assert all(c.source.startswith(f"# {name[:2]} · ") and "\n" not in c.source for c in titles)
    first = next(c for c in cells if c.cell_type == "code")
    assert "check_working_folder()" in first.source and "sys.executable" in first.source
    for path in EXECUTED:
        if path.name.startswith(name):
            copy = nbformat.read(path, as_version=4).cells
            assert copy[0].cell_type == "markdown" and copy[0].source.startswith("# ")
            guard = next(i for i, c in enumerate(copy) if c.cell_type == "code")
            assert copy[guard].id == first.id and guard <= 2


def test_a_kernel_without_the_package_is_told_in_two_lines_which_python_ran():
    """The first cell in a Python that cannot import articlefacts (-S: no site-packages, so no editable
    install): two lines, the Python named and `make lab` as the fix."""
    guard = first_code_cell(SOURCES[paths.NOTEBOOKS[1]]).source
    probe = ("try:\n" + "".join(f"    {line}\n" for line in guard.splitlines())
             + "except ModuleNotFoundError as err:\n    print('\\n'.join(err._render_traceback_()))\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run([sys.executable, "-S", "-c", probe], capture_output=True, text=True, env=env,
                            check=False, timeout=60)
    lines = result.stdout.splitlines()
    assert len(lines) == 2, result.stdout + result.stderr
    assert lines[0].startswith("error: ") and sys.executable in lines[0] and "articlefacts" in lines[0]
    assert lines[1].startswith("How to fix: ") and "make lab" in lines[1]


def test_jupyter_shows_a_kernel_without_the_package_the_two_lines_alone():
    """In a Jupyter kernel (IPython) the error of the first cell is the two lines, without a traceback; the
    package is hidden from the kernel's Python as if it were not installed."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import sys\nsys.modules['articlefacts'] = None"),
                first_code_cell(SOURCES[paths.NOTEBOOKS[2]])]
    with pytest.raises(CellExecutionError):
        NotebookClient(nb, kernel_name="python3", timeout=60,
                       resources={"metadata": {"path": str(ROOT / paths.NOTEBOOKS_DIR)}}).execute()
    lines = nb.cells[1].outputs[0]["traceback"]
    assert len(lines) == 2 and lines[0].startswith("error: this kernel's Python (") and "articlefacts" in lines[0]
    assert lines[1].startswith("How to fix: ") and "make lab" in lines[1]


def test_an_executed_copys_folder_is_refused_in_two_lines(tmp_path):
    check_working_folder(ROOT / paths.NOTEBOOKS_DIR)
    with pytest.raises(ArticleFactsError) as err:
        check_working_folder(ROOT / paths.EXECUTED_DIR)
    lines = err.value._render_traceback_()
    assert len(lines) == 2 and lines[0].startswith("error: ") and lines[1].startswith("How to fix: ")
    assert "make report" in lines[1]


def run_all(path, cwd):
    """Run every cell of the notebook at ``path`` as JupyterLab's Run All would (a python3 kernel started in
    ``cwd``), in memory; returns the notebook and the error that stopped it (None if none did)."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(cwd)}})
    try:
        client.execute()
    except CellExecutionError as err:
        return nb, err
    return nb, None


def git_status() -> str:
    return subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout


@pytest.mark.parametrize("path", EXECUTED, ids=lambda p: p.name)
def test_run_all_on_an_executed_copy_stops_at_its_first_cell_and_changes_nothing(path):
    before = git_status()
    nb, err = run_all(path, path.parent)
    assert err is not None and err.ename == "ArticleFactsError"
    at = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")  # the title above it is markdown
    stopped = nb.cells[at]
    assert [o.output_type for o in stopped.outputs] == ["error"]
    assert len(stopped.outputs[0].traceback) == 2 and stopped.outputs[0].traceback[0].startswith("error: ")
    kept = nbformat.read(path, as_version=4).cells[at + 1:]
    assert [c.get("outputs") for c in nb.cells[at + 1:]] == [c.get("outputs") for c in kept], "a later cell ran"
    assert git_status() == before


def test_make_lab_never_saves_over_an_executed_copy():
    from tornado.web import HTTPError

    assert "--ContentsManager.pre_save_hook=articlefacts.pipeline.lab.refuse_executed_saves" in lab_command()
    with pytest.raises(HTTPError) as err:
        refuse_executed_saves({}, f"{paths.EXECUTED_DIR}/02-compare-qualifications.en.ipynb")
    assert err.value.status_code == 403
    refuse_executed_saves({}, f"{paths.NOTEBOOKS_DIR}/02-compare-qualifications.ipynb")
    refuse_executed_saves({}, "build/lab/data/processed/profiles.csv")


def test_derived_values_are_found_by_what_they_are_not_by_their_keys(seed):
    """Renaming every derived value changes neither table: each is found by its kind and the fact it is for."""
    renamed = seed.derived.rename(index={key: f"value_{i}" for i, key in enumerate(seed.derived.index)})
    profiles = profile_table(seed.facts, seed.derived, seed.percent_counts)
    flows = rotation_flows(seed.facts, seed.derived)
    again = profile_table(seed.facts, renamed, seed.percent_counts)
    cols = [c for c in profiles.columns if c != "share_key"]
    assert again[cols].equals(profiles[cols])
    assert rotation_flows(seed.facts, renamed).drop(columns="key").equals(flows.drop(columns="key"))
    # The article: 24 of the 230 cadres of 2002 completed upper secondary school, 10.4%.
    share = derived_for(seed.derived, "share", "upper_secondary_2002")
    assert share["value"] == 10.4 and share["formula"] == "upper_secondary_2002 / cadres_2002 × 100"
    assert derived_for(seed.derived, "share", "no_such_fact") is None


# --- Editions: the English one for reviewers (every step), the Vietnamese one for readers -----------------------

def tagged(cells, tag: str) -> list:
    return [c for c in cells if tag in c.metadata.get("tags", [])]


def headings(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.startswith("#")]


@pytest.mark.parametrize("name", paths.NOTEBOOKS[1:])
def test_the_vi_edition_leaves_out_the_steps_and_every_english_text_of_the_source(name):
    source = nbformat.read(SOURCES[name], as_version=4).cells
    vi = nbformat.read(ROOT / paths.EXECUTED_DIR / f"{name}.vi.ipynb", as_version=4).cells
    assert tagged(source, "steps") and tagged(source, "lang-en") and tagged(source, "lang-vi")
    assert not tagged(vi, "steps") and not tagged(vi, "lang-en")
    english = {h for c in source if c.cell_type == "markdown" and "lang-vi" not in c.metadata.get("tags", [])
               for h in headings(c.source)}
    assert {"## Which facts describe a profile?", "## Which facts are flows of people or communes?"} & english
    shown = [c for c in vi if c.cell_type == "markdown"]
    assert shown and all("lang-vi" in c.metadata.get("tags", []) for c in shown)
    assert not english & {h for c in shown for h in headings(c.source)}
    assert shown[0].source.startswith(f"# {name[:2]} · ")  # the title
    assert "## Bài báo cho biết gì" in shown[2].source
    assert f"[notebooks/executed/{name}.en.ipynb]({name}.en.ipynb)" in shown[1].source  # where the steps are


@pytest.mark.parametrize("name", paths.NOTEBOOKS[1:])
def test_the_en_edition_keeps_every_step_and_no_vietnamese_text(name):
    source = nbformat.read(SOURCES[name], as_version=4).cells
    en = nbformat.read(ROOT / paths.EXECUTED_DIR / f"{name}.en.ipynb", as_version=4).cells
    assert [c.id for c in tagged(en, "steps")] == [c.id for c in tagged(source, "steps")]
    assert not tagged(en, "lang-vi")
    steps = [c for c in tagged(en, "steps") if c.cell_type == "code" and "show_step(" in c.source]
    assert steps and all(c.outputs or "if len(" in c.source for c in steps)  # a step shows its table


@pytest.mark.parametrize("path", CHARTED, ids=lambda p: p.name)
def test_every_figure_cell_is_in_both_editions(path):
    source = nbformat.read(SOURCES[path.name.split(".")[0]], as_version=4).cells
    drawing = [c.id for c in source if c.cell_type == "code" and "save_chart(" in c.source]
    kept = {c.id for c in nbformat.read(path, as_version=4).cells}
    assert drawing and set(drawing) <= kept


def test_a_cell_belongs_to_the_edition_its_tags_name():
    from articlefacts.pipeline.normalise import edition_cells

    def notebook():
        nb = nbformat.v4.new_notebook()
        tags = ("", "steps", "lang-en", "lang-vi")
        nb.cells = [nbformat.v4.new_markdown_cell(tag, id=tag or "plain") for tag in tags]
        for cell in nb.cells[1:]:
            cell.metadata["tags"] = [cell.source]
        return nb

    assert [c.id for c in edition_cells(notebook(), "en").cells] == ["plain", "steps", "lang-en"]
    assert [c.id for c in edition_cells(notebook(), "vi").cells] == ["plain", "lang-vi"]
    assert len(edition_cells(notebook(), None).cells) == 4  # notebook 01 has no language: every cell kept


def assigned(source: str) -> set[str]:
    return {t.id for node in ast.walk(ast.parse(source)) if isinstance(node, (ast.Assign, ast.AugAssign))
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
            for t in ast.walk(target) if isinstance(t, ast.Name)}


def used(source: str) -> set[str]:
    return {n.id for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


@pytest.mark.parametrize("name", paths.NOTEBOOKS[1:])
def test_a_vi_reader_is_told_where_each_frame_from_a_hidden_step_is_built(name):
    """The vi edition leaves out the steps; the first code cell it shows that uses a frame only a step builds says,
    in a Vietnamese comment, which step of the English edition builds it (once: the editor found the same comment
    over every cell)."""
    source = nbformat.read(SOURCES[name], as_version=4).cells
    steps = [c for c in source if c.cell_type == "code" and "steps" in c.metadata.get("tags", [])]
    shown = [c for c in nbformat.read(ROOT / paths.EXECUTED_DIR / f"{name}.vi.ipynb", as_version=4).cells
             if c.cell_type == "code"]
    made_in_steps = set().union(*(assigned(c.source) for c in steps)) - set().union(
        *(assigned(c.source) for c in shown))
    told = set()
    for cell in shown:
        for frame in sorted(used(cell.source) & made_in_steps):
            comment = [line for line in cell.source.splitlines() if line.startswith("#") and f"`{frame}`" in line]
            if frame in told:
                assert not comment, (cell.id, frame)
                continue
            assert comment and "của bản tiếng Anh" in comment[0], (cell.id, frame)
            step = re.search(r"“([^”]+)”", comment[0]).group(1)
            assert any(f"## {step}" in c.source for c in source if c.cell_type == "markdown"), step
            told.add(frame)
    assert told


@pytest.mark.parametrize("name", paths.NOTEBOOKS[1:])
def test_each_edition_shows_its_own_language_as_the_default(name):
    """A reader opening the vi copy sees ``language = "vi"`` in its parameters cell (the run's), not the source's."""
    for language in ("en", "vi"):
        cells = nbformat.read(ROOT / paths.EXECUTED_DIR / f"{name}.{language}.ipynb", as_version=4).cells
        parameters = next(c for c in cells if "parameters" in c.metadata.get("tags", []))
        assert re.search(rf'^language = "{language}"  # ', parameters.source, re.M), parameters.source
    assert 'language = "en"' in next(c for c in nbformat.read(SOURCES[name], as_version=4).cells
                                     if "parameters" in c.metadata.get("tags", [])).source


def test_an_editions_default_language_is_its_own():
    from articlefacts.pipeline.normalise import edition_default

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell('x = "language"\nlanguage = "en"  # language: en or vi', id="p"),
                nbformat.v4.new_code_cell('language = "en"', id="other")]
    nb.cells[0].metadata["tags"] = ["parameters"]
    edition_default(nb, "vi")
    assert nb.cells[0].source == 'x = "language"\nlanguage = "vi"  # language: en or vi'
    assert nb.cells[1].source == 'language = "en"'  # only the parameters cell
    assert edition_default(nb, None).cells[0].source.count('"vi"') == 1


def test_notebook_01_shows_each_sentence_once_and_a_narrow_derived_table():
    """NB1: the sentence that holds a quote was repeated on every row of its facts; now each is shown once, with the
    facts it holds, and the derived table keeps the columns a reader needs (value, bound, unit, formula)."""
    cells = nbformat.read(ROOT / paths.EXECUTED_DIR / "01-clean-article.ipynb", as_version=4).cells
    tables = ["".join(out["data"]["text/html"]) for c in cells if c.cell_type == "code" for out in c.outputs
              if "<table" in "".join(out.get("data", {}).get("text/html", ""))]
    cells_text = [html.unescape(td) for t in tables for td in re.findall(r"<td>(.*?)</td>", t, re.S)]
    # The article: «Cuối năm 2002, toàn huyện có 230 cán bộ … của 23 xã, thị trấn.» holds three facts.
    sentence = "Cuối năm 2002, toàn huyện có 230 cán bộ cấp ủy, chính quyền, đoàn thể của 23 xã, thị trấn."
    assert cells_text.count(sentence) == 1
    assert "baseline_year, cadres_2002, communes_2002" in cells_text
    derived = next(t for t in tables if "<th>formula</th>" in t)
    assert re.findall(r"<th>(.*?)</th>", derived) == ["key", "value", "bound", "unit", "formula", "description"]
