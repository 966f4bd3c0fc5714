package io.jask.array;

import static org.assertj.core.api.Assertions.assertThat;

import io.jask.core.scheduler.Schedulers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every operation against reference results computed by NumPy ({@code src/test/python/make_fixtures.py}),
 * once on whole NDArrays and once on chunked Arrays cut into blocks of 2 along every axis.
 */
class NumpyFixturesTest {
  record Case(String name, String op, List<String> params, List<NDArray> inputs, NDArray expected) {}

  static List<Case> load() throws IOException {
    List<Case> cases = new ArrayList<>();
    try (InputStream in = NumpyFixturesTest.class.getResourceAsStream("numpy-fixtures.txt");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String name = null;
      String op = null;
      List<String> params = null;
      List<NDArray> inputs = null;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.split(" ");
        switch (f[0]) {
          case "case" -> {
            name = f[1];
            op = f[2];
            params = Arrays.asList(f).subList(3, f.length);
            inputs = new ArrayList<>();
          }
          case "input" -> inputs.add(parse(f));
          case "expect" -> cases.add(new Case(name, op, params, inputs, parse(f)));
          default -> throw new IllegalStateException("unexpected fixture line: " + line);
        }
      }
    }
    return cases;
  }

  /** {@code tag dtype shape values…}; NumPy's uint64 (sums of uint8) is Jask's int64. */
  static NDArray parse(String[] f) {
    DType dtype = f[1].equals("uint64") ? DType.INT64 : DType.of(f[1]);
    int[] shape = f[2].equals("()") ? new int[0] : Arrays.stream(f[2].split(",")).mapToInt(Integer::parseInt).toArray();
    int n = NDArray.product(shape);
    double[] v = new double[n];
    long[] l = new long[n];
    for (int i = 0; i < n; i++) {
      if (dtype.isFloat()) {
        v[i] = Double.parseDouble(f[3 + i]);
      } else {
        l[i] = Long.parseLong(f[3 + i]);
      }
    }
    return dtype.isFloat() ? Convert.fromDoubles(v, shape, dtype) : Convert.fromLongs(l, shape, dtype);
  }

  static Map<String, String> keyed(List<String> params) {
    Map<String, String> m = new HashMap<>();
    for (String p : params) {
      int eq = p.indexOf('=');
      if (eq > 0) {
        m.put(p.substring(0, eq), p.substring(eq + 1));
      }
    }
    return m;
  }

  static int[] axes(String s) {
    return s == null || s.equals("-") ? new int[0] : Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  static Slice[] slices(String spec) {
    String[] parts = spec.split(",");
    Slice[] out = new Slice[parts.length];
    for (int d = 0; d < parts.length; d++) {
      String p = parts[d];
      if (!p.contains(":")) {
        out[d] = Slice.index(Long.parseLong(p));
        continue;
      }
      String[] b = p.split(":", -1);
      Long start = b[0].isEmpty() ? null : Long.parseLong(b[0]);
      Long stop = b[1].isEmpty() ? null : Long.parseLong(b[1]);
      long step = b.length > 2 && !b[2].isEmpty() ? Long.parseLong(b[2]) : 1;
      out[d] = new Slice.Range(start, stop, step);
    }
    return out;
  }

  static NDArray onBlocks(Case c) {
    List<NDArray> in = c.inputs();
    Map<String, String> kv = keyed(c.params());
    NDArray x = in.get(0);
    return switch (c.op()) {
      case "binary" -> x.apply(BinaryOp.valueOf(c.params().get(0).toUpperCase()), in.get(1));
      case "unary" -> x.apply(unary(c.params().get(0)));
      case "reduce" -> {
        ReduceOp op = ReduceOp.valueOf(c.params().get(0).toUpperCase());
        int ddof = Integer.parseInt(kv.getOrDefault("ddof", "0"));
        yield Reductions.reduce(op, x, axes(kv.get("axes")), false, ddof);
      }
      case "slice" -> x.slice(slices(c.params().get(0))).copy();
      case "transpose" -> kv.get("axes").equals("-") ? x.transpose() : x.transpose(axes(kv.get("axes")));
      case "cumsum" -> x.cumsum(Integer.parseInt(kv.get("axis")));
      case "matmul" -> x.matmul(in.get(1));
      case "tensordot" -> x.tensordot(in.get(1), axes(kv.get("a")), axes(kv.get("b")));
      case "where" -> NDArray.where(x, in.get(1), in.get(2));
      case "concatenate" -> NDArray.concatenate(in, Integer.parseInt(kv.get("axis")));
      case "stack" -> NDArray.stack(in, Integer.parseInt(kv.get("axis")));
      case "astype" -> x.astype(DType.of(c.params().get(0)));
      case "reshape" -> x.reshape(Arrays.stream(kv.get("shape").split(",")).mapToInt(Integer::parseInt).toArray());
      default -> throw new IllegalStateException("unknown fixture op " + c.op());
    };
  }

  static Array chunked(NDArray a) {
    return Array.fromNDArray(a, 2);
  }

  static Array onChunks(Case c) {
    List<Array> in = new ArrayList<>();
    for (NDArray a : c.inputs()) {
      in.add(chunked(a));
    }
    Map<String, String> kv = keyed(c.params());
    Array x = in.get(0);
    return switch (c.op()) {
      case "binary" -> x.apply(BinaryOp.valueOf(c.params().get(0).toUpperCase()), in.get(1));
      case "unary" -> x.apply(unary(c.params().get(0)));
      case "reduce" -> {
        ReduceOp op = ReduceOp.valueOf(c.params().get(0).toUpperCase());
        int ddof = Integer.parseInt(kv.getOrDefault("ddof", "0"));
        yield op.isMoment() ? TreeReduction.reduce(x, op, false, 3, ddof, axes(kv.get("axes")))
            : x.reduce(op, false, 3, axes(kv.get("axes")));
      }
      case "slice" -> x.slice(slices(c.params().get(0)));
      case "transpose" -> kv.get("axes").equals("-") ? x.transpose() : x.transpose(axes(kv.get("axes")));
      case "cumsum" -> x.cumsum(Integer.parseInt(kv.get("axis")));
      case "matmul" -> x.matmul(in.get(1));
      case "tensordot" -> x.tensordot(in.get(1), axes(kv.get("a")), axes(kv.get("b")));
      case "where" -> Array.where(x, in.get(1), in.get(2));
      case "concatenate" -> Array.concatenate(in, Integer.parseInt(kv.get("axis")));
      case "stack" -> Array.stack(in, Integer.parseInt(kv.get("axis")));
      case "astype" -> x.astype(DType.of(c.params().get(0)));
      case "reshape" -> x.reshape(Arrays.stream(kv.get("shape").split(",")).mapToLong(Long::parseLong).toArray());
      default -> throw new IllegalStateException("unknown fixture op " + c.op());
    };
  }

  static UnaryOp unary(String numpyName) {
    for (UnaryOp op : UnaryOp.values()) {
      if (op.numpyName().equals(numpyName)) {
        return op;
      }
    }
    throw new IllegalArgumentException(numpyName);
  }

  static void assertMatches(String what, NDArray actual, NDArray expected) {
    assertThat(actual.dtype()).as("%s dtype", what).isEqualTo(expected.dtype());
    assertThat(actual.shape()).as("%s shape", what).containsExactly(expected.shape());
    if (expected.dtype().isFloat()) {
      double[] a = actual.toDoubleArray();
      double[] e = expected.toDoubleArray();
      double rel = expected.dtype() == DType.FLOAT32 ? 2e-6 : 1e-11;
      for (int i = 0; i < e.length; i++) {
        if (Double.isNaN(e[i]) || Double.isInfinite(e[i])) {
          assertThat(Double.valueOf(a[i])).as("%s element %d", what, i).isEqualTo(Double.valueOf(e[i]));
        } else {
          double tol = rel * Math.max(1, Math.abs(e[i]));
          assertThat(Math.abs(a[i] - e[i])).as("%s element %d: %s vs %s", what, i, a[i], e[i]).isLessThanOrEqualTo(tol);
        }
      }
    } else {
      assertThat(actual.toLongArray()).as(what).containsExactly(expected.toLongArray());
    }
  }

  @Test
  void everyFixtureOnWholeArraysAndOnChunks() throws IOException {
    List<Case> cases = load();
    assertThat(cases).hasSizeGreaterThan(900);
    List<String> failures = new ArrayList<>();
    for (Case c : cases) {
      try {
        assertMatches(c.name() + " (NDArray)", onBlocks(c), c.expected());
        Array chunked = onChunks(c);
        assertThat(chunked.dtype()).as("%s chunked dtype", c.name()).isEqualTo(c.expected().dtype());
        assertMatches(c.name() + " (Array)", chunked.compute(Schedulers.sync()), c.expected());
      } catch (AssertionError | RuntimeException e) {
        failures.add(c.name() + ": " + e.getMessage().replace('\n', ' '));
      }
    }
    assertThat(failures).as("%d of %d fixtures differ from NumPy", failures.size(), cases.size()).isEmpty();
  }
}
