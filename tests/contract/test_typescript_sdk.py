"""TypeScript types generated from the committed spec (openapi-typescript) type-check a partner's calls
through openapi-fetch under `tsc --strict`, and refuse a body field of the wrong type."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

TS = Path(__file__).parent / "ts"
BIN = TS / "node_modules" / ".bin"


def run(*cmd: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], cwd=TS, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def generated() -> Path:
    """`npm ci` from the committed lock file, then the package's own `generate` script."""
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip(
            "npm is not installed, so the TypeScript client cannot be checked (needs Node 20+ and npm)"
        )
    installed = run(npm, "ci", "--no-audit", "--no-fund")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    script = json.loads((TS / "package.json").read_text())["scripts"]["generate"]
    tool, *args = shlex.split(script)
    result = run(BIN / tool, *args)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "warn" not in output.lower() and "error" not in output.lower(), output
    return TS / "generated" / "pactum.d.ts"


def test_the_generated_types_name_every_operation(generated: Path):
    types = generated.read_text()
    for operation in ("listAgreements", "draftAgreement", "getAgreement", "signAgreement", "registerParty"):
        assert f"{operation}: {{" in types


def test_a_client_calling_three_endpoints_type_checks_under_strict(generated: Path):
    result = run(BIN / "tsc", "-p", "tsconfig.json", "--strict", "--noEmit")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_body_field_of_the_wrong_type_does_not_compile(generated: Path):
    result = run(BIN / "tsc", "-p", "tsconfig.wrong.json", "--strict", "--noEmit")
    output = result.stdout + result.stderr
    assert result.returncode != 0, "wrong.ts compiled: the generated types do not check request bodies"
    assert "wrong.ts(9," in output and "TS2322" in output and "not assignable to type 'string'" in output, (
        output
    )
    assert "client.ts" not in output, output
