package io.jask.distributed.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.core.graph.Key;
import io.jask.core.util.SizeOf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataStoreTest {
  @TempDir Path dir;

  private static Key key(int i) {
    return Key.of("value-" + i);
  }

  private static long filesIn(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void leastRecentlyUsedValuesSpillAboveTheTargetAndReadBackIntact() throws Exception {
    DataStore store = new DataStore(dir, 3 * 8016L);
    for (int i = 0; i < 5; i++) {
      double[] a = new double[1000];
      Arrays.fill(a, i);
      store.put(key(i), a, SizeOf.estimate(a));
    }
    DataStore.Stats stats = store.stats();
    assertThat(stats.inMemory()).isEqualTo(3);
    assertThat(stats.spilled()).isEqualTo(2);
    assertThat(stats.managedBytes()).isEqualTo(3 * 8016L);
    assertThat(stats.spilledBytes()).isEqualTo(2 * 8016L);
    assertThat(stats.spilledDiskBytes()).isPositive().isLessThan(2 * 8016L); // constant arrays compress
    assertThat(filesIn(dir)).isEqualTo(2);

    // The oldest (0) was spilled; reading it back brings it in and pushes out the least recent (2).
    assertThat((double[]) store.get(key(0))).containsOnly(0.0).hasSize(1000);
    assertThat(store.stats().unspills()).isEqualTo(1);
    assertThat(store.contains(key(2))).isTrue();
    assertThat(store.stats().inMemory()).isEqualTo(3);
    assertThat((double[]) store.get(key(2))).containsOnly(2.0);
    for (int i = 0; i < 5; i++) {
      assertThat((double[]) store.get(key(i))).containsOnly((double) i);
    }
    assertThat(store.get(Key.of("nope"))).isSameAs(DataStore.ABSENT);
    store.close();
    assertThat(filesIn(dir)).isZero();
    try (Stream<Path> all = Files.list(dir)) {
      assertThat(all).isEmpty(); // the spill directory is gone too
    }
  }

  @Test
  void removingASpilledKeyDeletesItsFile() throws Exception {
    DataStore store = new DataStore(dir, 100);
    store.put(key(1), "x".repeat(1000), 1040);
    store.put(key(2), "y".repeat(1000), 1040);
    assertThat(store.stats().spilled()).isEqualTo(2);
    assertThat(filesIn(dir)).isEqualTo(2);
    assertThat(store.remove(key(1))).isTrue();
    assertThat(store.remove(key(1))).isFalse();
    assertThat(filesIn(dir)).isEqualTo(1);
    assertThat(store.stats().spilledBytes()).isEqualTo(1040);
    store.put(key(2), "z", 48); // replacing a spilled value drops its file
    assertThat(filesIn(dir)).isZero();
    assertThat(store.get(key(2))).isEqualTo("z");
    store.close();
  }

  @Test
  void nullValuesAndUnserialisableValuesStayInMemory() {
    DataStore store = new DataStore(dir, 10);
    store.put(key(1), null, 0);
    Object lock = new Thread(() -> { }); // Fory refuses to encode a Thread
    store.put(key(2), lock, 1000);
    assertThat(store.get(key(1))).isNull();
    assertThat(store.contains(key(1))).isTrue();
    assertThat(store.get(key(2))).isSameAs(lock);
    assertThat(store.stats().spilled()).isZero();
    store.close();
  }

  @Test
  void aNegativeTargetIsRefusedAndAClosedStoreTakesNothing() {
    assertThatThrownBy(() -> new DataStore(dir, -1)).hasMessageContaining("spill target");
    DataStore store = new DataStore(dir, 10);
    store.close();
    assertThatThrownBy(() -> store.put(key(1), 1, 16)).hasMessageContaining("closed");
  }

  /** A seeded random sequence of puts, gets and removes, checked against a plain map. */
  @Test
  void randomOperationsAgreeWithAPlainMap() throws Exception {
    Random random = new Random(7);
    DataStore store = new DataStore(dir, 20_000);
    Map<Key, List<Integer>> expected = new HashMap<>();
    for (int step = 0; step < 3000; step++) {
      Key k = key(random.nextInt(60));
      int op = random.nextInt(10);
      if (op < 4) {
        List<Integer> value = new ArrayList<>();
        int n = random.nextInt(300);
        for (int i = 0; i < n; i++) {
          value.add(random.nextInt());
        }
        store.put(k, value, SizeOf.estimate(value));
        expected.put(k, value);
      } else if (op < 8) {
        Object got = store.get(k);
        if (expected.containsKey(k)) {
          assertThat(got).isEqualTo(expected.get(k));
        } else {
          assertThat(got).isSameAs(DataStore.ABSENT);
        }
      } else {
        assertThat(store.remove(k)).isEqualTo(expected.remove(k) != null);
      }
      DataStore.Stats stats = store.stats();
      assertThat(stats.inMemory() + stats.spilled()).isEqualTo(expected.size());
      assertThat(stats.managedBytes()).isLessThanOrEqualTo(20_000);
      long total = expected.values().stream().mapToLong(SizeOf::estimate).sum();
      assertThat(stats.managedBytes() + stats.spilledBytes()).isEqualTo(total);
      assertThat(filesIn(dir)).isEqualTo(stats.spilled());
    }
    assertThat(store.stats().spills()).isPositive();
    assertThat(store.stats().unspills()).isPositive();
    store.close();
    assertThat(filesIn(dir)).isZero();
  }
}
