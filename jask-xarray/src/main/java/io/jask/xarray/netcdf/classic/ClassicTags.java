package io.jask.xarray.netcdf.classic;

/** Constants of the classic format specification. */
final class ClassicTags {
  static final int NC_DIMENSION = 0x0A;
  static final int NC_VARIABLE = 0x0B;
  static final int NC_ATTRIBUTE = 0x0C;
  static final int ZERO = 0;
  /** {@code numrecs} of a file being streamed: the count is derived from the file's size. */
  static final long STREAMING_32 = 0xFFFFFFFFL;

  private ClassicTags() {}

  static long pad4(long n) {
    return (n + 3) & ~3L;
  }
}
