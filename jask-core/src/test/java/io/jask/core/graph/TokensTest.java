package io.jask.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TokensTest {
  private static String tok(Object value) {
    return Tokens.tokenize(value);
  }

  record Point(int x, String y) {}

  record OtherPoint(int x, String y) {}

  record Wrapper(List<Object> items, Point point) {}

  enum Colour { RED, GREEN }

  /** A serializable function type, so that lambdas and method references are tokenized by identity. */
  interface Fn extends Function<Integer, Integer>, Serializable {}

  static int inc(int x) {
    return x + 1;
  }

  static int dec(int x) {
    return x - 1;
  }

  static Fn adder(int k) {
    return x -> x + k;
  }

  static Fn scaler(int k) {
    return x -> x * k;
  }

  static final class Box implements Tokenizable {
    final String id;
    final Object noise;

    Box(String id, Object noise) {
      this.id = id;
      this.noise = noise;
    }

    @Override
    public Object tokenIdentity() {
      return id;
    }
  }

  static final class Pojo implements Serializable {
    final int a;
    final String b;

    Pojo(int a, String b) {
      this.a = a;
      this.b = b;
    }
  }

  // ---- shape -------------------------------------------------------------------------------

  @Test
  void tokensAre32LowercaseHexDigits() {
    for (Object v : List.of("x", 1, List.of(), Map.of("a", 1), 2.5)) {
      assertThat(tok(v)).hasSize(32).matches("[0-9a-f]{32}");
    }
    assertThat(Tokens.tokenize()).matches("[0-9a-f]{32}");
    assertThat(Tokens.unique()).matches("[0-9a-f]{32}");
  }

  // ---- golden values: tokens must not change across JVMs or versions -------------------------

  /**
   * Frozen tokens: a change here changes every key Jask derives from values, so it must be
   * deliberate. (The first four were also checked against an independent re-implementation of
   * the hash.)
   */
  @Test
  void goldenTokensAreStable() {
    assertThat(Tokens.tokenize()).isEqualTo("5fedb64868fc0e68c3cb8ebf54300d59");
    assertThat(tok(null)).isEqualTo("0ce60fe6b507a9f045195aac04a5fce5");
    assertThat(tok("hello")).isEqualTo("181c63cd27cf5f0521ded5bcb89291b4");
    assertThat(tok(42)).isEqualTo("1dda1316788e8c776e1dc3462b190a7c");
    assertThat(tok(3.5)).isEqualTo("e4b1458561b0f497a201a5a966a7be48");
    assertThat(tok(true)).isEqualTo("68b1c9fd134539570b80044ffd3f4e48");
    assertThat(tok(List.of(1, 2, 3))).isEqualTo("222f97d77f01371372fdc5aec713c90e");
    assertThat(tok(Map.of("a", 1, "b", 2))).isEqualTo("8db84133cb62d504779a520f65dfcf4a");
    assertThat(tok(new int[] {1, 2, 3})).isEqualTo("ab76ff0c32c9e53cda8322a1a33b5be8");
    assertThat(tok(TimeUnit.SECONDS)).isEqualTo("49d54e05b28f36bfe5b5798a630298cb");
    assertThat(tok(Key.of("x", 1))).isEqualTo("f119b3ef9d13db44f1b1a76747080967");
    assertThat(Tokens.tokenize("inc", 1, List.of("a", 2.0))).isEqualTo("501a309d445618f56f2798a03b69acf0");
  }

  // ---- same values, same token -------------------------------------------------------------

  @Test
  void equalValuesGiveEqualTokens() {
    assertThat(tok("hello")).isEqualTo(tok(new String("hello")));
    assertThat(tok(List.of(1, "a", 2.0))).isEqualTo(tok(new ArrayList<>(List.of(1, "a", 2.0))));
    assertThat(Tokens.tokenize(1, "a")).isEqualTo(Tokens.tokenize(1, "a"));
  }

  @Test
  void integralBoxesOfTheSameValueDifferByType() {
    // A function may behave differently on 1 and 1L, so pure calls on them must not share a key.
    assertThat(tok(7)).isNotEqualTo(tok(7L)).isNotEqualTo(tok((short) 7)).isNotEqualTo(tok((byte) 7));
    assertThat(tok(7L)).isNotEqualTo(tok((short) 7));
    assertThat(tok((short) 7)).isNotEqualTo(tok((byte) 7));
    assertThat(tok(-1L)).isEqualTo(tok(Long.valueOf(-1)));
  }

  @Test
  void mapsWithNullValuesDifferFromMapsWithEmptyOptionals() {
    Map<String, Object> withNull = new HashMap<>();
    withNull.put("a", null);
    assertThat(tok(withNull)).isNotEqualTo(tok(Map.of("a", Optional.empty())));
    assertThat(tok(withNull)).isEqualTo(tok(new HashMap<>(withNull)));
  }

  @Test
  void numbersOfDifferentKindsDiffer() {
    assertThat(tok(1)).isNotEqualTo(tok(1.0));
    assertThat(tok(1.0)).isNotEqualTo(tok(1.0f));
    assertThat(tok(1)).isNotEqualTo(tok('\u0001'));
    assertThat(tok(1)).isNotEqualTo(tok(true));
    assertThat(tok(0)).isNotEqualTo(tok(false));
    assertThat(tok(1)).isNotEqualTo(tok("1"));
    assertThat(tok(new BigDecimal("1"))).isNotEqualTo(tok(1));
  }

  @Test
  void doublesHashByBitsAndNanIsStable() {
    assertThat(tok(Double.NaN)).isEqualTo(tok(0.0 / 0.0))
        .isEqualTo(tok(Double.longBitsToDouble(0x7ff8000000000001L)));
    assertThat(tok(Float.NaN)).isEqualTo(tok(0.0f / 0.0f));
    assertThat(tok(0.1 + 0.2)).isNotEqualTo(tok(0.3));
    assertThat(tok(0.0)).isNotEqualTo(tok(-0.0)); // as Double.equals does
    assertThat(tok(Double.POSITIVE_INFINITY)).isNotEqualTo(tok(Double.NEGATIVE_INFINITY));
  }

  @Test
  void primitiveArraysOfDifferentTypesDiffer() {
    assertThat(tok(new int[] {1, 2})).isNotEqualTo(tok(new long[] {1, 2}));
    assertThat(tok(new short[] {1, 2})).isNotEqualTo(tok(new byte[] {1, 2}));
    assertThat(tok(new double[] {1, 2})).isNotEqualTo(tok(new float[] {1, 2}));
    assertThat(tok(new int[] {1, 2})).isNotEqualTo(tok(List.of(1, 2)));
    assertThat(tok(new char[] {'a', 'b'})).isNotEqualTo(tok("ab"));
    assertThat(tok(new Integer[] {1, 2})).isNotEqualTo(tok(new int[] {1, 2}));
  }

  @Test
  void arraysHashByContent() {
    assertThat(tok(new int[] {1, 2, 3})).isEqualTo(tok(new int[] {1, 2, 3}))
        .isNotEqualTo(tok(new int[] {1, 2, 4}))
        .isNotEqualTo(tok(new int[] {1, 2}))
        .isNotEqualTo(tok(new int[] {3, 2, 1}));
    assertThat(tok(new double[] {Double.NaN, 1})).isEqualTo(tok(new double[] {Double.NaN, 1}));
    assertThat(tok(new boolean[] {true, false})).isEqualTo(tok(new boolean[] {true, false}))
        .isNotEqualTo(tok(new boolean[] {false, true}));
    assertThat(tok(new char[] {'a', 'b'})).isEqualTo(tok("ab".toCharArray()));
    assertThat(tok(new String[] {"a", "b"})).isEqualTo(tok(new String[] {"a", "b"}))
        .isNotEqualTo(tok(new Object[] {"a", "b"}));
    assertThat(tok(new Object[] {1, new int[] {2}})).isEqualTo(tok(new Object[] {1, new int[] {2}}))
        .isNotEqualTo(tok(new Object[] {1, new int[] {3}}));
    assertThat(tok(new long[0])).isNotEqualTo(tok(new int[0]));
  }

  @Test
  void listsHashInOrder() {
    assertThat(tok(List.of(1, 2))).isNotEqualTo(tok(List.of(2, 1)));
    assertThat(tok(List.of(1, 2))).isEqualTo(tok(new LinkedList<>(List.of(1, 2))))
        .isEqualTo(tok(Arrays.asList(1, 2)));
    assertThat(tok(List.of(1, 1))).isNotEqualTo(tok(List.of(1)));
    assertThat(tok(List.of())).isNotEqualTo(tok((Object) null));
  }

  @Test
  void setsHashInAnyOrder() {
    Set<Object> hash = new HashSet<>(List.of(1, "two", 3.0, List.of(4)));
    Set<Object> linked = new LinkedHashSet<>(List.of(List.of(4), 3.0, "two", 1));
    assertThat(tok(hash)).isEqualTo(tok(linked)).isEqualTo(tok(Set.of(3.0, 1, List.of(4), "two")));
    assertThat(tok(new TreeSet<>(List.of(3, 1, 2)))).isEqualTo(tok(Set.of(1, 2, 3)));
    assertThat(tok(Set.of(1, 2))).isNotEqualTo(tok(Set.of(1, 3)));
    assertThat(tok(Set.of(1, 2))).isNotEqualTo(tok(List.of(1, 2)));
    assertThat(tok(Set.of())).isNotEqualTo(tok(List.of()));
  }

  @Test
  void mapsHashInAnyOrderAndPairKeysWithValues() {
    Map<String, Integer> a = new LinkedHashMap<>();
    a.put("x", 1);
    a.put("y", 2);
    Map<String, Integer> b = new HashMap<>();
    b.put("y", 2);
    b.put("x", 1);
    assertThat(tok(a)).isEqualTo(tok(b)).isEqualTo(tok(new TreeMap<>(a)));
    assertThat(tok(a)).isNotEqualTo(tok(Map.of("x", 2, "y", 1)));
    assertThat(tok(a)).isNotEqualTo(tok(Map.of("x", 1)));
    assertThat(tok(Map.of())).isNotEqualTo(tok(Set.of()));
    Map<String, Object> withNull = new HashMap<>();
    withNull.put("k", null);
    assertThat(tok(withNull)).isEqualTo(tok(new HashMap<>(withNull)));
    assertThat(tok(withNull)).isNotEqualTo(tok(Map.of("k", "null")));
  }

  @Test
  void nestedCollectionsKeepTheirStructure() {
    assertThat(tok(List.of(List.of(1, 2), List.of(3)))).isNotEqualTo(tok(List.of(List.of(1), List.of(2, 3))));
    assertThat(tok(List.of(List.of(1, 2), List.of(3)))).isNotEqualTo(tok(List.of(1, 2, 3)));
    assertThat(tok(Map.of("a", List.of(Set.of(1, 2)))))
        .isEqualTo(tok(Map.of("a", List.of(new LinkedHashSet<>(List.of(2, 1))))));
    assertThat(tok(Map.of("a", List.of(Set.of(1, 2))))).isNotEqualTo(tok(Map.of("a", List.of(Set.of(1, 3)))));
    assertThat(tok(Set.of(Set.of(1), Set.of(2)))).isNotEqualTo(tok(Set.of(Set.of(1, 2))));
  }

  @Test
  void multipleArgumentsAreSeparated() {
    assertThat(Tokens.tokenize("a", "bc")).isNotEqualTo(Tokens.tokenize("ab", "c"));
    assertThat(Tokens.tokenize("a", "b")).isNotEqualTo(Tokens.tokenize("b", "a"));
    assertThat(Tokens.tokenize(List.of("a", "b"))).isNotEqualTo(Tokens.tokenize("a", "b"));
    assertThat(Tokens.tokenize()).isNotEqualTo(Tokens.tokenize((Object) null));
    assertThat(Tokens.tokenize(1)).isNotEqualTo(Tokens.tokenize(1, 1));
  }

  @Test
  void stringsHashByContent() {
    assertThat(tok("")).isNotEqualTo(tok(" ")).isNotEqualTo(tok((Object) null)).isNotEqualTo(Tokens.tokenize());
    assertThat(tok("abcd")).isNotEqualTo(tok("abcd\u0000"));
    assertThat(tok("null")).isNotEqualTo(tok((Object) null));
    assertThat(tok("héllo wörld ✓")).isEqualTo(tok("héllo wörld ✓"));
  }

  @Test
  void nullIsStable() {
    assertThat(tok(null)).isEqualTo(tok(null));
    assertThat(Tokens.tokenize(null, null)).isNotEqualTo(tok(null));
    assertThat(tok(Optional.empty())).isNotEqualTo(tok(null));
    assertThat(tok(Optional.of(1))).isEqualTo(tok(Optional.of(1))).isNotEqualTo(tok(1));
  }

  @Test
  void recordsHashByComponentsAndType() {
    assertThat(tok(new Point(1, "a"))).isEqualTo(tok(new Point(1, "a")));
    assertThat(tok(new Point(1, "a"))).isNotEqualTo(tok(new Point(2, "a")))
        .isNotEqualTo(tok(new Point(1, "b")))
        .isNotEqualTo(tok(new OtherPoint(1, "a")));
    assertThat(tok(new Wrapper(List.of(1, "x"), new Point(3, null))))
        .isEqualTo(tok(new Wrapper(new ArrayList<>(List.of(1, "x")), new Point(3, null))))
        .isNotEqualTo(tok(new Wrapper(List.of(1, "x"), new Point(3, ""))));
  }

  @Test
  void enumsHashByTypeAndName() {
    assertThat(tok(Colour.RED)).isEqualTo(tok(Colour.valueOf("RED")));
    assertThat(tok(Colour.RED)).isNotEqualTo(tok(Colour.GREEN)).isNotEqualTo(tok("RED"));
    assertThat(tok(TimeUnit.SECONDS)).isNotEqualTo(tok(TimeUnit.MINUTES));
  }

  @Test
  void keysHashByNameAndIndex() {
    assertThat(tok(Key.of("a", 1))).isEqualTo(tok(Key.of("a", 1)));
    assertThat(tok(Key.of("a", 1))).isNotEqualTo(tok(Key.of("a", 2))).isNotEqualTo(tok(Key.of("a")));
    assertThat(tok(Key.of("a"))).isNotEqualTo(tok("a"));
  }

  @Test
  void aPlainKeyNamedLikeABlockKeyDiffersFromIt() {
    // Key.of("(a, 1)") prints exactly as Key.of("a", 1) does; they are still different keys.
    assertThat(Key.of("(a, 1)")).hasToString(Key.of("a", 1).toString()).isNotEqualTo(Key.of("a", 1));
    assertThat(tok(Key.of("(a, 1)"))).isNotEqualTo(tok(Key.of("a", 1)));
  }

  @Test
  void valueTypesHashByValue() {
    assertThat(tok(Path.of("a", "b"))).isEqualTo(tok(Path.of("a/b"))).isNotEqualTo(tok(Path.of("a/c")));
    assertThat(tok(URI.create("s3://bucket/x"))).isEqualTo(tok(URI.create("s3://bucket/x")));
    UUID id = UUID.randomUUID();
    assertThat(tok(id)).isEqualTo(tok(UUID.fromString(id.toString())));
    assertThat(tok(LocalDate.of(2024, 2, 29))).isEqualTo(tok(LocalDate.parse("2024-02-29")))
        .isNotEqualTo(tok(LocalDate.of(2024, 3, 1)));
    assertThat(tok(String.class)).isEqualTo(tok(String.class)).isNotEqualTo(tok(Integer.class));
  }

  @Test
  void tokenizableObjectsHashByTheirIdentity() {
    assertThat(tok(new Box("a", new Object()))).isEqualTo(tok(new Box("a", new Object())));
    assertThat(tok(new Box("a", null))).isNotEqualTo(tok(new Box("b", null)));
    assertThat(tok(new Box("a", null))).isNotEqualTo(tok("a"));
  }

  @Test
  void otherSerializableObjectsHashByTheirSerialForm() {
    assertThat(tok(new Pojo(1, "x"))).isEqualTo(tok(new Pojo(1, "x")));
    assertThat(tok(new Pojo(1, "x"))).isNotEqualTo(tok(new Pojo(2, "x")));
  }

  @Test
  void objectsWithoutAKnownShapeNeverShareAToken() {
    Object o = new Object();
    assertThat(tok(o)).isNotEqualTo(tok(o));
    Runnable notSerializable = () -> {};
    assertThat(tok(notSerializable)).isNotEqualTo(tok(notSerializable));
  }

  @Test
  void selfReferencingStructuresDoNotOverflowAndAreNeverEqual() {
    List<Object> loop = new ArrayList<>();
    loop.add(loop);
    assertThat(tok(loop)).isNotEqualTo(tok(loop));
  }

  // ---- functions ---------------------------------------------------------------------------

  @Test
  void theSameMethodReferenceHasTheSameToken() {
    Fn first = TokensTest::inc;
    Fn second = TokensTest::inc; // another call site, same method
    assertThat(tok(first)).isEqualTo(tok(first)).isEqualTo(tok(second));
    assertThat(Functions.identity(first)).isEqualTo(Functions.identity(second));
    assertThat(Functions.name(first)).isEqualTo("inc");
  }

  @Test
  void differentMethodsDiffer() {
    Fn inc = TokensTest::inc;
    Fn dec = TokensTest::dec;
    assertThat(tok(inc)).isNotEqualTo(tok(dec));
    assertThat(Functions.name(dec)).isEqualTo("dec");
  }

  @Test
  void capturingLambdasDifferByCapturedValue() {
    assertThat(tok(adder(1))).isEqualTo(tok(adder(1)));
    assertThat(tok(adder(1))).isNotEqualTo(tok(adder(2)));
    assertThat(tok(adder(2))).isNotEqualTo(tok(scaler(2)));
    assertThat(Functions.name(adder(1))).isEqualTo("lambda");
  }

  @Test
  void functionsInsideCollectionsAreTokenizedByIdentity() {
    Fn a = TokensTest::inc;
    Fn b = TokensTest::inc;
    assertThat(tok(List.of(a, 1))).isEqualTo(tok(List.of(b, 1)));
    assertThat(tok(List.of(adder(1)))).isNotEqualTo(tok(List.of(adder(3))));
  }

  // ---- properties --------------------------------------------------------------------------

  @Test
  void randomDistinctValuesGetDistinctTokens() {
    Random rnd = new Random(20240601);
    Map<String, Object> seen = new HashMap<>();
    Set<Object> values = new HashSet<>();
    while (values.size() < 20_000) {
      Object v = switch (rnd.nextInt(5)) {
        case 0 -> rnd.nextLong();
        case 1 -> Long.toString(rnd.nextLong(), 36);
        case 2 -> List.of(rnd.nextInt(100), rnd.nextInt(100), rnd.nextInt(100));
        case 3 -> rnd.nextDouble();
        default -> Map.of(Integer.toString(rnd.nextInt(1000)), rnd.nextInt(1000));
      };
      if (values.add(v)) {
        Object previous = seen.put(tok(v), v);
        assertThat(previous).as("token collision between %s and %s", previous, v).isNull();
      }
    }
  }

  @Test
  void tokensAreReproducibleForRandomStructures() {
    Random rnd = new Random(99);
    for (int i = 0; i < 500; i++) {
      long seed = rnd.nextLong();
      assertThat(tok(randomStructure(new Random(seed), 4))).isEqualTo(tok(randomStructure(new Random(seed), 4)));
    }
  }

  private static Object randomStructure(Random rnd, int depth) {
    int kind = depth == 0 ? rnd.nextInt(4) : rnd.nextInt(7);
    return switch (kind) {
      case 0 -> rnd.nextInt();
      case 1 -> "s" + rnd.nextInt(50);
      case 2 -> rnd.nextDouble();
      case 3 -> null;
      case 4 -> {
        List<Object> list = new ArrayList<>();
        for (int i = rnd.nextInt(4); i > 0; i--) {
          list.add(randomStructure(rnd, depth - 1));
        }
        yield list;
      }
      case 5 -> {
        Map<Object, Object> map = new HashMap<>();
        for (int i = rnd.nextInt(4); i > 0; i--) {
          map.put("k" + rnd.nextInt(10), randomStructure(rnd, depth - 1));
        }
        yield map;
      }
      default -> new Object[] {randomStructure(rnd, depth - 1), rnd.nextLong()};
    };
  }

  // ---- unique ------------------------------------------------------------------------------

  @Test
  void uniqueTokensAreDistinctAcross100kCalls() {
    Set<String> seen = new HashSet<>(200_000);
    for (int i = 0; i < 100_000; i++) {
      assertThat(seen.add(Tokens.unique())).isTrue();
    }
  }

  @Test
  void uniqueTokensAreDistinctAcrossThreads() throws Exception {
    int threads = 8;
    int perThread = 25_000;
    Set<String> seen = ConcurrentHashMap.newKeySet(threads * perThread * 2);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          start.await();
          int duplicates = 0;
          for (int i = 0; i < perThread; i++) {
            if (!seen.add(Tokens.unique())) {
              duplicates++;
            }
          }
          return duplicates;
        }));
      }
      start.countDown();
      for (Future<Integer> f : done) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(seen).hasSize(threads * perThread);
  }
}
