package io.jask.distributed.worker;

import com.github.luben.zstd.Zstd;
import io.jask.core.JaskException;
import io.jask.core.graph.Key;
import io.jask.distributed.protocol.Payloads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's results: in memory up to a target size, beyond that on local disk, compressed. Dask's
 * {@code SpillBuffer}.
 *
 * <pre>
 *  put(key, value, nbytes) ──▶ memory (LRU order) ──managed bytes above target──▶ spill file
 *  get(key) ◀── memory, or ◀── read back, decompressed, into memory (may spill others in turn)
 *  remove(key), close() ──▶ spill file deleted
 * </pre>
 *
 * <p>Memory model: a value counts as managed from {@link #put} until it is removed or spilled, at
 * the size the caller measured ({@link io.jask.core.util.SizeOf}). A spilled value is encoded with
 * {@link Payloads} and compressed with Zstandard at a fast level; it then counts as spilled, at its
 * in-memory size, and occupies its compressed size on disk. Reading it back makes it the most
 * recently used value in memory and deletes its file. Values that cannot be encoded stay in memory
 * (and are logged once).
 *
 * <p>Thread-safe: task threads store results, the worker's loop reads inputs and drops keys, and
 * transport threads serve peers, all under this object's lock. Spilling runs under the lock, so a
 * value is never read while half written.
 */
public final class DataStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DataStore.class);
  /** What {@link #get} returns for a key the store does not hold. */
  public static final Object ABSENT = new Object() {
    @Override
    public String toString() {
      return "ABSENT";
    }
  };
  /** Zstandard's level 1: several hundred MB/s, which keeps spilling close to disk speed. */
  static final int LEVEL = 1;
  private static final Object NULL = new Object();

  private final Path parent;
  private final long targetBytes;
  /** In-memory values in least-recently-used order (access order). */
  private final LinkedHashMap<Key, InMemory> fast = new LinkedHashMap<>(16, 0.75f, true);
  /** Spilled values. */
  private final Map<Key, OnDisk> slow = new HashMap<>();
  private Path directory;
  private long managedBytes;
  private long spilledBytes;
  private long spilledDiskBytes;
  private long fileCounter;
  private long spillCount;
  private long unspillCount;
  private boolean closed;
  /** {@link #stats()} as of the last change, readable without waiting for a spill under way. */
  private volatile Stats snapshot = new Stats(0, 0, 0, 0, 0, 0, 0);

  private record InMemory(Object value, long nbytes, boolean unspillable) {}

  private record OnDisk(Path file, long nbytes, int encodedBytes, long diskBytes) {}

  /**
   * A store that spills into a fresh directory inside {@code parent}, created at the first spill.
   *
   * @param targetBytes managed bytes above which the least recently used values spill; {@code
   *     Long.MAX_VALUE} never spills
   */
  public DataStore(Path parent, long targetBytes) {
    this.parent = Objects.requireNonNull(parent, "parent");
    if (targetBytes < 0) {
      throw new IllegalArgumentException("the spill target must be >= 0 bytes: " + targetBytes);
    }
    this.targetBytes = targetBytes;
  }

  /**
   * Stores a value (replacing any earlier one of the key), then spills the least recently used
   * values while managed memory is above the target.
   *
   * @param nbytes the value's size in memory, as measured by the caller
   * @throws IllegalStateException if the store is closed
   */
  public synchronized void put(Key key, Object value, long nbytes) {
    Objects.requireNonNull(key, "key");
    ensureOpen();
    removeQuietly(key);
    fast.put(key, new InMemory(value == null ? NULL : value, nbytes, false));
    managedBytes += nbytes;
    evict();
    updateSnapshot();
  }

  /**
   * The value of {@code key}, read back from disk if it was spilled; {@link #ABSENT} if the store
   * does not hold the key.
   *
   * @throws JaskException if a spilled value cannot be read back (the disk failed)
   */
  public synchronized Object get(Key key) {
    InMemory in = fast.get(key);
    if (in != null) {
      return in.value == NULL ? null : in.value;
    }
    OnDisk out = slow.get(key);
    if (out == null) {
      return ABSENT;
    }
    Object value = readBack(key, out);
    slow.remove(key);
    spilledBytes -= out.nbytes;
    spilledDiskBytes -= out.diskBytes;
    deleteQuietly(out.file);
    unspillCount++;
    fast.put(key, new InMemory(value == null ? NULL : value, out.nbytes, false));
    managedBytes += out.nbytes;
    evict();
    updateSnapshot();
    return value;
  }

  /** Whether the store holds {@code key}, in memory or on disk. */
  public synchronized boolean contains(Key key) {
    return fast.containsKey(key) || slow.containsKey(key);
  }

  /** Drops a value, deleting its spill file; whether the store held it. */
  public synchronized boolean remove(Key key) {
    boolean removed = removeQuietly(key);
    updateSnapshot();
    return removed;
  }

  private boolean removeQuietly(Key key) {
    InMemory in = fast.remove(key);
    if (in != null) {
      managedBytes -= in.nbytes;
      return true;
    }
    OnDisk out = slow.remove(key);
    if (out != null) {
      spilledBytes -= out.nbytes;
      spilledDiskBytes -= out.diskBytes;
      deleteQuietly(out.file);
      return true;
    }
    return false;
  }

  /**
   * What the store holds, as of its last change; never waits for a spill under way (heartbeats
   * read it).
   */
  public Stats stats() {
    return snapshot;
  }

  private void updateSnapshot() {
    snapshot = new Stats(fast.size(), managedBytes, slow.size(), spilledBytes, spilledDiskBytes, spillCount,
        unspillCount);
  }

  /**
   * What a store holds.
   *
   * @param inMemory values in memory
   * @param managedBytes their sizes in memory, summed
   * @param spilled values on disk
   * @param spilledBytes their sizes in memory, summed
   * @param spilledDiskBytes the bytes their files take on disk
   * @param spills how many times a value was written to disk so far
   * @param unspills how many times a value was read back so far
   */
  public record Stats(int inMemory, long managedBytes, int spilled, long spilledBytes, long spilledDiskBytes,
      long spills, long unspills) {}

  /** The directory spill files go to, once the first value has spilled; else null. */
  public synchronized Path directory() {
    return directory;
  }

  /** Drops every value and deletes the spill directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    fast.clear();
    for (OnDisk out : slow.values()) {
      deleteQuietly(out.file);
    }
    slow.clear();
    managedBytes = 0;
    spilledBytes = 0;
    spilledDiskBytes = 0;
    updateSnapshot();
    if (directory != null) {
      deleteQuietly(directory);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the data store is closed");
    }
  }

  // ---- spilling ----

  private void evict() {
    if (managedBytes <= targetBytes) {
      return;
    }
    Iterator<Map.Entry<Key, InMemory>> it = fast.entrySet().iterator();
    while (managedBytes > targetBytes && it.hasNext()) {
      Map.Entry<Key, InMemory> eldest = it.next();
      InMemory in = eldest.getValue();
      if (in.unspillable || in.value == NULL || in.nbytes == 0) {
        continue;
      }
      OnDisk out = spill(eldest.getKey(), in);
      if (out == null) {
        eldest.setValue(new InMemory(in.value, in.nbytes, true));
        continue;
      }
      it.remove();
      managedBytes -= in.nbytes;
      slow.put(eldest.getKey(), out);
      spilledBytes += out.nbytes;
      spilledDiskBytes += out.diskBytes;
      spillCount++;
    }
  }

  /** Writes a value to disk; null if it cannot be encoded. */
  private OnDisk spill(Key key, InMemory in) {
    byte[] encoded;
    try {
      encoded = Payloads.encode(in.value);
    } catch (RuntimeException e) {
      log.warn("Cannot spill '{}' ({}): it stays in memory: {}", key, in.value.getClass().getName(), e.toString());
      return null;
    }
    byte[] compressed = Zstd.compress(encoded, LEVEL);
    if (directory == null) {
      createDirectory();
    }
    Path file = directory.resolve(++fileCounter + ".spill");
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(compressed);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } catch (IOException e) {
      deleteQuietly(file);
      throw new JaskException("cannot spill '" + key + "' to " + file + ": " + e, e);
    }
    return new OnDisk(file, in.nbytes, encoded.length, compressed.length);
  }

  private Object readBack(Key key, OnDisk out) {
    byte[] compressed;
    try {
      compressed = Files.readAllBytes(out.file);
    } catch (IOException e) {
      throw new JaskException("cannot read the spilled value of '" + key + "' back from " + out.file + ": " + e, e);
    }
    byte[] encoded = Zstd.decompress(compressed, out.encodedBytes);
    return Payloads.decode(encoded, "the spilled value of '" + key + "'");
  }

  private void createDirectory() {
    try {
      directory = Files.createTempDirectory(Files.createDirectories(parent), "jask-spill-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a spill directory in " + parent, e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("Could not delete {}: {}", file, e.toString());
    }
  }
}
