"""The project's own files: environment.yml installs the users' lock, which holds no development tool, and
the development lock holds it unchanged; the locks match their .in files; the CI workflow runs .ci/run;
make help documents the targets, the README links and numbers hold, CITATION.cff is well formed."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import jsonschema
import pytest
import yaml

from articlefacts import paths
from articlefacts.pipeline import readme as readme_module
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
# What only developers run: tests, lint, pre-commit hooks, the browser test; and what only they pull in.
DEVELOPMENT_TOOLS = {"pytest", "ruff", "pre-commit", "nbstripout", "playwright", "hypothesis", "pluggy",
                     "iniconfig", "virtualenv", "nodeenv", "identify", "cfgv"}


def requirement_names(text: str) -> set[str]:
    names = set()
    for line in text.splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            names.add(re.split(r"[<>=!~\[; ]", line)[0].lower().replace("_", "-"))
    return names


def test_environment_yml_installs_the_lock():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert env["name"] == "articlefacts" and env["channels"] == ["conda-forge", "nodefaults"]
    deps = env["dependencies"]
    assert "python=3.11" in deps and "pip" in deps
    pip = next(d["pip"] for d in deps if isinstance(d, dict) and "pip" in d)
    assert pip == ["--require-hashes", "-r requirements.lock"], "one pip call: the users' hashed lock only"
    assert (ROOT / "requirements.lock").is_file()


def test_postbuild_installs_the_package_and_the_kernel():
    """Binder runs postBuild after building environment.yml's environment; conda users run it once. It must be
    executable in git (Binder runs it directly), valid bash, and install the package and the kernel offline."""
    mode = subprocess.run(["git", "ls-files", "-s", "postBuild"], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.split()[0]
    assert mode == "100755"
    assert subprocess.run(["bash", "-n", str(ROOT / "postBuild")], check=False).returncode == 0
    lines = [line for line in (ROOT / "postBuild").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    assert lines[0] == "set -euo pipefail" and lines[1] == 'cd "$(dirname "$0")"'
    assert "python -m pip install --quiet --no-deps --no-build-isolation -e ." in lines
    assert any(line.startswith("python -m ipykernel install --sys-prefix --name python3") for line in lines)
    assert "setuptools" in requirement_names((ROOT / "requirements.lock").read_text(encoding="utf-8"))


def test_pyproject_packages_the_source_and_its_data():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["build-system"]["build-backend"] == "setuptools.build_meta"
    assert project["tool"]["setuptools"]["packages"]["find"]["where"] == ["src"]
    assert "*.csv" in project["tool"]["setuptools"]["package-data"]["articlefacts"]
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    assert re.search(r"^setuptools==", lock, re.M), "the build backend must be locked for the offline install"


def test_the_github_workflow_runs_the_ci_script_on_python_3_11():
    """A fork on GitHub is checked as this repository is: on push, Python 3.11 from actions/setup-python,
    then .ci/run and nothing else (the checks live in the Makefile, not in the workflow)."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/test.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true
    assert "push" in triggers
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    python = [s for s in steps if s.get("uses", "").startswith("actions/setup-python@")]
    assert len(python) == 1 and str(python[0]["with"]["python-version"]) == "3.11"
    assert [s["run"].strip() for s in steps if "run" in s] == ["bash .ci/run"]
    assert (ROOT / ".ci/run").is_file()


def test_make_help_works_in_a_fresh_clone_before_set_up(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True, capture_output=True)
    result = subprocess.run(["make", "--no-print-directory", "help"], cwd=clone, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0 and "report" in result.stdout, result.stderr
    assert not (clone / ".venv").exists()


def locked(name: str) -> dict[str, str]:
    """Each package of the lock file ``name`` → its whole entry (version and hashes, without comments)."""
    lock = (ROOT / name).read_text(encoding="utf-8")
    body = "\n".join(line for line in lock.splitlines() if not line.lstrip().startswith("#"))
    return {m.group(1).lower(): m.group(0).strip()
            for m in re.finditer(r"^([A-Za-z0-9_.\-]+)==.*?(?=^[A-Za-z0-9]|\Z)", body, re.M | re.S)}


@pytest.mark.parametrize(("source", "lock"), [("requirements.in", "requirements.lock"),
                                              ("requirements-dev.in", "requirements-dev.lock")])
def test_lock_pins_every_requirement_with_hashes(source, lock):
    wanted = requirement_names((ROOT / source).read_text(encoding="utf-8"))
    entries = locked(lock)
    assert {"jupyterlab", "pandas", "matplotlib", "seaborn", "papermill"} <= requirement_names(
        (ROOT / "requirements.in").read_text(encoding="utf-8"))
    assert wanted <= set(entries), wanted - set(entries)
    assert all("--hash=sha256:" in entry for entry in entries.values())


def test_the_users_lock_holds_no_development_tool():
    """What make report, make lab, environment.yml and Binder install: the notebooks' packages, no test,
    lint or browser tooling (playwright alone is about 160 MB)."""
    users = set(locked("requirements.lock"))
    assert {"jupyterlab", "papermill", "ipykernel", "uv", "setuptools"} <= users
    assert not users & DEVELOPMENT_TOOLS, users & DEVELOPMENT_TOOLS
    assert not requirement_names((ROOT / "requirements.in").read_text(encoding="utf-8")) & DEVELOPMENT_TOOLS


def test_the_development_lock_is_the_users_lock_plus_the_tools():
    """requirements-dev.lock holds every package of requirements.lock with the same version and hashes
    (so the tests run on what users run), and the tools make test, lint and test-browser use."""
    users, dev = locked("requirements.lock"), locked("requirements-dev.lock")
    changed = sorted(name for name in users if dev.get(name) != users[name])
    assert not changed, f"the development lock differs from the users' lock for: {changed} (run make lock)"
    assert {"pytest", "ruff", "pre-commit", "nbstripout", "playwright"} <= set(dev)
    source = (ROOT / "requirements-dev.in").read_text(encoding="utf-8").splitlines()
    assert "-c requirements.lock" in source and "-r requirements.in" in source


def test_only_the_development_goals_install_the_development_lock(tmp_path):
    """make lint (so make test) and make test-browser sync requirements-dev.lock; make setup, report and lab
    never do (a dry run on a venv that holds the users' lock)."""
    venv = tmp_path / ".venv"
    (venv / "bin").mkdir(parents=True)
    (venv / ".installed").write_text(f"{venv}\n", encoding="utf-8")
    for goal in ("lint", "test-browser", "setup", "lab", "report"):
        dry = subprocess.run(["make", "--no-print-directory", "-n", f"VENV={venv}", goal], cwd=ROOT,
                             capture_output=True, text=True, check=False)
        syncs_dev = "requirements-dev.lock" in dry.stdout
        assert syncs_dev == (goal in ("lint", "test-browser")), (goal, dry.stdout[-2000:], dry.stderr[-2000:])


def test_make_help_lists_the_targets():
    out = subprocess.run(["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    for target in ("report", "test", "lab", "clean", "lock", "bench", "setup", "readme"):
        assert re.search(rf"^{target}\s+\S", out, re.M), target


def test_readme_opens_with_the_article_and_the_commands():
    head = README[:1200]
    assert "Công tác luân chuyển cán bộ ở huyện Cao Lộc" in head and "Báo Lạng Sơn" in head and "Lâm Như" in head
    assert "make report" in README and "make test" in README and "make lab" in README


def test_readme_blocks_are_current():
    for language, name in readme_module.READMES.items():
        text = (ROOT / name).read_text(encoding="utf-8")
        rendered = readme_module.render(text, readme_module.blocks(language))
        assert rendered == text, f"{name}: numbers or gallery differ from data/processed: run `make readme`"


def test_both_readmes_hold_every_generated_block_with_the_findings_under_a_heading():
    """README.md lacked the findings README.vi.md has: each holds every block `make readme` writes, the findings
    (one bullet per finding of notebooks 02 and 03, as the notebooks wrote them) under a heading of their own."""
    for language, name in readme_module.READMES.items():
        text = (ROOT / name).read_text(encoding="utf-8")
        for block in readme_module.blocks(language):
            assert text.count(f"<!-- {block}:start -->") == text.count(f"<!-- {block}:end -->") == 1, (name, block)
        heading = {"en": "## What the article reports", "vi": "## Bài báo cho biết gì"}[language]
        findings = text.split("<!-- findings:start -->")[1].split("<!-- findings:end -->")[0]
        assert text.index(heading) < text.index("<!-- findings:start -->") < text.index("<!-- gallery:start -->")
        assert findings.count("\n- ") == sum(len(readme_module.read_findings(nb, language)["findings"])
                                             for nb in readme_module.NOTEBOOKS[1:]) >= 10


def test_readme_is_short_and_leads_with_the_story_in_both_languages():
    """The front page is for readers: at most 12 KB, the Vietnamese entry linked both ways, a lead that names the
    place, the outlet and the date, with the engineering moved to docs/."""
    vi = (ROOT / "README.vi.md").read_text(encoding="utf-8")
    assert len(README.encode("utf-8")) <= 12 * 1024
    assert "(README.vi.md)" in README[:300] and "(README.md)" in vi[:300]
    lead = README.split("<!-- lead:start -->")[1].split("<!-- lead:end -->")[0]
    for word in ("Cao Lộc", "Báo Lạng Sơn", "22 January 2021", "26", "13", "nominated for election"):
        assert word in lead, word
    lead_vi = vi.split("<!-- lead:start -->")[1].split("<!-- lead:end -->")[0]
    for word in ("Cao Lộc", "Báo Lạng Sơn", "22/01/2021", "giới thiệu ứng cử"):
        assert word in lead_vi, word
    assert "(a reading)" not in README + vi and "coder" not in README + vi and "(cách hiểu)" not in vi
    for page in ("reproducibility", "faults", "another-article", "corpus", "draft"):
        assert f"(docs/{page}.md)" in README, page
    assert "## When something goes wrong" not in README and "| Fault | What the project does | Test |" in (
        ROOT / "docs/faults.md").read_text(encoding="utf-8")


def test_a_lead_with_a_number_not_in_the_article_is_refused(tmp_path):
    import json

    from articlefacts.errors import ArticleFactsError

    meta = json.loads((ROOT / paths.META).read_text(encoding="utf-8"))
    meta["lead_en"] = meta["lead_en"].replace("26 leaders", "27 leaders")
    (tmp_path / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ArticleFactsError, match=r"the number 27 in the field 'lead_en'") as err:
        readme_module.written_lead("en", meta_path=str(tmp_path / "meta.json"))
    assert "How to fix" in str(err.value) and len(str(err.value).splitlines()) == 2
    meta.pop("lead_en")
    (tmp_path / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    assert readme_module.written_lead("en", meta_path=str(tmp_path / "meta.json")) == ""


def test_every_english_figure_is_in_the_gallery_with_alt_text():
    images = dict((m.group(2), m.group(1)) for m in re.finditer(r"!\[([^\]]*)\]\(([^)]+)\)", README))
    for png in sorted((ROOT / paths.FIGURES_DIR / "en").glob("*.png")):
        rel = png.relative_to(ROOT).as_posix()
        assert rel in images and len(images[rel]) > 40, rel
        assert re.search(r"\d", images[rel]), f"alt text of {rel} has no numbers"


def test_relative_links_resolve():
    for page in ("README.md", "README.vi.md", *(f"docs/{p.name}" for p in (ROOT / "docs").glob("*.md"))):
        text = (ROOT / page).read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#]+)\)", text):
            if not re.match(r"[a-z]+://", target):
                assert ((ROOT / page).parent / target).exists(), f"{page}: {target}"


# The CITATION.cff 1.2.0 fields this project uses, as a JSON schema (the spec's required keys and types).
CFF_SCHEMA = {
    "type": "object",
    "required": ["cff-version", "message", "title", "authors", "type", "preferred-citation"],
    "properties": {
        "cff-version": {"const": "1.2.0"},
        "message": {"type": "string", "minLength": 1},
        "title": {"type": "string", "minLength": 1},
        "type": {"enum": ["software", "dataset"]},
        "license": {"type": "string"},
        "date-released": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "authors": {"type": "array", "minItems": 1, "items": {"type": "object", "anyOf": [
            {"required": ["name"]}, {"required": ["family-names"]}]}},
        "preferred-citation": {
            "type": "object", "required": ["type", "title", "authors"],
            "properties": {"type": {"enum": ["article", "newspaper-article", "magazine-article"]},
                           "date-published": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}}},
    },
}


def test_citation_cff_is_valid_and_points_to_the_article(meta):
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    jsonschema.validate(cff, CFF_SCHEMA)
    pref = cff["preferred-citation"]
    assert cff["type"] == "dataset"
    assert pref["title"] == meta["headline_vi"] and pref["journal"] == meta["outlet"]
    assert pref["date-published"] == meta["date"] and pref["authors"][0]["name"] == meta["byline"]
    date.fromisoformat(cff["date-released"])


def test_no_district_name_in_logic():
    """The package's code and the notebooks' cells (code and prose) name no district, year or total of the
    seed article: every claim a reader sees is written from the data. The parameters cell holds its paths."""
    import nbformat

    for path in sorted((ROOT / "src/articlefacts").rglob("*.py")):
        assert not re.search(r"cao l[ộo]c", path.read_text(encoding="utf-8"), re.I), path
    for path in sorted((ROOT / "src/articlefacts").glob("*.csv")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"cao l[ộo]c|\b230\b|\b405\b|\b2002\b|\b2021\b", text, re.I), path
    for path in sorted((ROOT / paths.NOTEBOOKS_DIR).glob("*.ipynb")):
        cells = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells
                          if "parameters" not in c.metadata.get("tags", []))
        assert not re.search(r"cao l[ộo]c|2002|2021|\b230\b|\b405\b|\b26\b", cells, re.I), path


def test_the_hook_catches_a_notebook_saved_with_outputs(tmp_path):
    dirty = tmp_path / "dirty.ipynb"
    dirty.write_bytes((ROOT / paths.EXECUTED_DIR / "01-clean-article.ipynb").read_bytes())
    result = subprocess.run([str(ROOT / ".venv/bin/nbstripout"), "--verify", "--keep-id", str(dirty)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1


def test_pre_commit_hooks_pass_on_the_repository():
    """The hooks the README recommends run from .venv and pass on the committed tree: ruff, nbstripout on the
    source notebooks (they carry no outputs), and the README's numbers."""
    pre_commit = Path(ROOT / ".venv/bin/pre-commit")
    result = subprocess.run([str(pre_commit), "run", "--all-files"], cwd=ROOT, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("Passed") == 3


def test_pipeline_never_executes_text_from_data_files():
    """No eval or exec, no unsafe YAML, no pickle: inputs are parsed as CSV, JSON and literals only."""
    for path in sorted((ROOT / "src/articlefacts").glob("*.py")):
        code = path.read_text(encoding="utf-8")
        assert not re.search(r"(?<![\w.])(eval|exec)\(|yaml\.load\(|pickle|shell=True", code), path


def test_every_test_docs_faults_names_exists():
    """docs/faults.md names the test that covers each fault: each named test is a test function of that file."""
    named = re.findall(r"`(test_\w+\.py)::(test_\w+)`", (ROOT / "docs/faults.md").read_text(encoding="utf-8"))
    assert len(named) > 50
    for file, name in named:
        assert re.search(rf"^def {name}\(", (ROOT / "tests" / file).read_text(encoding="utf-8"), re.M), (file, name)
