package io.jask.xarray.netcdf;

import java.nio.file.Path;
import java.util.List;

/**
 * The metadata of several files that together hold one data set, concatenated along one
 * dimension, checked to agree: every file has the same variables, types and dimensions, and the
 * same lengths of every dimension but the concatenated one.
 *
 * @param concatDimension the dimension the files are joined along
 * @param files the files in order, with where each starts along that dimension
 * @param length the total length along that dimension
 */
public record FileSet(String concatDimension, List<Member> files, long length) {

  /**
   * One file of the set.
   *
   * @param path the file
   * @param format its format
   * @param root its root group's metadata
   * @param offset where the file's first element lies along the concatenated dimension
   * @param length how many elements it holds along it
   */
  public record Member(Path path, NetcdfFormat format, Group root, long offset, long length) {}

  public FileSet {
    files = List.copyOf(files);
  }

  /** The first file's metadata: every file agrees with it but for the concatenated length. */
  public Group template() {
    return files.get(0).root();
  }

  /** The file holding element {@code index} along the concatenated dimension. */
  public Member memberAt(long index) {
    if (index < 0 || index >= length) {
      throw new IndexOutOfBoundsException(concatDimension + " index " + index + " outside 0.." + length);
    }
    int lo = 0;
    int hi = files.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (files.get(mid).offset() <= index) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return files.get(lo);
  }
}
