"""Run the property tests for a while with fresh random seeds; print failures as ``@example``.

The test suite runs each property test with a few hundred examples (in CI from a seed
derived from the commit). This explores far more: it reruns ``tests/test_fuzz.py`` (or the
files given) with a new random seed per round and ``TEXTCLEAN_FUZZ_EXAMPLES`` examples a
test, until the time is up, and prints every falsifying example Hypothesis reports as a
ready ``@example(...)`` line to paste above the test::

    python bench/fuzz_long.py --minutes 30
    python bench/fuzz_long.py --minutes 5 --examples 2000 tests/test_fuzz.py

Exit status: 0 when no round failed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FALSIFYING = re.compile(r"^Falsifying example: (\w+)\(\n(.*?)\n\)", re.S | re.M)


def as_examples(output: str) -> list[str]:
    """``@example(...)`` lines from Hypothesis's "Falsifying example" reports.

    >>> as_examples("Falsifying example: test_x(\\n    text='a\\\\nb',\\n)\\n")
    ["test_x: @example(text='a\\\\nb')"]
    """
    found = []
    for name, body in FALSIFYING.findall(output):
        args = " ".join(line.strip() for line in body.splitlines()).rstrip(",")
        found.append(f"{name}: @example({args})")
    return found


def one_round(files: list[str], seed: int, examples: int, timeout: float) -> tuple[bool, str]:
    env = dict(os.environ, TEXTCLEAN_FUZZ_EXAMPLES=str(examples), PYTHONPATH=str(ROOT))
    env.pop("CI", None)  # the seed is given explicitly
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x"]
    cmd += [f"--hypothesis-seed={seed}", *files]
    try:
        r = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return False, f"round with seed {seed} timed out after {timeout:.0f} s"
    return r.returncode == 0, r.stdout + r.stderr


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("files", nargs="*", default=["tests/test_fuzz.py"])
    ap.add_argument("--minutes", type=float, default=10.0, help="how long to run (e.g. 30)")
    ap.add_argument("--examples", type=int, default=1000, help="examples per test and round")
    ap.add_argument("--seed", type=int, default=None, help="seed of the seed sequence")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    deadline = time.monotonic() + args.minutes * 60
    rounds = failures = 0
    while time.monotonic() < deadline:
        seed = rng.getrandbits(48)
        left = max(60.0, deadline - time.monotonic() + 60)
        ok, output = one_round(args.files, seed, args.examples, timeout=left)
        rounds += 1
        if ok:
            print(f"round {rounds}: seed {seed}: passed", flush=True)
            continue
        failures += 1
        print(f"round {rounds}: seed {seed}: FAILED", flush=True)
        for line in as_examples(output) or [output[-3000:]]:
            print("  " + line, flush=True)
    print(f"{rounds} rounds, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
