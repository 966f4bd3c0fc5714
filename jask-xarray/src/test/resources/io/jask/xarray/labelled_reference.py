"""The labelled operations LabelledAgainstXarrayTest runs in Jask, computed by xarray.

Usage: labelled_reference.py FILE [FILE2 WRITTEN]
Prints one line per result: name;dims;values (comma-separated, C order, 'nan' for NaN);
coordinate lines as coord:name;labels. Data are cast to float64 first, as Jask computes in doubles.
"""
import sys
import numpy as np
import xarray as xr


def emit(name, da):
    vals = np.asarray(da.values, dtype="float64").ravel()
    print(name + ";" + ",".join(da.dims) + ";" + ",".join("nan" if np.isnan(v) else repr(float(v)) for v in vals))


def emit_coord(name, values):
    print("coord:" + name + ";" + ",".join(str(v) for v in values))


ds = xr.open_dataset(sys.argv[1])
tas = ds.tas.astype("float64")
emit("mean_time", tas.mean("time"))
clim = tas.groupby("time.month").mean()
emit("clim", clim)
emit_coord("clim.month", clim.month.values)
anom = tas.groupby("time.month") - clim
emit("anom_space_mean", anom.mean(("lat", "lon")))
w = np.cos(np.deg2rad(ds.lat))
emit("wmean", tas.weighted(w).mean(("lat", "lon")))
# weights along the last dimension, which vary along each row of a chunk
wl = 1.5 + np.cos(np.deg2rad(ds.lon))
emit("wmean_lon", tas.weighted(wl).mean(("lat", "lon")))
season = tas.groupby("time.season").max()
emit("season_max", season)
emit_coord("season_max.season", season.season.values)
emit("year_std", tas.groupby("time.year").std())
emit("resample_month", tas.resample(time="1M").mean().isel(lat=1, lon=2))
emit("resample_qsdec", tas.resample(time="QS-DEC").mean().mean(("lat", "lon")))
emit("rolling", tas.isel(lat=2, lon=3).rolling(time=5).mean())
tropics = tas.sel(lat=slice(-30, 30))
emit("tropics_std", tropics.std("time"))
emit_coord("tropics.lat", tropics.lat.values)
emit("where_sum", tas.where(tas > 280).sum("time"))
emit("nearest", tas.sel(lat=11.0, method="nearest").mean())
emit("label_sel", tas.sel(time="2001-03-04").isel(lon=0))
emit("pr_mean", ds.pr.astype("float64").mean("time"))
emit("pr_count", ds.pr.count("time"))
emit("minmax", tas.min("time") + tas.max("lon"))
clim0 = tas.isel(time=slice(0, 365)).groupby("time.month").mean()
emit("anom0_mean", (tas.groupby("time.month") - clim0).mean())
emit("anom0_time_mean", (tas.groupby("time.month") - clim0).mean("time"))
emit("anom0_plus_sum", (tas.groupby("time.month") + clim0).sum(("time", "lat")))
emit("anom0_space_mean", (tas.groupby("time.month") - clim0).mean(("lat", "lon")))
emit("anom_std_time", (tas.groupby("time.month") - clim).std("time"))
pr = ds.pr.astype("float64")
prc = pr.isel(time=slice(0, 365)).groupby("time.season").mean()
prc = prc.where(prc > 10.0)
emit("pr_anom_time_mean", (pr.groupby("time.season") - prc).mean("time"))
emit("pr_anom_sum", (pr.groupby("time.season") - prc).sum())
emit("anom_mean", anom.mean())
print("attr:tas.units;" + ds.tas.attrs["units"])
print("attr:title;" + ds.attrs["title"])
if len(sys.argv) > 2:
    back = xr.open_dataset(sys.argv[2])
    emit("written_clim", back.clim)
    emit_coord("written.month", back.month.values)
    print("attr:written.units;" + back.clim.attrs["units"])
if len(sys.argv) > 3:
    back = xr.open_dataset(sys.argv[3])
    emit("written_series", back.series)
    emit_coord("written.time", [str(t)[:10] for t in back.time.values])
