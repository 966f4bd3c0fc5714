package io.jask.array;

/**
 * The reductions of an array over some of its axes. The {@code NAN} variants skip NaN, as NumPy's
 * {@code nansum} and friends; {@link #COUNT} counts the elements that are not NaN (xarray's {@code
 * count}).
 */
public enum ReduceOp {
  SUM("sum"),
  PROD("prod"),
  MIN("min"),
  MAX("max"),
  MEAN("mean"),
  VAR("var"),
  STD("std"),
  ANY("any"),
  ALL("all"),
  COUNT("count"),
  ARGMIN("argmin"),
  ARGMAX("argmax"),
  NANSUM("nansum"),
  NANPROD("nanprod"),
  NANMIN("nanmin"),
  NANMAX("nanmax"),
  NANMEAN("nanmean"),
  NANVAR("nanvar"),
  NANSTD("nanstd"),
  NANARGMIN("nanargmin"),
  NANARGMAX("nanargmax");

  private final String numpyName;

  ReduceOp(String numpyName) {
    this.numpyName = numpyName;
  }

  /** NumPy's name of the reduction, which also names the tasks that run it. */
  public String numpyName() {
    return numpyName;
  }

  /** Whether NaN elements are skipped. */
  public boolean skipsNaN() {
    return name().startsWith("NAN") || this == COUNT;
  }

  /** Whether the result is a position (argmin, argmax and their NaN-skipping variants). */
  public boolean isArg() {
    return this == ARGMIN || this == ARGMAX || this == NANARGMIN || this == NANARGMAX;
  }

  /** Whether this is a variance or a standard deviation. */
  boolean isMoment() {
    return this == VAR || this == STD || this == NANVAR || this == NANSTD;
  }

  boolean isMean() {
    return this == MEAN || this == NANMEAN;
  }

  /** The dtype of this reduction of an array of {@code t}. */
  public DType resultType(DType t) {
    return switch (this) {
      case SUM, PROD, NANSUM, NANPROD -> t.sumResult();
      case MIN, MAX, NANMIN, NANMAX -> t;
      case MEAN, NANMEAN, VAR, STD, NANVAR, NANSTD -> t.isFloat() ? t : DType.FLOAT64;
      case ANY, ALL -> DType.BOOL;
      case COUNT, ARGMIN, ARGMAX, NANARGMIN, NANARGMAX -> DType.INT64;
    };
  }
}
