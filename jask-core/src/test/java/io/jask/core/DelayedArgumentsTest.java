package io.jask.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.jask.core.graph.Key;
import io.jask.core.scheduler.Schedulers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a task receives for each kind of argument of a delayed call. */
class DelayedArgumentsTest {
  static int inc(int x) {
    return x + 1;
  }

  static <T> T identity(T x) {
    return x;
  }

  private final Delayed<Integer> two = Jask.delayed(DelayedArgumentsTest::inc, 1);
  private final Delayed<Integer> three = Jask.delayed(DelayedArgumentsTest::inc, 2);

  @Test
  void aListHoldingDelayedValuesArrivesWithTheirResults() {
    List<Object> list = new ArrayList<>(List.of(10));
    list.add(two);
    list.add("text");
    list.add(three);
    Delayed<Object> received = Jask.delayed(DelayedArgumentsTest::identity, list);
    assertThat(received.compute()).isEqualTo(List.of(10, 2, "text", 3));
    assertThat(received.graph().size()).isEqualTo(3);
  }

  @Test
  void nestedCollectionsAreResolvedAtEveryLevel() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("two", two);
    inner.put("plain", 5);
    List<Object> outer = List.of(List.of(two, List.of(three)), inner, new Object[] {three});
    Object received = Jask.delayed(DelayedArgumentsTest::identity, outer).compute(Schedulers.sync());
    assertThat(received).isInstanceOf(List.class);
    List<?> items = (List<?>) received;
    assertThat(items.get(0)).isEqualTo(List.of(2, List.of(3)));
    assertThat(items.get(1)).isEqualTo(Map.of("two", 2, "plain", 5));
    assertThat((Object[]) items.get(2)).containsExactly(3);
  }

  @Test
  void aMapHoldingDelayedKeysAndValuesArrivesWithTheirResultsInOrder() {
    Map<Object, Object> map = new LinkedHashMap<>();
    map.put("b", two);
    map.put(three, "three");
    map.put("a", 1);
    Object received = Jask.delayed(DelayedArgumentsTest::identity, map).compute();
    assertThat(received).isInstanceOf(Map.class);
    assertThat(((Map<?, ?>) received).entrySet()).extracting(Map.Entry::getKey, Map.Entry::getValue)
        .containsExactly(
            tuple("b", 2),
            tuple(3, "three"),
            tuple("a", 1));
  }

  @Test
  void aSetHoldingDelayedValuesArrivesWithTheirResults() {
    Set<Object> set = new HashSet<>(List.of(two, three, 7));
    assertThat(Jask.delayed(DelayedArgumentsTest::identity, set).compute()).isEqualTo(Set.of(2, 3, 7));
  }

  @Test
  void anObjectArrayHoldingDelayedValuesArrivesWithTheirResults() {
    Object[] array = {two, 20, three};
    Object received = Jask.delayed(DelayedArgumentsTest::identity, (Object) array).compute();
    assertThat(received).isInstanceOf(Object[].class).isNotSameAs(array);
    assertThat((Object[]) received).containsExactly(2, 20, 3);
    assertThat(array[0]).as("the caller's array is not changed").isSameAs(two);
  }

  @Test
  void anArrayOfDelayedValuesArrivesWithTheirResults() {
    Delayed<?>[] parts = {two, three};
    Object received = Jask.delayed(DelayedArgumentsTest::identity, (Object) parts).compute();
    assertThat((Object[]) received).containsExactly(2, 3);
    Delayed<?>[][] grid = {{two}, {three, two}};
    Object[] rows = (Object[]) Jask.delayed(DelayedArgumentsTest::identity, (Object) grid).compute();
    assertThat(rows).hasSize(2);
    assertThat((Object[]) rows[0]).containsExactly(2);
    assertThat((Object[]) rows[1]).containsExactly(3, 2);
  }

  @Test
  void collectionsWithoutDelayedValuesArePassedAsTheSameInstance() {
    List<Integer> list = new ArrayList<>(List.of(1, 2));
    Map<String, Integer> map = new LinkedHashMap<>(Map.of("a", 1));
    Set<Integer> set = new HashSet<>(Set.of(1));
    Integer[] array = {1, 2};
    int[] primitives = {1, 2};
    Delayed<Object> all = Jask.delayedN(args -> args, list, map, set, array, primitives, List.of(List.of(1)));
    Object[] received = (Object[]) all.compute(Schedulers.sync());
    assertThat(received[0]).isSameAs(list);
    assertThat(received[1]).isSameAs(map);
    assertThat(received[2]).isSameAs(set);
    assertThat(received[3]).isSameAs(array);
    assertThat(received[4]).isSameAs(primitives);
    assertThat(received[5]).isEqualTo(List.of(List.of(1)));
    assertThat(all.graph().size()).isEqualTo(1);
  }

  @Test
  void aKeyOfTheUsersIsPassedAsDataNotAsAReference() {
    Key mine = Key.of("not-a-task");
    Delayed<Object> received = Jask.delayed(DelayedArgumentsTest::identity, mine);
    assertThat(received.graph().size()).as("no dependency on a task named by the key").isEqualTo(1);
    assertThat(received.compute()).isEqualTo(mine);

    Key alsoATask = two.key();
    Delayed<Object> inList = Jask.delayed(DelayedArgumentsTest::identity, List.of(alsoATask, three));
    assertThat(inList.compute()).isEqualTo(List.of(alsoATask, 3));
    assertThat(inList.graph().keys()).doesNotContain(alsoATask);
  }

  @Test
  void theSameDelayedValueTwiceIsComputedOnceAndPassedTwice() {
    Delayed<List<Integer>> pair = Jask.delayed((Integer a, Integer b) -> Arrays.asList(a, b), two, two);
    assertThat(pair.compute()).containsExactly(2, 2);
    assertThat(pair.graph().size()).isEqualTo(2);
  }

  @Test
  void nullArgumentsArePassedAsNull() {
    Delayed<Boolean> isNull = Jask.delayed((Object o) -> o == null, null);
    assertThat(isNull.compute()).isTrue();
  }
}
