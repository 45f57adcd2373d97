"""The local engine's stop: an interrupted run's pool never keeps the process alive."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO, cli_env

# Each task returns 64 MB, so a worker spends most of its time sending its result: the
# kill in terminate() lands mid-message, and the batches still queued fill the pipe the
# pool's feeder thread writes to. The process must still exit, with no thread left.
_SCRIPT = """
import threading
from textclean.engines.local import LocalEngine

engine = LocalEngine(workers=2)
pool = engine._executor()
futures = [pool.submit(bytes, 64 << 20) for _ in range(8)]
futures[0].result()
engine.terminate()
print(sorted(t.name for t in threading.enumerate()))
"""


def test_terminate_while_a_worker_sends_its_result_lets_the_process_exit() -> None:
    env = {**cli_env(), "TEXTCLEAN_PRELOAD": "0"}
    proc = subprocess.Popen(
        [sys.executable, "-c", _SCRIPT],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:  # a hang: never leave it behind
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err.decode()
    assert out.decode().strip() == "['MainThread']"
    assert err == b""  # no leaked-semaphore warnings either
