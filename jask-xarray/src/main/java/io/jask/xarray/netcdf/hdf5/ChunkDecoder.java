package io.jask.xarray.netcdf.hdf5;

import io.jask.xarray.netcdf.Filter;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Undoes an HDF5 filter pipeline (deflate, shuffle, fletcher32) on one chunk, into buffers that
 * belong to the calling thread and are reused from chunk to chunk: decoding a chunk allocates
 * nothing once the buffers have grown to the chunk size. The result is valid until the thread's
 * next {@link #decode} call.
 *
 * <p>Memory: each reading thread keeps one buffer of the largest chunk it has decoded (for
 * shuffle+deflate, the shuffle is undone while copying out; for 4-byte values read through their
 * values, only three of the four byte planes: {@link #decodeLastPlaneLazily}), and a second one
 * only for pipelines that need two copies.
 */
final class ChunkDecoder {
  private static final ThreadLocal<ChunkDecoder> PER_THREAD = ThreadLocal.withInitial(ChunkDecoder::new);

  private final Inflater inflater = new Inflater();
  private byte[] a = new byte[0];
  private byte[] b = new byte[0];

  static ChunkDecoder forThisThread() {
    return PER_THREAD.get();
  }

  /** Thrown for a chunk the pipeline cannot decode; the caller names the file and variable. */
  static final class ChunkException extends Exception {
    private static final long serialVersionUID = 1L;

    ChunkException(String message) {
      super(message);
    }
  }

  /**
   * A decoded chunk in a reused array: either plain values, or values still byte-shuffled
   * (byte plane {@code k} holds byte {@code k} of every value), which {@link ShuffledValues}
   * reads directly, sparing a pass over the chunk.
   */
  record Decoded(byte[] bytes, boolean shuffled) {}

  /**
   * Decodes {@code raw} (the chunk's bytes as stored) through {@code filters} (in encoding order)
   * into {@code chunkBytes} bytes, in a reused array. When the first filter is the shuffle, it is
   * left for the reader of the values to undo.
   */
  Decoded decodeLeavingShuffle(ByteBuffer raw, List<Filter> filters, int chunkBytes) throws ChunkException {
    boolean leaveShuffle = !filters.isEmpty() && filters.get(0).id() == Filter.SHUFFLE;
    List<Filter> rest = leaveShuffle ? filters.subList(1, filters.size()) : filters;
    return new Decoded(decode(raw, rest, chunkBytes), leaveShuffle);
  }

  /** Bytes read from the file at a time when a deflated chunk is inflated as it is read. */
  private static final int PIECE = 1 << 20;

  private byte[] piece = new byte[0];

  /**
   * {@link #decodeLeavingShuffle} for a chunk of {@code storedSize} bytes at {@code position} in
   * {@code file}: when deflate is the stage to undo first (and no checksum trails it), the stored
   * bytes are read a piece at a time and inflated as they come, so the compressed chunk is never
   * held whole.
   */
  Decoded decodeFromFile(io.jask.xarray.netcdf.PositionalFile file, long position, int storedSize, List<Filter> filters,
      int chunkBytes, String what) throws ChunkException {
    int last = filters.size() - 1;
    boolean streams = last >= 0 && filters.get(last).id() == Filter.DEFLATE
        && filters.stream().noneMatch(f -> f.id() == Filter.FLETCHER32)
        && (last == 0 || last == 1 && filters.get(0).id() == Filter.SHUFFLE);
    if (!streams) {
      byte[] stored = new byte[storedSize];
      file.readFully(ByteBuffer.wrap(stored), position, what);
      return decodeLeavingShuffle(ByteBuffer.wrap(stored), filters, chunkBytes);
    }
    streaming = null;
    size = chunkBytes;
    ensureA();
    if (piece.length == 0) {
      piece = new byte[PIECE];
    }
    inflater.reset();
    long pos = position;
    int left = storedSize;
    int n = 0;
    try {
      while (!inflater.finished()) {
        if (inflater.needsInput()) {
          if (left == 0) {
            throw new ChunkException("a deflated chunk ends early, after " + n + " bytes");
          }
          int k = Math.min(piece.length, left);
          file.readFully(ByteBuffer.wrap(piece, 0, k), pos, what);
          pos += k;
          left -= k;
          inflater.setInput(piece, 0, k);
        }
        if (n == chunkBytes) {
          throw new ChunkException("a deflated chunk inflates to more than the " + chunkBytes + " bytes expected");
        }
        int got = inflater.inflate(a, n, chunkBytes - n);
        if (got == 0 && inflater.needsDictionary()) {
          throw new ChunkException("a deflated chunk needs a preset dictionary");
        }
        n += got;
      }
    } catch (DataFormatException e) {
      throw new ChunkException("a deflated chunk is corrupt: " + e.getMessage());
    }
    if (n != chunkBytes) {
      throw new ChunkException("a chunk decoded to " + n + " bytes instead of " + chunkBytes);
    }
    return new Decoded(a, last == 1);
  }

  /** Bytes of the last byte plane held at a time by {@link #decodeLastPlaneLazily}. */
  private static final int WINDOW = 1 << 16;

  /*
   * The lazily decoded chunks live off the heap, in direct buffers that the thread keeps: the
   * first three byte planes of a chunk are tens of megabytes, which on the heap would be a
   * long-lived humongous object per reading thread, raising the collector's old-generation
   * occupancy (and so how often it starts a marking cycle), and inflating between direct buffers
   * never pins a heap array, which would hold up every collection while zlib runs.
   */
  private ByteBuffer planes = ByteBuffer.allocateDirect(0);
  private ByteBuffer directPiece;
  private ByteBuffer window;
  /** The chunk whose last plane is being inflated on demand, or null; only the newest one is live. */
  private LastPlane streaming;

  /**
   * A shuffled and deflated chunk of 4-byte values at {@code position} in {@code file}: its first
   * three byte planes are inflated into the thread's reused buffer now, its last plane (the high
   * bytes of little-endian values) only as {@link LastPlane#bytes} asks for it, into a small window.
   * Values read in order then never need the whole chunk in memory, and the last plane is used while
   * it is still in the cache. Null when the pipeline is not exactly shuffle then deflate.
   */
  LastPlane decodeLastPlaneLazily(io.jask.xarray.netcdf.PositionalFile file, long position, int storedSize,
      List<Filter> filters, int values, String what) throws ChunkException {
    if (filters.size() != 2 || filters.get(0).id() != Filter.SHUFFLE || filters.get(1).id() != Filter.DEFLATE) {
      return null;
    }
    if (planes.capacity() < 3L * values) {
      planes = null; // let the old buffer go before the new one is made
      planes = ByteBuffer.allocateDirect(Math.multiplyExact(3, values));
    }
    if (directPiece == null) {
      directPiece = ByteBuffer.allocateDirect(PIECE);
      window = ByteBuffer.allocateDirect(WINDOW);
    }
    LastPlane p = new LastPlane(file, position, storedSize, values, what);
    streaming = p;
    p.start();
    return p;
  }

  /** The last byte plane of a chunk, inflated on demand; valid until the thread decodes another chunk. */
  final class LastPlane {
    private final io.jask.xarray.netcdf.PositionalFile file;
    private final long position;
    private final int storedSize;
    private final int values;
    private final String what;
    private long pos;
    private int left;
    /** The value index of {@code window[0]} and how many bytes of the plane the window holds from it. */
    private int w0;
    private int wlen;

    private LastPlane(io.jask.xarray.netcdf.PositionalFile file, long position, int storedSize, int values,
        String what) {
      this.file = file;
      this.position = position;
      this.storedSize = storedSize;
      this.values = values;
      this.what = what;
    }

    /**
     * The four bytes of values {@code from .. from+n} into {@code dst}: byte {@code k} of value
     * {@code from+i} at {@code dst[k*n + i]} (byte 3 is the high byte of a little-endian value).
     * Asking for values before the previous request restarts the chunk.
     */
    void bytes(int from, int n, byte[] dst) {
      if (from < 0 || n < 0 || from > values - n || dst.length < 4 * n) {
        throw new IndexOutOfBoundsException("values " + from + ".." + (from + n) + " of a chunk of " + values
            + " into " + dst.length + " bytes");
      }
      int at = at(from, n);
      planes.get(from, dst, 0, n);
      planes.get(values + from, dst, n, n);
      planes.get(2 * values + from, dst, 2 * n, n);
      window.get(at, dst, 3 * n, n);
    }

    private void start() throws ChunkException {
      inflater.reset();
      directPiece.clear().limit(0);
      pos = position;
      left = storedSize;
      w0 = 0;
      wlen = 0;
      planes.clear().limit(3 * values);
      while (planes.hasRemaining()) {
        inflateSome(planes);
      }
    }

    /**
     * Where in {@link #window} the last plane's bytes of values {@code from .. from+n} start,
     * inflating on to them.
     */
    private int at(int from, int n) {
      if (streaming != this) {
        throw new IllegalStateException("a chunk's values were read after the thread decoded another chunk");
      }
      try {
        if (from < w0) {
          start();
        }
        if (n > window.capacity()) {
          ByteBuffer wider = ByteBuffer.allocateDirect(Integer.highestOneBit(n) << 1);
          wider.put(window.clear().limit(wlen));
          window = wider;
        }
        while (w0 + wlen < from + n) {
          // drop what lies before 'from', then inflate on into the rest of the window
          int drop = Math.min(from - w0, wlen);
          if (drop > 0) {
            window.limit(wlen).position(drop);
            window.compact();
            w0 += drop;
            wlen -= drop;
          }
          if (w0 + wlen < from) {
            // skipping values: inflate past them into the window and drop them
            window.limit(wlen + Math.min(window.capacity() - wlen, from - w0 - wlen)).position(wlen);
            wlen += inflateSome(window);
            continue;
          }
          int room = Math.min(window.capacity() - wlen, values - (w0 + wlen));
          if (room == 0) {
            throw new ChunkException("a chunk has " + values + " values; values up to " + (from + n) + " were asked for");
          }
          window.limit(wlen + room).position(wlen);
          wlen += inflateSome(window);
        }
        return from - w0;
      } catch (ChunkException e) {
        throw new io.jask.xarray.netcdf.NetcdfException(file.path(), what + ": " + e.getMessage(), e);
      }
    }

    /** Inflates at least one byte into {@code into}, from its position up to its limit. */
    private int inflateSome(ByteBuffer into) throws ChunkException {
      try {
        while (true) {
          if (inflater.finished()) {
            throw new ChunkException("a deflated chunk ends early: it holds fewer than the " + 4L * values
                + " bytes expected");
          }
          if (inflater.needsInput()) {
            if (left == 0) {
              throw new ChunkException("a deflated chunk ends early, its stored bytes used up");
            }
            int k = Math.min(directPiece.capacity(), left);
            directPiece.clear().limit(k);
            file.readFully(directPiece, pos, what);
            directPiece.flip();
            pos += k;
            left -= k;
            inflater.setInput(directPiece);
          }
          int got = inflater.inflate(into);
          if (got > 0) {
            return got;
          }
          if (inflater.needsDictionary()) {
            throw new ChunkException("a deflated chunk needs a preset dictionary");
          }
        }
      } catch (DataFormatException e) {
        throw new ChunkException("a deflated chunk is corrupt: " + e.getMessage());
      }
    }
  }

  /**
   * Decodes {@code raw} (the chunk's bytes as stored) through {@code filters} (in encoding order)
   * into {@code chunkBytes} bytes, returned in a reused array.
   */
  byte[] decode(ByteBuffer raw, List<Filter> filters, int chunkBytes) throws ChunkException {
    // A Fletcher-32 stage appends a 4-byte checksum to what it encodes, so the stages after it
    // carry a few bytes more than the chunk.
    streaming = null;
    long checksums = filters.stream().filter(f -> f.id() == Filter.FLETCHER32).count();
    size = Math.max(chunkBytes + 4 * (int) checksums, raw.remaining());
    ensureA();
    // 'current' is the data after the stages undone so far: first the raw buffer itself.
    byte[] current = null;
    int length = raw.remaining();
    for (int i = filters.size() - 1; i >= 0; i--) {
      Filter f = filters.get(i);
      switch (f.id()) {
        case Filter.FLETCHER32 -> length -= 4; // the checksum trails the data
        case Filter.DEFLATE -> {
          byte[] target = current == a ? b() : a;
          inflater.reset();
          if (current == null) {
            ByteBuffer in = raw.duplicate();
            in.limit(in.position() + length);
            inflater.setInput(in);
          } else {
            inflater.setInput(current, 0, length);
          }
          length = inflate(target, size);
          current = target;
        }
        case Filter.SHUFFLE -> {
          if (current == null) {
            current = copyRaw(raw, length);
          }
          byte[] target = current == a ? b() : a;
          int elem = f.parameters().length > 0 ? f.parameters()[0] : 1;
          unshuffle(current, length, elem, target);
          current = target;
        }
        default -> throw new ChunkException("compression filter " + f + " is not supported");
      }
    }
    if (current == null) {
      current = copyRaw(raw, length);
    }
    if (length != chunkBytes) {
      throw new ChunkException("a chunk decoded to " + length + " bytes instead of " + chunkBytes);
    }
    return current;
  }

  private int inflate(byte[] target, int capacity) throws ChunkException {
    try {
      int n = 0;
      while (!inflater.finished()) {
        if (n == capacity) {
          throw new ChunkException("a deflated chunk inflates to more than the " + capacity + " bytes expected");
        }
        int k = inflater.inflate(target, n, capacity - n);
        if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new ChunkException("a deflated chunk ends early, after " + n + " bytes");
        }
        n += k;
      }
      return n;
    } catch (DataFormatException e) {
      throw new ChunkException("a deflated chunk is corrupt: " + e.getMessage());
    }
  }

  private byte[] copyRaw(ByteBuffer raw, int length) {
    byte[] target = a;
    raw.duplicate().get(target, 0, Math.min(length, target.length));
    return target;
  }

  /** HDF5's byte shuffle undone: byte k of every element was stored in plane k. */
  static void unshuffle(byte[] in, int length, int elem, byte[] out) {
    if (elem <= 1) {
      System.arraycopy(in, 0, out, 0, length);
      return;
    }
    int n = length / elem;
    for (int k = 0; k < elem; k++) {
      int plane = k * n;
      for (int i = 0, o = k; i < n; i++, o += elem) {
        out[o] = in[plane + i];
      }
    }
    int tail = length - n * elem; // bytes that do not make a whole element are left in place
    System.arraycopy(in, n * elem, out, n * elem, tail);
  }

  /** Bytes the buffers must hold for the chunk being decoded. */
  private int size;

  private void ensureA() {
    if (a.length < size) {
      a = new byte[size];
    }
  }

  /** The second buffer, needed only when two stages each produce a copy (inflate then unshuffle). */
  private byte[] b() {
    if (b.length < size) {
      b = new byte[size];
    }
    return b;
  }
}
