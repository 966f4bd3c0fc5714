package io.jask.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyTest {
  private static final String HEX32 = "3f2a9c0d1b4e5f60718293a4b5c6d7e8";

  @Test
  void plainKeysAreEqualByName() {
    Key a = Key.of("inc-" + HEX32);
    Key b = Key.of("inc-" + HEX32);
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotSameAs(b);
    assertThat(a).isNotEqualTo(Key.of("inc-" + HEX32.replace('3', '4')));
    assertThat(a).isNotEqualTo("inc-" + HEX32);
    assertThat(a).isNotEqualTo(null);
  }

  @Test
  void blockKeysAreEqualByNameAndIndex() {
    assertThat(Key.of("add", 0, 1)).isEqualTo(Key.of("add", 0, 1)).hasSameHashCodeAs(Key.of("add", 0, 1));
    assertThat(Key.of("add", 0, 1)).isNotEqualTo(Key.of("add", 1, 0));
    assertThat(Key.of("add", 0, 1)).isNotEqualTo(Key.of("add", 0, 1, 0));
    assertThat(Key.of("add", 0)).isNotEqualTo(Key.of("add"));
    assertThat(Key.of("add", 0)).isNotEqualTo(Key.of("sub", 0));
  }

  @Test
  void anEmptyIndexIsAPlainKey() {
    assertThat(Key.of("x", new int[0])).isEqualTo(Key.of("x")).hasSameHashCodeAs(Key.of("x"));
    assertThat(Key.of("x").index()).isEmpty();
  }

  @Test
  void keysWorkAsHashSetMembers() {
    Set<Key> set = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      set.add(Key.of("k", i % 10, i % 3));
      set.add(Key.of("k-" + (i % 7)));
    }
    assertThat(set).hasSize(30 + 7);
  }

  @Test
  void theIndexIsCopiedInAndOut() {
    int[] index = {1, 2};
    Key k = Key.of("blk", index);
    index[0] = 99;
    assertThat(k.index()).containsExactly(1, 2);
    k.index()[1] = 99;
    assertThat(k.index()).containsExactly(1, 2);
    assertThat(k).isEqualTo(Key.of("blk", 1, 2));
  }

  @Test
  void toStringOfAPlainKeyIsItsName() {
    assertThat(Key.of("total")).hasToString("total");
    assertThat(Key.of("inc-" + HEX32)).hasToString("inc-" + HEX32);
  }

  @Test
  void toStringOfABlockKeyIsATuple() {
    assertThat(Key.of("add-" + HEX32, 0, 1)).hasToString("(add-" + HEX32 + ", 0, 1)");
    assertThat(Key.of("x", 7)).hasToString("(x, 7)");
  }

  @Test
  void nameExcludesTheIndex() {
    assertThat(Key.of("x", 3, 4).name()).isEqualTo("x");
  }

  @ParameterizedTest(name = "group of \"{0}\" is \"{1}\"")
  @CsvSource({
    "inc-3f2a9c0d1b4e5f60718293a4b5c6d7e8, inc",
    "getitem-0123456789abcdef0123456789abcdef, getitem",
    "total, total",
    "my-task, my-task",
    "sum-aggregate-deadbeef00, sum-aggregate",
    "x-deadbeef-cafebabe, x",
    "x-deadbee, x-deadbee",            // 7 hex digits: too short to be a token
    "x-DEADBEEF, x-DEADBEEF",          // tokens are lowercase
    "x-deadbeeg, x-deadbeeg",          // not hex
    "-deadbeef, -deadbeef",            // nothing would be left
    "a-, a-",
    "read-csv-12345678, read-csv",
  })
  void groupDropsTrailingTokens(String name, String group) {
    assertThat(Key.of(name).group()).isEqualTo(group);
    assertThat(Key.of(name, 0, 1).group()).isEqualTo(group);
  }

  @Test
  void emptyNameIsRejected() {
    assertThatThrownBy(() -> Key.of("")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> Key.of("", 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nullNameIsRejected() {
    assertThatThrownBy(() -> Key.of(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void negativeIndexIsRejectedNamingTheKey() {
    assertThatThrownBy(() -> Key.of("blk", 0, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blk")
        .hasMessageContaining("negative")
        .hasMessageContaining("[0, -1]");
  }

  @Test
  void compareToOrdersByNameThenIndex() {
    List<Key> keys = new ArrayList<>(List.of(
        Key.of("b"), Key.of("a", 1), Key.of("a", 0, 5), Key.of("a"), Key.of("a", 0)));
    keys.sort(null);
    assertThat(keys).containsExactly(
        Key.of("a"), Key.of("a", 0), Key.of("a", 0, 5), Key.of("a", 1), Key.of("b"));
    assertThat(Key.of("a", 2).compareTo(Key.of("a", 2))).isZero();
  }

  @Test
  void survivesJavaSerialization() throws Exception {
    for (Key k : List.of(Key.of("plain"), Key.of("blk", 3, 0))) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(k);
      }
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        Key back = (Key) in.readObject();
        assertThat(back).isEqualTo(k).hasSameHashCodeAs(k).hasToString(k.toString());
        assertThat(back.index()).containsExactly(k.index());
      }
    }
  }
}
