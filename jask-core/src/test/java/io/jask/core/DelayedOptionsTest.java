package io.jask.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.core.graph.Key;
import io.jask.core.scheduler.Schedulers;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** pure, name and nout: how options change keys and outputs. */
class DelayedOptionsTest {
  /** Static, so that the counted function captures nothing and its identity is its method alone. */
  private static final AtomicInteger CALLS = new AtomicInteger();

  static int countedInc(int x) {
    CALLS.incrementAndGet();
    return x + 1;
  }

  static int inc(int x) {
    return x + 1;
  }

  static int dec(int x) {
    return x - 1;
  }

  static int add(int x, int y) {
    return x + y;
  }

  static List<Integer> divmod(int a, int b) {
    return List.of(a / b, a % b);
  }

  static Integer[] minMax(int a, int b) {
    return new Integer[] {Math.min(a, b), Math.max(a, b)};
  }

  static int[] squareCube(int a) {
    return new int[] {a * a, a * a * a};
  }

  /** One lambda call site: its identity differs only by the captured {@code k}. */
  static Delayed<Integer> pureAddConstant(int k, int x) {
    return Jask.options().pure().delayed((Integer v) -> v + k, x);
  }

  @BeforeEach
  void resetCounter() {
    CALLS.set(0);
  }

  // ---------------------------------------------------------------- pure

  @Test
  void pureCallsWithEqualArgumentsShareOneKeyAndRunOnce() {
    Delayed<Integer> a = Jask.options().pure().delayed(DelayedOptionsTest::countedInc, 1);
    Delayed<Integer> b = Jask.options().pure().delayed(DelayedOptionsTest::countedInc, 1);
    assertThat(a.key()).isEqualTo(b.key());
    assertThat(a.key().group()).isEqualTo("countedInc");
    assertThat(Jask.compute(a, b)).containsExactly(2, 2);
    assertThat(CALLS).hasValue(1);

    CALLS.set(0);
    assertThat(Jask.delayed(DelayedOptionsTest::add, a, b).compute(Schedulers.sync())).isEqualTo(4);
    assertThat(CALLS).hasValue(1);
  }

  @Test
  void pureKeysDifferWhenArgumentsOrFunctionsDiffer() {
    Key incOfOne = Jask.options().pure().delayed(DelayedOptionsTest::inc, 1).key();
    assertThat(Jask.options().pure().delayed(DelayedOptionsTest::inc, 2).key()).isNotEqualTo(incOfOne);
    assertThat(Jask.options().pure().delayed(DelayedOptionsTest::dec, 1).key()).isNotEqualTo(incOfOne);
    assertThat(Jask.delayed(DelayedOptionsTest::inc, 1).key()).as("not pure").isNotEqualTo(incOfOne);
  }

  @Test
  void pureKeysOfALambdaIncludeWhatItCaptured() {
    assertThat(pureAddConstant(1, 5).key()).isEqualTo(pureAddConstant(1, 5).key());
    assertThat(pureAddConstant(2, 5).key()).isNotEqualTo(pureAddConstant(1, 5).key());
    assertThat(pureAddConstant(2, 5).compute()).isEqualTo(7);
  }

  @Test
  void pureCallsOnDelayedInputsAreEqualExactlyWhenTheInputsAre() {
    Delayed<Integer> x = Jask.delayed(DelayedOptionsTest::inc, 1);
    Delayed<Integer> otherX = Jask.delayed(DelayedOptionsTest::inc, 1);
    Key onX = Jask.options().pure().delayed(DelayedOptionsTest::inc, x).key();
    assertThat(Jask.options().pure().delayed(DelayedOptionsTest::inc, x).key()).isEqualTo(onX);
    assertThat(Jask.options().pure().delayed(DelayedOptionsTest::inc, otherX).key()).isNotEqualTo(onX);
  }

  @Test
  void optionsAreImmutable() {
    DelayedOptions pure = Jask.options().pure();
    DelayedOptions named = pure.name("fixed");
    assertThat(pure.delayed(DelayedOptionsTest::inc, 1).key()).isNotEqualTo(Key.of("fixed"));
    assertThat(named.delayed(DelayedOptionsTest::inc, 1).key()).isEqualTo(Key.of("fixed"));
    assertThat(pure.pure(false).delayed(DelayedOptionsTest::inc, 1).key())
        .isNotEqualTo(pure.pure(false).delayed(DelayedOptionsTest::inc, 1).key());
    assertThat(Jask.options().delayed(DelayedOptionsTest::inc, 1).key())
        .isNotEqualTo(Jask.options().delayed(DelayedOptionsTest::inc, 1).key());
  }

  // ---------------------------------------------------------------- name

  @Test
  void aNameIsTheKeyExactly() {
    Delayed<Integer> total = Jask.options().name("total")
        .delayed(DelayedOptionsTest::add, Jask.delayed(DelayedOptionsTest::inc, 1), 3);
    assertThat(total.key()).isEqualTo(Key.of("total"));
    assertThat(total.key()).hasToString("total");
    assertThat(total.key().group()).isEqualTo("total");
    assertThat(total.graph().keys()).contains(Key.of("total"));
    assertThat(total.compute()).isEqualTo(5);
  }

  @Test
  void anEmptyNameIsRejected() {
    assertThatThrownBy(() -> Jask.options().name("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void oneNameForTwoDifferentComputationsInAGraphIsAGraphException() {
    Delayed<Integer> first = Jask.options().name("result").delayed(DelayedOptionsTest::inc, 1);
    Delayed<Integer> second = Jask.options().name("result").delayed(DelayedOptionsTest::inc, 2);
    assertThatThrownBy(() -> Jask.compute(first, second))
        .isInstanceOfSatisfying(GraphException.class, e -> assertThat(e.keys()).containsExactly(Key.of("result")))
        .hasMessageContaining("'result'");
    Delayed<Integer> both = Jask.delayed(DelayedOptionsTest::add, first, second);
    assertThatThrownBy(both::compute).isInstanceOf(GraphException.class).hasMessageContaining("'result'");
    Delayed<Integer> otherFunction = Jask.options().name("result").delayed(DelayedOptionsTest::dec, 1);
    assertThatThrownBy(() -> Jask.graph(first, otherFunction)).isInstanceOf(GraphException.class);
  }

  @Test
  void oneNameForTheSameComputationTwiceIsOneTask() {
    Delayed<Integer> first = Jask.options().name("shared").delayed(DelayedOptionsTest::countedInc, 1);
    Delayed<Integer> again = Jask.options().name("shared").delayed(DelayedOptionsTest::countedInc, 1);
    Delayed<Integer> sum = Jask.delayed(DelayedOptionsTest::add, first, again);
    assertThat(sum.graph().size()).isEqualTo(2);
    assertThat(sum.compute()).isEqualTo(4);
    assertThat(CALLS).hasValue(1);
  }

  // ---------------------------------------------------------------- nout

  @Test
  void noutTakesAListResultApart() {
    Delayed<List<Integer>> qr = Jask.options().nout(2).delayed(DelayedOptionsTest::divmod, 17, Jask.value(5));
    List<Delayed<Object>> parts = qr.outputs();
    assertThat(parts).hasSize(2);
    assertThat(Jask.compute(parts.get(0), parts.get(1))).containsExactly(3, 2);
    Delayed<Integer> remainder = qr.get(1);
    assertThat(remainder.compute(Schedulers.sync())).isEqualTo(2);
    assertThat(remainder.key()).isEqualTo(parts.get(1).key());
    assertThat(remainder.key().group()).isEqualTo("getitem");
  }

  @Test
  void noutTakesAnArrayResultApart() {
    Delayed<Integer[]> minMax = Jask.options().nout(2).delayed(DelayedOptionsTest::minMax, 9, 4);
    assertThat(Jask.computeAll(minMax.outputs())).containsExactly(4, 9);
    Delayed<int[]> powers = Jask.options().nout(2).delayed(DelayedOptionsTest::squareCube, 3);
    assertThat(Jask.computeAll(powers.outputs())).containsExactly(9, 27);
  }

  @Test
  void noutOfZeroHasNoOutputs() {
    assertThat(Jask.options().nout(0).delayed(() -> List.of()).outputs()).isEmpty();
    assertThatThrownBy(() -> Jask.options().nout(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void anOutputOutsideNoutIsAnIndexOutOfBoundsException() {
    Delayed<List<Integer>> qr = Jask.options().nout(2).delayed(DelayedOptionsTest::divmod, 17, 5);
    assertThatThrownBy(() -> qr.get(2)).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("2").hasMessageContaining(qr.key().toString());
    assertThatThrownBy(() -> qr.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    Delayed<List<Integer>> unknownCount = Jask.delayed(DelayedOptionsTest::divmod, 17, 5);
    assertThatThrownBy(() -> unknownCount.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void outputsWithoutNoutIsAnIllegalStateException() {
    Delayed<List<Integer>> qr = Jask.delayed(DelayedOptionsTest::divmod, 17, 5);
    assertThatThrownBy(qr::outputs).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(qr.key().toString()).hasMessageContaining("nout");
  }

  @Test
  void getWithoutNoutIsCheckedWhenItRuns() {
    Delayed<List<Integer>> qr = Jask.delayed(DelayedOptionsTest::divmod, 17, 5);
    assertThat(qr.<Integer>get(0).compute()).isEqualTo(3);
    Delayed<Integer> beyond = qr.get(5);
    assertThatThrownBy(beyond::compute).isInstanceOf(TaskFailedException.class)
        .hasCauseInstanceOf(IndexOutOfBoundsException.class);
    Delayed<Integer> notAList = Jask.value(7).get(0);
    assertThatThrownBy(notAList::compute).isInstanceOf(TaskFailedException.class)
        .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Integer");
  }
}
