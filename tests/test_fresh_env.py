"""The notebooks open anywhere: a fresh environment made from the users' lock plus the package (`make setup` in a
copy, then moved to another folder and rebuilt there: conftest.fresh) runs notebook 01 with plain
`jupyter nbconvert --execute` from the notebook's own folder on the default python3 kernel, without make
or PYTHONPATH. The same environment shows how set-up copes with a moved project, with two first runs at
once, and with a package changed in .venv by hand.

The environment is built with uv from its cache; the tests are skipped, saying why, when the lock cannot
be installed (no cache and no package index)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

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


def test_a_moved_project_rebuilds_its_venv(fresh):
    """The fresh environment (conftest.fresh) was made by `make setup` in one folder; the project was then
    moved, and `make setup` run again there: .venv is rebuilt for the new folder, with a note saying why."""
    project = fresh["project"]
    notes = [s.stdout for s in fresh["setups"] if "note: .venv was made in" in s.stdout]
    assert notes == [f"note: .venv was made in {fresh['first']}/.venv; rebuilding it for {project}/.venv\n"
                     "set-up: installing requirements.lock into .venv\n"], [s.stdout for s in fresh["setups"]]
    assert (project / ".venv/.installed").read_text().strip() == str(project / ".venv")
    kernel = json.loads((project / ".venv/share/jupyter/kernels/python3/kernel.json").read_text())
    assert kernel["argv"][0] == str(project / ".venv/bin/python")
    assert (project / ".venv/bin/jupyter").read_text().startswith(f"#!{project}/.venv/bin/python")


def test_two_first_runs_at_once_share_one_set_up(fresh):
    """Two `make setup` started together in a project without a usable .venv: uv refused one of them ("Failed to
    create virtual environment") before; now the second waits for the first's set-up and finds it done."""
    for setup in fresh["setups"]:
        assert setup.returncode == 0, setup.stderr
        assert "Failed to create" not in setup.stderr, setup.stderr
    assert sum("set-up: installing" in s.stdout for s in fresh["setups"]) == 1, [s.stdout for s in fresh["setups"]]


def lock_pins() -> set[str]:
    """name==version of every package requirements.lock pins, names in their normal form."""
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    return {f"{re.sub(r'[-_.]+', '-', m.group(1).lower())}=={m.group(2)}"
            for m in re.finditer(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^ ;\\]+)", text, re.M)}


def installed(venv: Path) -> set[str]:
    """name==version of every package in ``venv`` but the project's own, as uv lists them."""
    out = subprocess.run([str(venv / "bin/uv"), "pip", "freeze", "--python", str(venv / "bin/python")],
                         capture_output=True, text=True, check=True, env=user_shell_env()).stdout
    return {f"{re.sub(r'[-_.]+', '-', line.split('==')[0].lower())}=={line.split('==')[1]}"
            for line in out.splitlines() if "==" in line}


def venv_current(project: Path) -> bool:
    """Whether make finds the project's .venv set up (`make -q .venv/.installed`)."""
    return subprocess.run(["make", "-q", ".venv/.installed"], cwd=project, env=user_shell_env(),
                          check=False).returncode == 0


def test_a_package_changed_by_hand_in_the_venv_is_named_and_synced_back_to_the_lock(fresh, tmp_path):
    """A package installed or removed in .venv by hand after set-up (another tool's pin): make said nothing and
    ran every notebook on it. Now make names the packages that differ from the lock and syncs .venv back."""
    project, venv = fresh["project"], fresh["venv"]
    uv = [str(venv / "bin/uv"), "pip"]
    assert installed(venv) == lock_pins()
    assert venv_current(project)
    extra = tmp_path / "handmade"
    (extra / "handmade_tool").mkdir(parents=True)
    (extra / "handmade_tool/__init__.py").write_text("")
    (extra / "pyproject.toml").write_text('[project]\nname = "handmade-tool"\nversion = "1.0"\n'
                                          '[build-system]\nrequires = ["setuptools"]\n'
                                          'build-backend = "setuptools.build_meta"\n')
    for change in (["install", "--offline", "--no-deps", "--no-build-isolation", str(extra)], ["uninstall", "six"]):
        done = subprocess.run([*uv, *change, "--python", str(venv / "bin/python")], capture_output=True, text=True,
                              check=False, env=user_shell_env())
        assert done.returncode == 0, done.stderr
    assert not venv_current(project), "a .venv changed by hand looks set up"
    setup = subprocess.run(["make", "--no-print-directory", "setup"], cwd=project, capture_output=True, text=True,
                           timeout=600, check=False, env=user_shell_env())
    assert setup.returncode == 0, setup.stderr
    six = next(p for p in lock_pins() if p.startswith("six=="))
    assert (f"note: .venv no longer matches requirements.lock, changed since set-up: handmade-tool 1.0 (not in the "
            f"lock); six missing (the lock has {six.split('==')[1]}); syncing it") in setup.stdout, setup.stdout
    assert installed(venv) == lock_pins()
    assert venv_current(project)


def test_the_users_environment_holds_no_development_tool(fresh):
    """`make setup` (what `make report` and `make lab` run) installs the users' lock only: the fresh venv has
    jupyterlab and papermill but no test, lint or browser tool, until `make test` adds them."""
    code = "import importlib.metadata as m; print(' '.join(d.metadata['Name'].lower() for d in m.distributions()))"
    python = fresh["project"] / ".venv" / "bin/python"
    result = subprocess.run([str(python), "-c", code], capture_output=True, text=True,
                            check=False, env=user_shell_env())
    installed = set(result.stdout.split())
    assert {"jupyterlab", "papermill", "articlefacts"} <= installed, result.stderr
    assert not installed & {"pytest", "ruff", "pre-commit", "nbstripout", "playwright", "hypothesis"}
    assert not (fresh["project"] / ".venv/.installed-dev").exists()
