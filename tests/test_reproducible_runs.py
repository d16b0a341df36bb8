"""Runs that succeed give the same bytes whatever the machine, the user's settings, the editor that saved a
notebook or the way the inputs were pasted, and never mix two articles: end to end in copies of the rebuilt
project. Runs that succeed on the same kind of input share one build (``pasted``, ``small``) to keep the
suite short.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import subprocess
import tempfile
from pathlib import Path

import nbformat
import pytest

from articlefacts.pipeline import published
from conftest import (
    OUTPUT_DIRS,
    ROOT,
    VENV,
    differing,
    make,
    output_hashes,
    project_env,
    run_runner,
    sha256_tree,
    small_notebook,
    two_lines,
)

STEM = "data/raw/baolangson-2021-01-22-luan-chuyen-can-bo-cao-loc"
NB01 = ("notebooks/01-clean-article.ipynb", "notebooks/executed/01-clean-article.ipynb")
SYNTHETIC = ("article.txt", "facts.csv", "not-data.csv", "meta.json")
INPUT_NAMES = ("ARTICLE", "FACTS", "NOT_DATA", "META")


def stderr_outputs(path: Path) -> list[str]:
    """The stderr stream outputs of an executed notebook."""
    return [o.text for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code" for o in c.outputs
            if o.output_type == "stream" and o.name == "stderr"]


def rewrite(path: Path, *pairs: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, (path, old)
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def record_sha(meta: Path, text: bytes, **fields: str) -> None:
    """Record ``text``'s sha256 (and any other fields) in the metadata file ``meta``."""
    data = json.loads(meta.read_text(encoding="utf-8"))
    data |= {"sha256": hashlib.sha256(text).hexdigest(), **fields}
    meta.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def synthetic_inputs(project: Path, folder: str = "inputs/synthetic") -> list[str]:
    """Copy the synthetic article's inputs into ``project/folder``; returns make's ARTICLE=… FACTS=… NOT_DATA=…
    META=… arguments."""
    target = project / folder
    target.mkdir(parents=True)
    for name in SYNTHETIC:
        (target / name).write_bytes((ROOT / "tests/fixtures/synthetic" / name).read_bytes())
    return [f"{var}={folder}/{name}" for var, name in zip(INPUT_NAMES, SYNTHETIC, strict=True)]


def executed(out: str = "") -> str:
    return f"{out}/{NB01[1]}" if out else NB01[1]


# --- The user's machine and settings ---------------------------------------------------------------------

def test_a_read_only_home_and_the_users_settings_change_no_output(rebuilt):
    """The session's rebuild ran with a read-only home holding a matplotlibrc and IPython startup files,
    MPLCONFIGDIR, MATPLOTLIBRC, XDG_CONFIG_HOME, IPYTHONDIR, matplotlibrc files in the project and its
    notebooks' folder, an unknown MPLBACKEND, deprecation warnings as errors, LANG=tr_TR.UTF-8 without LC_ALL,
    another time zone and a random hash seed, in a folder whose name has a space and Vietnamese letters
    (conftest.hostile_environment)."""
    report = rebuilt["report"]
    assert report.returncode == 0, report.stderr
    assert differing(rebuilt["committed"], output_hashes(rebuilt["project"])) == []
    assert not list(rebuilt["hostile"]["tmp"].iterdir()), "a temporary folder was left behind"
    assert not rebuilt["hostile"]["startup_marker"].exists(), "the user's IPython startup file ran"
    # What a read-only home made matplotlib and IPython say (a slow machine may still see matplotlib's
    # "building the font cache", the first time, as a warning line on the console: not a failure).
    assert "writable" not in report.stderr and "/matplotlib-" not in report.stderr, report.stderr


def test_no_published_output_holds_a_path_of_the_machine_or_the_users_name(rebuilt):
    """Every published file, committed and rebuilt: no project folder, home, temporary folder or user name;
    PNG files carry no text chunks at all."""
    user = published.user_name()
    needles = {str(ROOT), str(rebuilt["project"]), os.path.expanduser("~"), tempfile.gettempdir() + "/",
               str(rebuilt["hostile"]["home"]), "/tmp/", "/home/", "/Users/"}
    needles = {n for n in needles if len(n.strip("/")) > 1}
    checked = 0
    for root in (ROOT, rebuilt["project"]):
        for folder in OUTPUT_DIRS:
            for path in sorted(p for p in (root / folder).rglob("*") if p.is_file()):
                data = path.read_bytes()
                text = published.file_text(path, data)
                if path.suffix == ".png":
                    assert text == "", f"{path.name} has PNG text chunks: {text[:80]}"
                    continue
                assert not [n for n in needles if n in text], path
                assert not published.traces(text), (path, published.traces(text))
                if user:
                    assert not re.search(rf"\b{re.escape(user)}\b", text), f"the user name '{user}' in {path}"
                checked += 1
    assert checked > 50


# --- Notebooks as editors save them ----------------------------------------------------------------------

EDITOR_KERNEL = "python31012jvsc74a57bd0aaaabbbbccccddddeeeeffff00001111222233334444555566667777"
SMALL_CELLS = {
    "loop": "import sys, time\nfor i in range(6):\n    sum(range(200_000))\n    print('line', i)\n"
            "    sys.stdout.flush()\n    time.sleep(0.15)",
}


@pytest.fixture(scope="module")
def small(base, tmp_path_factory):
    """A small notebook as an older editor and VS Code save it: nbformat 4.4 without cell ids, the kernelspec
    of VS Code's own environment; one cell prints six lines with work between them (printed output that timing
    could split). Run twice with the runner: the two executed copies' bytes."""
    project = tmp_path_factory.mktemp("small") / "project"
    subprocess.run(["cp", "-a", str(base), str(project)], check=True)
    path = small_notebook(project / "notebooks/small.ipynb", SMALL_CELLS, kernel=EDITOR_KERNEL)
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["nbformat_minor"] = 4
    for cell in raw["cells"]:
        cell.pop("id", None)
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    runs = []
    for _ in range(2):
        result = run_runner(project, "out_dir=build/small", notebook=("notebooks/small.ipynb", "build/small.ipynb"))
        assert result.returncode == 0, result.stderr
        runs.append((project / "build/small.ipynb").read_bytes())
    return runs


def test_a_source_without_cell_ids_gives_identical_bytes(small):
    assert small[0] == small[1]
    ids = [c["id"] for c in json.loads(small[0])["cells"]]
    assert ids[0] == "cell-000" and "injected-parameters" in ids


def test_printed_output_split_by_timing_is_one_stream(small):
    outputs = nbformat.reads(small[0].decode("utf-8"), as_version=4).cells[-1].outputs
    assert [o.output_type for o in outputs] == ["stream"]
    assert outputs[0].text == "".join(f"line {i}\n" for i in range(6))


def test_the_executed_notebook_records_the_kernel_that_ran_not_the_editors(small):
    """VS Code saves its environment's kernel name in the source; the project's python3 kernel ran it."""
    kernelspec = nbformat.reads(small[0].decode("utf-8"), as_version=4).metadata.kernelspec
    assert kernelspec == {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    assert EDITOR_KERNEL not in small[0].decode("utf-8")


# --- Text pasted from web pages, spreadsheet exports, a clone with CRLF line ends -------------------------

@pytest.fixture(scope="module")
def pasted(base, tmp_path_factory):
    """The seed article's inputs as a user may hold them, run through notebook 01 in one build:

    - the article as a clone with core.autocrlf=true has it (CRLF line ends), saved as Unicode NFD (as some
      macOS editors save), with a soft hyphen inside «tốt nghiệp», «có 405&nbsp;người» and a numeric entity
      in the headline, and a zero-width space and a byte-order mark mid-text; its sha256 recorded for the
      LF text;
    - the facts file with a separator after every line's last cell, a zero-width space in the header,
      «&nbsp;» in a quote, and a spreadsheet's empty rows «,,,,» at the end;
    - the not-data file with a separator after the last cell of each data row only;
    - the metadata with an entity in the byline.

    It runs with a TMPDIR too deep for a Unix socket path, after a socket folder of a killed run was left in
    /tmp.
    """
    import unicodedata

    project = tmp_path_factory.mktemp("pasted") / "project"
    subprocess.run(["cp", "-a", str(base), str(project)], check=True)
    article, facts, not_data, meta = (project / f"{STEM}{ext}" for ext in (".txt", ".facts.csv", ".not-data.csv",
                                                                           ".meta.json"))
    article.chmod(0o644)
    rewrite(article, ("tốt nghiệp THPT", "tốt ngh\u00adiệp THPT"), ("có 405 người", "có 405&nbsp;người"),
            ("huyện Cao Lộc\n", "huyện Cao L&#7897;c\n"), ("Nghị quyết", "Nghị\u200b quyết"), (". ", ".\ufeff "))
    text = article.read_bytes()
    record_sha(meta, text, byline="Lâm&nbsp;Như")
    article.write_bytes(unicodedata.normalize("NFD", text.decode("utf-8")).encode("utf-8"))
    rewrite(facts, ("key,", "\u200bkey,"), ("có 405 người", "có 405&nbsp;người"))
    width = len(next(csv.reader(io.StringIO(facts.read_text(encoding="utf-8")))))
    facts.write_text("".join(f"{line}," + "\n" for line in facts.read_text(encoding="utf-8").splitlines())
                     + ("," * width + "\n") * 2, encoding="utf-8")
    lines = not_data.read_text(encoding="utf-8").splitlines()
    not_data.write_text("\n".join([lines[0], *(f"{line}," for line in lines[1:])]) + "\n", encoding="utf-8")
    for path in (article, facts, not_data, meta):  # as git writes them with core.autocrlf=true
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    raw = sha256_tree(project / "data/raw")
    committed = output_hashes(project)
    deep = project.parent / ("d" * 60) / ("e" * 40)
    deep.mkdir(parents=True)
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = Path("/tmp") / f"afk-{dead.pid}-stale0000"
    stale.mkdir()
    (stale / "kernel.json").write_text('{"key": "secret"}')
    result = make(project, NB01[1], extra_env={"TMPDIR": str(deep)})
    return {"project": project, "result": result, "committed": committed, "raw": raw, "tmpdir": deep,
            "stale": stale}


def test_a_crlf_nfd_clone_publishes_the_same_bytes_and_no_path(pasted):
    result, project = pasted["result"], pasted["project"]
    assert result.returncode == 0, result.stderr
    assert differing(pasted["committed"], output_hashes(project)) == []
    assert "CRLF/CR line endings were turned into LF" in result.stderr
    # The NFD repair is said on the console, in the project's words; the executed notebook holds no warning.
    assert "recomposed to NFC" in result.stderr and "ChecksumWarning" not in result.stderr
    assert not stderr_outputs(project / NB01[1])
    assert sha256_tree(project / "data/raw") == pasted["raw"], "data/raw was written"


def test_an_invisible_character_in_the_article_is_removed_with_a_note(pasted):
    result = pasted["result"]
    assert result.returncode == 0, result.stderr
    assert re.search(r"warning: 01-clean-article, In \[\d+\]: data/raw/\S+\.txt: .*1 × U\+00AD SOFT HYPHEN removed",
                     result.stderr), result.stderr
    assert "U+200B ZERO WIDTH SPACE removed" in result.stderr and "U+FEFF ZERO WIDTH NO-BREAK SPACE" in result.stderr
    facts = (pasted["project"] / "data/processed/facts.csv").read_text(encoding="utf-8")
    assert "\u00ad" not in facts and "tốt nghiệp THPT" in facts


def test_html_entities_are_decoded_with_a_note(pasted):
    result, processed = pasted["result"], pasted["project"] / "data/processed"
    assert result.returncode == 0, result.stderr
    assert "2 HTML entities decoded (&#7897;, &nbsp;)" in result.stderr, result.stderr
    assert ".facts.csv: read without what a web page left in it: 1 HTML entity decoded (&nbsp;)" in result.stderr
    assert ".meta.json: read without what a web page left in it: 1 HTML entity decoded (&nbsp;)" in result.stderr
    for table in ("facts.csv", "structure.csv"):
        assert "&nbsp;" not in (processed / table).read_text(encoding="utf-8")


def test_a_spreadsheets_trailing_separators_and_empty_rows_are_ignored(pasted):
    """Every line of the facts file ends with a separator, the not-data file's data rows only; rows of
    separators only («,,,,») below the data."""
    result = pasted["result"]
    assert result.returncode == 0, result.stderr
    assert "Unnamed" not in result.stderr and "TypeError" not in result.stderr
    assert "cell is empty" not in result.stderr
    assert not [line for line in result.stderr.splitlines() if line.startswith("error")]


def test_a_deep_tmpdir_works_and_a_killed_runs_socket_folder_is_removed(pasted):
    """A TMPDIR too deep for a Unix socket path (a ZMQError traceback before; the kernel's sockets now go to
    /tmp); a socket folder left by a runner killed with SIGKILL, with its connection file and key: the next
    run removes it."""
    result = pasted["result"]
    assert result.returncode == 0, result.stderr
    assert "ZMQError" not in result.stderr and "File name too long" not in result.stderr
    assert not pasted["stale"].exists(), "the killed run's socket folder is still there"
    assert not list(pasted["tmpdir"].iterdir())


# --- Two articles, two runs, odd paths --------------------------------------------------------------------

def test_another_article_into_the_same_folder_rebuilds_and_back(project):
    args = synthetic_inputs(project)
    assert make(project, "-n", "report").stdout == ":\n", "the base project is not up to date"
    assert make(project, "-q", NB01[1], *args).returncode == 1, "another article looks up to date"
    result = make(project, NB01[1], *args)
    assert result.returncode == 0, result.stderr
    assert "cadres_2005" in (project / "data/processed/facts.csv").read_text(encoding="utf-8")
    assert make(project, "-q", NB01[1]).returncode == 1, "the seed looks up to date in a folder holding another's"


def test_two_runs_at_once_keep_to_their_own_folders(project):
    args = synthetic_inputs(project)
    runs = [subprocess.Popen(["make", "--no-print-directory", f"VENV={VENV}", executed(f"build/x{i}"),
                              f"OUT=build/x{i}", *extra], cwd=project, env=project_env(project),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for i, extra in ((1, []), (2, args))]
    for proc in runs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    tables = [sorted(p.name for p in (project / f"build/x{i}/data/processed").iterdir()) for i in (1, 2)]
    assert tables[0] == tables[1] and len(tables[0]) == 7  # six tables and the findings folder
    assert "cadres_2002" in (project / "build/x1/data/processed/facts.csv").read_text(encoding="utf-8")
    assert "cadres_2005" in (project / "build/x2/data/processed/facts.csv").read_text(encoding="utf-8")


def test_paths_with_a_space_are_refused_by_make_and_taken_by_the_runner(project):
    args = synthetic_inputs(project, "inputs/other article")
    result = make(project, "report", *args, "OUT=build/spaced")
    assert result.returncode != 0
    what, _ = two_lines(result)
    assert what == "error: ARTICLE contains a space, which make cannot pass through its targets"
    assert not (project / "build/spaced").exists(), "make started before refusing"
    runner = run_runner(project, *(f"{a.split('=')[0].lower()}={a.split('=', 1)[1]}" for a in args),
                        "processed_dir=build/spaced out/data", notebook=(NB01[0], "build/spaced out/01.ipynb"))
    assert runner.returncode == 0, runner.stderr
    assert "cadres_2005" in (project / "build/spaced out/data/facts.csv").read_text(encoding="utf-8")
    assert '"../build/spaced out/data"' in (project / "build/spaced out/01.ipynb").read_text(encoding="utf-8")


def test_make_from_another_folder_says_where_to_run_it(project):
    result = subprocess.run(["make", "--no-print-directory", "-f", "../Makefile", f"VENV={VENV}", "report"],
                            cwd=project / "notebooks", env=project_env(project), capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode != 0
    lines = result.stderr.splitlines()
    assert lines[0].startswith("error: make was started in ") and "not in the project folder" in lines[0]
    assert lines[1] == "How to fix: run make -C ../ report (the paths it is given are relative to that folder)"
    assert not (project / "notebooks/build").exists()


def test_a_venv_stamped_before_it_named_its_folder_is_found_moved_by_its_kernel(project):
    """A .venv made before .installed recorded its folder: its kernel spec's Python tells where it was made."""
    kernels = project / ".venv/share/jupyter/kernels/python3"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(json.dumps({"argv": ["/old/place/.venv/bin/python", "-m", "ipykernel"]}))
    (project / ".venv/.installed").write_text("")
    dry = subprocess.run(["make", "--no-print-directory", "-n", "setup"], cwd=project, capture_output=True, text=True,
                         timeout=60, check=False, env=project_env(project))
    assert f"note: .venv was made in /old/place/.venv; rebuilding it for {project}/.venv" in dry.stdout, dry.stdout
