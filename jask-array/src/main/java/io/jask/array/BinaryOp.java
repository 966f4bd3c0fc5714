package io.jask.array;

/** The elementwise operations on two arrays, as NumPy's binary ufuncs. */
public enum BinaryOp {
  ADD("add"),
  SUBTRACT("subtract"),
  MULTIPLY("multiply"),
  /** True division: integers give float64. */
  DIVIDE("divide"),
  FLOOR_DIVIDE("floor_divide"),
  /** The remainder with the sign of the divisor, as Python's {@code %}. */
  MOD("mod"),
  POWER("power"),
  /** The larger; NaN if either is NaN. */
  MAXIMUM("maximum"),
  /** The smaller; NaN if either is NaN. */
  MINIMUM("minimum"),
  /** The larger, ignoring a NaN. */
  FMAX("fmax"),
  /** The smaller, ignoring a NaN. */
  FMIN("fmin"),
  ARCTAN2("arctan2"),
  HYPOT("hypot"),
  EQUAL("equal"),
  NOT_EQUAL("not_equal"),
  LESS("less"),
  LESS_EQUAL("less_equal"),
  GREATER("greater"),
  GREATER_EQUAL("greater_equal"),
  LOGICAL_AND("logical_and"),
  LOGICAL_OR("logical_or"),
  LOGICAL_XOR("logical_xor"),
  BITWISE_AND("bitwise_and"),
  BITWISE_OR("bitwise_or"),
  BITWISE_XOR("bitwise_xor");

  private final String numpyName;

  BinaryOp(String numpyName) {
    this.numpyName = numpyName;
  }

  /** NumPy's name of the ufunc, which also names the tasks that run it. */
  public String numpyName() {
    return numpyName;
  }

  boolean isComparison() {
    return ordinal() >= EQUAL.ordinal() && ordinal() <= GREATER_EQUAL.ordinal();
  }

  boolean isLogical() {
    return this == LOGICAL_AND || this == LOGICAL_OR || this == LOGICAL_XOR;
  }

  boolean isBitwise() {
    return this == BITWISE_AND || this == BITWISE_OR || this == BITWISE_XOR;
  }

  /**
   * The dtype of this operation on {@code a} and {@code b}, by NumPy's rules.
   *
   * @throws IllegalArgumentException naming the operation and both dtypes when NumPy has no loop for them
   */
  public DType resultType(DType a, DType b) {
    DType p = DType.promote(a, b);
    if (isComparison() || isLogical()) {
      return DType.BOOL;
    }
    if (isBitwise()) {
      if (p.isFloat()) {
        throw unsupported(a, b, "it needs integers or bools");
      }
      return p;
    }
    return switch (this) {
      case DIVIDE -> p.isFloat() ? p : DType.FLOAT64;
      case ARCTAN2, HYPOT -> p.isFloat() ? p : p.floatResult();
      case SUBTRACT -> {
        if (p == DType.BOOL) {
          throw unsupported(a, b, "use logical_xor for bools");
        }
        yield p;
      }
      case POWER, FLOOR_DIVIDE, MOD -> p == DType.BOOL ? DType.INT8 : p;
      default -> p;
    };
  }

  private IllegalArgumentException unsupported(DType a, DType b, String hint) {
    return new IllegalArgumentException(numpyName + " is not supported for dtypes " + a + " and " + b + ": " + hint);
  }
}
