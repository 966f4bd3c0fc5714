package io.jask.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.core.fn.Fn0;
import io.jask.core.fn.Fn1;
import io.jask.core.fn.Fn2;
import io.jask.core.fn.FnN;
import io.jask.core.graph.Key;
import io.jask.core.scheduler.Schedulers;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Delayed calls with default options: keys, arities, then, value, and how failures surface. */
class DelayedCallsTest {
  private static final AtomicInteger CALLS = new AtomicInteger();

  static int inc(int x) {
    return x + 1;
  }

  static int add(int x, int y) {
    return x + y;
  }

  static int countedInc(int x) {
    CALLS.incrementAndGet();
    return x + 1;
  }

  static int readsAFile(int x) throws IOException {
    throw new IOException("no such file: " + x);
  }

  @BeforeEach
  void resetCounter() {
    CALLS.set(0);
  }

  @Test
  void theLessonsIncIncAdd() {
    Delayed<Integer> x = Jask.delayed(DelayedCallsTest::inc, 1);
    Delayed<Integer> y = Jask.delayed(DelayedCallsTest::inc, 2);
    Delayed<Integer> z = Jask.delayed(DelayedCallsTest::add, x, y);
    assertThat(z.compute()).isEqualTo(5);
    assertThat(z.compute(Schedulers.sync())).isEqualTo(5);
    assertThat(z.compute(Schedulers.threads())).isEqualTo(5);
    assertThat(x.compute()).isEqualTo(2);
    assertThat(z.graph().size()).isEqualTo(3);
    assertThat(z.graph().keys()).containsExactlyInAnyOrder(x.key(), y.key(), z.key());
    assertThat(x.key().group()).isEqualTo("inc");
    assertThat(z.key().group()).isEqualTo("add");
    assertThat(z).hasToString("Delayed('" + z.key() + "')");
  }

  @Test
  void eachCallGetsItsOwnKeyAndRuns() {
    Delayed<Integer> first = Jask.delayed(DelayedCallsTest::countedInc, 1);
    Delayed<Integer> second = Jask.delayed(DelayedCallsTest::countedInc, 1);
    assertThat(first.key()).isNotEqualTo(second.key());
    assertThat(first.key().group()).isEqualTo(second.key().group()).isEqualTo("countedInc");
    assertThat(Jask.compute(Schedulers.sync(), first, second)).containsExactly(2, 2);
    assertThat(CALLS).hasValue(2);
  }

  @Test
  void thenCallsAFunctionOnTheValue() {
    Delayed<Integer> doubledSuccessor = Jask.value(3).then(DelayedCallsTest::inc).then(x -> x * 2);
    assertThat(doubledSuccessor.compute()).isEqualTo(8);
    assertThat(doubledSuccessor.graph().size()).isEqualTo(3);
  }

  @Test
  void valueWrapsAnObjectUnderAKeyMadeFromIt() {
    Delayed<Integer> answer = Jask.value(42);
    assertThat(answer.compute()).isEqualTo(42);
    assertThat(answer.key().group()).isEqualTo("integer");
    assertThat(Jask.value(42).key()).isEqualTo(answer.key());
    assertThat(Jask.value(43).key()).isNotEqualTo(answer.key());
    assertThat(answer.graph().size()).isEqualTo(1);
    assertThat(answer.graph().task(0).isConstant()).isTrue();
    assertThat(Jask.delayed(DelayedCallsTest::add, answer, Jask.value(8)).compute()).isEqualTo(50);

    Delayed<Object> nothing = Jask.value(null);
    assertThat(nothing.key().group()).isEqualTo("none");
    assertThat(nothing.compute(Schedulers.sync())).isNull();
  }

  @Test
  void functionsOfZeroToSixArguments() {
    Delayed<Integer> one = Jask.value(1);
    Delayed<Integer> f0 = Jask.delayed(() -> 10);
    Delayed<Integer> f1 = Jask.delayed((Integer a) -> a * 2, one);
    Delayed<Integer> f2 = Jask.delayed((Integer a, Integer b) -> a * 10 + b, one, 2);
    Delayed<Integer> f3 = Jask.delayed((Integer a, Integer b, Integer c) -> a * 100 + b * 10 + c, one, 2, f0);
    Delayed<Integer> f4 = Jask.delayed((Integer a, Integer b, Integer c, Integer d) -> a + b + c + d, one, 2, 3, f1);
    Delayed<Integer> f5 = Jask.delayed((Integer a, Integer b, Integer c, Integer d, Integer e) -> a + b + c + d + e,
        one, 2, 3, 4, f2);
    Delayed<String> f6 = Jask.delayed(
        (Integer a, String b, Integer c, String d, Integer e, Integer f) -> a + b + c + d + e + "/" + f,
        one, "-", 2, "-", f3, f5);
    assertThat(Jask.compute(f0, f1, f2, f3, f4, f5, f6))
        .containsExactly(10, 2, 12, 130, 8, 22, "1-2-130/22");
  }

  @Test
  void delayedNTakesAnyNumberOfArguments() {
    FnN<Integer> sum = args -> Arrays.stream(args).mapToInt(a -> (Integer) a).sum();
    Delayed<Integer> x = Jask.delayed(DelayedCallsTest::inc, 1);
    assertThat(Jask.delayedN(sum, x, 2, x, 4, 5, 6, 7, 8).compute()).isEqualTo(36);
    assertThat(Jask.delayedN(sum).compute()).isEqualTo(0);
    Object[] args = {x, 10};
    Delayed<Integer> fromArray = Jask.delayedN(sum, args);
    args[1] = 1000; // the arguments were copied when the call was made
    assertThat(fromArray.compute()).isEqualTo(12);
  }

  @Test
  void aCheckedExceptionIsTheCauseAsThrown() {
    Delayed<Integer> failing = Jask.delayed(DelayedCallsTest::readsAFile, 7);
    Delayed<Integer> after = Jask.delayed(DelayedCallsTest::inc, failing);
    assertThatThrownBy(after::compute)
        .isInstanceOfSatisfying(TaskFailedException.class, e -> assertThat(e.key()).isEqualTo(failing.key()))
        .hasMessageContaining(failing.key().toString())
        .cause().isExactlyInstanceOf(IOException.class).hasMessage("no such file: 7");
    assertThatThrownBy(() -> after.compute(Schedulers.sync()))
        .isInstanceOf(TaskFailedException.class)
        .cause().isExactlyInstanceOf(IOException.class)
        .satisfies(cause -> assertThat(cause.getStackTrace()[0].getMethodName()).isEqualTo("readsAFile"));
  }

  @Test
  void aNullFunctionIsRejectedAtOnce() {
    assertThatThrownBy(() -> Jask.delayed((Fn0<Integer>) null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("function");
    assertThatThrownBy(() -> Jask.delayed((Fn1<Integer, Integer>) null, 1))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("function");
    assertThatThrownBy(() -> Jask.delayed((Fn2<Integer, Integer, Integer>) null, 1, 2))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("function");
    assertThatThrownBy(() -> Jask.delayedN(null, 1, 2))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("function");
    assertThatThrownBy(() -> Jask.options().pure().delayed((Fn1<Integer, Integer>) null, 1))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("function");
  }

  @Test
  void aDelayedIsTokenizedByItsKey() {
    Delayed<Integer> x = Jask.delayed(DelayedCallsTest::inc, 1);
    assertThat(x.tokenIdentity()).isEqualTo(x.key());
    assertThat(x.key()).isInstanceOf(Key.class);
  }
}
