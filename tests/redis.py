"""A private redis-server for a test: the production cache and task queue are tested
against the real thing (`make test` and `.ci/run` install it)."""

import shutil
import socket
import subprocess
import time
from pathlib import Path


class RedisServer:
    """redis-server on a free local port, which a test can stop and start again."""

    def __init__(self, folder: Path) -> None:
        self.program = shutil.which("redis-server")
        self.folder = folder
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - a fixed program and arguments
            [self.program, "--port", str(self.port), "--bind", "127.0.0.1"]
            # Kept on disk, as production should (docs/deploy.md): a restart is an
            # outage, not a loss of what Redis held.
            + ["--save", "", "--appendonly", "yes", "--appendfsync", "always"],
            cwd=self.folder,
            stdout=subprocess.DEVNULL,
        )
        for _wait in range(200):
            with socket.socket() as client:
                if client.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None
