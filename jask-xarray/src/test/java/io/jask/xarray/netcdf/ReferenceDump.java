package io.jask.xarray.netcdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A file as netCDF4-python reads it (from {@code dump.py}): the independent reference Jask's
 * readers are checked against.
 */
final class ReferenceDump {
  record Var(String path, String dtype, List<String> dims, long[] shape, Map<String, String[]> attrs, String[] data) {}

  String format;
  final List<String[]> dims = new ArrayList<>();
  final Map<String, String[]> globalAttrs = new LinkedHashMap<>();
  final Map<String, Var> vars = new LinkedHashMap<>();

  static ReferenceDump of(Path file) throws IOException {
    ReferenceDump d = new ReferenceDump();
    String out = NcTools.pythonResource("dump.py", file.toString());
    for (String line : out.split("\n")) {
      String[] f = line.split(" ", 5);
      switch (f[0]) {
        case "FORMAT" -> d.format = f[1];
        case "DIM" -> d.dims.add(new String[] {f[1], f[2], f[3]});
        case "VAR" -> d.vars.put(f[1], new Var(f[1], f[2], f[3].equals("-") ? List.of() : List.of(f[3].split(",")),
            f[4].equals("-") ? new long[0] : Arrays.stream(f[4].split(",")).mapToLong(Long::parseLong).toArray(),
            new LinkedHashMap<>(), new String[0]));
        case "ATT" -> {
          String[] g = line.split(" ", 5);
          String[] value = new String[] {g[3], g[4]};
          if (g[1].equals("/")) {
            d.globalAttrs.put(g[2], value);
          } else {
            d.vars.get(g[1]).attrs().put(g[2], value);
          }
        }
        case "DATA" -> {
          String[] g = line.split(" ", 3);
          Var v = d.vars.get(g[1]);
          String[] values = g.length < 3 ? new String[0] : splitValues(g[2]);
          d.vars.put(g[1], new Var(v.path(), v.dtype(), v.dims(), v.shape(), v.attrs(), values));
        }
        default -> throw new IllegalStateException("unexpected line from dump.py: " + line);
      }
    }
    return d;
  }

  private static String[] splitValues(String s) {
    if (!s.contains("\"")) {
      return s.split(" ");
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      if (s.charAt(i) == 'S') {
        int j = i + 2;
        while (s.charAt(j) != '"') {
          j += s.charAt(j) == '\\' ? 2 : 1;
        }
        out.add(s.substring(i, j + 1));
        i = j + 2;
      } else {
        int j = s.indexOf(' ', i);
        j = j < 0 ? s.length() : j;
        out.add(s.substring(i, j));
        i = j + 1;
      }
    }
    return out.toArray(String[]::new);
  }

  static double number(String s) {
    return switch (s) {
      case "nan" -> Double.NaN;
      case "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(s);
    };
  }

  static String text(String s) {
    String body = s.substring(2, s.length() - 1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\') {
        char n = body.charAt(++i);
        switch (n) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'u' -> {
            sb.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
            i += 4;
          }
          default -> sb.append(n);
        }
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  static String numpyName(DType t) {
    return switch (t) {
      case BYTE -> "int8";
      case UBYTE -> "uint8";
      case SHORT -> "int16";
      case USHORT -> "uint16";
      case INT -> "int32";
      case UINT -> "uint32";
      case INT64 -> "int64";
      case UINT64 -> "uint64";
      case FLOAT -> "float32";
      case DOUBLE -> "float64";
      case CHAR -> "bytes8";
      case STRING -> "string";
    };
  }

  /** Checks every variable's metadata and values, and a few seeded random slabs of each. */
  void assertMatches(NetcdfFile f, long seed) {
    List<Variable> all = f.allVariables();
    assertThat(all.stream().map(Variable::path).toList()).containsExactlyInAnyOrderElementsOf(vars.keySet());
    for (String[] d : dims) {
      String path = d[0];
      Group g = f.root();
      String[] parts = path.split("/");
      for (int i = 0; i < parts.length - 1; i++) {
        g = g.group(parts[i]).orElseThrow();
      }
      Dimension dim = g.dimension(parts[parts.length - 1]).orElseThrow(() -> new AssertionError("no dimension " + path));
      assertThat(dim.length()).as("length of %s", path).isEqualTo(Long.parseLong(d[1]));
      assertThat(dim.unlimited()).as("unlimited %s", path).isEqualTo(d[2].equals("1"));
    }
    assertAttributes("global", f.attributes(), globalAttrs);
    Random random = new Random(seed);
    for (Var ref : vars.values()) {
      Variable v = f.variable(ref.path());
      assertThat(v.dims()).as("dims of %s", ref.path()).isEqualTo(ref.dims());
      assertThat(v.shape()).as("shape of %s", ref.path()).isEqualTo(ref.shape());
      if (v.dtype() != DType.CHAR) {
        assertThat(numpyName(v.dtype())).as("dtype of %s", ref.path()).isEqualTo(ref.dtype());
      }
      assertAttributes(ref.path(), v.attributes(), ref.attrs());
      assertThat((long) ref.data().length).as("reference values of %s", ref.path())
          .isEqualTo(Arrays.stream(ref.shape()).reduce(1, (a, b) -> a * b));
      Slab whole = f.read(ref.path());
      assertThat(whole.shape()).isEqualTo(Arrays.stream(ref.shape()).mapToInt(x -> (int) x).toArray());
      assertValues(ref, whole, new long[ref.shape().length], whole.shape());
      for (int k = 0; k < 5 && whole.size() > 0; k++) {
        long[] start = new long[v.rank()];
        int[] count = new int[v.rank()];
        for (int i = 0; i < v.rank(); i++) {
          int n = (int) ref.shape()[i];
          if (n == 0) {
            count[i] = 0;
            continue;
          }
          start[i] = random.nextInt(n);
          count[i] = 1 + random.nextInt((int) (n - start[i]));
        }
        assertValues(ref, f.read(v, start, count), start, count);
      }
    }
  }

  private static void assertValues(Var ref, Slab slab, long[] start, int[] count) {
    int rank = count.length;
    int[] idx = new int[rank];
    for (int k = 0; k < slab.size(); k++) {
      long src = 0;
      for (int i = 0; i < rank; i++) {
        src = src * ref.shape()[i] + start[i] + idx[i];
      }
      String expected = ref.data()[(int) src];
      String where = ref.path() + " at " + Arrays.toString(idx) + " of slab " + Arrays.toString(start) + "+"
          + Arrays.toString(count);
      if (slab.dtype() == DType.STRING) {
        assertThat(slab.strings()[k]).as(where).isEqualTo(text(expected));
      } else if (slab.dtype() == DType.CHAR) {
        String t = text(expected);
        byte actual = slab.bytes()[k];
        byte want = t.isEmpty() ? 0 : t.getBytes(StandardCharsets.ISO_8859_1)[0];
        assertThat(actual).as(where).isEqualTo(want);
      } else if (slab.dtype() == DType.UINT64 || slab.dtype() == DType.INT64) {
        long bits = slab.getLong(k);
        assertThat(slab.dtype() == DType.INT64 ? Long.toString(bits) : Long.toUnsignedString(bits)).as(where)
            .isEqualTo(expected);
      } else {
        assertThat(slab.getDouble(k)).as(where).isEqualTo(number(expected));
      }
      for (int i = rank - 1; i >= 0 && ++idx[i] == count[i]; i--) {
        idx[i] = 0;
      }
    }
  }

  private static void assertAttributes(String owner, Attributes actual, Map<String, String[]> expected) {
    assertThat(actual.asList().stream().map(Attribute::name).toList()).as("attributes of %s", owner)
        .containsExactlyInAnyOrderElementsOf(expected.keySet());
    for (var e : expected.entrySet()) {
      Attribute a = actual.get(e.getKey()).orElseThrow();
      String[] ref = e.getValue();
      if (ref[0].equals("text")) {
        assertThat(a.text()).as("%s:%s", owner, e.getKey()).isEqualTo(text(ref[1]));
      } else {
        assertThat(numpyName(a.dtype())).as("type of %s:%s", owner, e.getKey()).isEqualTo(ref[0]);
        double[] want = Arrays.stream(ref[1].split(" ")).mapToDouble(ReferenceDump::number).toArray();
        assertThat(a.numbers()).as("%s:%s", owner, e.getKey()).containsExactly(want);
      }
    }
  }
}
