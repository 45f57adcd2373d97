"""Start-up cost: heavy modules load only when the work needs them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO, cli_env
from textclean.dedup import _kernel

#: Modules nobody needs for ``import textclean`` + ``Pipeline.default()`` + one document.
HEAVY = ("numba", "llvmlite", "scipy", "pandas", "ray", "datasketch", "rich")

PROBE = """
import json, sys
import textclean
pipe = textclean.Pipeline.default()
doc = next(pipe.run([("a", {text!r})]))
import textclean.dedup.corpus, textclean.dedup.minhash
print(json.dumps({{"loaded": sorted(m for m in {heavy!r} if m in sys.modules),
                  "kept": doc.dropped is None}}))
"""


def _probe(text: str, env: dict[str, str] | None = None) -> dict:
    code = PROBE.format(text=text, heavy=HEAVY)
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env or cli_env(),
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict = json.loads(out.stdout)
    return result


def test_pipeline_and_dedup_imports_load_nothing_heavy() -> None:
    # Two long paragraphs: the repeats stage signs them (MinHash) per document.
    para = "The committee met on Tuesday to discuss the harbour project and its costs. " * 3
    text = f"{para}\n\n{para.replace('Tuesday', 'Friday')}\n\nShort closing line here.\n"
    result = _probe(text)
    assert result["kept"] is True
    assert result["loaded"] == []


SIGN = """
import json, sys
import numpy as np
from textclean.dedup import _kernel, minhash
minhash.AUTO_NUMBA_CHARS = 100_000  # instead of 32 M characters of text
small = minhash.signatures(["a few words, far below the threshold"])
assert "numba" not in sys.modules
texts = [" ".join(f"w{{i % 997}} x{{i}}" for i in range(k, k + 40000)) for k in range(3)]
auto = minhash.signatures(texts)
ref = minhash.signatures(texts, backend="numpy")
print(json.dumps({{"numba": "numba" in sys.modules, "loaded": _kernel.loaded(),
                  "same": bool((auto == ref).all())}}))
"""


@pytest.mark.parametrize("numba_env", ["1", "0"])
def test_numba_loads_on_the_first_large_signatures_call(numba_env: str) -> None:
    if numba_env == "1" and not _kernel.AVAILABLE:
        pytest.skip("numba not installed")
    env = {**cli_env(), "TEXTCLEAN_NUMBA": numba_env}
    out = subprocess.run(
        [sys.executable, "-c", SIGN.format()],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(out.stdout)
    assert result["same"] is True  # bit-identical either way
    assert result["numba"] is (numba_env == "1")
    assert result["loaded"] is (numba_env == "1")
