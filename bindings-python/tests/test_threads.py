"""Threads sharing one network never deadlock: the stress runs in a fresh
interpreter (so the first error also imports the errors module) and fails on
a timeout rather than hanging the suite."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def test_eight_threads_share_one_network_without_deadlock() -> None:
    for _ in range(3):
        result = subprocess.run(
            [sys.executable, str(HERE / "stress_network.py"), "40"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("ok")
