"""The work journal that makes ``--resume`` possible.

Processed documents are staged in ``OUT/.textclean/work/journal.jsonl``, in
input order, one JSON line per event:

* ``start`` — an input begins (with its resolved kind);
* ``doc`` — one processed document (text, edits, scores, drop reason);
* ``fail`` — a failure that is not one document (file, line, error);
* ``done`` — the input is finished (its size and mtime, bytes read);
* ``end`` — every input is finished.

The journal is flushed to the OS after each ``done``, so a killed run (even
SIGKILL) keeps every finished input. ``--resume`` cuts the journal back to the
last ``done`` and carries on with the next input; corpus dedup and writing then
run again over the whole journal, which is why the result is byte-identical to
an uninterrupted run. ``manifest.json`` records what the journal was made with
(config, rules, inputs, textclean version); any difference refuses to resume,
with a message saying what changed. It also holds the run's ``run_id``: a hash
of the manifest plus a random part, made when the run starts and kept by
``--resume``. Corpus dedup records it in a persistent ``--index`` with the
documents the run adds, so a resumed run recognises its own documents there.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textclean.document import Document
from textclean.errors import EnvironmentFault, name_os_error
from textclean.io.discover import Failure, InputFile, Plan
from textclean.io.writers import SLOTS, AtomicFile, json_string, put_in_slots

JOURNAL = "journal.jsonl"
MANIFEST = "manifest.json"
FORMAT = 2  # 2: the manifest holds a run_id


class ResumeError(ValueError):
    """The interrupted run cannot be resumed (CLI exit code 2)."""


def _json_default(value: Any) -> Any:
    if isinstance(value, set | frozenset):
        return sorted(value, key=repr)
    return str(value)


def _dump(event: dict[str, Any]) -> bytes:
    s = json.dumps(event, ensure_ascii=False, separators=(",", ":"), default=_json_default)
    return s.encode("utf-8", "surrogatepass") + b"\n"


def encode_record(doc: Document) -> bytes:
    """A document as the journal stores it: the JSON of ``doc.to_dict()``.

    A ``doc`` event is ``{"t":"doc","i":N,"doc":`` + this + ``}``, byte for byte
    what encoding the whole event at once gives; a worker process can make it
    while it holds the document (``textclean.engines.base.DocRecord``).
    """
    record = doc.to_dict()
    text = json_string(doc.text, "surrogatepass")  # (the text escaped in its bytes)
    if text is not None:
        record["text"] = SLOTS[0]
        s = json.dumps(record, ensure_ascii=False, separators=(",", ":"), default=_json_default)
        put = put_in_slots(s.encode("utf-8", "surrogatepass"), {SLOTS[0]: text})
        if put is not None:
            return put
        record["text"] = doc.text
    s = json.dumps(record, ensure_ascii=False, separators=(",", ":"), default=_json_default)
    return s.encode("utf-8", "surrogatepass")


def inputs_hash(plan: Plan) -> str:
    """A hash of the planned inputs (their order, relative paths and kinds)."""
    h = hashlib.sha256()
    for inp in plan.inputs:
        h.update(f"{inp.relpath}\0{inp.kind}\0{inp.compression}\n".encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:16]


def make_manifest(
    *, version: str, config_hash: str, rules_hash: str, plan: Plan, limit: int | None
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "textclean": version,
        "config": config_hash,
        "rules": rules_hash,
        "inputs": inputs_hash(plan),
        "limit": limit,
    }


def new_run_id(manifest: dict[str, Any]) -> str:
    """A run's identity: what it runs (the manifest's hash) and a random part.

    The random part makes two runs of the same command distinct runs: only a
    ``--resume`` continues one (it reads the id back from the manifest).
    """
    blob = json.dumps(manifest, sort_keys=True).encode()
    return f"{hashlib.sha256(blob).hexdigest()[:16]}-{secrets.token_hex(8)}"


_WHAT_CHANGED = {
    "format": "the journal format changed (different textclean version)",
    "textclean": "the textclean version changed",
    "config": "the configuration changed (config file or command-line options)",
    "rules": "the rule files changed",
    "inputs": "the set of input files changed",
    "limit": "--limit changed",
}


@dataclass
class ResumeState:
    """Where a resumed run picks up."""

    next_input: int = 0  # index of the first input to (re)do
    documents: int = 0  # documents already in the journal (for --limit)
    complete: bool = False  # every input finished: only dedup and writing remain


class Journal:
    """Append events; read them back in order. See the module docstring."""

    def __init__(self, work_dir: Path, run_id: str) -> None:
        self.work_dir = work_dir
        self.run_id = run_id  # this run's identity, the same after --resume
        self.path = work_dir / JOURNAL
        self._f: Any = None

    # -- opening -------------------------------------------------------------

    @classmethod
    def start(cls, work_dir: Path, manifest: dict[str, Any], run_id: str | None = None) -> Journal:
        """A fresh journal (any earlier work is discarded); ``run_id`` keeps the id of an
        earlier attempt at the very same run (see :mod:`textclean.io.safety`)."""
        if work_dir.exists():
            shutil.rmtree(work_dir)
        work_dir.mkdir(parents=True)
        manifest = {**manifest, "run_id": run_id or new_run_id(manifest)}
        with AtomicFile(work_dir / MANIFEST) as f:
            f.write(json.dumps(manifest, indent=2, sort_keys=True).encode() + b"\n")
        journal = cls(work_dir, manifest["run_id"])
        journal._f = open(journal.path, "wb")  # noqa: SIM115 - closed in close()
        return journal

    @staticmethod
    def run_id_of(work_dir: Path) -> str | None:
        """The run id of the (unfinished) journal in ``work_dir``, if one is readable."""
        try:
            run_id = json.loads((work_dir / MANIFEST).read_text(encoding="utf-8"))["run_id"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return run_id if isinstance(run_id, str) and run_id else None

    @staticmethod
    def exists(work_dir: Path) -> bool:
        return (work_dir / MANIFEST).is_file() and (work_dir / JOURNAL).is_file()

    @classmethod
    def resume(
        cls, work_dir: Path, manifest: dict[str, Any], plan: Plan
    ) -> tuple[Journal, ResumeState]:
        """Reopen an interrupted run's journal after checking nothing changed."""
        try:
            old = json.loads((work_dir / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ResumeError(f"the interrupted run's manifest is unreadable ({exc})") from exc
        for key, what in _WHAT_CHANGED.items():
            if old.get(key) != manifest.get(key):
                raise ResumeError(f"{what} since the interrupted run")
        if not isinstance(old.get("run_id"), str) or not old["run_id"]:
            raise ResumeError("the interrupted run's manifest has no run_id")
        journal = cls(work_dir, old["run_id"])
        state = journal._recover(plan)
        journal._f = open(journal.path, "ab")  # noqa: SIM115 - closed in close()
        return journal, state

    def _recover(self, plan: Plan) -> ResumeState:
        state = ResumeState()
        good_end = 0
        offset = 0
        docs = 0
        damaged: int | None = None  # line number of the first line that is not JSON
        with open(self.path, "rb") as f:
            for number, line in enumerate(f, 1):
                offset += len(line)
                if not line.endswith(b"\n"):
                    break  # a line cut short by the kill
                if damaged is None and not _is_json(line):
                    damaged = number
                    continue
                if damaged is not None:
                    if line.startswith(b'{"t":"done"') or line.startswith(b'{"t":"end"'):
                        raise ResumeError(
                            f"the work journal {self.path} is damaged at line {damaged}; "
                            "rerun without --resume to start over"
                        )
                    continue
                if line.startswith(b'{"t":"doc"'):
                    docs += 1
                elif line.startswith(b'{"t":"done"'):
                    event = json.loads(line)
                    _check_unchanged(event, plan)
                    good_end, state.next_input, state.documents = offset, event["i"] + 1, docs
                elif line.startswith(b'{"t":"end"'):
                    good_end, state.complete = offset, True
                    break
        with open(self.path, "r+b") as f:
            f.truncate(good_end)
        return state

    # -- writing -------------------------------------------------------------

    def _write(self, event: dict[str, Any]) -> None:
        try:
            self._f.write(_dump(event))
        except OSError as exc:  # disk full: name the file
            raise name_os_error(exc, self.path) from None

    def start_input(self, index: int, kind: str) -> None:
        self._write({"t": "start", "i": index, "kind": kind})

    def doc(self, index: int, doc: Document) -> None:
        self.doc_record(index, encode_record(doc))

    def doc_record(self, index: int, record: bytes) -> None:
        """A ``doc`` event from its :func:`encode_record` bytes."""
        try:
            self._f.write(b'{"t":"doc","i":%d,"doc":%s}\n' % (index, record))
        except OSError as exc:  # disk full: name the file
            raise name_os_error(exc, self.path) from None

    def fail(self, index: int, failure: Failure) -> None:
        self._write({"t": "fail", "i": index, **failure.to_dict()})

    def done(self, index: int, inp: InputFile, bytes_read: int) -> None:
        self._write(
            {
                "t": "done",
                "i": index,
                "relpath": inp.relpath,
                "size": inp.size,
                "mtime_ns": inp.mtime_ns,
                "bytes": bytes_read,
            }
        )
        try:
            self._f.flush()  # a finished input survives a kill from here on
        except OSError as exc:
            raise name_os_error(exc, self.path) from None

    def end(self) -> None:
        self._write({"t": "end"})
        try:
            self._f.flush()
            os.fsync(self._f.fileno())
        except OSError as exc:
            raise name_os_error(exc, self.path) from None

    def close(self) -> None:
        if self._f is not None:
            self._f.close()
            self._f = None

    # -- reading -------------------------------------------------------------

    def events(self) -> Iterator[dict[str, Any]]:
        """Every event in order; ``doc`` events carry a :class:`Document` under ``doc``."""
        with open(self.path, "rb") as f:
            for number, line in enumerate(f, 1):
                try:
                    event = json.loads(line.decode("utf-8", "surrogatepass"))
                except ValueError:
                    raise EnvironmentFault(
                        self.path,
                        f"the work journal is damaged at line {number}",
                        "rerun without --resume to start over",
                    ) from None
                if event["t"] == "doc":
                    event["doc"] = Document.from_dict(event["doc"])
                yield event


def _is_json(line: bytes) -> bool:
    try:
        json.loads(line.decode("utf-8", "surrogatepass"))
    except ValueError:
        return False
    return True


def _check_unchanged(event: dict[str, Any], plan: Plan) -> None:
    i = event["i"]
    if i >= len(plan.inputs):
        raise ResumeError("the set of input files changed since the interrupted run")
    inp = plan.inputs[i]
    if (inp.relpath, inp.size, inp.mtime_ns) != (
        event["relpath"],
        event["size"],
        event["mtime_ns"],
    ):
        raise ResumeError(f"input {inp.path} changed since the interrupted run")
