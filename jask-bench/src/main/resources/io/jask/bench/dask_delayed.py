"""The workloads of `jask bench delayed`, on Dask's threaded and synchronous schedulers.

Run by Jask's DaskComparison, which passes the sizes and takes the medians. For each workload
and scheduler it runs --warmup unreported rounds, then --repeat measured ones, each printing:

    SAMPLE kind=tree scheduler=dask-threads tasks=199999 build_s=0.8 seconds=2.1

build_s times making the graph of Delayed objects; seconds times dask.compute. Every result is
checked against a plain loop; a wrong one exits with status 1.
"""
import argparse
import sys
import time

import dask
from dask import delayed


def inc(x):
    return x + 1


def add(a, b):
    return a + b


def inc_tree(leaves):
    # delayed(f)(...) in the loop, as Dask's documentation writes it; pure=False is the default,
    # so every call is its own task, as in Jask.
    level = [delayed(inc)(i) for i in range(leaves)]
    while len(level) > 1:
        nxt = [delayed(add)(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2 == 1:
            nxt.append(level[-1])
        level = nxt
    return level[0]


def inc_tree_expected(leaves):
    total = 0
    for i in range(leaves):
        total = add(total, inc(i))
    return total


def inc_chain(length):
    x = delayed(inc)(0)
    for _ in range(length - 1):
        x = delayed(inc)(x)
    return x


def inc_chain_expected(length):
    x = 0
    for _ in range(length):
        x = inc(x)
    return x


WORKLOADS = {
    "tree": (inc_tree, inc_tree_expected),
    "chain": (inc_chain, inc_chain_expected),
}


def measure(kind, size, scheduler, repeat, warmup):
    build, expected_of = WORKLOADS[kind]
    expected = expected_of(size)
    for round_ in range(-warmup, repeat):
        t0 = time.perf_counter()
        total = build(size)
        t1 = time.perf_counter()
        (result,) = dask.compute(total, scheduler=scheduler)
        t2 = time.perf_counter()
        if result != expected:
            sys.exit(f"dask computed {result} for {kind} of size {size} on {scheduler}, expected {expected}")
        if round_ >= 0:
            tasks = len(total.__dask_graph__())
            print(f"SAMPLE kind={kind} scheduler=dask-{scheduler} tasks={tasks} "
                  f"build_s={t1 - t0:.6f} seconds={t2 - t1:.6f}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=int, required=True, help="leaves of the inc/add tree")
    parser.add_argument("--chain", type=int, required=True, help="length of the inc chain")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=1)
    args = parser.parse_args()
    print(f"dask {dask.__version__} on Python {sys.version.split()[0]}", file=sys.stderr, flush=True)
    for kind, size in (("tree", args.tree), ("chain", args.chain)):
        for scheduler in ("threads", "sync"):
            measure(kind, size, scheduler, args.repeat, args.warmup)


if __name__ == "__main__":
    main()
