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

  /**
   * Decodes {@code raw} (the chunk's bytes as stored) through {@code filters} (in encoding order)
   * into {@code chunkBytes} bytes, returned in a reused array.
   */
  byte[] decode(ByteBuffer raw, List<Filter> filters, int chunkBytes) throws ChunkException {
    ensure(Math.max(chunkBytes, raw.remaining()));
    // 'current' is the data after the stages undone so far: first the raw buffer itself.
    byte[] current = null;
    int length = raw.remaining();
    for (int i = filters.size() - 1; i >= 0; i--) {
      Filter f = filters.get(i);
      switch (f.id()) {
        case Filter.FLETCHER32 -> length -= 4; // the checksum trails the data
        case Filter.DEFLATE -> {
          byte[] target = current == a ? b : a;
          inflater.reset();
          if (current == null) {
            ByteBuffer in = raw.duplicate();
            in.limit(in.position() + length);
            inflater.setInput(in);
          } else {
            inflater.setInput(current, 0, length);
          }
          length = inflate(target, chunkBytes);
          current = target;
        }
        case Filter.SHUFFLE -> {
          if (current == null) {
            current = copyRaw(raw, length);
          }
          byte[] target = current == a ? b : a;
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

  private int inflate(byte[] target, int chunkBytes) throws ChunkException {
    try {
      int n = 0;
      while (n < chunkBytes && !inflater.finished()) {
        int k = inflater.inflate(target, n, chunkBytes - n);
        if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new ChunkException("a deflated chunk ends early: " + n + " of " + chunkBytes + " bytes");
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

  private void ensure(int bytes) {
    if (a.length < bytes) {
      a = new byte[bytes];
      b = new byte[bytes];
    }
  }
}
