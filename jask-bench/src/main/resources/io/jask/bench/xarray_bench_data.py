"""Writes the xarray benchmark file: daily 180x360 float32 tas, zlib level 1, one chunk per year.

Usage: xarray_bench_data.py PATH [YEARS]
"""
import sys, numpy as np, netCDF4
path = sys.argv[1]; years = int(sys.argv[2]) if len(sys.argv) > 2 else 10
nt = 365 * years
ds = netCDF4.Dataset(path, "w", format="NETCDF4")
ds.createDimension("time", None); ds.createDimension("lat", 180); ds.createDimension("lon", 360)
t = ds.createVariable("time", "f8", ("time",)); t.units = "days since 2000-01-01"; t.calendar = "noleap"
la = ds.createVariable("lat", "f8", ("lat",)); la.units = "degrees_north"; la[:] = np.arange(-89.5, 90, 1.0)
lo = ds.createVariable("lon", "f8", ("lon",)); lo.units = "degrees_east"; lo[:] = np.arange(0.5, 360, 1.0)
v = ds.createVariable("tas", "f4", ("time", "lat", "lon"), zlib=True, complevel=1, chunksizes=(365, 180, 360))
v.units = "K"; v.long_name = "near-surface air temperature"
ds.title = "synthetic daily temperature"
rng = np.random.default_rng(0)
base = (250 + 40 * np.cos(np.deg2rad(la[:]))[:, None] + np.zeros((1, 360))).astype("f4")
for y in range(years):
    d = np.arange(365)
    season = 10 * np.sin(2 * np.pi * (d - 100) / 365)[:, None, None] * np.sign(la[:])[None, :, None]
    block = base[None] + season + rng.normal(0, 3, (365, 180, 360)).astype("f4")
    v[y * 365:(y + 1) * 365] = block.astype("f4")
    t[y * 365:(y + 1) * 365] = np.arange(y * 365, (y + 1) * 365)
ds.close()
