package io.jask.xarray;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * xarray's default join for arithmetic, {@code join="inner"}: along every dimension both arrays
 * label with an index coordinate, both are cut to the labels they have in common, in the order
 * of the first array's labels. Where the labels are already equal (the usual case) nothing is
 * cut and nothing is added to the graph.
 */
final class InnerJoin {
  private InnerJoin() {}

  /** The two arrays, each cut to the shared labels. */
  record Pair(DataArray left, DataArray right) {}

  static Pair align(DataArray a, DataArray b) {
    DataArray left = a;
    DataArray right = b;
    for (String dim : a.dims()) {
      if (!b.dims().contains(dim)) {
        continue;
      }
      Coordinate ca = index(a, dim);
      Coordinate cb = index(b, dim);
      if (ca == null || cb == null || ca.labels().equals(cb.labels())) {
        continue;
      }
      Map<Object, Integer> inRight = new HashMap<>();
      for (int i = 0; i < cb.size(); i++) {
        inRight.putIfAbsent(key(cb.label(i)), i);
      }
      List<Integer> keepLeft = new ArrayList<>();
      List<Integer> keepRight = new ArrayList<>();
      for (int i = 0; i < ca.size(); i++) {
        Integer j = inRight.get(key(ca.label(i)));
        if (j != null) {
          keepLeft.add(i);
          keepRight.add(j);
        }
      }
      left = left.take(dim, keepLeft.stream().mapToInt(Integer::intValue).toArray());
      right = right.take(dim, keepRight.stream().mapToInt(Integer::intValue).toArray());
    }
    return new Pair(left, right);
  }

  /** The index coordinate of {@code dim} (the coordinate named after it), or null. */
  private static Coordinate index(DataArray x, String dim) {
    Coordinate c = x.coords().get(dim);
    return c != null && c.dim().equals(dim) ? c : null;
  }

  /** Numbers compare by value whatever their type (10 and 10.0 are one label), as pandas' indexes do. */
  private static Object key(Object label) {
    return label instanceof Number n ? (Object) Double.valueOf(n.doubleValue()) : label;
  }
}
