"""Imports point inward: service -> projections -> domain, and the domain does no I/O."""

import subprocess
import sys
from pathlib import Path


def test_imports_point_inward():
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint)], cwd=Path(__file__).parents[1], capture_output=True, text=True)

    assert result.returncode == 0, result.stdout + result.stderr
