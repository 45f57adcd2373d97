"""``OUT/.textclean/report.html``: the run, for a person to read.

One self-contained file (no network, no external assets): the run summary,
edits and characters removed per stage and per rule as inline-SVG bar charts,
rejects by reason with examples, the largest duplicate clusters, the documents
that changed most with a word diff per stage (as ``textclean inspect`` shows
it), per-rule examples, and filters by stage, rule and input file written in a
few lines of vanilla JavaScript (the filter state lives in the URL hash, e.g.
``report.html#rule=normalize.blank_lines``).

:class:`ReportBuilder` is fed one audit row per document, in input order, and
keeps exact counts but only bounded, deterministically sampled examples, so the
page stays small (a few hundred kB, at most :data:`MAX_BYTES`) and memory stays
bounded whatever the size of the run. The run feeds it as it writes the audit
(:class:`textclean.io.report.Reporter`); ``textclean report OUT`` feeds it the
audit files again (:func:`rebuild`), re-deriving the diffs from the inputs, so
both give the same page. Everything that differs between two identical runs
(timings, workers) sits between ``<!-- run-time -->`` and ``<!-- /run-time -->``.

Examples are chosen without randomness: the documents that changed most
(most characters touched, then most edits, then input order), and for each
rule and each reject reason the documents with the smallest hash of
(rule or reason; id, source, line): the same run gives the same examples.
"""

from __future__ import annotations

import hashlib
import heapq
import html
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textclean.diffview import _CONTROL, Hunk, StageRun, hunks
from textclean.document import Document
from textclean.pipeline import stage_passes

__all__ = [
    "MAX_BYTES",
    "DocRef",
    "ReportBuilder",
    "edit_spans",
    "runs_from_document",
]

#: The page is never larger than this (examples are cut first).
MAX_BYTES = 5 << 20
TOP_DOCS = 25  # documents that changed most, with their full diff
HUNKS_PER_STAGE = 40  # hunks shown per stage of one document
RULE_EXAMPLES = 2  # example documents per rule
RULE_HUNKS = 3  # hunks shown per rule example
RULES_WITH_EXAMPLES = 200  # the most frequent rules get examples
RULES_LISTED = 500  # rows of the rule table
RULES_CHARTED = 15  # bars of the rule chart
REASON_EXAMPLES = 5
REASONS_LISTED = 60
CLUSTERS = 20
CLUSTER_MEMBERS = 5
FILES_TRACKED = 1000  # files counted one by one; later ones are "other files"
FILES_LISTED = 100
SNIPPET = 400  # characters of a reject's text shown

#: How a row's edit is told in every audit mode: stage, rule, start, end, after_len.
Span = tuple[str, str, int, int, int]


def edit_spans(row: Mapping[str, Any]) -> list[Span]:
    """The edits of an audit row, whatever the audit mode wrote (``after`` or ``after_len``).

    >>> edit_spans({"edits": [{"stage": "s", "rule": "r", "start": 2, "end": 5, "after": "x"}]})
    [('s', 'r', 2, 5, 1)]
    """
    out: list[Span] = []
    for e in row.get("edits") or ():
        after = e["after_len"] if "after_len" in e else len(e["after"])
        out.append((e["stage"], e["rule"], int(e["start"]), int(e["end"]), int(after)))
    return out


def runs_from_document(doc: Document, stages: Iterable[str]) -> list[StageRun] | None:
    """Each stage's input text, rebuilt backwards from the final text and the edits.

    Returns None when the edits do not lead back consistently (they always do
    for a document the stages finished).

    >>> from textclean.document import Edit
    >>> d = Document("a", "Hi there\\n", edits=[Edit("normalize", "n.sp", 2, 4, "  ", " ")])
    >>> [(r.stage, r.text) for r in runs_from_document(d, ["repair", "normalize"])]
    [('repair', 'Hi  there\\n'), ('normalize', 'Hi  there\\n')]
    """
    text = doc.text
    runs: list[StageRun] = []
    for stage, n in reversed(_stage_passes(doc, list(stages))):
        own = sorted(
            (e for e in doc.edits if e.stage == stage and e.evidence.get("pass", 1) == n),
            key=lambda e: (e.start, e.end),
        )
        parts: list[str] = []
        pos = 0  # in the stage's output
        delta = 0  # output offset minus input offset
        for e in own:
            out_start = e.start + delta
            if out_start < pos or text[out_start : out_start + len(e.after)] != e.after:
                return None
            parts.append(text[pos:out_start])
            parts.append(e.before)
            pos = out_start + len(e.after)
            delta += len(e.after) - len(e.before)
        parts.append(text[pos:])
        text = "".join(parts)
        runs.append(StageRun(stage, text, own))
    runs.reverse()
    return runs


def _stage_passes(doc: Document, stages: list[str]) -> list[tuple[str, int]]:
    """``(stage, pass)`` in the order they ran.

    A name given twice is its second pass (the steps of a run, as
    :func:`textclean.diffview.run_stages` lists them); otherwise the settling passes
    follow as :meth:`Pipeline.schedule <textclean.pipeline.Pipeline.schedule>` ran
    them: ``doc.passes`` records how many there were, and a document read back
    without it (from a journal) has the number in its edits (``evidence["pass"]``).

    >>> from textclean.document import Edit
    >>> d = Document("a", "x", edits=[Edit("repeats", "r", 0, 1, "y", "", {"pass": 2})])
    >>> _stage_passes(d, ["repair", "boilerplate", "repeats"])
    [('repair', 1), ('boilerplate', 1), ('repeats', 1), ('boilerplate', 2), ('repeats', 2)]
    """
    if len(set(stages)) < len(stages):
        seen: dict[str, int] = {}
        out: list[tuple[str, int]] = []
        for s in stages:
            seen[s] = seen.get(s, 0) + 1
            out.append((s, seen[s]))
        return out
    passes = doc.passes
    if passes is None:
        passes = max((int(e.evidence.get("pass", 1)) for e in doc.edits), default=1)
    return stage_passes(stages, passes)


@dataclass(frozen=True)
class DocRef:
    """Where a document of the audit came from: enough to read it again."""

    seq: int  # its row number in the audit (input order)
    id: str
    source: str | None
    line: int | None


@dataclass
class _Stat:
    edits: int = 0
    removed: int = 0  # characters removed (net: before minus after)
    docs: int = 0


@dataclass
class _FileStat:
    docs: int = 0
    kept: int = 0
    rejected: int = 0
    duplicates: int = 0
    edits: int = 0
    removed: int = 0


@dataclass
class _Example:
    """A sampled document and what is shown of it."""

    ref: DocRef
    status: str
    reason: str | None
    spans: list[Span]
    touched: int
    removed: int
    hunks: list[tuple[str, Hunk]] | None = None  # (stage, hunk); None until derived
    more: dict[str, int] = field(default_factory=dict)  # hunks not shown, per stage
    note: str | None = None  # why there is no diff


@dataclass
class _Cluster:
    kept: DocRef
    size: int = 0
    sim_min: float = 1.0
    sim_max: float = 0.0
    members: list[tuple[DocRef, float, str | None]] = field(default_factory=list)


_MASK = (1 << 64) - 1


def _hash(*parts: object) -> int:
    h = hashlib.blake2b("\0".join(map(str, parts)).encode("utf-8", "replace"), digest_size=8)
    return int.from_bytes(h.digest(), "big")


def _mix(a: int, b: int) -> int:
    """A 64-bit hash of two 64-bit hashes (splitmix64's finalizer over their xor).

    >>> _mix(1, 2) == _mix(1, 2) != _mix(2, 2)
    True
    """
    z = (a ^ b) & _MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return z ^ (z >> 31)


def _stage_of_reason(code: str, stages: set[str]) -> str:
    head = code.split(".", 1)[0]
    if head in stages:
        return head
    if code == "duplicate":
        return "dedup"
    if code == "stage_error":
        return "error"
    return "input"


#: Derives the stage runs of sampled documents (rebuild): refs -> runs or a note.
Deriver = Callable[[list[DocRef]], Mapping[int, list[StageRun] | str]]


class ReportBuilder:
    """Exact counts and bounded samples of a run's audit; renders the HTML page.

    Feed :meth:`add` one row per document in input order (the row as
    ``report.jsonl`` has it, in any audit mode), then call :meth:`render`.
    """

    def __init__(self, stages: Iterable[str]) -> None:
        self.stages = list(stages)
        self.seq = 0
        self.by_stage: dict[str, _Stat] = {s: _Stat() for s in self.stages}
        self.by_rule: dict[str, _Stat] = {}
        self.rule_stage: dict[str, str] = {}
        self.docs_changed = 0
        self.removed_total = 0
        self.reasons: Counter[str] = Counter()
        self.reason_stage: dict[str, str] = {}
        self._reason_examples: dict[str, list[tuple[int, int, _Example, str | None]]] = {}
        self.files: dict[str, _FileStat] = {}
        self.other_files = _FileStat()
        self.files_seen = 0
        self._last_source: str | int | None = -1
        self.clusters: dict[tuple[Any, ...], _Cluster] = {}
        self._top: list[tuple[int, int, int, _Example]] = []  # min-heap
        self._rule_samples: dict[str, list[tuple[int, int, _Example]]] = {}
        self._label_hash: dict[str, int] = {}  # rule or reason -> its hash
        self.audit_note: str | None = None

    # -- feeding --------------------------------------------------------------

    def add(
        self,
        row: Mapping[str, Any],
        *,
        text: str | None = None,
        doc: Document | None = None,
    ) -> None:
        """Count one audit row. ``text`` is the rejected text the audit keeps (shown
        as a snippet); ``doc`` is the document itself while the run has it (its
        diffs are then made at once instead of by :meth:`derive`)."""
        seq = self.seq
        self.seq += 1
        spans = edit_spans(row)
        source = row.get("source")
        ref = DocRef(seq, str(row["id"]), source, row.get("line"))
        status = row.get("status") or ("rejected" if row.get("reason") else "kept")
        reason = row.get("reason")
        removed = touched = 0
        rules_in_doc: dict[str, int] = {}
        stages_in_doc: set[str] = set()
        for stage, rule, start, end, after in spans:
            n = end - start
            removed += n - after
            touched += n + after
            st = self.by_stage.get(stage)
            if st is None:
                st = self.by_stage[stage] = _Stat()
            st.edits += 1
            st.removed += n - after
            ru = self.by_rule.get(rule)
            if ru is None:
                ru = self.by_rule[rule] = _Stat()
                self.rule_stage[rule] = stage
            ru.edits += 1
            ru.removed += n - after
            rules_in_doc[rule] = rules_in_doc.get(rule, 0) + 1
            if stage not in stages_in_doc:
                stages_in_doc.add(stage)
                st.docs += 1
        for rule in rules_in_doc:
            self.by_rule[rule].docs += 1
        if spans:
            self.docs_changed += 1
        self.removed_total += removed
        fs = self._file(source)
        fs.docs += 1
        fs.edits += len(spans)
        fs.removed += removed
        if status == "kept":
            fs.kept += 1
        else:
            fs.rejected += 1
        example: _Example | None = None

        def make() -> _Example:
            nonlocal example
            if example is None:
                example = _Example(ref, status, reason, spans, touched, removed)
            return example

        derived: list[StageRun] | str | None = None
        if reason is not None:
            code = reason.split(":", 1)[0].strip()
            self.reasons[code] += 1
            if code not in self.reason_stage:
                self.reason_stage[code] = _stage_of_reason(code, set(self.stages))
            self._sample_reason(code, ref, make, text)
        if "duplicate_of" in row:
            fs.duplicates += 1
            self._cluster(row, ref, text)
        if spans:
            entry_key = (touched, len(spans), -seq)
            if len(self._top) < TOP_DOCS or entry_key > self._top[0][:3]:
                ex = make()
                if doc is not None:
                    derived = self._derive_now(doc, derived)
                    self._fill(ex, derived, None)
                item = (touched, len(spans), -seq, ex)
                if len(self._top) < TOP_DOCS:
                    heapq.heappush(self._top, item)
                else:
                    heapq.heapreplace(self._top, item)
            doc_hash = _hash(ref.id, source, ref.line)
            for rule in rules_in_doc:
                h = _mix(self._label(rule), doc_hash)
                samples = self._rule_samples.setdefault(rule, [])
                if len(samples) < RULE_EXAMPLES or h < -samples[0][0]:
                    rex = _Example(ref, status, reason, spans, touched, removed)
                    if doc is not None:
                        derived = self._derive_now(doc, derived)
                        self._fill(rex, derived, rule)
                    item2 = (-h, -seq, rex)
                    if len(samples) < RULE_EXAMPLES:
                        heapq.heappush(samples, item2)
                    else:
                        heapq.heapreplace(samples, item2)

    def _derive_now(
        self, doc: Document, derived: list[StageRun] | str | None
    ) -> list[StageRun] | str:
        if derived is not None:
            return derived
        runs = runs_from_document(doc, self.stages)
        return runs if runs is not None else "its edits do not replay onto its text"

    def _label(self, label: str) -> int:
        h = self._label_hash.get(label)
        if h is None:
            h = self._label_hash[label] = _hash(label)
        return h

    def _file(self, source: str | None) -> _FileStat:
        key = source or "(no source)"
        if source != self._last_source:
            self._last_source = source
            if key not in self.files:
                self.files_seen += 1
        fs = self.files.get(key)
        if fs is None:
            if len(self.files) >= FILES_TRACKED:
                return self.other_files
            fs = self.files[key] = _FileStat()
        return fs

    def _sample_reason(
        self, code: str, ref: DocRef, make: Callable[[], _Example], text: str | None
    ) -> None:
        h = _mix(self._label(code), _hash(ref.id, ref.source, ref.line))
        samples = self._reason_examples.setdefault(code, [])
        if len(samples) < REASON_EXAMPLES or h < -samples[0][0]:
            item = (-h, -ref.seq, make(), _snippet(text))
            if len(samples) < REASON_EXAMPLES:
                heapq.heappush(samples, item)
            else:
                heapq.heapreplace(samples, item)

    def _cluster(self, row: Mapping[str, Any], ref: DocRef, text: str | None) -> None:
        kept = DocRef(
            -1,
            str(row["duplicate_of"]),
            row.get("duplicate_of_source"),
            row.get("duplicate_of_line"),
        )
        key = (kept.id, kept.source, kept.line)
        c = self.clusters.get(key)
        if c is None:
            c = self.clusters[key] = _Cluster(DocRef(ref.seq, kept.id, kept.source, kept.line))
        sim = float(row.get("similarity") or 0.0)
        c.size += 1
        c.sim_min = min(c.sim_min, sim)
        c.sim_max = max(c.sim_max, sim)
        if len(c.members) < CLUSTER_MEMBERS:
            c.members.append((ref, sim, _snippet(text)))

    # -- diffs ----------------------------------------------------------------

    def _fill(self, ex: _Example, derived: list[StageRun] | str, rule: str | None) -> None:
        """Keep the hunks to show (one rule's, or every stage's) and drop the texts."""
        if isinstance(derived, str):
            ex.hunks, ex.note = [], derived
            return
        shown: list[tuple[str, Hunk]] = []
        more: dict[str, int] = {}
        for run in derived:
            edits = [e for e in run.edits if rule is None or e.rule == rule]
            if not edits:
                continue
            cap = RULE_HUNKS if rule is not None else HUNKS_PER_STAGE
            if len(edits) > cap:
                more[run.stage] = len(edits) - cap
                edits = sorted(edits, key=lambda e: (e.start, e.end))[:cap]
            for h in hunks(StageRun(run.stage, run.text, edits)):
                shown.append((run.stage, h))
        ex.hunks, ex.more = shown, more

    def pending(self) -> list[DocRef]:
        """Sampled documents whose diff is still to be derived (rebuild)."""
        refs = {ex.ref.seq: ex.ref for ex in self._examples_with_diffs() if ex.hunks is None}
        return [refs[k] for k in sorted(refs)]

    def _examples_with_diffs(self) -> Iterator[_Example]:
        for *_, ex in self._top:
            yield ex
        for samples in self._rule_samples.values():
            for *_, ex in samples:
                yield ex

    def derive(self, deriver: Deriver) -> None:
        """Make the diffs of the sampled documents from their inputs (rebuild)."""
        refs = self.pending()
        if not refs:
            return
        found = deriver(refs)

        def checked(ex: _Example) -> list[StageRun] | str:
            got = found.get(ex.ref.seq, "not found in its input")
            if isinstance(got, str):
                return got
            spans = [(e.stage, e.rule, e.start, e.end, len(e.after)) for r in got for e in r.edits]
            if spans != ex.spans:
                return "its input no longer gives the recorded edits (changed since the run?)"
            return got

        for *_, ex in self._top:
            if ex.hunks is None:
                self._fill(ex, checked(ex), None)
        for rule, samples in self._rule_samples.items():
            for *_, ex in samples:
                if ex.hunks is None:
                    self._fill(ex, checked(ex), rule)

    # -- rendering ------------------------------------------------------------

    def render(self, summary: Mapping[str, Any]) -> str:
        """The whole page; ``summary`` is the ``summary.json`` object of the run."""
        page = _Page(self, summary)
        out = _printable(page.render())
        if len(out.encode("utf-8")) > MAX_BYTES:  # only with pathological examples
            out = _printable(page.render(examples=False))
        return out


def _printable(page: str) -> str:
    r"""Lone surrogates (file names that are not UTF-8, ids like "\ud800") shown escaped.

    >>> _printable("caf\udce9.txt")
    'caf\\udce9.txt'
    """
    return page.encode("utf-8", "backslashreplace").decode("utf-8")


def _snippet(text: str | None) -> str | None:
    if text is None:
        return None
    return text[:SNIPPET] + ("…" if len(text) > SNIPPET else "")


# -- the page -----------------------------------------------------------------

_E = html.escape

CSS = """
:root{--fg:#1d2330;--mute:#667085;--line:#e4e7ec;--bg:#f6f7f9;--card:#fff;--acc:#2f6fde;
--del:#fde2e1;--delfg:#a4161a;--ins:#dcf5e3;--insfg:#1a7f37;--warn:#b54708}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",
Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{background:#15213a;color:#fff;padding:14px 24px}header h1{margin:0;font-size:19px}
header .sub{color:#b8c2d9;font-size:12.5px;margin-top:2px}
nav.toc{display:flex;gap:14px;flex-wrap:wrap;font-size:13px;margin-top:8px}
nav.toc a{color:#cfe0ff;text-decoration:none}
#filters{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid var(--line);
padding:8px 24px;display:flex;gap:12px;align-items:center;flex-wrap:wrap}
#filters label{font-size:12.5px;color:var(--mute)}#filters select,#filters input{font:inherit;
padding:3px 6px;border:1px solid #cfd4dc;border-radius:5px;max-width:320px}
#filter-status{font-size:12.5px;color:var(--acc)}
button{font:inherit;border:1px solid #cfd4dc;background:#fff;border-radius:5px;padding:3px 9px;
cursor:pointer}
main{padding:16px 24px;max-width:1280px}
section{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 18px;
margin-bottom:16px}h2{font-size:16px;margin:0 0 10px}h3{font-size:14px;margin:14px 0 6px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px}
.card{border:1px solid var(--line);border-radius:7px;padding:8px 10px}
.card .v{font-size:20px;font-weight:600}.card .k{font-size:12px;color:var(--mute)}
.card.bad .v{color:var(--delfg)}.card.dup .v{color:var(--warn)}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{color:var(--mute);font-weight:500;font-size:12px}td.nw{white-space:nowrap}td.n,th.n{text-align:right;
font-variant-numeric:tabular-nums}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:18px}
@media(max-width:900px){.grid2{grid-template-columns:1fr}}
svg.chart{width:100%;height:auto;display:block}svg.chart text{font-size:12px;fill:#344054}
svg.chart .lab{cursor:pointer}svg.chart rect.b1{fill:#2f6fde}svg.chart rect.b2{fill:#e8833a}
svg.chart rect.b3{fill:#c0392b}svg.chart text.val{fill:#667085}
.doc{border:1px solid var(--line);border-radius:7px;margin:10px 0;padding:8px 12px}
.doc .hd{display:flex;gap:10px;flex-wrap:wrap;align-items:baseline}
.doc .hd b{font-family:ui-monospace,monospace;font-size:13px}.meta{color:var(--mute);font-size:12px}
.stagehd{font-weight:600;color:#1b5fb8;margin:8px 0 2px;font-size:12.5px}
.hunk{margin:2px 0 2px 8px;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px;
white-space:pre-wrap;word-break:break-word}
.hunk .rl{display:inline-block;min-width:10px;color:#7a4cc2;font-weight:600;margin-right:8px}
.hunk .ln{color:#98a2b3;margin-right:6px}.ctx{color:#667085}
del{background:var(--del);color:var(--delfg);text-decoration:line-through}
ins{background:var(--ins);color:var(--insfg);text-decoration:none}
.pill{display:inline-block;padding:0 6px;border-radius:9px;background:#eef2f8;font-size:11.5px;
margin:1px 2px;cursor:pointer}.pill.rej{background:#fde2e1;color:var(--delfg)}
.snip{white-space:pre-wrap;background:#fafafa;border:1px solid var(--line);border-radius:5px;
padding:6px 8px;margin:4px 0;max-height:9em;overflow:auto;font-size:12.5px}
.note{color:var(--mute);font-size:12.5px}
details>summary{cursor:pointer;color:var(--acc)}pre{white-space:pre-wrap;font-size:12px}
[hidden]{display:none!important}svg g[data-off]{opacity:.15}tr.hl td{background:#fff8e1}
"""

JS = """
(function(){
var sS=document.getElementById('f-stage'),sR=document.getElementById('f-rule'),
 sF=document.getElementById('f-file'),st=document.getElementById('filter-status');
function has(list,v){return !v||(' '+(list||'')+' ').indexOf(' '+v+' ')>=0}
function apply(){
 var s=sS.value,r=sR.value,f=sF.value.trim();
 var els=document.querySelectorAll('.f'),n=0,shown=0;
 for(var i=0;i<els.length;i++){var e=els[i],ok=has(e.dataset.stage,s)&&has(e.dataset.rule,r)
  &&(!f||(e.dataset.src||'').indexOf(f)>=0);
  if(!(e instanceof SVGElement))e.hidden=!ok;
  else if(ok)e.removeAttribute('data-off');else e.setAttribute('data-off','');
  if(e.classList.contains('doc')){n++;if(ok)shown++}}
 var opts=sR.options;for(var j=1;j<opts.length;j++){opts[j].hidden=!!s&&opts[j].dataset.stage!==s}
 var secs=document.querySelectorAll('[data-count]');
 for(var k=0;k<secs.length;k++){var c=secs[k],all=c.parentNode.querySelectorAll('.doc'),v=0;
  for(var m=0;m<all.length;m++)if(!all[m].hidden)v++;c.textContent=(s||r||f)?
  ('showing '+v+' of '+all.length):''}
 var parts=[];if(s)parts.push('stage='+encodeURIComponent(s));
 if(r)parts.push('rule='+encodeURIComponent(r));if(f)parts.push('file='+encodeURIComponent(f));
 st.textContent=parts.length?('filtered: '+[s&&('stage '+s),r&&('rule '+r),f&&('file '+f)]
  .filter(Boolean).join(', ')+' \\u2014 '+shown+' of '+n+' examples shown'):'';
 document.body.dataset.filter=parts.join('&');
 var h=parts.length?'#'+parts.join('&'):'';
 if(location.hash!==h&&history.replaceState)history.replaceState(null,'',h||location.pathname);
}
function fromHash(){var q=location.hash.replace(/^#/,'').split('&');
 for(var i=0;i<q.length;i++){var kv=q[i].split('='),v=decodeURIComponent(kv[1]||'');
  if(kv[0]==='stage')sS.value=v;else if(kv[0]==='rule'){sR.value=v}else if(kv[0]==='file')
  sF.value=v}}
window.textcleanFilter=function(s,r,f){sS.value=s||'';sR.value=r||'';sF.value=f||'';apply()};
sS.onchange=apply;sR.onchange=apply;sF.oninput=apply;
document.getElementById('f-clear').onclick=function(){textcleanFilter('','','')};
document.addEventListener('click',function(ev){
 var t=ev.target.closest('[data-set-rule],[data-set-stage]');if(!t)return;
 ev.preventDefault();if(t.dataset.setRule){sR.value=t.dataset.setRule;
 sS.value=''}else{sS.value=t.dataset.setStage;sR.value=''}apply();
 var ex=document.getElementById(t.dataset.setRule?'rules-ex':'changed');
 if(ex)ex.scrollIntoView()});
window.addEventListener('hashchange',function(){fromHash();apply()});
fromHash();apply();
})();
"""


def _n(x: int | float) -> str:
    return f"{x:,}" if isinstance(x, int) else f"{x:,.2f}"


def _bytes(n: int) -> str:
    v = float(n)
    for unit in ("B", "kB", "MB", "GB"):
        if abs(v) < 1000 or unit == "GB":
            return f"{int(v)} {unit}" if unit == "B" else f"{v:,.1f} {unit}"
        v /= 1000
    return f"{v:,.1f} GB"  # pragma: no cover


def _where(ref: DocRef) -> str:
    src = ref.source or "?"
    return f"{src}:{ref.line}" if ref.line else src


def _attrs(stage: str = "", rule: str = "", src: str | None = "") -> str:
    return f' data-stage="{_E(stage)}" data-rule="{_E(rule)}" data-src="{_E(src or "")}"'


def bar_chart(
    rows: list[tuple[str, list[int], str]],
    series: list[str],
    *,
    css: tuple[str, ...] = ("b1", "b2"),
    unit: tuple[str, ...] = ("", ""),
    click: str = "rule",
    title: str = "",
) -> str:
    """Horizontal bars as inline SVG: ``rows`` are (label, values, filter stage).

    Each series is scaled to its own maximum; values may be negative (shown as 0).

    >>> svg = bar_chart([("a", [3], "s"), ("b", [1], "s")], ["edits"], title="t")
    >>> svg.count("<rect"), 'width="300.0"' in svg
    (2, True)
    """
    if not rows:
        return '<p class="note">nothing to chart</p>'
    label_w, bar_w, gap, row_h = 250, 300, 90, 22
    width = label_w + len(series) * (bar_w + gap)
    height = 22 + row_h * len(rows)
    maxes = [max(max(r[1][i], 0) for r in rows) or 1 for i in range(len(series))]
    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" style="max-width:{width}px" role="img" '
        f'aria-label="{_E(title)}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, name in enumerate(series):
        x = label_w + i * (bar_w + gap)
        out.append(f'<text x="{x}" y="13" font-weight="600">{_E(name)}</text>')
    for j, (label, values, stage) in enumerate(rows):
        y = 20 + j * row_h
        short = label if len(label) <= 38 else label[:36] + "…"
        rule_attr = label if click == "rule" else ""
        data = (
            f'data-set-rule="{_E(label)}"' if click == "rule" else f'data-set-stage="{_E(label)}"'
        )
        out.append(f'<g class="bar f"{_attrs(stage, rule_attr, "")}>')
        out.append(
            f"<title>{_E(label)}: "
            + ", ".join(f"{_n(v)} {s}" for v, s in zip(values, series, strict=True))
            + "</title>"
        )
        out.append(
            f'<text class="lab" {data} x="{label_w - 8}" y="{y + 14}" text-anchor="end">'
            f"{_E(short)}</text>"
        )
        for i, v in enumerate(values):
            x = label_w + i * (bar_w + gap)
            w = round(bar_w * max(v, 0) / maxes[i], 1)
            out.append(
                f'<rect class="{css[i % len(css)]}" x="{x}" y="{y + 3}" width="{w}" '
                f'height="{row_h - 7}" rx="2"/>'
                f'<text class="val" x="{x + w + 4}" y="{y + 14}">{_n(v)}{unit[i % len(unit)]}'
                "</text>"
            )
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


class _Page:
    def __init__(self, b: ReportBuilder, summary: Mapping[str, Any]) -> None:
        self.b = b
        self.s = summary

    def render(self, examples: bool = True) -> str:
        b, s = self.b, self.s
        parts = [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width,initial-scale=1">',
            f"<title>textclean report — {_n(int(s.get('documents_in', 0)))} documents</title>",
            f"<style>{CSS}</style></head><body>",
            self._header(),
            self._filters(),
            "<main>",
            self._summary(),
            self._stages(),
            self._rules(),
            self._rejects(examples),
            self._clusters(),
            self._changed(examples),
            self._rule_examples(examples),
            self._files(),
            self._config(),
            "</main>",
            f"<script>{JS}</script>",
            "</body></html>",
        ]
        del b
        return "\n".join(parts) + "\n"

    # header and filters
    def _header(self) -> str:
        s = self.s
        v = s.get("versions", {})
        dry = " · dry run (no cleaned files written)" if s.get("dry_run") else ""
        toc = "".join(
            f'<a href="#{k}">{t}</a>'
            for k, t in (
                ("summary", "Summary"),
                ("stages", "Stages"),
                ("rules", "Rules"),
                ("rejects", "Rejects"),
                ("clusters", "Duplicates"),
                ("changed", "Changed most"),
                ("rules-ex", "Rule examples"),
                ("files", "Input files"),
                ("config", "Config"),
            )
        )
        return (
            f'<header><h1>textclean run report</h1><div class="sub">textclean '
            f"{_E(str(v.get('textclean', '?')))} · stages: "
            f"{_E(' → '.join(s.get('stages') or []) or 'none (dedup only)')}"
            f' · audit: {_E(self._audit_mode())}{dry}</div><nav class="toc">{toc}</nav></header>'
        )

    def _audit_mode(self) -> str:
        a = self.s.get("audit") or {}
        mode = str(a.get("mode", "full"))
        return mode + (" (zstd)" if a.get("compress") else "")

    def _filters(self) -> str:
        b = self.b
        stages = [st for st in [*b.stages, *sorted(set(b.by_stage) - set(b.stages))]]
        extra = sorted({b.reason_stage[c] for c in b.reasons} - set(stages))
        opt_s = "".join(f'<option value="{_E(x)}">{_E(x)}</option>' for x in [*stages, *extra])
        rules = sorted(b.by_rule, key=lambda r: (-b.by_rule[r].edits, r))[:RULES_LISTED]
        opt_r = "".join(
            f'<option value="{_E(r)}" data-stage="{_E(b.rule_stage[r])}">{_E(r)} '
            f"({_n(b.by_rule[r].edits)})</option>"
            for r in sorted(rules)
        )
        files = "".join(f'<option value="{_E(f)}">' for f in list(b.files)[: FILES_LISTED * 5])
        return (
            '<div id="filters"><label>stage <select id="f-stage"><option value="">all</option>'
            f'{opt_s}</select></label><label>rule <select id="f-rule"><option value="">all'
            f"</option>{opt_r}</select></label><label>input file "
            '<input id="f-file" list="f-files" placeholder="part of a path" size="28">'
            f'<datalist id="f-files">{files}</datalist></label>'
            '<button id="f-clear" type="button">clear</button>'
            '<span id="filter-status"></span></div>'
        )

    # sections
    def _summary(self) -> str:
        s = self.s
        b = self.b
        dedup = s.get("dedup") or {}
        dups = int(b.reasons.get("duplicate", 0))
        din = int(s.get("documents_in", 0))
        cards = [
            ("documents in", _n(din), ""),
            ("documents out", _n(int(s.get("documents_out", 0))), ""),
            ("rejected", _n(int(s.get("rejected", 0))), "bad"),
            ("of them duplicates", _n(dups), "dup"),
            ("documents edited", _n(b.docs_changed), ""),
            ("edits", _n(sum(x.edits for x in b.by_stage.values())), ""),
            ("characters removed", _n(b.removed_total), ""),
            ("bytes in", _bytes(int(s.get("bytes_in", 0))), ""),
            ("bytes out", _bytes(int(s.get("bytes_out", 0))), ""),
            ("input files", _n(int((s.get("inputs") or {}).get("files", 0))), ""),
            ("failed inputs", _n(int(s.get("failures_total", 0))), "bad"),
            ("duplicate clusters", _n(int(dedup.get("clusters", len(b.clusters)) or 0)), "dup"),
        ]
        cards_html = "".join(
            f'<div class="card {c}" id="c-{_E(k.replace(" ", "-"))}"><div class="v">{v}</div>'
            f'<div class="k">{_E(k)}</div></div>'
            for k, v, c in cards
        )
        run = s.get("run") or {}
        secs = float(run.get("seconds") or 0.0)
        rate = ""
        if secs > 0:
            rate = (
                f"{_n(din / secs)} documents/s · {_n(int(s.get('bytes_in', 0)) / secs / 1e6)} MB/s"
            )
        phases = ", ".join(f"{k} {v:.2f} s" for k, v in (run.get("phases") or {}).items())
        versions = ", ".join(f"{k} {v}" for k, v in (s.get("versions") or {}).items())
        note = f'<p class="note">{_E(b.audit_note)}</p>' if b.audit_note else ""
        failures = ""
        if s.get("failures"):
            items = "".join(
                f"<li><code>{_E(str(f.get('file')))}"
                f"{':' + str(f['line']) if f.get('line') else ''}</code> {_E(str(f.get('error')))}"
                "</li>"
                for f in list(s["failures"])[:20]
            )
            failures = f"<h3>Failed inputs</h3><ul>{items}</ul>"
        return (
            f'<section id="summary"><h2>Run summary</h2>{note}<div class="cards">{cards_html}</div>'
            '<table style="margin-top:10px"><tbody>'
            "<!-- run-time -->"
            f'<tr id="run-time"><th>time</th><td>{secs:.2f} s'
            f"{' (' + phases + ')' if phases else ''}{' · ' + rate if rate else ''}"
            f" · engine {_E(str(run.get('engine', '?')))}, workers "
            f"{_E(str(run.get('workers')))}</td></tr>"
            "<!-- /run-time -->"
            f"<tr><th>versions</th><td>{_E(versions)}</td></tr>"
            f"<tr><th>config hash</th><td><code>{_E(str(s.get('config_hash', '')))}</code>"
            "</td></tr>"
            f"<tr><th>rules hash</th><td><code>{_E(str(s.get('rules_hash', '')))}</code>"
            "</td></tr>"
            f"</tbody></table>{failures}</section>"
        )

    def _stages(self) -> str:
        b = self.b
        order = [*b.stages, *sorted(set(b.by_stage) - set(b.stages))]
        rows = [(st, [b.by_stage[st].edits, b.by_stage[st].removed], st) for st in order]
        chart = bar_chart(
            rows, ["edits", "characters removed"], click="stage", title="edits per stage"
        )
        trs = "".join(
            f'<tr class="f"{_attrs(st, "", "")}><td><a href="#" data-set-stage="{_E(st)}">'
            f'{_E(st)}</a></td><td class="n">{_n(b.by_stage[st].edits)}</td>'
            f'<td class="n">{_n(b.by_stage[st].docs)}</td>'
            f'<td class="n">{_n(b.by_stage[st].removed)}</td>'
            f'<td class="n">{_n(sum(1 for r in b.by_rule if b.rule_stage[r] == st))}</td></tr>'
            for st in order
        )
        return (
            '<section id="stages"><h2>Edits per stage</h2>'
            f'<div id="chart-stages">{chart}</div>'
            '<table><thead><tr><th>stage</th><th class="n">edits</th><th class="n">documents'
            '</th><th class="n">characters removed</th><th class="n">rules fired</th></tr>'
            f"</thead><tbody>{trs}</tbody></table></section>"
        )

    def _rules(self) -> str:
        b = self.b
        ranked = sorted(b.by_rule, key=lambda r: (-b.by_rule[r].edits, r))
        top = ranked[:RULES_CHARTED]
        chart = bar_chart(
            [(r, [b.by_rule[r].edits, b.by_rule[r].removed], b.rule_stage[r]) for r in top],
            ["edits", "characters removed"],
            title="edits per rule",
        )
        trs = "".join(
            f'<tr class="f"{_attrs(b.rule_stage[r], r, "")}><td><a href="#" data-set-rule='
            f'"{_E(r)}"><code>{_E(r)}</code></a></td><td>{_E(b.rule_stage[r])}</td>'
            f'<td class="n">{_n(b.by_rule[r].edits)}</td><td class="n">{_n(b.by_rule[r].docs)}'
            f'</td><td class="n">{_n(b.by_rule[r].removed)}</td></tr>'
            for r in ranked[:RULES_LISTED]
        )
        more = (
            f'<p class="note">{_n(len(ranked) - RULES_LISTED)} more rules; every count is in '
            "summary.json.</p>"
            if len(ranked) > RULES_LISTED
            else ""
        )
        shown = f"the {len(top)} most frequent of {len(ranked)}" if len(ranked) > len(top) else ""
        return (
            f'<section id="rules"><h2>Edits per rule {("— " + shown) if shown else ""}</h2>'
            '<p class="note">Click a rule to see its examples.</p>'
            f'<div id="chart-rules">{chart}</div>'
            f"<details{' open' if len(ranked) <= RULES_CHARTED else ''}><summary>all "
            f"{_n(len(ranked))} rules</summary><table><thead><tr><th>rule</th><th>"
            'stage</th><th class="n">edits</th><th class="n">documents</th><th class="n">'
            f"characters removed</th></tr></thead><tbody>{trs}</tbody></table>{more}</details>"
            "</section>"
        )

    def _doc_head(self, ex: _Example, extra: str = "") -> str:
        rules = sorted({sp[1] for sp in ex.spans})
        pills = "".join(
            f'<span class="pill" data-set-rule="{_E(r)}">{_E(r)}</span>' for r in rules[:12]
        )
        if len(rules) > 12:
            pills += f'<span class="meta">+{len(rules) - 12} rules</span>'
        status = (
            f'<span class="pill rej">{_E(ex.reason or "")}</span>'
            if ex.status != "kept"
            else '<span class="meta">kept</span>'
        )
        return (
            f'<div class="hd"><b>{_E(ex.ref.id)}</b><span class="meta">{_E(_where(ex.ref))}'
            f'</span>{status}<span class="meta">{_n(len(ex.spans))} edits · '
            f"{_n(ex.removed)} characters removed</span>{extra}</div><div>{pills}</div>"
        )

    def _hunks(self, ex: _Example) -> str:
        if ex.hunks is None or ex.note:
            why = ex.note or "not derived"
            return f'<p class="note">diff not available: {_E(why)}</p>'
        out: list[str] = []
        current = None
        for stage, h in ex.hunks:
            if stage != current:
                if current is not None and ex.more.get(current):
                    out.append(f'<div class="note">… {ex.more[current]} more edits</div>')
                current = stage
                n = sum(1 for sp in ex.spans if sp[0] == stage)
                out.append(
                    f'<div class="stagehd f"{_attrs(stage, "", "")}>== {_E(stage)}: {n} '
                    f"edit{'s' if n != 1 else ''}</div>"
                )
            old = f"<del>{_E(h.before)}</del>" if h.before else ""
            new = f"<ins>{_E(h.after)}</ins>" if h.after else ""
            out.append(
                f'<div class="hunk f"{_attrs(stage, h.rule, "")}><span class="ln">L{h.line}'
                f'</span><span class="rl">{_E(h.rule)}</span><span class="ctx">{_E(h.prefix)}'
                f'</span>{old}{new}<span class="ctx">{_E(h.suffix)}</span></div>'
            )
        if current is not None and ex.more.get(current):
            out.append(f'<div class="note">… {ex.more[current]} more edits</div>')
        return "".join(out)

    def _doc(self, ex: _Example, cls: str = "doc") -> str:
        stages = " ".join(sorted({sp[0] for sp in ex.spans}))
        rules = " ".join(sorted({sp[1] for sp in ex.spans}))
        return (
            f'<div class="{cls} f"{_attrs(stages, rules, ex.ref.source)}>'
            f"{self._doc_head(ex)}{self._hunks(ex)}</div>"
        )

    def _rejects(self, examples: bool) -> str:
        b = self.b
        codes = sorted(b.reasons, key=lambda c: (-b.reasons[c], c))
        if not codes:
            return '<section id="rejects"><h2>Rejects</h2><p class="note">none</p></section>'
        chart = bar_chart(
            [(c, [b.reasons[c]], b.reason_stage[c]) for c in codes[:RULES_CHARTED]],
            ["documents"],
            css=("b3",),
            click="stage",
            title="rejects by reason",
        )
        chart = chart.replace("data-set-stage=", "data-reason=")  # reasons are not stages
        blocks: list[str] = []
        for c in codes[:REASONS_LISTED]:
            samples = sorted(b._reason_examples.get(c, []), key=lambda t: (-t[0], -t[1]))
            items: list[str] = []
            for _h, _s, ex, snip in samples if examples else []:
                stages = " ".join(sorted({b.reason_stage[c], *(sp[0] for sp in ex.spans)}))
                rules = " ".join(sorted({sp[1] for sp in ex.spans}))
                body = (
                    f'<div class="snip">{_E(visible_text(snip))}</div>'
                    if snip is not None
                    else '<p class="note">text not kept by this audit mode; '
                    f"<code>textclean inspect {_E(ex.ref.source or '')}"
                    f"{' --line ' + str(ex.ref.line) if ex.ref.line else ''}</code> shows it</p>"
                )
                items.append(
                    f'<div class="doc f"{_attrs(stages, rules, ex.ref.source)}>'
                    f"{self._doc_head(ex)}{body}</div>"
                )
            blocks.append(
                f'<div class="reason f"{_attrs(b.reason_stage[c], "", "")}>'
                f"<h3><code>{_E(c)}</code> — {_n(b.reasons[c])} documents "
                f'<span class="meta" data-count></span></h3>{"".join(items)}</div>'
            )
        return (
            f'<section id="rejects"><h2>Rejects by reason — {_n(sum(b.reasons.values()))}'
            f'</h2><div id="chart-rejects">{chart}</div>{"".join(blocks)}</section>'
        )

    def _clusters(self) -> str:
        b = self.b
        if not b.clusters:
            dedup = self.s.get("dedup") or {}
            why = "corpus dedup was off" if not dedup.get("enabled") else "no duplicates found"
            return (
                '<section id="clusters"><h2>Duplicate clusters</h2>'
                f'<p class="note">{why}</p></section>'
            )
        ranked = sorted(b.clusters.values(), key=lambda c: (-c.size, c.kept.seq))[:CLUSTERS]
        blocks: list[str] = []
        for c in ranked:
            members = "".join(
                f'<tr><td class="nw"><code>{_E(m.id)}</code></td><td class="mono nw">'
                f"{_E(_where(m))}</td>"
                f'<td class="n">{sim:.3f}</td><td>'
                + (f'<div class="snip">{_E(visible_text(snip))}</div>' if snip else "")
                + "</td></tr>"
                for m, sim, snip in c.members
            )
            more = c.size - len(c.members)
            srcs = " ".join(
                sorted({m.source or "" for m, _, _ in c.members} | {c.kept.source or ""})
            )
            blocks.append(
                f'<div class="doc cluster f"{_attrs("dedup", "", srcs)}><div class="hd">'
                f'<b>kept: {_E(c.kept.id)}</b><span class="meta">'
                f'{_E(_where(c.kept))}</span><span class="meta">{_n(c.size)} duplicates · '
                f"similarity {c.sim_min:.3f}–{c.sim_max:.3f}</span></div>"
                '<table><thead><tr><th>duplicate</th><th>source</th><th class="n">similarity'
                f"</th><th>text</th></tr></thead><tbody>{members}</tbody></table>"
                + (f'<p class="note">… and {_n(more)} more</p>' if more > 0 else "")
                + "</div>"
            )
        return (
            f'<section id="clusters"><h2>Largest duplicate clusters — {len(ranked)} of '
            f'{_n(len(b.clusters))} <span class="meta" data-count></span></h2>'
            f"{''.join(blocks)}</section>"
        )

    def _changed(self, examples: bool) -> str:
        b = self.b
        ranked = sorted(b._top, key=lambda t: (-t[0], -t[1], -t[2]))
        docs = "".join(self._doc(ex) for *_, ex in ranked) if examples else ""
        return (
            f'<section id="changed"><h2>Documents that changed most — {len(ranked)} of '
            f'{_n(b.docs_changed)} edited <span class="meta" data-count></span></h2>'
            '<p class="note">Ranked by characters removed plus inserted. Removed text '
            "<del>like this</del>, inserted <ins>like this</ins>, with the rule id; as "
            f"<code>textclean inspect</code> shows it.</p>{docs}</section>"
        )

    def _rule_examples(self, examples: bool) -> str:
        b = self.b
        ranked = sorted(b.by_rule, key=lambda r: (-b.by_rule[r].edits, r))[:RULES_WITH_EXAMPLES]
        blocks: list[str] = []
        for rule in ranked if examples else []:
            samples = sorted(b._rule_samples.get(rule, []), key=lambda t: (-t[0], -t[1]))
            for *_, ex in samples:
                tag = f'<span class="pill">example of {_E(rule)}</span>'
                blocks.append(
                    f'<div class="doc f"{_attrs(b.rule_stage[rule], rule, ex.ref.source)}>'
                    f"{self._doc_head(ex, tag)}{self._hunks(ex)}</div>"
                )
        return (
            '<section id="rules-ex"><h2>Examples per rule <span class="meta" data-count></span>'
            '</h2><p class="note">Up to two documents per rule (the '
            f"{RULES_WITH_EXAMPLES} most frequent rules), chosen by a hash of rule and document, "
            f"with that rule's edits.</p>{''.join(blocks)}</section>"
        )

    def _files(self) -> str:
        b = self.b
        ranked = sorted(b.files.items(), key=lambda kv: (-(kv[1].rejected + kv[1].edits), kv[0]))[
            :FILES_LISTED
        ]
        trs = "".join(
            f'<tr class="f"{_attrs("", "", name)}><td class="mono">{_E(name)}</td>'
            f'<td class="n">{_n(f.docs)}</td><td class="n">{_n(f.kept)}</td>'
            f'<td class="n">{_n(f.rejected)}</td><td class="n">{_n(f.duplicates)}</td>'
            f'<td class="n">{_n(f.edits)}</td><td class="n">{_n(f.removed)}</td></tr>'
            for name, f in ranked
        )
        o = b.other_files
        if o.docs:
            trs += (
                f'<tr><td class="note">{_n(b.files_seen - len(b.files))} more files</td>'
                f'<td class="n">{_n(o.docs)}</td><td class="n">{_n(o.kept)}</td>'
                f'<td class="n">{_n(o.rejected)}</td><td class="n">{_n(o.duplicates)}</td>'
                f'<td class="n">{_n(o.edits)}</td><td class="n">{_n(o.removed)}</td></tr>'
            )
        listed = (
            f" — the {len(ranked)} with most edits and rejects of {_n(b.files_seen)}"
            if b.files_seen > len(ranked)
            else ""
        )
        return (
            f'<section id="files"><h2>Input files{listed}</h2><table><thead><tr><th>file</th>'
            '<th class="n">documents</th><th class="n">kept</th><th class="n">rejected</th>'
            '<th class="n">duplicates</th><th class="n">edits</th><th class="n">characters '
            f"removed</th></tr></thead><tbody>{trs}</tbody></table></section>"
        )

    def _config(self) -> str:
        cfg = json.dumps(self.s.get("config") or {}, indent=2, sort_keys=True, ensure_ascii=False)
        return (
            '<section id="config"><h2>Config</h2><details><summary>the effective config '
            f"(as in summary.json)</summary><pre>{_E(cfg)}</pre></details></section>"
        )


def visible_text(s: str | None) -> str:
    r"""A reject's snippet as shown: control characters made visible, lines kept.

    >>> visible_text("a\tb\nc\x07")
    'a\\tb\nc\\x07'
    """
    if not s:
        return ""
    return "\n".join(
        _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", line.replace("\t", "\\t"))
        for line in s.split("\n")
    )


def write_html(path: Path, text: str) -> None:
    """Write the page atomically."""
    from textclean.io.writers import AtomicFile

    with AtomicFile(path) as f:
        f.write(text.encode("utf-8", "replace"))
