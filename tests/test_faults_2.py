"""The second fault catalogue (/work/shared/cases/faults-2.md): outputs that depend on the machine, text
pasted from web pages, spreadsheet exports, partial writes and where make runs; then five more kinds of
the same family found in public reports. One test per case, named by its number there.

Each case ends with the right result, or with two lines (`error:` / `How to fix:`) naming the cause; a
failed run publishes nothing and never touches data/raw. Runs that succeed on the same kind of input
share one build (``pasted``) to keep the suite short.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import os
import re
import subprocess
import tempfile
from pathlib import Path

import nbformat
import pytest

from articlefacts.errors import ArticleFactsError
from articlefacts.pipeline import published
from articlefacts.reading.article import read_article
from articlefacts.reading.inputs import read_csv_table
from conftest import OUTPUT_DIRS, ROOT, VENV, differing, make, output_hashes, project_env, sha256_tree

STEM = "data/raw/baolangson-2021-01-22-luan-chuyen-can-bo-cao-loc"
NB01 = ("notebooks/01-clean-article.ipynb", "notebooks/executed/01-clean-article.ipynb")
NB02 = ("notebooks/02-compare-qualifications.ipynb", "notebooks/executed/02-compare-qualifications.en.ipynb")
FIXTURE = ROOT / "tests/fixtures/articles/d1-no-rotation"


def run_runner(project: Path, *args: str, notebook=NB01, **env: str) -> subprocess.CompletedProcess:
    """The runner as make calls it, with the project copy as root (``env`` adds or, with "", removes variables)."""
    environ = {**project_env(project), "ARTICLEFACTS_ROOT": str(project), "PYTHONHASHSEED": "0", **env}
    environ = {k: v for k, v in environ.items() if v != ""}
    return subprocess.run([str(VENV / "bin/python"), "-m", "articlefacts.pipeline.runner", *notebook, *args],
                          cwd=project, env=environ, capture_output=True, text=True, timeout=300, check=False)


def two_lines(result) -> tuple[str, str]:
    """The 'error:' line and the 'How to fix:' line after it (asserting both, and no traceback)."""
    lines = result.stderr.splitlines()
    at = next((i for i, line in enumerate(lines) if line.startswith("error: ")), None)
    assert at is not None and at + 1 < len(lines), result.stderr
    assert lines[at + 1].startswith("How to fix: "), result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    print(f"\n{lines[at]}\n{lines[at + 1]}")  # pytest -s shows the messages
    return lines[at], lines[at + 1]


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


# --- Outputs that depend on the machine -------------------------------------------------------------------

def test_case_1_a_character_the_chart_font_lacks_is_named_with_its_field(project):
    meta = project / "inputs/cjk/meta.json"
    meta.parent.mkdir(parents=True)
    data = json.loads((project / f"{STEM}.meta.json").read_text(encoding="utf-8"))
    meta.write_text(json.dumps(data | {"outlet": "Tạp chí Hán Nôm (漢喃)"}, ensure_ascii=False), encoding="utf-8")
    result = run_runner(project, "meta=inputs/cjk/meta.json", "figures_dir=build/cjk/figures",
                        "processed_dir=build/cjk/data", notebook=(NB02[0], "build/cjk/02.en.ipynb"))
    assert result.returncode == 1
    what, fix = two_lines(result)
    assert "no glyph for '漢' (U+6F22), '喃' (U+5583) in the field 'outlet' of the metadata" in what, what
    assert "font" in fix
    assert not [p for p in (project / "build/cjk").rglob("*") if p.is_file()], "a failed run published something"
    assert "Glyph" not in result.stderr


def test_case_2_a_read_only_home_and_the_users_settings_change_no_output(rebuilt):
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


def test_the_runner_refuses_to_publish_a_path_and_shows_warnings_on_the_console(project):
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                                           "language": "python"}})
    nb.cells = [nbformat.v4.new_code_cell('out_dir = "../build/lab/leak"  # output folder: nothing is written here',
                                          id="parameters"),
                nbformat.v4.new_code_cell("import sys, warnings\nwarnings.warn('a library speaks')\n"
                                          "print('to stderr', file=sys.stderr)", id="warns"),
                nbformat.v4.new_code_cell("import os\nprint(os.getcwd())", id="leaks")]
    nb.cells[0].metadata["tags"] = ["parameters"]
    nbformat.write(nb, project / "notebooks/leak.ipynb")
    result = run_runner(project, "out_dir=build/leak", notebook=("notebooks/leak.ipynb", "build/leak.ipynb"))
    assert result.returncode == 1
    what, _ = two_lines(result)
    assert "build/leak.ipynb would publish the project folder" in what, what
    assert re.search(r"^warning: leak, In \[\d+\]: UserWarning: a library speaks$", result.stderr, re.M), result.stderr
    assert re.search(r"^warning: leak, In \[\d+\]: to stderr$", result.stderr, re.M), result.stderr
    assert not (project / "build/leak.ipynb").exists() and not list(project.glob("build/runs/leak-*/"))


def test_case_4_a_moved_project_rebuilds_its_venv(fresh):
    """The fresh environment (conftest.fresh) was made by `make setup` in one folder; the project was then
    moved, and `make setup` run again there: .venv is rebuilt for the new folder, with a note saying why."""
    moved, project = fresh["moved"], fresh["project"]
    assert moved.returncode == 0, moved.stderr
    assert f"note: .venv was made in {fresh['first']}/.venv; rebuilding it for {project}/.venv" in moved.stdout
    assert (project / ".venv/.installed").read_text().strip() == str(project / ".venv")
    kernel = json.loads((project / ".venv/share/jupyter/kernels/python3/kernel.json").read_text())
    assert kernel["argv"][0] == str(project / ".venv/bin/python")
    assert (project / ".venv/bin/jupyter").read_text().startswith(f"#!{project}/.venv/bin/python")


def test_case_4_a_venv_stamped_before_it_named_its_folder_is_found_moved_by_its_kernel(project):
    """A .venv made before .installed recorded its folder: its kernel spec's Python tells where it was made."""
    kernels = project / ".venv/share/jupyter/kernels/python3"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(json.dumps({"argv": ["/old/place/.venv/bin/python", "-m", "ipykernel"]}))
    (project / ".venv/.installed").write_text("")
    dry = subprocess.run(["make", "--no-print-directory", "-n", "setup"], cwd=project, capture_output=True, text=True,
                         timeout=60, check=False, env=project_env(project))
    assert f"note: .venv was made in /old/place/.venv; rebuilding it for {project}/.venv" in dry.stdout, dry.stdout


# --- Text pasted from web pages, spreadsheet exports, a clone with CRLF line ends -------------------------

@pytest.fixture(scope="module")
def pasted(base, tmp_path_factory):
    """The seed article's inputs as a user may hold them, run through notebook 01 in one build:

    - the article as a clone with core.autocrlf=true has it (CRLF line ends; case 3), with a soft hyphen
      inside «tốt nghiệp» (case 5), «có 405&nbsp;người» and a numeric entity in the headline (case 6), and a
      zero-width space and a byte-order mark mid-text; its sha256 recorded for the LF text;
    - the facts file with a separator after every line's last cell (case 7a), a zero-width space in the
      header, «&nbsp;» in a quote, and a spreadsheet's empty rows «,,,,» at the end (kind 4);
    - the not-data file with a separator after the last cell of each data row only (case 7b);
    - the metadata with an entity in the byline.

    It runs with a TMPDIR too deep for a Unix socket path (kind 1), after a socket folder of a killed run
    was left in /tmp (kind 5).
    """
    project = tmp_path_factory.mktemp("pasted") / "project"
    subprocess.run(["cp", "-a", str(base), str(project)], check=True)
    article, facts, not_data, meta = (project / f"{STEM}{ext}" for ext in (".txt", ".facts.csv", ".not-data.csv",
                                                                           ".meta.json"))
    article.chmod(0o644)
    rewrite(article, ("tốt nghiệp THPT", "tốt ngh\u00adiệp THPT"), ("có 405 người", "có 405&nbsp;người"),
            ("huyện Cao Lộc\n", "huyện Cao L&#7897;c\n"), ("Nghị quyết", "Nghị\u200b quyết"), (". ", ".\ufeff "))
    text = article.read_bytes()
    record_sha(meta, text, byline="Lâm&nbsp;Như")
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


def test_case_3_a_crlf_clone_publishes_the_same_bytes_and_no_path(pasted):
    result, project = pasted["result"], pasted["project"]
    assert result.returncode == 0, result.stderr
    assert differing(pasted["committed"], output_hashes(project)) == []
    assert "CRLF/CR line endings were turned into LF" in result.stderr
    assert not stderr_outputs(project / NB01[1])
    assert sha256_tree(project / "data/raw") == pasted["raw"], "data/raw was written"


def test_case_5_an_invisible_character_in_the_article_is_removed_with_a_note(pasted):
    result = pasted["result"]
    assert result.returncode == 0, result.stderr
    assert re.search(r"warning: 01-clean-article, In \[\d+\]: data/raw/\S+\.txt: .*1 × U\+00AD SOFT HYPHEN removed",
                     result.stderr), result.stderr
    assert "U+200B ZERO WIDTH SPACE removed" in result.stderr and "U+FEFF ZERO WIDTH NO-BREAK SPACE" in result.stderr
    facts = (pasted["project"] / "data/processed/facts.csv").read_text(encoding="utf-8")
    assert "\u00ad" not in facts and "tốt nghiệp THPT" in facts


def test_case_6_html_entities_are_decoded_with_a_note(pasted):
    result, processed = pasted["result"], pasted["project"] / "data/processed"
    assert result.returncode == 0, result.stderr
    assert "2 HTML entities decoded (&#7897;, &nbsp;)" in result.stderr, result.stderr
    assert ".facts.csv: read without what a web page left in it: 1 HTML entity decoded (&nbsp;)" in result.stderr
    assert ".meta.json: read without what a web page left in it: 1 HTML entity decoded (&nbsp;)" in result.stderr
    for table in ("facts.csv", "structure.csv"):
        assert "&nbsp;" not in (processed / table).read_text(encoding="utf-8")


def test_case_7_a_spreadsheets_trailing_separators_are_ignored(pasted):
    """(a) every line of the facts file ends with a separator, (b) the not-data file's data rows only."""
    result = pasted["result"]
    assert result.returncode == 0, result.stderr
    assert "Unnamed" not in result.stderr and "TypeError" not in result.stderr
    assert not [line for line in result.stderr.splitlines() if line.startswith("error")]


@pytest.mark.parametrize(("where", "row"), [("header", "key,a,b\n1,2,3,x\n"), ("middle", "key,,b\n1,2,3\n")])
def test_case_7_a_value_in_a_column_without_a_name_is_refused(tmp_path, where, row):
    """A separator that is not trailing (a value after it) is not ignored: the row and the value are named."""
    path = tmp_path / "t.csv"
    path.write_text(row, encoding="utf-8")
    with pytest.raises(ArticleFactsError, match=r"row 2: the value «(x|2)» is in a column without a name"):
        read_csv_table(path, "Facts file", ("key",), ("key",), ("a", "b"))


# --- Partial writes -------------------------------------------------------------------------------------

def test_case_8_a_full_disk_publishes_nothing_and_leaves_no_staging(project, tmp_path):
    """Notebook 01 with its outputs and its working area on a tmpfs sized to hold its tables and its partial
    notebook but not its executed notebook: the last write fails, after the tables were staged (where the
    runner used to move them into place before writing the notebook)."""
    def kib(*paths: Path) -> int:
        return sum(math.ceil(p.stat().st_size / 4096) * 4 for p in paths)

    tables = [ROOT / "data/processed" / f"{name}.csv" for name in
              ("structure", "number_tokens", "facts", "derived", "percent_counts", "checks")]
    executed = ROOT / NB01[1]
    size = kib(*tables, ROOT / "data/processed/findings/01-clean-article.en.json", ROOT / NB01[0], executed) \
        + kib(executed) // 2 + 8
    full = project / "build/full"
    full.mkdir(parents=True)
    listing = tmp_path / "listing.txt"
    runner = [str(VENV / "bin/python"), "-m", "articlefacts.pipeline.runner", "--build", "build/full/build",
              NB01[0], "build/full/01.ipynb", "processed_dir=build/full/data"]
    script = ('mount -t tmpfs -o size="$1"k tmpfs build/full || exit 99; shift; "$@"; status=$?; '
              'find build/full -type f | sort > "$LISTING"; exit $status')
    env = {**project_env(project), "ARTICLEFACTS_ROOT": str(project), "PYTHONHASHSEED": "0", "LISTING": str(listing)}
    result = subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", str(size), *runner], cwd=project, env=env,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 1, result.stderr
    what, fix = two_lines(result)
    assert "the disk is full: no space left on the file system at build/full" in what, what
    assert "df -h build/full" in fix
    left = listing.read_text().split()
    assert [f for f in left if not f.endswith(".lock")] == [], f"published or left behind: {left}"


# --- Where make is run from -----------------------------------------------------------------------------

def test_case_9_make_from_another_folder_says_where_to_run_it(project):
    result = subprocess.run(["make", "--no-print-directory", "-f", "../Makefile", f"VENV={VENV}", "report"],
                            cwd=project / "notebooks", env=project_env(project), capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode != 0
    lines = result.stderr.splitlines()
    assert lines[0].startswith("error: make was started in ") and "not in the project folder" in lines[0]
    assert lines[1] == "How to fix: run make -C ../ report (the paths it is given are relative to that folder)"
    assert not (project / "notebooks/build").exists()


# --- Five more kinds of the same family, from public reports (see the README's table) -------------------

def test_kind_1_a_deep_tmpdir_and_kind_5_a_killed_runs_socket_folder(pasted):
    """A TMPDIR too deep for a Unix socket path (LMCache#3529, pyzmq#203): a ZMQError traceback before; the
    kernel's sockets now go to /tmp. A socket folder left by a runner killed with SIGKILL (the out-of-memory
    killer, a CI hard timeout), with its connection file and key (nteract#1472): the next run removes it."""
    result = pasted["result"]
    assert result.returncode == 0, result.stderr
    assert "ZMQError" not in result.stderr and "File name too long" not in result.stderr
    assert not pasted["stale"].exists(), "the killed run's socket folder is still there"
    assert not list(pasted["tmpdir"].iterdir())


def test_kind_2_pythonpath_naming_another_checkout_is_named_and_the_venv_left_alone(project):
    """A PYTHONPATH left set for other work (youtube/cobalt#3085): the message said '.venv belongs to another
    folder' and told the user to delete their .venv."""
    result = run_runner(project, PYTHONPATH=str(ROOT / "src"))
    assert result.returncode == 1
    what, fix = two_lines(result)
    assert what.startswith("error: PYTHONPATH names another copy of the project"), what
    assert "rm -rf" not in fix and ".venv is fine" in fix


def test_kind_3_an_article_saved_in_the_vietnamese_windows_code_page(tmp_path):
    """An article saved as Windows-1258 (Vietnamese Windows; SheetJS#1380) with its checksum recorded: notebook
    01 stopped with a raw UnicodeDecodeError; now the file, the byte and the encoding, with the command."""
    article = tmp_path / "article.txt"
    article.write_bytes(cp1258((FIXTURE / "article.txt").read_text(encoding="utf-8")))
    with pytest.raises(ArticleFactsError, match="article.txt is not UTF-8 text") as err:
        read_article(article, hashlib.sha256(article.read_bytes()).hexdigest())
    assert "Windows-1258" in err.value.what
    assert "iconv -f CP1258 -t UTF-8" in err.value.fix and "sha256" in err.value.fix


@pytest.mark.parametrize("encoding", ["cp1258", "utf-16"])
def test_kind_3_a_spreadsheets_csv_in_a_legacy_encoding_is_named(tmp_path, encoding):
    """Excel's plain 'CSV' on Vietnamese Windows is Windows-1258; its 'Unicode Text' is UTF-16."""
    text = (FIXTURE / "facts.csv").read_text(encoding="utf-8")
    path = tmp_path / "facts.csv"
    path.write_bytes(cp1258(text) if encoding == "cp1258" else text.encode("utf-16"))
    with pytest.raises(ArticleFactsError, match="is not UTF-8 text") as err:
        read_csv_table(path, "Facts file", ("key",), ("key",))
    assert ("Windows-1258" if encoding == "cp1258" else "UTF-16") in err.value.what
    assert "CSV UTF-8" in err.value.fix


def test_kind_4_a_spreadsheets_empty_rows_are_ignored(pasted):
    """Rows of separators only («,,,,») that spreadsheets export below the data (alphagov/notifications-utils#14):
    'row 12: the key cell is empty' before."""
    assert pasted["result"].returncode == 0, pasted["result"].stderr
    assert "cell is empty" not in pasted["result"].stderr


def cp1258(text: str) -> bytes:
    """``text`` as Windows-1258 writes Vietnamese: base letters (ă, â, ê, ô, ơ, ư, đ) as single bytes, tone
    marks as combining bytes after them."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            import unicodedata

            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += (base + "".join(c for c in parts if c in tones)).encode("cp1258")
    return out
