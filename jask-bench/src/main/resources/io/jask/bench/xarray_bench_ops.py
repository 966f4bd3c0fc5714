"""One operation of `jask bench xarray` in xarray + Dask (threaded scheduler), timed.

Usage: xarray_bench_ops.py PATH OP   (OP: open, clim, anom, wmean)
Prints: seconds=S peak_rss_mb=M check=C
"""
import resource
import sys
import time

import dask
import numpy as np
import xarray as xr

path, op = sys.argv[1], sys.argv[2]
dask.config.set(scheduler="threads")
start = time.perf_counter()
ds = xr.open_dataset(path, chunks={"time": 365})
check = 0.0
if op == "open":
    check = float(ds.tas.shape[0])
elif op == "clim":
    check = float(ds.tas.groupby("time.month").mean().sum().compute())
elif op == "anom":
    clim = ds.tas.groupby("time.month").mean()
    check = float((ds.tas.groupby("time.month") - clim).mean().compute())
elif op == "wmean":
    w = np.cos(np.deg2rad(ds.lat))
    check = float(ds.tas.weighted(w).mean(("lat", "lon")).compute().sum())
seconds = time.perf_counter() - start


def peak_rss_mb():
    # VmHWM belongs to this program's memory; ru_maxrss would also count the launching JVM's,
    # which Linux carries over fork and exec.
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


print("seconds=%.6f peak_rss_mb=%.1f check=%.9g" % (seconds, peak_rss_mb(), check))
