package io.jask.xarray.netcdf.hdf5;

import io.jask.xarray.netcdf.ChunkValues;
import io.jask.xarray.netcdf.ContiguousReader;
import io.jask.xarray.netcdf.DType;
import io.jask.xarray.netcdf.Decode;
import io.jask.xarray.netcdf.FillValues;
import io.jask.xarray.netcdf.Filter;
import io.jask.xarray.netcdf.Group;
import io.jask.xarray.netcdf.Hyperslabs;
import io.jask.xarray.netcdf.NetcdfException;
import io.jask.xarray.netcdf.NetcdfFile;
import io.jask.xarray.netcdf.NetcdfFormat;
import io.jask.xarray.netcdf.PositionalFile;
import io.jask.xarray.netcdf.Slab;
import io.jask.xarray.netcdf.Variable;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.exceptions.HdfException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A NetCDF-4 (HDF5) file open for reading. Metadata comes from jhdf ({@link Hdf5Structure});
 * data is read by Jask:
 *
 * <ul>
 *   <li>chunked variables chunk by chunk: jhdf hands over the chunk's stored bytes, {@link
 *       ChunkDecoder} inflates and unshuffles them into per-thread buffers reused from chunk to
 *       chunk, and the part inside the requested slab is decoded into the slab's array. A slab
 *       that is exactly one chunk costs one read, one inflate and one bulk copy;
 *   <li>contiguous variables by positional reads of the file, as classic files are read;
 *   <li>compact and string variables, which are small, through jhdf.
 * </ul>
 *
 * <p>jhdf reads with positional reads of one {@code FileChannel} and builds its chunk index
 * lazily under a thread-safe initializer, so parallel reads of one open file are safe and do run
 * in parallel (the inflating, the bulk of the work, happens in each reader's own buffers). A
 * reader interrupted inside a read closes that channel for all; the file is then reopened for the
 * other readers.
 */
public final class Hdf5File implements NetcdfFile {
  private final Path path;
  private final PositionalFile raw;
  /** jhdf's view of the file; replaced when an interrupted reader closed its channel. */
  private volatile Jhdf jhdf;
  private volatile boolean closed;

  private record Jhdf(HdfFile hdf, Hdf5Structure structure) {}

  private Hdf5File(Path path, HdfFile hdf, PositionalFile raw, Hdf5Structure structure) {
    this.path = path;
    this.raw = raw;
    this.jhdf = new Jhdf(hdf, structure);
  }

  /**
   * Opens {@code path} and reads its metadata.
   *
   * @throws NetcdfException when the file is missing, not HDF5, truncated or corrupt
   */
  public static Hdf5File open(Path path) {
    PositionalFile raw = PositionalFile.open(path);
    HdfFile hdf = null;
    try {
      hdf = new HdfFile(path);
      long eof = hdf.getHdfBackingStorage().getSuperblock().getEndOfFileAddress();
      long size = raw.size();
      if (eof > size) {
        throw new NetcdfException(path, "truncated: the HDF5 superblock says the file ends at byte " + eof
            + " but it has " + size + " bytes");
      }
      return new Hdf5File(path, hdf, raw, Hdf5Structure.read(path, hdf));
    } catch (NetcdfException e) {
      closeQuietly(hdf, raw);
      throw e;
    } catch (RuntimeException e) {
      closeQuietly(hdf, raw);
      throw new NetcdfException(path, "corrupt HDF5 file: " + describe(e), e);
    }
  }

  @Override
  public Path path() {
    return path;
  }

  @Override
  public NetcdfFormat format() {
    return NetcdfFormat.NETCDF4;
  }

  @Override
  public Group root() {
    return jhdf.structure().root;
  }

  @Override
  public void readInto(Variable variable, long[] start, int[] count, Slab out) {
    Jhdf current = jhdf;
    try {
      readInto(current, variable, start, count, out);
    } catch (NetcdfException e) {
      // A thread interrupted while jhdf read closed jhdf's channel for every thread: reopen it for
      // the others and read again. The interrupted thread itself gets its error.
      if (closed || Thread.currentThread().isInterrupted() || !causedByClosedChannel(e)) {
        throw e;
      }
      readInto(reopen(current), variable, start, count, out);
    }
  }

  @Override
  public ChunkValues chunkValues(Variable variable, long[] start, int[] count) {
    Jhdf current = jhdf;
    try {
      return chunkValues(current, variable, start, count);
    } catch (NetcdfException e) {
      if (closed || Thread.currentThread().isInterrupted() || !causedByClosedChannel(e)) {
        throw e;
      }
      return chunkValues(reopen(current), variable, start, count);
    }
  }

  private ChunkValues chunkValues(Jhdf current, Variable variable, long[] start, int[] count) {
    Hdf5Variable hv = current.structure().variables.get(variable.path());
    if (hv == null || !(hv.dataset() instanceof ChunkedDataset d) || d.isEmpty()) {
      return null;
    }
    Variable v = hv.variable();
    if (v.dtype() == DType.STRING || v.dtype() == DType.CHAR || v.filters().isEmpty()
        || !v.filters().stream().allMatch(Filter::isSupported)) {
      return null;
    }
    int[] chunk = v.chunkShape();
    if (chunk.length != start.length || count.length != start.length) {
      return null;
    }
    int[] origin = new int[chunk.length];
    for (int i = 0; i < chunk.length; i++) {
      if (count[i] != chunk[i] || start[i] % chunk[i] != 0) {
        return null;
      }
      origin[i] = Math.toIntExact(start[i]);
    }
    Hyperslabs.check(path, v, start, count);
    try {
      int chunkValues = (int) Hyperslabs.size(chunk);
      ChunkValues lazily = lastPlaneLazily(current, hv, d, origin, chunkValues);
      if (lazily != null) {
        return lazily;
      }
      ChunkDecoder.Decoded decoded;
      try {
        decoded = decodeChunk(current, hv, d, origin, chunkValues * v.dtype().size());
        if (decoded == null) {
          return null;
        }
      } catch (ChunkDecoder.ChunkException e) {
        throw new NetcdfException(path, "variable " + v.path() + ", chunk at " + java.util.Arrays.toString(origin)
            + ": " + e.getMessage(), e);
      }
      DType t = v.dtype();
      java.nio.ByteOrder order = hv.order();
      byte[] bytes = decoded.bytes();
      if (decoded.shuffled() && t == DType.FLOAT) {
        boolean little = order == java.nio.ByteOrder.LITTLE_ENDIAN;
        return new ShuffledFloats() {
          @Override
          byte[] planes(int from, int n) {
            return bytes;
          }

          @Override
          int start(int k, int from, int n) {
            return (little ? k : 3 - k) * chunkValues + from;
          }
        };
      }
      if (decoded.shuffled()) {
        return (from, n, out) -> ShuffledValues.copy(t, order, bytes, chunkValues, from, out, 0, n);
      }
      ByteBuffer plain = ByteBuffer.wrap(bytes, 0, chunkValues * t.size()).order(order);
      return (from, n, out) -> Decode.at(t, plain, from, out, 0, n);
    } catch (NetcdfException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new NetcdfException(path, "cannot read variable " + v.path() + ": " + describe(e), e);
    }
  }

  /**
   * A stored little-endian float32 chunk, shuffled and deflated, whose high bytes are inflated only
   * as its values are read, in order ({@link ChunkDecoder#decodeLastPlaneLazily}); null for any
   * other chunk, or where Jask cannot find the chunk's bytes itself.
   */
  private ChunkValues lastPlaneLazily(Jhdf current, Hdf5Variable hv, ChunkedDataset d, int[] origin, int values) {
    Variable v = hv.variable();
    if (v.dtype() != DType.FLOAT || hv.order() != java.nio.ByteOrder.LITTLE_ENDIAN || !ChunkIndex.available()) {
      return null;
    }
    io.jhdf.dataset.chunked.Chunk c = ChunkIndex.find(d, origin);
    if (c == null) {
      return null;
    }
    long base = current.hdf().getHdfBackingStorage().getSuperblock().getBaseAddressByte();
    String what = "chunk at " + java.util.Arrays.toString(origin) + " of variable " + v.path();
    ChunkDecoder.LastPlane last;
    try {
      last = ChunkDecoder.forThisThread().decodeLastPlaneLazily(raw, base + c.getAddress(), c.getSize(), v.filters(),
          values, what);
    } catch (ChunkDecoder.ChunkException e) {
      throw new NetcdfException(path, what + ": " + e.getMessage(), e);
    }
    if (last == null) {
      return null;
    }
    return new ShuffledFloats() {
      /** The four byte planes of the values being read. */
      private byte[] bytes = new byte[0];

      @Override
      byte[] planes(int from, int n) {
        if (bytes.length < 4 * n) {
          bytes = new byte[4 * n];
        }
        last.bytes(from, n, bytes);
        return bytes;
      }

      @Override
      int start(int k, int from, int n) {
        return k * n;
      }
    };
  }

  private void readInto(Jhdf current, Variable variable, long[] start, int[] count, Slab out) {
    HdfFile hdf = current.hdf();
    Hdf5Variable hv = current.structure().variables.get(variable.path());
    if (hv == null) {
      throw new NetcdfException(path, "no variable '" + variable.path() + "' in this file");
    }
    Variable v = hv.variable();
    Hyperslabs.check(path, v, start, count);
    Hyperslabs.checkTarget(path, v, count, out);
    if (out.size() == 0) {
      return;
    }
    Dataset d = hv.dataset();
    try {
      if (v.dtype() == DType.STRING || v.dtype() == DType.CHAR || d.isEmpty()) {
        readThroughJhdf(hv, start, count, out);
      } else if (d instanceof ChunkedDataset c) {
        readChunked(current, hv, c, start, count, out.data());
      } else if (d instanceof ContiguousDataset c) {
        long base = hdf.getHdfBackingStorage().getSuperblock().getBaseAddressByte() + c.getDataAddress();
        ContiguousReader.read(raw, base, hv.order(), v.dtype(), v.shape(), start, count, out.data(), 0,
            "variable " + v.path());
      } else {
        readThroughJhdf(hv, start, count, out);
      }
    } catch (NetcdfException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new NetcdfException(path, "cannot read variable " + v.path() + ": " + describe(e), e);
    }
  }

  /** Reads every stored chunk that meets the slab and copies its part of the slab out. */
  private void readChunked(Jhdf current, Hdf5Variable hv, ChunkedDataset d, long[] start, int[] count, Object out) {
    Variable v = hv.variable();
    for (Filter f : v.filters()) {
      if (!f.isSupported()) {
        throw new NetcdfException(path, "variable " + v.path() + " is compressed with " + f
            + ", which Jask cannot decode (it decodes "
            + List.of("deflate", "shuffle", "fletcher32").stream().collect(Collectors.joining(", ")) + ")");
      }
    }
    int rank = start.length;
    int[] chunk = v.chunkShape();
    int elem = v.dtype().size();
    int chunkValues = (int) Hyperslabs.size(chunk);
    long[] first = new long[rank];
    long[] last = new long[rank];
    for (int i = 0; i < rank; i++) {
      first[i] = start[i] / chunk[i];
      last[i] = (start[i] + count[i] - 1) / chunk[i];
    }
    long[] at = first.clone();
    int[] origin = new int[rank];
    while (true) {
      for (int i = 0; i < rank; i++) {
        origin[i] = Math.toIntExact(at[i] * chunk[i]);
      }
      ChunkDecoder.Decoded decoded;
      try {
        decoded = decodeChunk(current, hv, d, origin, chunkValues * elem);
      } catch (ChunkDecoder.ChunkException e) {
        throw new NetcdfException(path, "variable " + v.path() + ", chunk at " + java.util.Arrays.toString(origin)
            + ": " + e.getMessage(), e);
      }
      if (decoded == null) {
        fillPart(chunk, origin, start, count, out, hv.fill());
      } else {
        Run copy = decoded.shuffled()
            ? (from, to, n) -> ShuffledValues.copy(v.dtype(), hv.order(), decoded.bytes(), chunkValues, from, out, to, n)
            : plainRun(ByteBuffer.wrap(decoded.bytes(), 0, chunkValues * elem).order(hv.order()), v.dtype(), out);
        copyPart(chunk, origin, start, count, copy);
      }
      int k = rank - 1;
      while (k >= 0 && ++at[k] > last[k]) {
        at[k] = first[k];
        k--;
      }
      if (k < 0) {
        return;
      }
    }
  }

  /**
   * The chunk at {@code origin} decoded into this thread's reused buffer, or null when it was never
   * written. Its bytes are read from the file by Jask where jhdf's chunk index is reachable.
   */
  private ChunkDecoder.Decoded decodeChunk(Jhdf current, Hdf5Variable hv, ChunkedDataset d, int[] origin, int chunkBytes)
      throws ChunkDecoder.ChunkException {
    ChunkDecoder decoder = ChunkDecoder.forThisThread();
    List<Filter> filters = hv.variable().filters();
    if (ChunkIndex.available()) {
      io.jhdf.dataset.chunked.Chunk c = ChunkIndex.find(d, origin);
      if (c == null) {
        return null;
      }
      long base = current.hdf().getHdfBackingStorage().getSuperblock().getBaseAddressByte();
      return decoder.decodeFromFile(raw, base + c.getAddress(), c.getSize(), filters, chunkBytes,
          "chunk at " + java.util.Arrays.toString(origin) + " of variable " + hv.variable().path());
    }
    ByteBuffer stored = rawChunk(d, origin);
    return stored == null ? null : decoder.decodeLeavingShuffle(stored, filters, chunkBytes);
  }

  /** The stored bytes of the chunk at {@code origin}, or null when it was never written. */
  private static ByteBuffer rawChunk(ChunkedDataset d, int[] origin) {
    try {
      return d.getRawChunkBuffer(origin);
    } catch (HdfException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("No chunk")) {
        return null;
      }
      throw e;
    }
  }

  /**
   * Copies the part of a decoded chunk (at {@code origin}, of extent {@code chunk}) that lies in the
   * slab {@code start/count} into the slab's array. Inner dimensions that both the chunk and the
   * slab cover whole merge into one run.
   */
  static void copyPart(int[] chunk, int[] origin, long[] start, int[] count, Run copy) {
    int rank = chunk.length;
    if (rank == 0) {
      copy.copy(0, 0, 1);
      return;
    }
    int[] lo = new int[rank]; // intersection, relative to the chunk
    int[] len = new int[rank];
    for (int i = 0; i < rank; i++) {
      long a = Math.max(start[i], origin[i]);
      long b = Math.min(start[i] + count[i], (long) origin[i] + chunk[i]);
      lo[i] = (int) (a - origin[i]);
      len[i] = (int) (b - a);
    }
    int[] chunkStride = new int[rank];
    int[] outStride = new int[rank];
    int cs = 1;
    int os = 1;
    for (int i = rank - 1; i >= 0; i--) {
      chunkStride[i] = cs;
      outStride[i] = os;
      cs *= chunk[i];
      os *= count[i];
    }
    // j: outermost dimension of one run; inside it the intersection spans both chunk and slab whole.
    int j = rank - 1;
    while (j > 0 && len[j] == chunk[j] && len[j] == count[j]) {
      j--;
    }
    int run = len[j];
    for (int i = j + 1; i < rank; i++) {
      run *= len[i];
    }
    int chunkBase = 0;
    int outBase = 0;
    for (int i = 0; i < rank; i++) {
      chunkBase += lo[i] * chunkStride[i];
      outBase += (int) (origin[i] + lo[i] - start[i]) * outStride[i];
    }
    int[] idx = new int[j];
    while (true) {
      int c = chunkBase;
      int o = outBase;
      for (int i = 0; i < j; i++) {
        c += idx[i] * chunkStride[i];
        o += idx[i] * outStride[i];
      }
      copy.copy(c, o, run);
      int d = j - 1;
      while (d >= 0 && ++idx[d] == len[d]) {
        idx[d] = 0;
        d--;
      }
      if (d < 0) {
        return;
      }
    }
  }

  /** Copies {@code n} values from value {@code from} of a decoded chunk to value {@code to} of the slab. */
  @FunctionalInterface
  interface Run {
    void copy(int from, int to, int n);
  }

  private static Run plainRun(ByteBuffer chunkData, DType dtype, Object out) {
    return (from, to, n) -> Decode.at(dtype, chunkData, from, out, to, n);
  }

  /** Fills the part of the slab that an unwritten chunk covers with the variable's fill value. */
  private static void fillPart(int[] chunk, int[] origin, long[] start, int[] count, Object out, Object fill) {
    int rank = chunk.length;
    int[] lo = new int[rank];
    int[] len = new int[rank];
    int[] outStride = new int[rank];
    int os = 1;
    for (int i = rank - 1; i >= 0; i--) {
      long a = Math.max(start[i], origin[i]);
      long b = Math.min(start[i] + count[i], (long) origin[i] + chunk[i]);
      lo[i] = (int) (a - start[i]);
      len[i] = (int) (b - a);
      outStride[i] = os;
      os *= count[i];
    }
    int[] idx = new int[Math.max(rank - 1, 0)];
    while (true) {
      int o = 0;
      for (int i = 0; i < rank - 1; i++) {
        o += (lo[i] + idx[i]) * outStride[i];
      }
      o += rank == 0 ? 0 : lo[rank - 1];
      FillValues.fill(out, o, o + (rank == 0 ? 1 : len[rank - 1]), fill);
      int d = rank - 2;
      while (d >= 0 && ++idx[d] == len[d]) {
        idx[d] = 0;
        d--;
      }
      if (d < 0) {
        return;
      }
    }
  }

  /** Small, compact or string variables: jhdf reads the whole variable, Jask cuts the slab out. */
  private void readThroughJhdf(Hdf5Variable hv, long[] start, int[] count, Slab out) {
    Variable v = hv.variable();
    Object flat = hv.dataset().isEmpty() ? null : hv.dataset().getDataFlat();
    long[] shape = v.shape();
    int rank = shape.length;
    int n = out.size();
    int[] idx = new int[rank];
    for (int k = 0; k < n; k++) {
      long src = 0;
      for (int i = 0; i < rank; i++) {
        src = src * shape[i] + start[i] + idx[i];
      }
      Object value = flat == null ? Array.get(hv.fill(), 0) : Array.get(flat, (int) src);
      store(v.dtype(), out.data(), k, value);
      for (int i = rank - 1; i >= 0 && ++idx[i] == count[i]; i--) {
        idx[i] = 0;
      }
    }
  }

  private static void store(DType t, Object out, int k, Object value) {
    switch (t) {
      case STRING -> ((String[]) out)[k] = String.valueOf(value);
      case CHAR -> {
        String s = String.valueOf(value);
        ((byte[]) out)[k] = s.isEmpty() ? 0 : (byte) s.charAt(0);
      }
      case BYTE, UBYTE -> ((byte[]) out)[k] = ((Number) value).byteValue();
      case SHORT, USHORT -> ((short[]) out)[k] = ((Number) value).shortValue();
      case INT, UINT -> ((int[]) out)[k] = ((Number) value).intValue();
      case INT64, UINT64 -> ((long[]) out)[k] = ((Number) value).longValue();
      case FLOAT -> ((float[]) out)[k] = ((Number) value).floatValue();
      case DOUBLE -> ((double[]) out)[k] = ((Number) value).doubleValue();
    }
  }

  private synchronized Jhdf reopen(Jhdf failed) {
    if (jhdf != failed) {
      return jhdf; // another thread reopened it already
    }
    try {
      failed.hdf().close();
    } catch (RuntimeException ignored) {
      // its channel is closed already
    }
    try {
      HdfFile hdf = new HdfFile(path);
      jhdf = new Jhdf(hdf, Hdf5Structure.read(path, hdf));
      return jhdf;
    } catch (RuntimeException e) {
      throw new NetcdfException(path, "cannot reopen after an interrupted read: " + describe(e), e);
    }
  }

  private static boolean causedByClosedChannel(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.nio.channels.ClosedChannelException) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    Throwable c = e.getCause();
    return (m == null ? e.getClass().getSimpleName() : m) + (c != null && c.getMessage() != null && c != e
        ? " (" + c.getMessage() + ")" : "");
  }

  private static void closeQuietly(HdfFile hdf, PositionalFile raw) {
    try {
      if (hdf != null) {
        hdf.close();
      }
    } catch (RuntimeException ignored) {
      // already failing: the original error is the one to report
    }
    raw.close();
  }

  @Override
  public synchronized void close() {
    closed = true;
    try {
      jhdf.hdf().close();
    } finally {
      raw.close();
    }
  }

  @Override
  public String toString() {
    return "Hdf5File[" + path + "]";
  }
}
