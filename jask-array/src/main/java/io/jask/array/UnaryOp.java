package io.jask.array;

/** The elementwise functions of one array, as NumPy's unary ufuncs. */
public enum UnaryOp {
  NEGATIVE("negative"),
  ABS("absolute"),
  SQUARE("square"),
  SIGN("sign"),
  SQRT("sqrt"),
  EXP("exp"),
  EXPM1("expm1"),
  LOG("log"),
  LOG2("log2"),
  LOG10("log10"),
  LOG1P("log1p"),
  SIN("sin"),
  COS("cos"),
  TAN("tan"),
  ARCSIN("arcsin"),
  ARCCOS("arccos"),
  ARCTAN("arctan"),
  SINH("sinh"),
  COSH("cosh"),
  TANH("tanh"),
  FLOOR("floor"),
  CEIL("ceil"),
  RINT("rint"),
  TRUNC("trunc"),
  ISNAN("isnan"),
  ISINF("isinf"),
  ISFINITE("isfinite"),
  LOGICAL_NOT("logical_not"),
  INVERT("invert");

  private final String numpyName;

  UnaryOp(String numpyName) {
    this.numpyName = numpyName;
  }

  /** NumPy's name of the ufunc, which also names the tasks that run it. */
  public String numpyName() {
    return numpyName;
  }

  /** Whether the result keeps integer inputs integer (computed on longs). */
  boolean keepsIntegers() {
    return this == NEGATIVE || this == ABS || this == SQUARE || this == SIGN || this == INVERT;
  }

  boolean isPredicate() {
    return this == ISNAN || this == ISINF || this == ISFINITE || this == LOGICAL_NOT;
  }

  /**
   * The dtype of this function of an array of {@code t}. Floating-point functions of int8, uint8,
   * int16 and bool give float32 (NumPy gives float16 for some of them, which Jask does not have).
   *
   * @throws IllegalArgumentException naming the function and dtype when NumPy has no loop for it
   */
  public DType resultType(DType t) {
    if (isPredicate()) {
      return DType.BOOL;
    }
    if (this == INVERT) {
      if (t.isFloat()) {
        throw new IllegalArgumentException("invert is not supported for dtype " + t + ": it needs integers or bools");
      }
      return t;
    }
    if (keepsIntegers()) {
      if (t == DType.BOOL && (this == NEGATIVE || this == SIGN)) {
        throw new IllegalArgumentException(numpyName + " is not supported for dtype bool: use logical_not");
      }
      return t;
    }
    return t.isFloat() ? t : t.floatResult();
  }
}
