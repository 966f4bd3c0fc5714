package io.jask.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SizeOfTest {

  @Test
  void primitiveArraysAreHeaderPlusElementsPadded() {
    assertThat(SizeOf.estimate(new double[1000])).isEqualTo(16 + 8000);
    assertThat(SizeOf.estimate(new long[3])).isEqualTo(16 + 24);
    assertThat(SizeOf.estimate(new int[3])).isEqualTo(32); // 16 + 12 = 28, padded
    assertThat(SizeOf.estimate(new float[0])).isEqualTo(16);
    assertThat(SizeOf.estimate(new short[5])).isEqualTo(32); // 26 -> 32
    assertThat(SizeOf.estimate(new char[4])).isEqualTo(24);
    assertThat(SizeOf.estimate(new byte[1 << 20])).isEqualTo(16 + (1 << 20));
    assertThat(SizeOf.estimate(new boolean[9])).isEqualTo(32); // 25 -> 32
  }

  @Test
  void stringsAreCompactWhenLatin1AndTwoBytesPerCharOtherwise() {
    assertThat(SizeOf.estimate("")).isEqualTo(24 + 16);
    assertThat(SizeOf.estimate("abc")).isEqualTo(24 + 24);
    assertThat(SizeOf.estimate("x".repeat(1000))).isEqualTo(24 + 16 + 1000);
    assertThat(SizeOf.estimate("日本語".repeat(100))).isEqualTo(24 + 16 + 600);
  }

  @Test
  void boxedValuesAndNull() {
    assertThat(SizeOf.estimate(null)).isZero();
    assertThat(SizeOf.estimate(1)).isEqualTo(16);
    assertThat(SizeOf.estimate(1L)).isEqualTo(24);
    assertThat(SizeOf.estimate(1.0)).isEqualTo(24);
    assertThat(SizeOf.estimate(true)).isEqualTo(16);
  }

  @Test
  void sizedObjectsSayForThemselves() {
    SizeOf.Sized block = () -> 123_456_789L;
    assertThat(SizeOf.estimate(block)).isEqualTo(123_456_789L);
    assertThat(SizeOf.estimate(List.of(block, block))).isEqualTo(24 + 24 + 2 * 123_456_789L);
  }

  @Test
  void listsCountTheirBackingArrayAndEveryElement() {
    List<double[]> list = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      list.add(new double[i]);
    }
    long elements = 0;
    for (double[] a : list) {
      elements += (16 + 8L * a.length + 7) / 8 * 8;
    }
    assertThat(SizeOf.estimate(list)).isEqualTo(24 + (16 + 4 * 50) + elements);
  }

  @Test
  void largeCollectionsAreSampledEvenlyAndStayClose() {
    Random random = new Random(42);
    for (int trial = 0; trial < 20; trial++) {
      int n = 1000 + random.nextInt(20_000);
      List<Object> list = new ArrayList<>();
      LinkedList<Object> linked = new LinkedList<>();
      long exact = 0;
      for (int i = 0; i < n; i++) {
        // Sizes vary along the list: sampling only the head would be far off.
        double[] a = new double[i * 200 / n + random.nextInt(5)];
        list.add(a);
        linked.add(a);
        exact += (16 + 8L * a.length + 7) / 8 * 8;
      }
      assertThat((double) SizeOf.estimate(list) - 24 - (16 + 4L * n + 7) / 8 * 8)
          .isCloseTo(exact, within(exact * 0.05));
      assertThat((double) SizeOf.estimate(linked) - 32 - 24L * n).isCloseTo(exact, within(exact * 0.05));
    }
  }

  @Test
  void mapsAndSetsCountEntriesKeysAndValues() {
    Map<String, long[]> map = new HashMap<>();
    long contents = 0;
    for (int i = 0; i < 40; i++) {
      String key = "k" + i;
      long[] value = new long[i];
      map.put(key, value);
      contents += SizeOf.estimate(key) + SizeOf.estimate(value);
    }
    // 40 entries need a table of 64 slots at HashMap's load factor.
    assertThat(SizeOf.estimate(map)).isEqualTo(48 + (16 + 4 * 64) + 32 * 40 + contents);
    Set<Integer> set = new HashSet<>(List.of(1, 2, 3));
    assertThat(SizeOf.estimate(set)).isEqualTo(16 + 48 + 32 + 32 * 3 + 3 * 16);
  }

  @Test
  void objectArraysCountReferencesAndElements() {
    Object[] array = {"abc", new int[3], null};
    assertThat(SizeOf.estimate(array)).isEqualTo(32 + 48 + 32);
  }

  @Test
  void deeplyNestedValuesStopAtADefault() {
    Object nested = new double[10];
    for (int i = 0; i < 20; i++) {
      nested = List.of(nested);
    }
    assertThat(SizeOf.estimate(nested)).isPositive().isLessThan(2000);
  }
}
