#!/usr/bin/python3
"""Reference results for jask-array, computed with NumPy.

Run with Debian's interpreter (python3-numpy) from the repository root:

    /usr/bin/python3 jask-array/src/test/python/make_fixtures.py

It writes jask-array/src/test/resources/io/jask/array/numpy-fixtures.txt, a line format that
NumpyFixturesTest reads:

    case <name> <op> [<param>...]
    input <dtype> <shape, comma separated or ()> <values...>
    expect <dtype> <shape> <values...>

Parameters are key=value; axes are comma separated ("-" for none). Floats are written with
repr() precision; NaN and infinities as NaN, Infinity, -Infinity.
"""
import os
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "io", "jask", "array", "numpy-fixtures.txt")
rng = np.random.default_rng(20261126)
lines = []


def fmt(v, dtype):
    if dtype.kind == "f":
        if np.isnan(v):
            return "NaN"
        if np.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return repr(float(v))
    if dtype.kind == "b":
        return "1" if v else "0"
    return str(int(v))


def arr(tag, a):
    a = np.asarray(a)
    shape = ",".join(str(s) for s in a.shape) if a.ndim else "()"
    vals = " ".join(fmt(v, a.dtype) for v in a.ravel())
    lines.append(f"{tag} {a.dtype.name} {shape} {vals}".rstrip())


def case(name, op, params, inputs, expected):
    lines.append(f"case {name} {op} {' '.join(params)}".rstrip())
    for a in inputs:
        arr("input", a)
    arr("expect", expected)


def sample(dtype, shape, nan=False):
    if dtype == "bool":
        return rng.random(shape) < 0.5
    if dtype in ("float64", "float32"):
        a = (rng.random(shape) * 20 - 10).astype(dtype)
        if nan:
            a[rng.random(shape) < 0.15] = np.nan
        return a
    info = np.iinfo(dtype)
    lo, hi = max(info.min, -50), min(info.max, 50)
    if dtype == "uint8":
        lo, hi = 0, 250
    return rng.integers(lo, hi, size=shape).astype(dtype)


DTYPES = ["float64", "float32", "int64", "int32", "int16", "int8", "uint8", "bool"]
BINARY = {
    "add": np.add, "multiply": np.multiply, "divide": np.true_divide, "maximum": np.maximum,
    "minimum": np.minimum, "less": np.less, "equal": np.equal, "greater_equal": np.greater_equal,
    "subtract": np.subtract, "floor_divide": np.floor_divide, "mod": np.mod, "logical_and": np.logical_and,
    "arctan2": np.arctan2, "fmax": np.fmax, "power": np.power, "bitwise_xor": np.bitwise_xor,
}

# Every dtype pair, broadcasting (3, 1, 4) against (5, 4): checks type promotion and broadcasting.
with np.errstate(all="ignore"):
    for i, da in enumerate(DTYPES):
        for db in DTYPES[i:]:
            a = sample(da, (3, 1, 4))
            b = sample(db, (5, 4))
            if db in ("int64", "int32", "int16", "int8", "uint8"):
                b = np.where(b == 0, 1, b).astype(db)
            for name in ["add", "multiply", "divide", "maximum", "less", "equal", "subtract", "floor_divide",
                         "mod", "logical_and", "fmax", "bitwise_xor"]:
                if name == "subtract" and da == db == "bool":
                    continue
                if name in ("floor_divide", "mod") and "bool" in (da, db):
                    continue
                if name == "bitwise_xor" and (np.dtype(da).kind == "f" or np.dtype(db).kind == "f"):
                    continue
                r = BINARY[name](a, b)
                if np.dtype(r.dtype).name == "float16":
                    continue
                case(f"{name}_{da}_{db}", "binary", [name], [a, b], r)
    x = sample("float64", (4, 5))
    y = np.abs(sample("float64", (5,))) + 0.5
    for name in ["power", "arctan2", "mod", "floor_divide", "minimum"]:
        case(f"{name}_float", "binary", [name], [x, y], BINARY[name](x, y))
    xi = sample("int64", (4, 5))
    yi = np.abs(sample("int64", (5,))) % 4
    case("power_int", "binary", ["power"], [xi, yi], np.power(xi, yi))

    # Unary functions.
    for dt in ["float64", "float32", "int32", "int64"]:
        a = sample(dt, (6, 7), nan=dt.startswith("float"))
        pos = np.abs(a)
        for name, fn, src in [("sqrt", np.sqrt, pos), ("exp", np.exp, a / 4), ("log1p", np.log1p, pos),
                              ("sin", np.sin, a), ("tanh", np.tanh, a), ("absolute", np.abs, a),
                              ("negative", np.negative, a), ("floor", np.floor, a), ("rint", np.rint, a),
                              ("isnan", np.isnan, a), ("isfinite", np.isfinite, a), ("square", np.square, a),
                              ("sign", np.sign, a)]:
            src = np.asarray(src).astype(dt) if name in ("absolute", "negative", "square", "sign") else np.asarray(src)
            r = fn(src)
            if r.dtype.name == "float16":
                continue
            case(f"{name}_{dt}", "unary", [name], [src], r)

    # Reductions along axes, with and without NaN.
    AXES = [None, (0,), (1,), (2,), (0, 2), (1, 2)]
    for dt in ["float64", "float32", "int32", "int16", "uint8", "bool"]:
        a = sample(dt, (4, 5, 6), nan=dt.startswith("float"))
        clean = np.where(np.isnan(a), 1.5, a).astype(dt) if dt.startswith("float") else a
        for axes in AXES:
            ax = "-" if axes is None else ",".join(map(str, axes))
            for name in ["sum", "prod", "mean", "var", "std", "min", "max", "any", "all"]:
                if dt == "bool" and name in ("var", "std"):
                    continue
                src = clean / 4 if (name == "prod" and dt.startswith("float")) else clean
                src = np.asarray(src).astype(dt) if dt != "bool" else src
                if name == "prod" and not dt.startswith("float"):
                    src = (np.abs(src.astype(np.int64)) % 3).astype(dt) if dt != "bool" else src
                r = getattr(np, name)(src, axis=axes)
                case(f"{name}_{dt}_{ax}", "reduce", [name, "axes=" + ax], [src], np.asarray(r))
            if dt.startswith("float"):
                for name in ["nansum", "nanmean", "nanvar", "nanstd", "nanmin", "nanmax"]:
                    r = getattr(np, name)(a, axis=axes)
                    case(f"{name}_{dt}_{ax}", "reduce", [name, "axes=" + ax], [a], np.asarray(r))
                r = np.sum(~np.isnan(a), axis=axes).astype(np.int64)
                case(f"count_{dt}_{ax}", "reduce", ["count", "axes=" + ax], [a], np.asarray(r))
        for axis in [None, 0, 1, 2]:
            ax = "-" if axis is None else str(axis)
            for name in ["argmin", "argmax"]:
                r = getattr(np, name)(clean, axis=axis)
                case(f"{name}_{dt}_{ax}", "reduce", [name, "axes=" + ax], [clean], np.asarray(r))
        if dt.startswith("float"):
            b = sample(dt, (4, 5, 6))
            b[0, 0, :3] = np.nan
            for name in ["nanargmin", "nanargmax"]:
                r = getattr(np, name)(b, axis=2)
                case(f"{name}_{dt}_2", "reduce", [name, "axes=2"], [b], np.asarray(r))
            r = np.argmax(a, axis=1)
            case(f"argmax_nan_{dt}_1", "reduce", ["argmax", "axes=1"], [a], np.asarray(r))
    a = sample("float64", (7, 9))
    case("var_ddof1", "reduce", ["var", "axes=0", "ddof=1"], [a], np.var(a, axis=0, ddof=1))
    case("std_ddof1", "reduce", ["std", "axes=-", "ddof=1"], [a], np.asarray(np.std(a, ddof=1)))

    # Slicing: start:stop:step per axis, or a single index.
    a = np.arange(7 * 8 * 9, dtype=np.int64).reshape(7, 8, 9)
    for spec in ["1:6:2,::-1", "-1", ":,3", "::3,1:8:3,::-2", "5:1:-1,:,7", "2:2", "-3:,-5:-1", "6::-2,0"]:
        idx = []
        for part in spec.split(","):
            if ":" in part:
                idx.append(slice(*[int(p) if p else None for p in part.split(":")]))
            else:
                idx.append(int(part))
        case("slice_" + spec.replace(":", "c").replace(",", "_").replace("-", "m"), "slice", [spec], [a], a[tuple(idx)])

    # Layout and linear algebra.
    a = sample("float64", (4, 5, 6))
    case("transpose_120", "transpose", ["axes=1,2,0"], [a], np.transpose(a, (1, 2, 0)))
    case("transpose_rev", "transpose", ["axes=-"], [a], a.T)
    for dt in ["float64", "int32", "uint8"]:
        s = sample(dt, (5, 7))
        for axis in [0, 1]:
            case(f"cumsum_{dt}_{axis}", "cumsum", [f"axis={axis}"], [s], np.cumsum(s, axis=axis))
    m = sample("float64", (6, 4))
    n = sample("float64", (4, 5))
    case("matmul", "matmul", [], [m, n], m @ n)
    t = sample("float64", (3, 4, 5))
    u = sample("float64", (5, 4, 2))
    case("tensordot", "tensordot", ["a=1,2", "b=1,0"], [t, u], np.tensordot(t, u, axes=((1, 2), (1, 0))))
    c = sample("bool", (4, 1))
    x = sample("int16", (4, 6))
    y = sample("float32", (6,))
    case("where", "where", [], [c, x, y], np.where(c, x, y))
    p = sample("float64", (3, 4))
    q = sample("int32", (2, 4))
    case("concatenate_0", "concatenate", ["axis=0"], [p, q], np.concatenate([p, q], axis=0))
    r = sample("float64", (3, 4))
    case("stack_1", "stack", ["axis=1"], [p, r], np.stack([p, r], axis=1))
    for dt in DTYPES:
        src = sample("float64", (3, 5)) * 30
        src[0, 0] = -0.5
        if dt == "uint8":
            src = np.abs(src)
        case(f"astype_{dt}", "astype", [dt], [src], src.astype(dt))

    # Reshapes that merge and split axes (including one that is no regrouping), on odd chunkings.
    for src_shape, dst in [((6, 5, 4), (30, 4)), ((6, 5, 4), (6, 20)), ((6, 5, 4), (120,)), ((6, 5, 4), (-1,)),
                           ((120,), (6, 5, 4)), ((6, 20), (6, 5, 4)), ((6, 20), (3, 2, 4, 5)),
                           ((1, 6, 1, 4), (24,)), ((24,), (1, 6, 1, 4)), ((6, 4), (4, 6)), ((6, 5, 4), (5, -1, 3)),
                           ((3, 5), (3, 5, 1))]:
        for dt in ["float64", "int32"]:
            src = sample(dt, src_shape)
            case(f"reshape_{dt}_{'x'.join(map(str, src_shape))}_to_{'x'.join(map(str, dst))}", "reshape",
                 ["shape=" + ",".join(map(str, dst))], [src], src.reshape(dst))

with open(OUT, "w") as f:
    f.write("# Generated by jask-array/src/test/python/make_fixtures.py with NumPy " + np.__version__ + "\n")
    f.write("\n".join(lines) + "\n")
print(f"wrote {len([l for l in lines if l.startswith('case')])} cases to {os.path.normpath(OUT)}")
