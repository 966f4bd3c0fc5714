"""Arithmetic between data arrays whose coordinates differ, in xarray (join="inner", its default).

Usage: inner_join_reference.py FULL PART   (PART: the same variables over fewer days)
Prints one line per result, as labelled_reference.py: name;dims;values, and coord:name;labels.
Data are cast to float64 first, as Jask computes in doubles.
"""
import sys
import numpy as np
import xarray as xr


def emit(name, da):
    vals = np.asarray(da.values, dtype="float64").ravel()
    print(name + ";" + ",".join(da.dims) + ";" + ",".join("nan" if np.isnan(v) else repr(float(v)) for v in vals))
    for d in da.dims:
        if d in da.coords:
            labels = [str(v)[:10] if d == "time" else repr(float(v)) for v in da[d].values]
            print("coord:" + name + "." + d + ";" + ",".join(labels))


full = xr.open_dataset(sys.argv[1]).tas.astype("float64")
part = xr.open_dataset(sys.argv[2]).tas.astype("float64")
emit("files_time", (part - full).mean(("lat", "lon")))
emit("lat_subset", (full.sel(lat=slice(-30, 30)) + full).mean("time"))
emit("lon_steps", (full.isel(lon=slice(0, None, 2)) * full.isel(lon=slice(1, 5))).mean("time"))
emit("two_dims", (full.isel(lat=slice(1, 5), time=slice(100, 400)) - full.isel(lat=slice(3, 6), time=slice(0, 200)))
     .mean("time"))
emit("where_subset", full.where(full.sel(lat=slice(-30, 30)) > 280).sum("time"))
emit("disjoint", full.isel(time=slice(0, 10)) + full.isel(time=slice(20, 30)))
