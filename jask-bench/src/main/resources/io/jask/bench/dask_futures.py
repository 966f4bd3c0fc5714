"""The workloads of `jask bench futures`, on Dask's distributed scheduler.

Run by Jask's FuturesBench, which passes the sizes and takes the medians. For each cluster it
runs one unreported warm-up round of each workload, then --repeat measured ones:

    SAMPLE name=futures_submit cluster=dask-inproc tasks=2000 seconds=3.1
    SAMPLE name=futures_map cluster=dask-inproc tasks=2000 seconds=2.7
    SAMPLE name=futures_roundtrip cluster=dask-inproc tasks=200 median_ms=2.9

The clusters are the lesson's, Client(processes=False, n_workers=1, threads_per_worker=4), and
two worker processes of one thread each, as Jask's dist-inproc and dist-2proc. Every result is
checked against a plain sum; a wrong one exits with status 1.
"""
import argparse
import statistics
import sys
import time

from dask.distributed import Client


def inc(x):
    return x + 1


CLUSTERS = {
    "dask-inproc": dict(processes=False, n_workers=1, threads_per_worker=4),
    "dask-2proc": dict(processes=True, n_workers=2, threads_per_worker=1),
}


class Rounds:
    """Offsets the arguments of each round: Dask's submit is pure, equal keys would be reused."""

    def __init__(self, tasks):
        self.tasks = tasks
        self.round = 0

    def next_offset(self):
        self.round += 1
        return self.round * self.tasks


def check(results, offset, what):
    for i, r in enumerate(results):
        if r != offset + i + 1:
            sys.exit(f"dask's {what}: task {i} gave {r}, expected {offset + i + 1}")


def submit_all(client, rounds):
    offset = rounds.next_offset()
    futures = [client.submit(inc, offset + i) for i in range(rounds.tasks)]
    check(client.gather(futures), offset, "submit")
    del futures


def map_all(client, rounds):
    offset = rounds.next_offset()
    futures = client.map(inc, range(offset, offset + rounds.tasks))
    check(client.gather(futures), offset, "map")
    del futures


def timed(workload, client, rounds, repeat):
    workload(client, rounds)  # warm-up, unreported
    seconds = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        workload(client, rounds)
        seconds.append(time.perf_counter() - t0)
    return seconds


def roundtrips(client, count, base):
    for i in range(min(20, count)):
        client.submit(inc, base - i - 1).result()  # warm-up
    seconds = []
    for i in range(count):
        t0 = time.perf_counter()
        value = client.submit(inc, base + i).result()
        seconds.append(time.perf_counter() - t0)
        if value != base + i + 1:
            sys.exit(f"dask's round trip {i} gave {value}, expected {base + i + 1}")
    return seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, required=True)
    parser.add_argument("--roundtrips", type=int, required=True)
    parser.add_argument("--repeat", type=int, required=True)
    parser.add_argument("--cluster", choices=sorted(CLUSTERS), action="append")
    args = parser.parse_args()
    for name in args.cluster or list(CLUSTERS):
        with Client(**CLUSTERS[name]) as client:
            rounds = Rounds(args.tasks)
            for workload, kind in ((submit_all, "futures_submit"), (map_all, "futures_map")):
                for s in timed(workload, client, rounds, args.repeat):
                    print(f"SAMPLE name={kind} cluster={name} tasks={args.tasks} seconds={s:.6f}", flush=True)
            latencies = roundtrips(client, args.roundtrips, 1_000_000_000 + rounds.next_offset())
            print(f"SAMPLE name=futures_roundtrip cluster={name} tasks={args.roundtrips} "
                  f"median_ms={statistics.median(latencies) * 1e3:.3f}", flush=True)


if __name__ == "__main__":
    main()
