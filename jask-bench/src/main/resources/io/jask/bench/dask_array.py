"""The `jask bench array` workloads on dask.array, for comparison (run by ArrayBench).

Prints one SAMPLE line per measured run: SAMPLE name=... scheduler=dask-threads seconds=... peak_rss_mb=...

With --serve-persisted it persists x, prints READY, and then runs the persisted workload named on
each line of its standard input once, printing its SAMPLE line, until its input ends: ArrayBench
alternates these runs with its own, so that both meet the same memory bandwidth.
"""
import argparse
import concurrent.futures
import os
import sys
import time

import dask
import dask.array as da
import numpy as np


def peak_rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def reset_peak():
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def run_once(name, fn):
    reset_peak()
    start = time.perf_counter()
    fn()
    seconds = time.perf_counter() - start
    print(f"SAMPLE name={name} scheduler=dask-threads seconds={seconds:.6f} peak_rss_mb={peak_rss_mb():.1f}", flush=True)


def measure(name, fn, repeat):
    fn()  # warm-up, unreported
    for _ in range(repeat):
        run_once(name, fn)


def persisted_workloads(xp):
    return {
        "array_mean_persisted": lambda: xp.mean().compute(),
        "array_xpxT_sum0_persisted": lambda: (xp + xp.T).sum(axis=0).compute(),
        "array_strided_std_persisted": lambda: xp[::2, ::2].std().compute(),
    }


def serve_persisted(x):
    workloads = persisted_workloads(x().persist())
    print("READY", flush=True)
    for line in sys.stdin:
        name = line.strip()
        if name not in workloads:
            print(f"unknown workload {name!r}: expected one of {sorted(workloads)}", flush=True)
            sys.exit(2)
        run_once(name, workloads[name])


def membw(n, repeat, threads):
    a = np.random.random(n)
    a.sum()
    for _ in range(repeat):
        start = time.perf_counter()
        if threads == 1:
            a.sum()
        else:
            parts = np.array_split(a, threads)
            with concurrent.futures.ThreadPoolExecutor(threads) as pool:
                sum(pool.map(np.sum, parts))
        seconds = time.perf_counter() - start
        print(f"SAMPLE name=membw_{'one' if threads == 1 else 'all'} scheduler=numpy seconds={seconds:.6f} "
              f"gb_per_s={a.nbytes / seconds / 1e9:.3f}", flush=True)
    del a


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--chunk", type=int, required=True)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--membw-elements", type=int, required=True)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--skip-persisted", action="store_true")
    p.add_argument("--serve-persisted", action="store_true")
    args = p.parse_args()
    dask.config.set(scheduler="threads", num_workers=args.threads)
    n, c = args.n, args.chunk

    def x():
        return da.random.random((n, n), chunks=(c, c))

    if args.serve_persisted:
        serve_persisted(x)
        return
    measure("array_mean", lambda: x().mean().compute(), args.repeat)
    measure("array_xpxT_sum0", lambda: (lambda y: (y + y.T).sum(axis=0).compute())(x()), args.repeat)
    measure("array_strided_std", lambda: x()[::2, ::2].std().compute(), args.repeat)
    if not args.skip_persisted:
        for name, fn in persisted_workloads(x().persist()).items():
            measure(name, fn, args.repeat)
    membw(args.membw_elements, args.repeat, 1)
    membw(args.membw_elements, args.repeat, args.threads)


if __name__ == "__main__":
    main()
