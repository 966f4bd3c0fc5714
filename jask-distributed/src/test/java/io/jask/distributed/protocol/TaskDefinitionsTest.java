package io.jask.distributed.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.core.JaskException;
import io.jask.core.fn.Fn1;
import io.jask.core.fn.Fn2;
import io.jask.core.graph.FunctionCall;
import io.jask.core.graph.Key;
import io.jask.core.graph.Task;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskDefinitionsTest {
  static long inc(long x) {
    return x + 1;
  }

  static long dec(long x) {
    return x - 1;
  }

  static long twice(long x) {
    return 2 * x;
  }

  static long add(long x, long y) {
    return x + y;
  }

  private static Task call(String key, Object fn, int arity, Object... args) {
    return Task.of(Key.of(key), new FunctionCall(fn, arity), args);
  }

  private static Object fnOf(Task task) {
    return ((FunctionCall) task.function()).fn();
  }

  @Test
  void aMethodReferenceIsEncodedOnceAndDecodedOnceForManyTasks() throws Exception {
    Fn1<Long, Long> fn = TaskDefinitionsTest::inc;
    List<Task> decoded = new ArrayList<>();
    long decodesBefore = TaskDefinitions.functionDecodes();
    byte[] first = null;
    for (long i = 0; i < 20; i++) {
      byte[] spec = TaskDefinitions.encode(call("inc-" + i, fn, 1, i));
      assertThat(spec[0]).isEqualTo(TaskDefinitions.SPLIT);
      first = first == null ? spec : first;
      // The function's part is the same bytes every time, only the rest differs.
      int end = 1 + Integer.BYTES + ByteBuffer.wrap(spec, 1, Integer.BYTES).getInt();
      assertThat(Arrays.copyOfRange(spec, 0, end)).isEqualTo(Arrays.copyOfRange(first, 0, end));
      decoded.add(TaskDefinitions.decode(spec, "task " + i));
    }
    assertThat(TaskDefinitions.functionDecodes() - decodesBefore).isLessThanOrEqualTo(1);
    for (int i = 0; i < decoded.size(); i++) {
      Task task = decoded.get(i);
      assertThat(task.key()).isEqualTo(Key.of("inc-" + i));
      assertThat(task.run(new Object[0])).isEqualTo(i + 1L);
      assertThat(fnOf(task)).isSameAs(fnOf(decoded.get(0)));
    }
  }

  @Test
  void keyArgumentsStayDependencies() throws Exception {
    Fn2<Long, Long, Long> fn = TaskDefinitionsTest::add;
    Task task = call("add-1", fn, 2, Key.of("x"), 5L);
    Task back = TaskDefinitions.decode(TaskDefinitions.encode(task), "add");
    assertThat(back.dependencies()).containsExactly(Key.of("x"));
    assertThat(back.run(new Object[] {10L})).isEqualTo(15L);
  }

  @Test
  void lambdasWithCapturedValuesKeepTheirOwnValues() throws Exception {
    List<Task> tasks = new ArrayList<>();
    for (long offset = 0; offset < 5; offset++) {
      long captured = offset * 100;
      Fn1<Long, Long> fn = x -> x + captured;
      tasks.add(call("plus-" + offset, fn, 1, 1L));
    }
    List<Object> functions = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      byte[] spec = TaskDefinitions.encode(tasks.get(i));
      assertThat(spec[0]).isNotEqualTo(TaskDefinitions.SPLIT);
      Task back = TaskDefinitions.decode(spec, "plus");
      assertThat(back.run(new Object[0])).isEqualTo(1L + i * 100L);
      functions.add(fnOf(back));
    }
    // Equal captured values still give each task its own function object.
    byte[] spec = TaskDefinitions.encode(tasks.get(0));
    assertThat(fnOf(TaskDefinitions.decode(spec, "plus"))).isNotSameAs(fnOf(TaskDefinitions.decode(spec, "plus")));
    assertThat(functions).doesNotHaveDuplicates();
  }

  @Test
  void wholeTasksEncodedAsPayloadsStillDecode() throws Exception {
    Fn1<Long, Long> fn = TaskDefinitionsTest::inc;
    byte[] whole = Payloads.encode(call("inc-whole", fn, 1, Key.of("y")));
    assertThat(whole[0]).isNotEqualTo(TaskDefinitions.SPLIT);
    Task back = TaskDefinitions.decode(whole, "whole");
    assertThat(back.dependencies()).containsExactly(Key.of("y"));
    assertThat(back.run(new Object[] {41L})).isEqualTo(42L);
    Task constant = TaskDefinitions.decode(TaskDefinitions.encode(Task.constant(Key.of("c"), "v")), "c");
    assertThat(constant.run(new Object[0])).isEqualTo("v");
  }

  @Test
  void theDecodedFunctionCacheIsBounded() {
    TaskDefinitions.FunctionCache cache = new TaskDefinitions.FunctionCache(2);
    List<byte[]> functions = new ArrayList<>();
    for (Fn1<Long, Long> fn : List.<Fn1<Long, Long>>of(TaskDefinitionsTest::inc, TaskDefinitionsTest::dec,
        TaskDefinitionsTest::twice)) {
      functions.add(Payloads.encode(fn));
    }
    get(cache, functions.get(0));
    get(cache, functions.get(0));
    assertThat(cache.decodes()).isEqualTo(1);
    get(cache, functions.get(1));
    get(cache, functions.get(2));
    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.decodes()).isEqualTo(3);
    get(cache, functions.get(2));
    assertThat(cache.decodes()).isEqualTo(3);
    // inc was the least recently used: it was dropped, and is decoded anew.
    get(cache, functions.get(0));
    assertThat(cache.decodes()).isEqualTo(4);
    assertThat(cache.size()).isEqualTo(2);
    assertThat(TaskDefinitions.cachedFunctions()).isLessThanOrEqualTo(TaskDefinitions.CACHED_FUNCTIONS);
  }

  @SuppressWarnings("unchecked")
  private static Object get(TaskDefinitions.FunctionCache cache, byte[] bytes) {
    // Inside a larger array, as in a run spec.
    byte[] padded = new byte[bytes.length + 7];
    System.arraycopy(bytes, 0, padded, 5, bytes.length);
    Object fn = cache.get(padded, 5, bytes.length, () -> "a function");
    try {
      assertThat(((Fn1<Long, Long>) fn).apply(10L)).isIn(11L, 9L, 20L);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return fn;
  }

  @Test
  void aCorruptSplitSpecIsRefusedNamingTheTask() {
    Fn1<Long, Long> fn = TaskDefinitionsTest::inc;
    byte[] spec = TaskDefinitions.encode(call("inc-bad", fn, 1, 1L));
    byte[] cut = Arrays.copyOf(spec, 3);
    assertThatThrownBy(() -> TaskDefinitions.decode(cut, "the definition of task 'inc-bad'"))
        .isInstanceOf(JaskException.class)
        .hasMessageContaining("task 'inc-bad'");
    byte[] lying = spec.clone();
    lying[1] = 0x7f;
    assertThatThrownBy(() -> TaskDefinitions.decode(lying, "the definition of task 'inc-bad'"))
        .isInstanceOf(JaskException.class)
        .hasMessageContaining("task 'inc-bad'");
  }

  @Test
  void theDescriptionIsMadeOnlyWhenDecodingFails() {
    Fn1<Long, Long> fn = TaskDefinitionsTest::inc;
    byte[] spec = TaskDefinitions.encode(call("inc-lazy", fn, 1, 1L));
    java.util.concurrent.atomic.AtomicInteger described = new java.util.concurrent.atomic.AtomicInteger();
    java.util.function.Supplier<String> what = () -> {
      described.incrementAndGet();
      return "the definition of task 'inc-lazy'";
    };

    assertThat(TaskDefinitions.decode(spec, what).key()).isEqualTo(io.jask.core.graph.Key.of("inc-lazy"));
    assertThat(described).hasValue(0);

    byte[] garbage = spec.clone();
    Arrays.fill(garbage, 5, garbage.length, (byte) 0x7f);
    assertThatThrownBy(() -> TaskDefinitions.decode(garbage, what))
        .isInstanceOf(JaskException.class)
        .hasMessageContaining("task 'inc-lazy'");
    assertThat(described).hasValue(1);
  }
}
