"""Scoring coded events against gold files, as DESIGN.md's `communique eval` defines it.

Per document, predicted and gold events are compared as multisets of keys; true positives,
false positives and false negatives are summed over documents (micro-averaged). Actors are
compared at the level of the code: an agent suffix such as ``CHNGOV`` is dropped.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .errors import InputError

KEYS: dict[str, Callable[[dict], tuple]] = {
    "dyad-root": lambda e: (e["source"], e["target"], str(e["cameo"])[:2]),
    "dyad-code": lambda e: (e["source"], e["target"], str(e["cameo"])[:3]),
    "dyad": lambda e: (e["source"], e["target"]),
    "root-only": lambda e: (str(e["cameo"])[:2],),
}
AGENT_CODES = frozenset(
    {
        "GOV",
        "MIL",
        "MED",
        "BUS",
        "CVL",
        "OPP",
        "REB",
        "IGO",
        "JUD",
        "LEG",
        "POL",
        "SPY",
        "COP",
        "PPL",
        "NGO",
        "INS",
        "ELI",
        "LAB",
        "EDU",
        "REL",
        "HLH",
        "AGR",
        "CRM",
        "DEV",
        "IMG",
        "MNC",
        "NGM",
        "REF",
        "SEP",
        "UAF",
        "MOD",
        "RAD",
    }
)


def actor_code(code: str | None) -> str | None:
    """The actor's own code: 'CHNGOV' → 'CHN'; organisations keep theirs ('NATO')."""
    if not code:
        return None
    code = code.upper()
    while len(code) > 3 and code[-3:] in AGENT_CODES and len(code) - 3 >= 3:
        code = code[:-3]
    return code


def _normalise(event: dict) -> dict:
    return {
        "source": actor_code(event.get("source")),
        "target": actor_code(event.get("target")),
        "cameo": str(event.get("cameo") or ""),
    }


def read_gold(path: Path) -> list[dict]:
    """The documents of a gold JSONL file; InputError names the line that fails."""
    documents = []
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as err:
        raise InputError(f"{path}: {err.strerror or err}") from err
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(f"{path}: line {n} is not JSON ({err.msg})") from err
        if "doc_id" not in doc:
            raise InputError(f"{path}: line {n} has no doc_id")
        documents.append(doc)
    return documents


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def score(
    gold: Iterable[dict],
    predicted: dict[str, list[dict]],
    metadata: dict[str, dict] | None = None,
    min_confidence: str | None = None,
) -> dict[str, Any]:
    """Scores for predicted event records (DESIGN.md dicts) keyed by doc_id."""
    totals = {key: Counter() for key in KEYS}
    distractor_hits = 0
    published_ok = title_ok = n_docs = 0
    per_document = []
    metadata = metadata or {}
    for doc in gold:
        n_docs += 1
        doc_id = doc["doc_id"]
        gold_events = doc.get("events", [])
        if min_confidence:
            gold_events = [e for e in gold_events if e.get("confidence") == min_confidence]
        gold_norm = [_normalise(e) for e in gold_events]
        pred = predicted.get(doc_id, [])
        pred_norm = [_normalise(e) for e in pred]
        row: dict[str, Any] = {"doc_id": doc_id, "gold": len(gold_norm), "predicted": len(pred)}
        for key, fn in KEYS.items():
            g = Counter(fn(e) for e in gold_norm)
            p = Counter(fn(e) for e in pred_norm)
            tp = sum((g & p).values())
            totals[key].update({"tp": tp, "fp": sum(p.values()) - tp, "fn": sum(g.values()) - tp})
            if key == "dyad-root":
                row["tp"] = tp
        distractors = [d for d in doc.get("distractors", []) if d]
        hits = sum(
            1
            for e in pred
            if any(e.get("sentence", "") in d or d in e.get("sentence", "") for d in distractors)
            and e.get("sentence")
        )
        distractor_hits += hits
        row["distractor_hits"] = hits
        meta = metadata.get(doc_id, {})
        if "published" in doc:
            same = (doc.get("published") or None) == (meta.get("published") or None)
            published_ok += same
            row["published_ok"] = same
        if "title" in doc:
            same = (doc.get("title") or None) == (meta.get("title") or None)
            title_ok += same
            row["title_ok"] = same
        per_document.append(row)
    return {
        "documents": n_docs,
        "keys": {key: _prf(c["tp"], c["fp"], c["fn"]) for key, c in totals.items()},
        "distractor_hits": distractor_hits,
        "published_accuracy": round(published_ok / n_docs, 4) if n_docs else 0.0,
        "title_accuracy": round(title_ok / n_docs, 4) if n_docs else 0.0,
        "min_confidence": min_confidence,
        "per_document": per_document,
    }


def evaluate(gold_path: Path, docs: Path, pipeline, min_confidence: str | None = None) -> dict:
    """Code ``docs/<doc_id>.txt`` for every gold document with ``pipeline`` and score it."""
    gold = read_gold(gold_path)
    paths = []
    for doc in gold:
        path = docs / f"{doc['doc_id']}.txt"
        if not path.is_file():
            raise InputError(f"{path}: no article for gold document {doc['doc_id']!r}")
        paths.append(str(path))
    predicted: dict[str, list[dict]] = {}
    metadata: dict[str, dict] = {}
    for coded in pipeline.code_paths(paths):
        article = coded.article
        predicted[article.doc_id] = [e.to_dict() for e in coded.events]
        metadata[article.doc_id] = {
            "published": article.published.isoformat() if article.published else None,
            "title": article.title,
        }
    return score(gold, predicted, metadata, min_confidence)
