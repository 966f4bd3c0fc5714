package io.jask.xarray.netcdf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only file read with positional reads only, so that many threads read it at once without
 * a lock. A thread interrupted during a read closes a {@link FileChannel} for every thread; this
 * class reopens it for the others instead of failing their reads.
 */
public final class PositionalFile implements AutoCloseable {
  private final Path path;
  private volatile FileChannel channel;
  private volatile boolean closed;

  private PositionalFile(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  /**
   * Opens {@code path} for reading.
   *
   * @throws NetcdfException when the file does not exist or cannot be read
   */
  public static PositionalFile open(Path path) {
    try {
      return new PositionalFile(path, FileChannel.open(path, StandardOpenOption.READ));
    } catch (NoSuchFileException e) {
      throw new NetcdfException(path, "no such file", e);
    } catch (IOException e) {
      throw new NetcdfException(path, "cannot open for reading: " + e, e);
    }
  }

  public Path path() {
    return path;
  }

  public long size() {
    try {
      return channel().size();
    } catch (IOException e) {
      throw new NetcdfException(path, "cannot read its size: " + e, e);
    }
  }

  /**
   * Fills {@code dst} from its position to its limit with the bytes at {@code position}.
   *
   * @throws NetcdfException naming {@code what} when the file ends first (a truncated file)
   */
  public void readFully(ByteBuffer dst, long position, String what) {
    long pos = position;
    int attempts = 0;
    while (dst.hasRemaining()) {
      try {
        int n = channel().read(dst, pos);
        if (n < 0) {
          throw new NetcdfException(path, "truncated: " + what + " needs bytes up to offset "
              + (position + dst.limit()) + " but the file ends at " + size());
        }
        pos += n;
      } catch (ClosedByInterruptException e) {
        Thread.currentThread().interrupt();
        throw new NetcdfException(path, "read of " + what + " interrupted", e);
      } catch (ClosedChannelException e) {
        if (closed || ++attempts > 3) {
          throw new NetcdfException(path, "file closed while reading " + what, e);
        }
        reopen();
      } catch (IOException e) {
        throw new NetcdfException(path, "cannot read " + what + ": " + e, e);
      }
    }
  }

  private FileChannel channel() throws ClosedChannelException {
    if (closed) {
      throw new ClosedChannelException();
    }
    return channel;
  }

  private synchronized void reopen() {
    if (closed || channel.isOpen()) {
      return;
    }
    try {
      channel = FileChannel.open(path, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new NetcdfException(path, "cannot reopen: " + e, e);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    try {
      channel.close();
    } catch (IOException e) {
      throw new NetcdfException(path, "cannot close: " + e, e);
    }
  }
}
