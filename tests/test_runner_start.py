"""How the runner starts: its kernels through jupyter_client's public API only, started and stopped cleanly,
and the import it blocks (rfc3987-syntax, about 2.4 s of grammar building in every notebook run) still
blocked, so that an upgrade of jsonschema or nbformat that brings the cost back fails here."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from jupyter_core.utils import run_sync

from articlefacts.pipeline import kernels
from conftest import ROOT

PIPELINE = ROOT / "src/articlefacts/pipeline"

# Every import request after the first lines, recorded by a finder placed first on sys.meta_path.
RECORD_IMPORTS = """
import sys
class Recorder:
    requested = []
    def find_spec(self, name, path=None, target=None):
        self.requested.append(name)
        return None
recorder = Recorder()
sys.meta_path.insert(0, recorder)
"""
# The runner's way: the runner module first (it blocks the import), then nbformat validating a notebook.
RUNNERS_WAY = """
import articlefacts.pipeline.runner
import jsonschema, nbformat
nbformat.validate(nbformat.v4.new_notebook())
"""
REPORT = """
import json
loaded = sorted(m for m, mod in sys.modules.items() if mod is not None and m.startswith(("rfc3987", "lark")))
print(json.dumps({"requested": recorder.requested, "loaded": loaded}))
"""


def imports(code: str) -> dict:
    """The imports a fresh interpreter requested and the rfc3987/lark modules it loaded running ``code``."""
    done = subprocess.run([sys.executable, "-c", RECORD_IMPORTS + code + REPORT], capture_output=True, text=True,
                          timeout=60, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_the_runner_keeps_nbformat_from_importing_rfc3987_syntax():
    """Importing nbformat and jsonschema after the runner loads neither rfc3987-syntax nor lark (its grammar
    library), and never even asks for them."""
    seen = imports(RUNNERS_WAY)
    assert seen["loaded"] == [], "the runner no longer blocks the IRI grammar: " + ", ".join(seen["loaded"])
    assert "rfc3987_syntax" not in seen["requested"] and "lark" not in seen["requested"]


def test_without_the_runner_jsonschema_would_import_rfc3987_syntax():
    """The control of the test above: without the runner's block, jsonschema asks for rfc3987_syntax (lark is
    blocked here so that the import fails fast instead of building the grammar). If jsonschema stops asking,
    the block in pipeline/runner.py is no longer needed."""
    seen = imports("sys.modules['lark'] = None\nimport jsonschema, nbformat\n"
                   "nbformat.validate(nbformat.v4.new_notebook())\n")
    assert "rfc3987_syntax" in seen["requested"]


@pytest.mark.parametrize("module", ["kernels.py", "engine.py"])
def test_the_kernel_and_engine_classes_use_only_public_api(module):
    """Subclasses of jupyter_client's and papermill's classes neither call nor override a private method
    (one named ``_name``): such a method may change or vanish in any release."""
    tree = ast.parse((PIPELINE / module).read_text(encoding="utf-8"))
    private = sorted({node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)
                      and node.attr.startswith("_") and not node.attr.startswith("__")})
    overridden = sorted({node.name for cls in ast.walk(tree) if isinstance(cls, ast.ClassDef) for node in cls.body
                         if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                         and node.name.startswith("_") and not node.name.startswith("__")})
    assert private == [] and overridden == [], (private, overridden)


def test_a_kernel_starts_answers_and_is_stopped_with_nothing_left(tmp_path):
    """A kernel started as the runner does becomes ready through the quick client, and stop_kernel kills it,
    removes its socket folder and its log, within a second."""
    km = kernels.start_kernel("python3", tmp_path)
    pid, sockets, log = km.provisioner.pid, Path(km.socket_dir), km.log_path
    try:
        client = km.client()
        client.start_channels()
        run_sync(client.wait_for_ready)(timeout=60)
        client.stop_channels()
        assert sockets.is_dir() and log.is_file()
    finally:
        start = time.monotonic()
        kernels.stop_kernel(km, keep_log=False)
        stopped = time.monotonic() - start
    assert not km.has_kernel and not sockets.exists() and not log.exists()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert stopped < 1.0, f"stopping the kernel took {stopped:.2f} s"
