package io.jask.distributed.comm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.distributed.comm.TestMessages.Ping;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.fory.Fory;
import org.apache.fory.config.CompatibleMode;
import org.apache.fory.config.Language;
import org.junit.jupiter.api.Test;

class ForySerializerTest {
  /** Counts its constructions: deserialising it must never construct one. */
  record Bomb(int fuse) {
    static final AtomicInteger CONSTRUCTED = new AtomicInteger();

    Bomb {
      CONSTRUCTED.incrementAndGet();
    }
  }

  record Named(String value) {}

  interface SerializableFunction extends Function<Integer, Integer>, Serializable {}

  @Test
  void registeredClassesRoundTripByIdNameOrOrder() {
    SerializerConfig config =
        SerializerConfig.builder()
            .register(Ping.class, 100)
            .register(Named.class, "jask.test.Named")
            .register(Bomb.class)
            .build();
    Serializer writer = config.newSerializer();
    Serializer reader = config.newSerializer();
    List<Object> messages = List.of(new Ping(1, "a"), new Named("b"), new Bomb(3), List.of(1, "x"));
    for (Object message : messages) {
      assertThat(reader.deserialize(writer.serialize(message))).isEqualTo(message);
    }
  }

  record KeyPair(io.jask.core.graph.Key first, io.jask.core.graph.Key second, List<io.jask.core.graph.Key> more) {}

  @Test
  void keysRoundTripByNameAndIndexWhereverAndHoweverOftenTheyAppear() {
    SerializerConfig config = SerializerConfig.builder()
        .register(io.jask.core.graph.Key.class, 1)
        .register(KeyPair.class, 2)
        .build();
    Serializer serializer = config.newSerializer();
    io.jask.core.graph.Key plain = io.jask.core.graph.Key.of("inc-0123456789abcdef");
    io.jask.core.graph.Key block = io.jask.core.graph.Key.of("random-array", 0, 300, 70_000);
    KeyPair message = new KeyPair(plain, plain, List.of(block, plain, block, io.jask.core.graph.Key.of("é-unicode")));

    Object back = serializer.deserialize(serializer.serialize(message));

    assertThat(back).isEqualTo(message);
    KeyPair pair = (KeyPair) back;
    assertThat(pair.more().get(0).index()).containsExactly(0, 300, 70_000);
    assertThat(pair.first().index()).isEmpty();
    assertThat(pair.first().hashCode()).isEqualTo(plain.hashCode());
  }

  @Test
  void decodesFromTheMiddleOfHeapAndDirectBuffersWithoutMovingThem() {
    Serializer serializer = TestMessages.config().newSerializer();
    Ping ping = new Ping(7, "from a buffer");
    byte[] bytes = serializer.serialize(ping);
    for (ByteBuffer buffer : List.of(ByteBuffer.allocate(bytes.length + 10), ByteBuffer.allocateDirect(bytes.length + 10))) {
      buffer.position(3);
      buffer.put(bytes).limit(3 + bytes.length).position(3);
      assertThat(serializer.deserialize(buffer)).isEqualTo(ping);
      assertThat(buffer.position()).isEqualTo(3);
    }
    ByteBuffer truncated = ByteBuffer.wrap(bytes, 0, 3);
    assertThatThrownBy(() -> serializer.deserialize(truncated))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("3 bytes");
  }

  @Test
  void sharedReferencesStayShared() {
    Serializer serializer = TestMessages.config().newSerializer();
    Ping shared = new Ping(1, "shared");
    List<Ping> twice = new ArrayList<>(List.of(shared, shared));
    @SuppressWarnings("unchecked")
    List<Ping> back = (List<Ping>) serializer.deserialize(serializer.serialize(twice));
    assertThat(back.get(0)).isSameAs(back.get(1));
  }

  @Test
  void anUnregisteredClassCannotBeSent() {
    Serializer serializer = SerializerConfig.defaults().newSerializer();
    assertThatThrownBy(() -> serializer.serialize(new Ping(1, "a")))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(Ping.class.getName())
        .hasMessageContaining("not registered");
  }

  @Test
  void aClassTheReceiverDidNotRegisterIsRefusedByIdAndByName() {
    Serializer reader = SerializerConfig.defaults().newSerializer();
    Serializer byId = SerializerConfig.builder().register(Ping.class, 100).build().newSerializer();
    Serializer byName =
        SerializerConfig.builder().register(Named.class, "jask.test.Named").build().newSerializer();

    assertThatThrownBy(() -> reader.deserialize(byId.serialize(new Ping(1, "a"))))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("registered");
    assertThatThrownBy(() -> reader.deserialize(byName.serialize(new Named("b"))))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("jask.test.Named");
  }

  @Test
  void aClassNamedOnTheWireIsNeverInstantiatedUnlessRegistered() {
    // A permissive Fory writes the class by name, in Jask's wire mode, as a malicious peer could.
    Fory permissive =
        Fory.builder()
            .withLanguage(Language.JAVA)
            .withCompatibleMode(CompatibleMode.SCHEMA_CONSISTENT)
            .requireClassRegistration(false)
            .withRefTracking(true)
            .suppressClassRegistrationWarnings(true)
            .build();
    byte[] crafted = permissive.serialize(new Bomb(1));
    int before = Bomb.CONSTRUCTED.get();

    Serializer strict = SerializerConfig.defaults().newSerializer();
    assertThatThrownBy(() -> strict.deserialize(crafted))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(Bomb.class.getName());
    assertThat(Bomb.CONSTRUCTED.get()).isEqualTo(before);
  }

  @Test
  void garbageIsASerializationException() {
    Serializer serializer = SerializerConfig.defaults().newSerializer();
    assertThatThrownBy(() -> serializer.deserialize(new byte[] {1, 2, 3, 4, 5, 6, 7}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("7 bytes");
  }

  @Test
  void aLambdaTravelsWhenItsDefiningClassIsRegisteredById() {
    SerializableFunction increment = x -> x + 1;
    SerializerConfig config =
        SerializerConfig.builder().register(ForySerializerTest.class, 200).build();
    Object back = config.newSerializer().deserialize(config.newSerializer().serialize(increment));
    assertThat(((SerializableFunction) back).apply(41)).isEqualTo(42);

    Serializer unaware = SerializerConfig.defaults().newSerializer();
    byte[] bytes = config.newSerializer().serialize(increment);
    assertThatThrownBy(() -> unaware.deserialize(bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(ForySerializerTest.class.getName());
  }

  @Test
  void theConfigRefusesDuplicatesNamingThem() {
    SerializerConfig.Builder builder =
        SerializerConfig.builder().register(Ping.class, 100).register(Named.class, "n");
    assertThatThrownBy(() -> builder.register(Ping.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Ping.class.getName());
    assertThatThrownBy(() -> builder.register(Bomb.class, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("100")
        .hasMessageContaining(Ping.class.getName());
    assertThatThrownBy(() -> builder.register(Bomb.class, "n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'n'");
    assertThatThrownBy(() -> builder.register(Bomb.class, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    assertThatThrownBy(
            () -> SerializerConfig.builder().include(builder.build()).include(builder.build()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void configsComposeInOrder() {
    SerializerConfig base = SerializerConfig.builder().register(Ping.class, 100).build();
    SerializerConfig extended =
        SerializerConfig.builder().include(base).register(Named.class, 101).build();
    assertThat(extended.registrations())
        .extracting(SerializerConfig.Registration::type)
        .containsExactly(Ping.class, Named.class);
  }
}
