"""Coding on a Dask cluster: the input's files in partitions, each coded by a worker.

Each partition is a list of input files. A worker reads them, codes them with the same
pipeline as a single process (loaded once per worker) and writes a Parquet partition to a
folder every worker and the client can reach; the client streams the partitions back, in
input order, as they finish. Dask schedules, retries and balances; communique only says
what one partition does.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path

from .errors import UsageError
from .parallel import worker_pipeline
from .partitions import read_partition, write_partition
from .pipeline import Coded, Report
from .settings import Settings
from .sources import expand_paths

FILES_PER_PARTITION = 200


def code_partition(files: list[str], settings: Settings, out: str) -> list[tuple[str, Report]]:
    """What one Dask task does: code ``files`` and write them as a Parquet partition;
    returns the partition's folder and report."""
    key = hashlib.blake2b("\n".join(files).encode(), digest_size=8).hexdigest()
    folder = Path(out) / f"part-{key}"
    report = Report()
    write_partition(worker_pipeline(settings).code_paths(files, report), folder)
    report.note_peak_memory(f"{os.uname().nodename}:{os.getpid()}")
    return [(str(folder), report)]


def partitions(files: list[str], workers: int) -> int:
    """Enough partitions to keep every worker busy and no partition too large."""
    return max(1, min(len(files), max(4 * workers, math.ceil(len(files) / FILES_PER_PARTITION))))


def code_on_dask(
    settings: Settings,
    paths: Iterable[str],
    scheduler: str,
    report: Report,
    workers: int = 2,
    scratch: str | Path | None = None,
) -> Iterator[Coded]:
    """Code ``paths`` on the Dask cluster at ``scheduler`` (or ``local``: a LocalCluster of
    ``workers`` processes); yields coded articles in input order.

    ``scratch`` holds the Parquet partitions; with a remote cluster it must be a folder the
    workers share with this process. Without one, a temporary folder is used and removed.
    """
    import dask.bag
    from distributed import Client, LocalCluster

    # Importing distributed sets its loggers to INFO, which narrates every connection.
    logging.getLogger("distributed").setLevel(logging.WARNING)

    files = [str(p) for p in expand_paths(paths)]
    if "-" in files:
        raise UsageError("--dask reads files, not standard input")
    if not files:
        return
    with ExitStack() as stack:
        if scratch is None:
            scratch = tempfile.mkdtemp(prefix="communique-dask-")
            stack.callback(shutil.rmtree, scratch, True)
        if scheduler == "local":
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            )
            client = stack.enter_context(Client(cluster))
        else:
            try:
                client = stack.enter_context(Client(scheduler, timeout="10s"))
            except OSError as err:
                raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from err
        bag = dask.bag.from_sequence(files, npartitions=partitions(files, workers))
        tasks = bag.map_partitions(code_partition, settings, str(scratch)).to_delayed()
        futures = client.compute(tasks)
        for future in futures:
            for folder, partition_report in future.result():
                report.merge(partition_report)
                yield from read_partition(folder)
                shutil.rmtree(folder, ignore_errors=True)
            future.release()


__all__ = ["code_on_dask", "code_partition"]
