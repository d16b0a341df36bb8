"""The notebooks open anywhere: a fresh environment made from the lock plus the package (no make, no
project kernel, no PYTHONPATH) runs notebook 01 with plain `jupyter nbconvert --execute` from the
notebook's own folder on the default python3 kernel.

The environment is built with uv from its cache (about 10–20 s here); the test is skipped, saying why,
when the lock cannot be installed (no cache and no package index)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import nbformat
import pytest

from articlefacts.pipeline.workspace import copy_project
from conftest import ROOT, VENV

UV = VENV / "bin/uv"


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a user's shell: nothing of this project's make or test settings."""
    drop = ("MAKE", "ARTICLEFACTS_", "PYTHONPATH", "VIRTUAL_ENV", "JUPYTER_", "PYTEST")
    return {**{k: v for k, v in os.environ.items() if not k.startswith(drop)}, **extra}


def uv(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(UV), *args], capture_output=True, text=True, timeout=timeout, check=False,
                          env=clean_env())


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """A project copy and a venv holding the lock and the copy's package (editable)."""
    if not UV.exists():
        pytest.skip(f"no uv in {VENV}: run make setup")
    base = tmp_path_factory.mktemp("fresh")
    project = copy_project(base / "project")
    venv = base / "venv"
    start = time.monotonic()
    made = uv("venv", "--quiet", "--python", sys.executable, str(venv))
    assert made.returncode == 0, made.stderr
    synced = uv("pip", "sync", "--quiet", "--python", str(venv / "bin/python"), "--require-hashes",
                str(ROOT / "requirements.lock"))
    if synced.returncode != 0:
        pytest.skip(f"the lock cannot be installed here (no uv cache and no package index?): {synced.stderr[-300:]}")
    installed = uv("pip", "install", "--quiet", "--python", str(venv / "bin/python"), "--no-deps",
                   "--no-build-isolation", "--offline", "-e", str(project))
    assert installed.returncode == 0, installed.stderr
    print(f"\nfresh environment in {time.monotonic() - start:.1f} s")
    return {"project": project, "venv": venv, "out": base / "out"}


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
        env=clean_env())
    assert result.returncode == 0, result.stderr[-2000:]
    executed = nbformat.read(out / "01-fresh.ipynb", as_version=4)
    errors = [o for c in executed.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    assert (out / "data/processed/facts.csv").read_bytes() == (ROOT / "data/processed/facts.csv").read_bytes()


def test_the_fresh_environment_imports_the_copys_package(fresh):
    code = "import articlefacts; print(articlefacts.__file__)"
    result = subprocess.run([str(fresh["venv"] / "bin/python"), "-c", code], cwd="/", capture_output=True, text=True,
                            check=False, env=clean_env())
    assert result.stdout.strip() == str(fresh["project"] / "src/articlefacts/__init__.py"), result.stderr
