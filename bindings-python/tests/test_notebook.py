"""The analyst's notebook, examples/python/policy_design.ipynb, runs from top
to bottom on a small portfolio: every cell succeeds (nbclient raises
`CellExecutionError` otherwise), the pictures are drawn, within a minute."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT
from nbclient import NotebookClient

EXAMPLES = ROOT / "examples" / "python"
NOTEBOOK = EXAMPLES / "policy_design.ipynb"
MISSIONS = 10_000
BUDGET_SECONDS = 60


def kernel_of_this_interpreter(jupyter: Path) -> None:
    """A `python3` kernelspec that starts this interpreter (the venv's), in
    a data directory `JUPYTER_PATH` puts before every other: whatever
    kernels the machine has, the notebook runs against the `coopetition`
    under test."""
    spec = jupyter / "kernels" / "python3"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    spec.joinpath("kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "Python 3 (coopetition tests)", "language": "python"})
    )


def test_the_notebook_is_stored_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code
    for cell in code:
        assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


def test_the_policy_design_notebook_runs_on_a_small_portfolio(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kernel_of_this_interpreter(tmp_path / "jupyter")
    # The kernel inherits this environment: the portfolio's size, and Jupyter's
    # and IPython's files kept out of the user's home.
    monkeypatch.setenv("COOPETITION_NOTEBOOK_MISSIONS", str(MISSIONS))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))

    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(EXAMPLES)}})
    started = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - started

    assert elapsed < BUDGET_SECONDS, f"the notebook took {elapsed:.1f} s on {MISSIONS:,} missions"
    outputs = [output for cell in nb.cells if cell.cell_type == "code" for output in cell.outputs]
    images = [o for o in outputs if o.output_type in ("display_data", "execute_result") and "image/png" in o.get("data", {})]
    # The comparison by lead origin, the sweep, the Lorenz curves, the rates by size.
    assert len(images) >= 4, f"{len(images)} pictures drawn"
    warnings = [o.text for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    assert not warnings, "".join(warnings)
    printed = "".join(o.text for o in outputs if o.output_type == "stream" and o.name == "stdout")
    assert f"{MISSIONS:,} won missions" in printed
