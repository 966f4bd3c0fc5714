package io.jask.xarray;

import io.jask.array.Array;
import io.jask.xarray.netcdf.Attribute;
import io.jask.xarray.netcdf.Attributes;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The text forms of data arrays and data sets, laid out as xarray prints them. */
final class Repr {
  private Repr() {}

  static String array(Array a) {
    int[] cs = new int[a.ndim()];
    for (int d = 0; d < cs.length; d++) {
      int[] sizes = a.chunks().sizes(d);
      cs[d] = sizes.length == 0 ? 0 : sizes[0];
    }
    int blocks = 1;
    for (int n : a.numBlocks()) {
      blocks *= n;
    }
    return "jask.Array<shape=" + tuple(a.shape()) + ", dtype=" + a.dtype().numpyName() + ", chunksize=" + tuple(cs)
        + ", chunks=" + blocks + ">";
  }

  static String tuple(long[] v) {
    String s = Arrays.toString(v);
    return "(" + s.substring(1, s.length() - 1) + (v.length == 1 ? ",)" : ")");
  }

  static String tuple(int[] v) {
    String s = Arrays.toString(v);
    return "(" + s.substring(1, s.length() - 1) + (v.length == 1 ? ",)" : ")");
  }

  static void coords(StringBuilder sb, Map<String, Coordinate> coords, List<String> dims) {
    if (coords.isEmpty()) {
      return;
    }
    sb.append("Coordinates:\n");
    for (Coordinate c : coords.values()) {
      sb.append(c.name().equals(c.dim()) ? "  * " : "    ").append(pad(c.name(), 9)).append(" (").append(c.dim())
          .append(") ").append(kind(c)).append(' ').append(preview(c)).append('\n');
    }
  }

  static String kind(Coordinate c) {
    if (c.isTime()) {
      return "cftime[" + ((io.jask.xarray.cf.CfTime) c.label(0)).calendar().cfName() + "]";
    }
    if (c.isNumeric()) {
      return c.label(0) instanceof Long ? "int64" : "float64";
    }
    return "object";
  }

  static String preview(Coordinate c) {
    int n = c.size();
    if (n == 0) {
      return "";
    }
    if (n <= 6) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < n; i++) {
        sb.append(i == 0 ? "" : " ").append(c.label(i));
      }
      return sb.toString();
    }
    return c.label(0) + " " + c.label(1) + " " + c.label(2) + " ... " + c.label(n - 2) + " " + c.label(n - 1);
  }

  static void attrs(StringBuilder sb, Attributes attrs) {
    if (attrs.isEmpty()) {
      return;
    }
    sb.append("Attributes:\n");
    for (Attribute a : attrs) {
      sb.append("    ").append(pad(a.name() + ":", 12)).append(' ').append(value(a)).append('\n');
    }
  }

  static String value(Attribute a) {
    if (a.isText()) {
      return a.text();
    }
    double[] v = a.numbers();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v.length; i++) {
      sb.append(i == 0 ? "" : " ").append(v[i] == Math.rint(v[i]) && Math.abs(v[i]) < 1e15 ? String.valueOf((long) v[i]) : String.valueOf(v[i]));
    }
    return v.length == 1 ? sb.toString() : "[" + sb + "]";
  }

  static String pad(String s, int n) {
    return s.length() >= n ? s : s + " ".repeat(n - s.length());
  }
}
