package io.jask.xarray;

import io.jask.array.NDArray;
import io.jask.xarray.cf.CfTime;
import io.jask.xarray.netcdf.Attributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A one-dimensional coordinate, held in memory as xarray holds its indexes: numbers, decoded CF
 * times, or text labels (a season, say).
 *
 * @param name the coordinate's name (an index coordinate is named after its dimension)
 * @param dim the dimension it labels
 * @param labels the label of each position: {@link Double}, {@link Long}, {@link CfTime} or {@link String}
 * @param attrs its attributes
 * @param encoding how it was stored: the CF time {@code units} and {@code calendar} of a decoded time
 */
public record Coordinate(String name, String dim, List<Object> labels, Attributes attrs, Attributes encoding)
    {

  public Coordinate {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dim, "dim");
    labels = List.copyOf(labels);
    Objects.requireNonNull(attrs, "attrs");
    Objects.requireNonNull(encoding, "encoding");
  }

  /** A numeric coordinate from the values of a one-dimensional array. */
  public static Coordinate numeric(String name, String dim, NDArray values, Attributes attrs) {
    List<Object> l = new ArrayList<>(values.size());
    boolean integral = values.dtype() != io.jask.array.DType.FLOAT32 && values.dtype() != io.jask.array.DType.FLOAT64;
    NDArray flat = values.reshape(values.size());
    for (int i = 0; i < values.size(); i++) {
      l.add(integral ? (Object) flat.getLong(i) : (Object) flat.getDouble(i));
    }
    return new Coordinate(name, dim, l, attrs, Attributes.empty());
  }

  /** A time coordinate, with the units and calendar it was stored in (or is to be written in). */
  public static Coordinate times(String name, String dim, CfTime[] times, Attributes attrs, Attributes encoding) {
    return new Coordinate(name, dim, Arrays.asList((Object[]) times), attrs, encoding);
  }

  public int size() {
    return labels.size();
  }

  public Object label(int i) {
    return labels.get(i);
  }

  /** Whether the labels are CF times. */
  public boolean isTime() {
    return !labels.isEmpty() && labels.get(0) instanceof CfTime;
  }

  /** Whether the labels are numbers. */
  public boolean isNumeric() {
    return !labels.isEmpty() && labels.get(0) instanceof Number;
  }

  /** The labels as doubles (times as microseconds since their calendar's day 0). */
  public double[] values() {
    double[] v = new double[labels.size()];
    for (int i = 0; i < v.length; i++) {
      Object o = labels.get(i);
      if (o instanceof Number n) {
        v[i] = n.doubleValue();
      } else if (o instanceof CfTime t) {
        v[i] = t.epochMicros();
      } else {
        throw new XarrayException("coordinate '" + name + "' holds text labels, not numbers");
      }
    }
    return v;
  }

  /** The labels as times. */
  public CfTime[] times() {
    if (!isTime()) {
      throw new XarrayException("coordinate '" + name + "' does not hold times");
    }
    return labels.toArray(CfTime[]::new);
  }

  /** The positions {@code start .. stop} (step {@code step}). */
  public Coordinate range(int start, int stop, int step) {
    List<Object> l = new ArrayList<>();
    for (int i = start; i < stop; i += step) {
      l.add(labels.get(i));
    }
    return new Coordinate(name, dim, l, attrs, encoding);
  }

  /** The labels at {@code positions}. */
  public Coordinate at(int[] positions) {
    List<Object> l = new ArrayList<>();
    for (int p : positions) {
      l.add(labels.get(p));
    }
    return new Coordinate(name, dim, l, attrs, encoding);
  }

  /** The same labels along another dimension (and under that name). */
  public Coordinate renamed(String newName, String newDim) {
    return new Coordinate(newName, newDim, labels, attrs, encoding);
  }

  /** The position of {@code label} (a number, a time, a text label or a time written as text), exactly. */
  public int indexOf(Object label) {
    Object want = normalise(label);
    for (int i = 0; i < labels.size(); i++) {
      if (sameLabel(labels.get(i), want)) {
        return i;
      }
    }
    throw new XarrayException("coordinate '" + name + "' has no label " + label + "; it holds " + size()
        + " labels from " + (labels.isEmpty() ? "-" : labels.get(0) + " to " + labels.get(size() - 1)));
  }

  /** The position whose label is nearest to {@code label}. */
  public int nearest(Object label) {
    double want = numericValue(normalise(label));
    double[] v = values();
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (Math.abs(v[i] - want) < Math.abs(v[best] - want)) {
        best = i;
      }
    }
    return best;
  }

  /**
   * The positions {@code [start, stop)} whose labels lie between {@code lo} and {@code hi}
   * inclusive, as xarray's {@code slice(lo, hi)} on a sorted (ascending or descending) index.
   */
  public int[] between(Object lo, Object hi) {
    double[] v = values();
    boolean descending = v.length > 1 && v[0] > v[v.length - 1];
    double a = lo == null ? (descending ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY) : numericValue(normalise(lo));
    double b = hi == null ? (descending ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY) : numericValue(normalise(hi));
    int start = -1;
    int stop = -1;
    for (int i = 0; i < v.length; i++) {
      boolean in = descending ? v[i] <= a && v[i] >= b : v[i] >= a && v[i] <= b;
      if (in && start < 0) {
        start = i;
      }
      if (in) {
        stop = i + 1;
      }
    }
    return start < 0 ? new int[] {0, 0} : new int[] {start, stop};
  }

  private Object normalise(Object label) {
    if (label instanceof String s && isTime()) {
      return parseTime(s, ((CfTime) labels.get(0)).calendar());
    }
    return label;
  }

  private static io.jask.xarray.cf.CfTime parseTime(String s, io.jask.xarray.cf.CfCalendar cal) {
    String[] dt = s.trim().split("[ T]");
    String[] ymd = dt[0].split("-");
    try {
      int y = Integer.parseInt(ymd[0]);
      int m = ymd.length > 1 ? Integer.parseInt(ymd[1]) : 1;
      int d = ymd.length > 2 ? Integer.parseInt(ymd[2]) : 1;
      int hh = 0;
      int mm = 0;
      int ss = 0;
      if (dt.length > 1) {
        String[] hms = dt[1].split(":");
        hh = Integer.parseInt(hms[0]);
        mm = hms.length > 1 ? Integer.parseInt(hms[1]) : 0;
        ss = hms.length > 2 ? (int) Double.parseDouble(hms[2]) : 0;
      }
      return CfTime.of(cal, y, m, d, hh, mm, ss);
    } catch (NumberFormatException e) {
      throw new XarrayException("cannot read '" + s + "' as a time (want YYYY-MM-DD[ hh:mm:ss])");
    }
  }

  private double numericValue(Object o) {
    if (o instanceof Number n) {
      return n.doubleValue();
    }
    if (o instanceof CfTime t) {
      return t.epochMicros();
    }
    throw new XarrayException("coordinate '" + name + "': cannot compare label " + o + " numerically");
  }

  private static boolean sameLabel(Object have, Object want) {
    if (have instanceof Number a && want instanceof Number b) {
      return a.doubleValue() == b.doubleValue();
    }
    return have.equals(want);
  }
}
