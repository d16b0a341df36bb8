"""The notebooks open anywhere: a fresh environment made from the users' lock plus the package (`make setup` in a
copy, then moved to another folder and rebuilt there: conftest.fresh) runs notebook 01 with plain
`jupyter nbconvert --execute` from the notebook's own folder on the default python3 kernel, without make
or PYTHONPATH.

The environment is built with uv from its cache; the tests are skipped, saying why, when the lock cannot
be installed (no cache and no package index)."""

from __future__ import annotations

import subprocess

import nbformat

from conftest import ROOT, user_shell_env


def test_nbconvert_runs_notebook_01_from_its_folder_on_the_default_kernel(fresh):
    project, out = fresh["project"], fresh["out"]
    notebooks = project / "notebooks"
    nb = nbformat.read(notebooks / "01-clean-article.ipynb", as_version=4)
    assert nb.metadata.kernelspec.name == "python3"
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    cell.source = "\n".join(f'processed_dir = "{out}/data/processed"  # output folder: tables' if line.startswith(
        "processed_dir =") else line for line in cell.source.splitlines())
    nbformat.write(nb, notebooks / "01-fresh.ipynb")
    result = subprocess.run(
        [str(fresh["venv"] / "bin/jupyter"), "nbconvert", "--to", "notebook", "--execute", "01-fresh.ipynb",
         "--output-dir", str(out)], cwd=notebooks, capture_output=True, text=True, timeout=300, check=False,
        env=user_shell_env())
    assert result.returncode == 0, result.stderr[-2000:]
    executed = nbformat.read(out / "01-fresh.ipynb", as_version=4)
    errors = [o for c in executed.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    assert (out / "data/processed/facts.csv").read_bytes() == (ROOT / "data/processed/facts.csv").read_bytes()


def test_the_fresh_environment_imports_the_copys_package(fresh):
    code = "import articlefacts; print(articlefacts.__file__)"
    result = subprocess.run([str(fresh["venv"] / "bin/python"), "-c", code], cwd="/", capture_output=True, text=True,
                            check=False, env=user_shell_env())
    assert result.stdout.strip() == str(fresh["project"] / "src/articlefacts/__init__.py"), result.stderr


def test_the_users_environment_holds_no_development_tool(fresh):
    """`make setup` (what `make report` and `make lab` run) installs the users' lock only: the fresh venv has
    jupyterlab and papermill but no test, lint or browser tool, until `make test` adds them."""
    code = "import importlib.metadata as m; print(' '.join(d.metadata['Name'].lower() for d in m.distributions()))"
    result = subprocess.run([str(fresh["venv"] / "bin/python"), "-c", code], capture_output=True, text=True,
                            check=False, env=user_shell_env())
    installed = set(result.stdout.split())
    assert {"jupyterlab", "papermill", "articlefacts"} <= installed, result.stderr
    assert not installed & {"pytest", "ruff", "pre-commit", "nbstripout", "playwright", "hypothesis"}
    assert not (fresh["venv"] / ".installed-dev").exists()
