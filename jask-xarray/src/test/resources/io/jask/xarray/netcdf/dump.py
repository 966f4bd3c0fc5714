"""Prints a NetCDF file's metadata and raw values as netCDF4-python reads them, one item a line.

Used by Jask's tests as the independent reference. Values are raw (no masking or scaling);
floats are printed with repr(), which round-trips.
"""
import json
import sys

import netCDF4
import numpy as np


def fmt(x):
    if isinstance(x, (str, bytes)):
        if isinstance(x, bytes):
            x = x.decode("utf-8", "replace")
        return "S" + json.dumps(x)
    if isinstance(x, (float, np.floating)):
        return repr(float(x))
    return str(int(x))


def att_line(owner, name, value, dtype):
    if isinstance(value, str):
        return "ATT %s %s text %s" % (owner, name, fmt(value))
    arr = np.atleast_1d(value)
    return "ATT %s %s %s %s" % (owner, name, arr.dtype.name, " ".join(fmt(v) for v in arr))


def walk(g, prefix, out, data):
    for d in g.dimensions.values():
        out.append("DIM %s%s %d %d" % (prefix, d.name, len(d), 1 if d.isunlimited() else 0))
    for name in g.ncattrs():
        out.append(att_line(prefix or "/", name, g.getncattr(name), None))
    for v in g.variables.values():
        v.set_auto_maskandscale(False)
        v.set_auto_chartostring(False)
        path = prefix + v.name
        dt = "string" if v.dtype == str else np.dtype(v.dtype).name
        out.append("VAR %s %s %s %s" % (path, dt, ",".join(v.dimensions) or "-",
                                         ",".join(str(s) for s in v.shape) or "-"))
        for name in v.ncattrs():
            out.append(att_line(path, name, v.getncattr(name), None))
        if data:
            vals = np.asarray(v[...]).ravel()
            out.append("DATA %s %s" % (path, " ".join(fmt(x) for x in vals)))
    for sub in g.groups.values():
        walk(sub, prefix + sub.name + "/", out, data)


def main():
    ds = netCDF4.Dataset(sys.argv[1])
    out = ["FORMAT " + ds.data_model]
    walk(ds, "", out, len(sys.argv) < 3 or sys.argv[2] != "--no-data")
    print("\n".join(out))


main()
