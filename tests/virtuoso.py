"""A throwaway Virtuoso Open Source server for the store tests (see ../shared/RECIPES.md).

One server per test session: a fresh database in a temporary directory, on 127.0.0.1 with free ports,
configured so that nothing is silently truncated (``ResultSetMaxRows``, ``MaxQueryCostEstimationTime = 0``,
``MaxQueryExecutionTime = 0``). It is stopped with ``isql shutdown``, then by waiting for its PID, then by
SIGTERM to that PID only; never by name. Without ``virtuoso-t`` a test is skipped on a workstation and
fails under CI (``CI`` set): CI must never skip the server tests silently.

Use from a test module::

    from virtuoso import virtuoso  # noqa: F401  (the session fixture)

    def test_something(virtuoso):
        store = open_store(virtuoso.spec)
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

VIRTUOSO = "virtuoso-t"
ISQL = "isql-vt"
VSP_ROOT = "/var/lib/virtuoso-opensource-7/vsp"
START_TIMEOUT = 90.0
STOP_TIMEOUT = 30.0
#: The fresh database's administrator; the server listens on 127.0.0.1 only and lives for one session.
USER = "dba"
PASSWORD = "dba"

CONFIG = """\
[Database]
DatabaseFile       = {dir}/virtuoso.db
ErrorLogFile       = {dir}/virtuoso.log
LockFile           = {dir}/virtuoso.lck
TransactionFile    = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {dir}/virtuoso-temp.db
TransactionFile    = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort           = 127.0.0.1:{port}
DisableUnixSocket    = 1
DisableTcpSocket     = 0
MaxClientConnections = 10
CheckpointInterval   = 60
CaseMode             = 2
DirsAllowed          = ., {dir}
NumberOfBuffers      = 20000
MaxDirtyBuffers      = 15000
ThreadsPerQuery      = 2

[HTTPServer]
ServerPort           = 127.0.0.1:{http_port}
ServerRoot           = {vsp}
MaxClientConnections = 10
ServerThreads        = 10
EnabledDavVSP        = 0
Charset              = UTF-8
EnabledGzipContent   = 0

[SPARQL]
ResultSetMaxRows           = 1000000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime      = 0
MaxSortedTopRows           = 1000000000
"""


@dataclass
class VirtuosoServer:
    """A running throwaway server."""

    directory: Path
    port: int
    http_port: int
    process: subprocess.Popen[bytes]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def sparql_url(self) -> str:
        return f"{self.base_url}/sparql"

    @property
    def spec(self) -> str:
        """A store spec with the credentials in the URL (fine here: a throwaway local server)."""
        return f"sparql:http://{USER}:{PASSWORD}@127.0.0.1:{self.http_port}/sparql#server=virtuoso"

    def isql(self, command: str, timeout: float = 30.0) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [ISQL, f"127.0.0.1:{self.port}", USER, PASSWORD, f"exec={command}"],
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            check=False,
        )

    def log_tail(self, lines: int = 30) -> str:
        log = self.directory / "virtuoso.log"
        if not log.is_file():
            return "(no log)"
        return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def require_virtuoso() -> None:
    """Skip (or fail under CI) when the server is not installed."""
    missing = [name for name in (VIRTUOSO, ISQL) if shutil.which(name) is None]
    if not missing:
        return
    message = f"{', '.join(missing)} missing: apt-get install -y virtuoso-opensource"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start(directory: Path) -> VirtuosoServer:
    """Write a config in ``directory`` and start a server on it; return once SQL and HTTP both answer."""
    directory.mkdir(parents=True, exist_ok=True)
    port, http_port = free_port(), free_port()
    config = directory / "virtuoso.ini"
    config.write_text(
        CONFIG.format(dir=directory, port=port, http_port=http_port, vsp=VSP_ROOT), encoding="utf-8"
    )
    with open(directory / "stdout.log", "wb") as log:
        process = subprocess.Popen(
            [VIRTUOSO, "+configfile", str(config), "+foreground"],
            cwd=directory,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = VirtuosoServer(directory, port, http_port, process)
    try:
        _wait_until_ready(server)
    except BaseException:
        stop(server)
        raise
    return server


def _wait_until_ready(server: VirtuosoServer) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"virtuoso-t exited with {server.process.returncode}:\n{server.log_tail()}")
        if _sql_ready(server) and _http_ready(server):
            return
        time.sleep(0.5)
    raise RuntimeError(f"virtuoso-t did not answer within {START_TIMEOUT:.0f} s:\n{server.log_tail()}")


def _sql_ready(server: VirtuosoServer) -> bool:
    try:
        return server.isql("select 1;", timeout=10).returncode == 0
    except subprocess.TimeoutExpired:
        return False


def _http_ready(server: VirtuosoServer) -> bool:
    url = f"{server.sparql_url}?query=ASK%7B%7D"
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def stop(server: VirtuosoServer) -> None:
    """isql shutdown, wait for the PID; SIGTERM that PID (then SIGKILL it) only if it does not exit."""
    if server.process.poll() is None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.isql("shutdown;", timeout=STOP_TIMEOUT)
        try:
            server.process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            server.process.terminate()  # SIGTERM to this PID only
            try:
                server.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                server.process.kill()
                server.process.wait()
    shutil.rmtree(server.directory, ignore_errors=True)


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """One throwaway Virtuoso per test session, stopped and deleted at the end."""
    require_virtuoso()
    server = start(tmp_path_factory.mktemp("virtuoso") / "db")
    try:
        yield server
    finally:
        stop(server)
