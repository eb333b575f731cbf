"""Runs wrk (Debian's `wrk` package) against one endpoint and reads its figures back."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# Counts answers by status in every thread, and prints the sums when the run is done.
COUNTING = """
local threads = {}
function setup(thread) table.insert(threads, thread); thread:set("id", #threads) end
function init(args) conflicts = 0; failures = 0; counter = 0 end
function response(status, headers, body)
  if status == 409 then conflicts = conflicts + 1 elseif status >= 300 then failures = failures + 1 end
end
function done(summary, latency, requests)
  local c, f = 0, 0
  for _, t in ipairs(threads) do c = c + t:get("conflicts"); f = f + t:get("failures") end
  io.write(string.format("STATUS conflicts=%d failures=%d\\n", c, f))
end
"""


@dataclass(frozen=True)
class Figures:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    conflicts: int
    failures: int
    cpu_ms_per_request: float
    load: float
    database_ms_per_request: float | None = None  # PostgreSQL's CPU, when it runs on this machine

    def line(self) -> str:
        database = ("" if self.database_ms_per_request is None
                    else f" + {self.database_ms_per_request:4.2f} in PostgreSQL")
        return (f"{self.rps:8.0f} req/s  p50 {self.p50_ms:6.1f} ms  p99 {self.p99_ms:6.1f} ms  "
                f"{self.cpu_ms_per_request:5.2f} ms CPU/req{database}  {self.conflicts} answers 409, "
                f"{self.failures} other failures  (load {self.load:.2f})")


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(url: str, lua: str, server_pid: int, seconds: int = 10, connections: int = 32,
        threads: int = 2, database: Callable[[], float] | None = None) -> Figures:
    """wrk with `lua` (which defines `request`, and may use `counter` and wrk.thread:get("id")); with
    `database` (CPU seconds so far), PostgreSQL's CPU per request too."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua + COUNTING)
    try:
        before, database_before = cpu_seconds(server_pid), database() if database else 0.0
        out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
                              "-s", script.name, url], capture_output=True, text=True, check=True).stdout
        cpu = cpu_seconds(server_pid) - before
        database_cpu = database() - database_before if database else None
        load = os.getloadavg()[0]
    finally:
        os.unlink(script.name)
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
    status = re.search(r"STATUS conflicts=(\d+) failures=(\d+)", out)
    return Figures(float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), _ms(latency["50"]),
                   _ms(latency["99"]), requests, int(status.group(1)), int(status.group(2)),
                   1000 * cpu / max(requests, 1), load,
                   None if database_cpu is None else 1000 * database_cpu / max(requests, 1))


def get(path: str, token: str | None = None) -> str:
    auth = f', ["Authorization"] = "Bearer {token}"' if token else ""
    headers = f'{{["Accept"] = "application/json"{auth}}}'
    return f'request = function() return wrk.format("GET", "{path}", {headers}) end\n'


def post(path_expr: str, body_expr: str, token: str | None = None) -> str:
    """`path_expr` and `body_expr` are Lua expressions; `counter` counts this thread's requests."""
    auth = f', ["Authorization"] = "Bearer {token}"' if token else ""
    return (
        "request = function()\n  counter = counter + 1\n"
        f'  return wrk.format("POST", {path_expr}, {{["Content-Type"] = "application/json"{auth}}}, '
        f"{body_expr})\nend\n")
