"""Shared fixtures: the article's text and facts, and throw-away copies of the project."""

from __future__ import annotations

import concurrent.futures
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from articlefacts import paths
from articlefacts.cleaning import build_tables
from articlefacts.pipeline.workspace import copy_project

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"


def sha256_tree(folder: Path) -> dict[str, str]:
    """relative path → sha256 for every file under ``folder``."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def project_env(project: Path, own_code: bool = True) -> dict[str, str]:
    """The environment for make or the runner in ``project``; ``own_code`` puts the copy's src/ first on the
    path, since this checkout's .venv (shared by every copy, to save the set-up) imports the checkout's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "ARTICLEFACTS_", "PYTHONPATH"))}
    if own_code:
        env["PYTHONPATH"] = str(project / "src")
    return env


def make(project: Path, *args: str, prefix: tuple[str, ...] = (), timeout: int = 300,
         own_code: bool = True, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run make in a project copy with this checkout's .venv (``prefix`` wraps it, e.g. unshare -n)."""
    env = {**project_env(project, own_code), **(extra_env or {})}
    return subprocess.run([*prefix, "make", "--no-print-directory", f"VENV={VENV}", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=timeout, check=False)


OUTPUT_DIRS = ("data/processed", "figures", "notebooks/executed")


def output_hashes(project: Path) -> dict[str, str]:
    """sha256 of every output file the project commits."""
    hashes = {}
    for folder in OUTPUT_DIRS:
        hashes |= {f"{folder}/{k}": v for k, v in sha256_tree(project / folder).items()}
    return hashes


def differing(committed: dict, rebuilt: dict) -> list[str]:
    """Files missing on either side or whose bytes differ."""
    return sorted(k for k in committed.keys() | rebuilt.keys() if committed.get(k) != rebuilt.get(k))


def network_cut_available() -> bool:
    """Whether `unshare -n` can run a command without network here."""
    return bool(shutil.which("unshare")) and subprocess.run(
        ["unshare", "-n", "true"], capture_output=True, check=False).returncode == 0


@pytest.fixture(scope="session")
def rebuilt(tmp_path_factory):
    """A copy of the project, cleaned and rebuilt from scratch (without network where possible)."""
    project = copy_project(tmp_path_factory.mktemp("rebuild") / "project")
    committed = output_hashes(project)
    raw_before = sha256_tree(project / "data/raw")
    cleaned = make(project, "clean")
    after_clean = output_hashes(project)
    offline = network_cut_available()
    report = make(project, "report", prefix=("unshare", "-n") if offline else ())
    return {"project": project, "committed": committed, "raw_before": raw_before, "clean": cleaned,
            "after_clean": after_clean, "report": report, "offline": offline}




@pytest.fixture(scope="session")
def seed():
    """Notebook 01's tables for the seed article (facts indexed by key)."""
    return build_tables(paths.ARTICLE, paths.FACTS, paths.NOT_DATA, paths.META)


@pytest.fixture(scope="session")
def meta(seed) -> dict:
    return seed.meta


@pytest.fixture(scope="session")
def facts(seed):
    return seed.facts


ARTICLE_FIXTURES = ROOT / "tests" / "fixtures" / "articles"
ARTICLE_CASES = sorted(p.name for p in ARTICLE_FIXTURES.iterdir() if p.is_dir())


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, tuple[Path, object]]:
    """Each article fixture built with `make report` into its own output folder, two at a time:
    name → (out folder, make result)."""
    base = tmp_path_factory.mktemp("articles")

    def build(name):
        d = ARTICLE_FIXTURES / name
        out = base / name
        return name, (out, make(ROOT, "report", f"ARTICLE={d}/article.txt", f"FACTS={d}/facts.csv",
                                f"NOT_DATA={d}/not-data.csv", f"META={d}/meta.json", f"OUT={out}", "JOBS=1"))

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        return dict(pool.map(build, ARTICLE_CASES))
