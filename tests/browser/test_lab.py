"""JupyterLab as a person uses it: open notebooks 01 and 02, Run All on each, see figures and no errors; and the
token really protects the server. Run by `make test-browser` (needs Debian's chromium)."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from articlefacts.pipeline.workspace import copy_project

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-quic"]
ARTIFACTS = ROOT / "build/browser"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    """Status and Location of a GET, without following redirects."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None
    try:
        response = urllib.request.build_opener(NoRedirect).open(url, timeout=10)
        return response.status, response.headers.get("Location", "")
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Location", "")
    except urllib.error.URLError:
        return 0, ""  # not listening yet


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab started the way `make lab` starts it, on a copy of the project, with autosave off."""
    project = copy_project(tmp_path_factory.mktemp("lab") / "project")
    settings = tmp_path_factory.mktemp("settings")
    plugin = settings / "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings"
    plugin.parent.mkdir(parents=True)
    plugin.write_text('{"autosave": false}', encoding="utf-8")
    port, token = free_port(), secrets.token_hex(16)
    # The copy runs its own code (this checkout's .venv has the checkout's src/ installed).
    env = {**os.environ, "ARTICLEFACTS_ROOT": str(project), "PYTHONPATH": str(project / "src"),
           "JUPYTERLAB_SETTINGS_DIR": str(settings),
           "JUPYTERLAB_WORKSPACES_DIR": str(settings / "workspaces")}
    log = (tmp_path_factory.mktemp("log") / "lab.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "articlefacts.pipeline.lab", "--port", str(port),
                               "--token", token],
                              cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while get(f"{base}/api/status?token={token}")[0] != 200:
            assert server.poll() is None and time.monotonic() < deadline, "JupyterLab did not start"
            time.sleep(0.3)
        yield {"base": base, "token": token, "project": project}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


def test_requests_without_the_token_are_refused(lab):
    assert get(f"{lab['base']}/api/contents")[0] == 403
    status, location = get(f"{lab['base']}/lab")
    assert status == 302 and "/login" in location
    assert get(f"{lab['base']}/api/contents?token={lab['token']}")[0] == 200


def run_all(page, url: str) -> tuple[int, int, int]:
    """Open ``url`` (a notebook in JupyterLab), Run All, wait until every code cell of that notebook (the visible
    panel: an earlier notebook stays open in its hidden tab) has run; returns the number of errors and of images
    shown and of those with alt text."""
    page.goto(url)
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    # The toolbar says "idle" while the kernel is still starting; the status bar knows better.
    page.wait_for_function("document.body.innerText.includes('| Idle')", timeout=60_000)
    page.get_by_text("Run", exact=True).first.click()
    page.get_by_text("Run All Cells", exact=True).click()
    page.wait_for_function(
        """() => {
            const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
            const prompts = panel ? [...panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')] : [];
            return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }""", timeout=120_000)
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")  # the notebook just run, not an earlier tab
    errors = panel.locator('[data-mime-type="application/vnd.jupyter.error"]').count()
    images = panel.locator(".jp-OutputArea-output img")
    described = panel.locator(".jp-OutputArea-output img[alt]:not([alt=''])")
    return errors, images.count(), described.count()


def test_run_all_on_notebooks_01_then_02_shows_figures_and_no_error(lab):
    """As a person runs them: 01 with its defaults writes build/lab/data/processed, where 02 reads by default."""
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: `make test-browser` installs it")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    base = f"{lab['base']}/lab/tree/notebooks"
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            errors01, _, _ = run_all(page, f"{base}/01-clean-article.ipynb?token={lab['token']}")
            # A workspace of its own, so that JupyterLab does not restore 01's tab (unsaved, its prompts blank) too
            second = f"{lab['base']}/lab/workspaces/second/tree/notebooks"
            errors, images, described = run_all(page, f"{second}/02-compare-qualifications.ipynb?token={lab['token']}")
            page.locator(".jp-OutputArea-output img").first.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "02-run-all.png"))
        finally:
            browser.close()
    assert errors01 == 0 and errors == 0
    assert images >= 2, "the charts are shown"
    assert (lab["project"] / "build/lab/data/processed/facts.csv").is_file(), "01 writes under build/lab"
    interactive = lab["project"] / "build/lab/figures/en/profiles-upper-secondary.png"
    assert interactive.is_file(), "an interactive run writes under build/lab (the notebook's defaults)"
    for source in ("notebooks/01-clean-article.ipynb", "notebooks/02-compare-qualifications.ipynb"):
        assert (lab["project"] / source).read_bytes() == (ROOT / source).read_bytes(), f"{source} changed"
