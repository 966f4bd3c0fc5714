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
 * shuffle+deflate, the shuffle is undone while copying out), and a second one only for pipelines
 * that need two copies.
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

  /**
   * Decodes {@code raw} (the chunk's bytes as stored) through {@code filters} (in encoding order)
   * into {@code chunkBytes} bytes, returned in a reused array.
   */
  byte[] decode(ByteBuffer raw, List<Filter> filters, int chunkBytes) throws ChunkException {
    // A Fletcher-32 stage appends a 4-byte checksum to what it encodes, so the stages after it
    // carry a few bytes more than the chunk.
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
