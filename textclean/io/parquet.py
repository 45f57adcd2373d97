"""Parquet input and output through pyarrow (the ``[parquet]`` extra).

Reading: a ``.parquet`` file is read in record batches of :data:`BATCH_ROWS`
rows, and only the text column (``input.text_key``, or ``input.html_key``) and
the id column (``input.id_key``) are read, so memory stays bounded whatever the
file's size. Row ``n`` (1-based) is the document's ``line``; a row without a
usable id gets ``FILE:n``. A row whose text is null or not a string is rejected
(``bad_text``); a file without the text column is a failed input
(``missing_text_key``); a binary text column is decoded like file bytes.

Writing: the output is a parquet file of the same name with **the input's
schema** (every other column kept, with its type and the schema metadata) plus
two textclean columns, ``textclean_edits`` (int64) and ``textclean_scores``
(JSON text, the same type in every file), and **the input's compression**. The
other columns of a kept row are taken from the input file itself at write time
(read again in batches, in step), so no value of any type passes through JSON.
An HF ``datasets`` features record in the schema metadata gets the two new
columns too, so ``datasets`` loads the output as it loaded the input.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from textclean.config import InputConfig
from textclean.document import Document
from textclean.extras import require
from textclean.io.discover import Failure, InputFile
from textclean.io.encoding import BinaryContent, UndecidableEncoding, decode_bytes
from textclean.io.readers import record_id
from textclean.io.writers import tmp_path

BATCH_ROWS = 1024
EDITS_COLUMN = "textclean_edits"
SCORES_COLUMN = "textclean_scores"
PURPOSE_READ = "reading .parquet files"


def _pq() -> Any:
    return require("pyarrow.parquet", "parquet", PURPOSE_READ)


def scores_json(scores: dict[str, Any]) -> str:
    """Scores as compact JSON text with sorted keys (a stable column type).

    >>> scores_json({"b": 1, "a": "x"})
    '{"a":"x","b":1}'
    """
    return json.dumps(dict(sorted(scores.items())), ensure_ascii=False, separators=(",", ":"))


def _type_name(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def read_parquet(
    inp: InputFile, config: InputConfig, source: str
) -> Iterator[Document | Failure | int]:
    """Documents (and failures) of one parquet file; finally the file's size in bytes."""
    pq = _pq()
    import pyarrow as pa

    try:
        pf = pq.ParquetFile(inp.path)
    except (OSError, pa.ArrowException) as exc:
        yield Failure(source, None, f"unreadable: not a readable parquet file ({exc})")
        return
    names = pf.schema_arrow.names
    key = config.html_key or config.text_key
    if key not in names:
        yield Failure(
            source, None, f"missing_text_key: no column {key!r} (columns: {', '.join(names)})"
        )
        return
    id_key = config.id_key if config.id_key in names and config.id_key != key else None
    columns = [key] + ([id_key] if id_key else [])
    html = bool(config.html_key)
    limit = config.max_document_chars
    row = 0
    try:
        for batch in pf.iter_batches(batch_size=BATCH_ROWS, columns=columns):
            texts = batch.column(0).to_pylist()
            ids = batch.column(1).to_pylist() if id_key else [None] * len(texts)
            for value, raw_id in zip(texts, ids, strict=True):
                row += 1
                doc = Document(
                    id=record_id(raw_id, f"{inp.relpath}:{row}"), text="", source=source, line=row
                )
                if isinstance(value, bytes):
                    try:
                        decoded = decode_bytes(value)
                    except (BinaryContent, UndecidableEncoding) as exc:
                        doc.drop(f"bad_text: column {key!r} holds bytes that are not text ({exc})")
                        yield doc
                        continue
                    value = decoded.text
                    if decoded.encoding is not None:
                        doc.scores["input.encoding"] = decoded.encoding
                if not isinstance(value, str):
                    doc.drop(f"bad_text: column {key!r} holds {_type_name(value)}, not a string")
                elif limit > 0 and len(value) > limit:
                    doc.drop(f"too_long: {len(value)} characters > max_document_chars={limit}")
                else:
                    doc.text = value
                    if html:
                        doc.scores["input.format"] = "html"
                yield doc
    except (OSError, pa.ArrowException) as exc:
        yield Failure(source, row + 1, f"unreadable: parquet data is corrupt ({exc})")
    yield os.path.getsize(inp.path)


def compression_of(pf: Any) -> str:
    """The compression codec of a parquet file's first column chunk (``none`` if empty)."""
    meta = pf.metadata
    if meta.num_row_groups == 0 or meta.num_columns == 0:
        return "none"
    codec = str(meta.row_group(0).column(0).compression).lower()
    return "none" if codec == "uncompressed" else codec


def _hf_features(metadata: dict[bytes, bytes]) -> dict[bytes, bytes]:
    """Add the textclean columns to an HF ``datasets`` features record, if there is one."""
    raw = metadata.get(b"huggingface")
    if raw is None:
        return metadata
    try:
        info = json.loads(raw)
        features = info["info"]["features"]
    except (ValueError, KeyError, TypeError):
        return metadata
    if isinstance(features, dict):
        features[EDITS_COLUMN] = {"dtype": "int64", "_type": "Value"}
        features[SCORES_COLUMN] = {"dtype": "string", "_type": "Value"}
        return {**metadata, b"huggingface": json.dumps(info).encode()}
    return metadata


class ParquetOutput:
    """The output parquet file of one parquet input; see the module docstring.

    Call :meth:`document` for every document of the input in row order (kept or
    not), then :meth:`commit` (or :meth:`abort`). The file appears only on commit.
    """

    def __init__(self, path: Path, source_path: str, text_key: str) -> None:
        self.path = path
        self._source_path = source_path
        self._text_key = text_key
        self._writer: Any = None  # opened on first use: an unreadable input writes nothing
        self._kept: list[tuple[int, Document]] = []

    def _open(self) -> None:
        pq = _pq()
        import pyarrow as pa

        self._pa = pa
        self._source = pq.ParquetFile(self._source_path)
        schema = self._source.schema_arrow
        text_key = self._text_key
        self._in_names = [n for n in schema.names if n not in (EDITS_COLUMN, SCORES_COLUMN)]
        fields = [schema.field(n) for n in self._in_names]
        if text_key not in self._in_names:  # text extracted from an HTML column
            fields.append(pa.field(text_key, pa.string()))
        fields += [pa.field(EDITS_COLUMN, pa.int64()), pa.field(SCORES_COLUMN, pa.string())]
        metadata = _hf_features(dict(schema.metadata or {}))
        self.schema = pa.schema(fields, metadata=metadata or None)
        self._text_type = self.schema.field(text_key).type
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._tmp = tmp_path(self.path)
        self._writer = pq.ParquetWriter(
            str(self._tmp), self.schema, compression=compression_of(self._source)
        )
        self._batches = self._source.iter_batches(batch_size=BATCH_ROWS)
        self._batch: Any = None
        self._start = 0  # input row (0-based) of the current batch's first row

    def document(self, doc: Document) -> None:
        if doc.dropped is not None or doc.line is None:
            return
        if self._writer is None:
            self._open()
        row = doc.line - 1
        while self._batch is None or row >= self._start + self._batch.num_rows:
            if self._batch is not None:
                self._flush()
                self._start += self._batch.num_rows
            self._batch = next(self._batches)
        self._kept.append((row - self._start, doc))

    def _flush(self) -> None:
        pa = self._pa
        if not self._kept or self._batch is None:
            self._kept = []
            return
        taken = self._batch.select(self._in_names).take([i for i, _ in self._kept])
        texts = [d.text for _, d in self._kept]
        if pa.types.is_binary(self._text_type) or pa.types.is_large_binary(self._text_type):
            text_array = pa.array([t.encode("utf-8", "replace") for t in texts], self._text_type)
        else:
            text_array = pa.array(texts, self._text_type)
        columns = {n: taken.column(n) for n in self._in_names}
        columns[self._text_key] = text_array
        columns[EDITS_COLUMN] = pa.array([len(d.edits) for _, d in self._kept], pa.int64())
        columns[SCORES_COLUMN] = pa.array([scores_json(d.scores) for _, d in self._kept])
        table = pa.Table.from_arrays([columns[f.name] for f in self.schema], schema=self.schema)
        self._writer.write_table(table)
        self._kept = []

    def commit(self) -> None:
        if self._writer is None:
            self._open()  # no row kept: the file still appears, with the schema
        self._flush()
        self._writer.close()
        os.replace(self._tmp, self.path)

    def abort(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._tmp.unlink(missing_ok=True)
