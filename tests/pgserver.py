"""A throwaway PostgreSQL 15 server for the test run, started as an unprivileged user when we are root.

The run's first process starts it once (tests/conftest.py::pytest_configure) and hands it to the test workers
through the environment; each worker then creates a database of its own."""

import json
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

SYSTEM_USER = "portaltest"
#: useradd's exit status when the user exists
USERADD_NAME_IN_USE = 9
#: the variable through which workers learn where the server listens
ENVIRONMENT_KEY = "PORTAL_TEST_POSTGRES"


def _bindir() -> Path:
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "initdb").exists():
            return candidate
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    raise RuntimeError("PostgreSQL is not installed: apt-get install postgresql-15 (.ci/run does it)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    try:
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        created = subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SYSTEM_USER],
            capture_output=True,
        )
        if created.returncode not in (0, USERADD_NAME_IN_USE):  # another run may have created it meanwhile
            raise RuntimeError(created.stderr.decode()) from None
    return ["runuser", "-u", SYSTEM_USER, "--", *command]


class PostgresServer:
    def __init__(self, bindir=None, root=None, port=None, user=None):
        self.bindir = Path(bindir) if bindir else _bindir()
        self.root = Path(root) if root else Path(tempfile.mkdtemp(prefix="portal-pg-"))
        self.data = self.root / "data"
        self.port = port or _free_port()
        self.user = user or (SYSTEM_USER if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name)

    def publish(self) -> None:
        """Tell the processes started after this one (the test workers) where the server is."""
        os.environ[ENVIRONMENT_KEY] = json.dumps(
            {"bindir": str(self.bindir), "root": str(self.root), "port": self.port, "user": self.user}
        )

    @classmethod
    def published(cls) -> "PostgresServer":
        """The server the run's first process started."""
        return cls(**json.loads(os.environ[ENVIRONMENT_KEY]))

    def start(self) -> "PostgresServer":
        if os.geteuid() == 0:
            _as_user(["true"])
            shutil.chown(self.root, SYSTEM_USER)
        subprocess.run(
            _as_user(
                [
                    str(self.bindir / "initdb"),
                    "-D",
                    str(self.data),
                    "-U",
                    self.user,
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                ]
            ),
            check=True,
            capture_output=True,
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={self.root} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        subprocess.run(
            _as_user(
                [
                    str(self.bindir / "pg_ctl"),
                    "-D",
                    str(self.data),
                    "-o",
                    options,
                    "-l",
                    str(self.root / "server.log"),
                    "-w",
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
        )
        return self

    def create_database(self, name: str) -> str:
        """Create an empty database and return its SQLAlchemy URL."""
        for _ in range(50):
            done = subprocess.run(
                [str(self.bindir / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user, name],
                capture_output=True,
            )
            if done.returncode == 0:
                break
            time.sleep(0.1)
        else:
            raise RuntimeError(done.stderr.decode())
        return self.url(name)

    def url(self, name: str) -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        subprocess.run(
            _as_user([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(self.root, ignore_errors=True)
