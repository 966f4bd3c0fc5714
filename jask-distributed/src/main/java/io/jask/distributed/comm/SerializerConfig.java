package io.jask.distributed.comm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The classes a {@link Serializer} may read and write, besides the JDK's common types (strings,
 * boxed primitives, arrays, collections, maps, records of those), which are always allowed.
 *
 * <p>Deserialising a class that is not registered fails; it never instantiates the class. This is
 * what keeps an authenticated but buggy peer, or a future bug in the handshake, from turning into
 * arbitrary object construction.
 *
 * <p>Both sides of a connection must register the same classes the same way:
 *
 * <ul>
 *   <li>{@link Builder#register(Class, int)} with an explicit id is the robust choice: ids do not
 *       depend on order. Choose ids once and keep them.
 *   <li>{@link Builder#register(Class, String)} by a stable name costs a few bytes per message more
 *       but needs no id bookkeeping. Lambdas are the exception: Fory accepts a serializable lambda
 *       only if the class that defines it is registered by id or by order, not by name.
 *   <li>{@link Builder#register(Class)} numbers classes in registration order: both sides must
 *       register in exactly the same order.
 * </ul>
 *
 * <p>A config is immutable; {@link #newSerializer()} builds a serializer from it (a few tens of
 * milliseconds: make one per process and share it). Modules compose with {@link
 * Builder#include(SerializerConfig)}.
 */
public final class SerializerConfig {
  private static final SerializerConfig DEFAULTS = builder().build();

  private final List<Registration> registrations;

  private SerializerConfig(List<Registration> registrations) {
    this.registrations = List.copyOf(registrations);
  }

  /** A config with the JDK's common types only. */
  public static SerializerConfig defaults() {
    return DEFAULTS;
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The registrations, in order. */
  public List<Registration> registrations() {
    return registrations;
  }

  /** A new thread-safe serializer for these classes, on Apache Fory. */
  public Serializer newSerializer() {
    return new ForySerializer(this);
  }

  /**
   * One registered class and how it is named on the wire.
   *
   * @param type the class
   * @param id the explicit id, or -1 when registered by name or by order
   * @param name the explicit name, or {@code null} when registered by id or by order
   */
  public record Registration(Class<?> type, int id, String name) {
    /** Checks that at most one of id and name is given. */
    public Registration {
      Objects.requireNonNull(type, "type");
      if (id >= 0 && name != null) {
        throw new IllegalArgumentException(
            "register " + type.getName() + " by id or by name, not both");
      }
    }
  }

  /** Collects registrations; fails fast on a class, id or name registered twice. */
  public static final class Builder {
    private final List<Registration> registrations = new ArrayList<>();
    private final Map<Class<?>, Registration> byType = new HashMap<>();
    private final Map<Integer, Class<?>> byId = new HashMap<>();
    private final Map<String, Class<?>> byName = new HashMap<>();

    private Builder() {}

    /**
     * Registers {@code type} under the next id in registration order.
     *
     * @throws IllegalArgumentException if {@code type} is already registered
     */
    public Builder register(Class<?> type) {
      return add(new Registration(type, -1, null));
    }

    /**
     * Registers {@code type} under {@code id}.
     *
     * @throws IllegalArgumentException if {@code id} is negative, or {@code type} or {@code id} is
     *     already registered
     */
    public Builder register(Class<?> type, int id) {
      if (id < 0) {
        throw new IllegalArgumentException(
            "id for " + type.getName() + " must be 0 or more, got " + id);
      }
      return add(new Registration(type, id, null));
    }

    /**
     * Registers {@code type} under {@code name}.
     *
     * @throws IllegalArgumentException if {@code name} is blank, or {@code type} or {@code name} is
     *     already registered
     */
    public Builder register(Class<?> type, String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name for " + type.getName() + " must not be blank");
      }
      return add(new Registration(type, -1, name));
    }

    /**
     * Adds every registration of {@code other}, in its order.
     *
     * @throws IllegalArgumentException if one of them clashes with a registration made already
     */
    public Builder include(SerializerConfig other) {
      other.registrations().forEach(this::add);
      return this;
    }

    /** The config. */
    public SerializerConfig build() {
      return new SerializerConfig(registrations);
    }

    private Builder add(Registration registration) {
      Class<?> type = registration.type();
      Registration earlier = byType.get(type);
      if (earlier != null) {
        throw new IllegalArgumentException(type.getName() + " is already registered: " + earlier);
      }
      if (registration.id() >= 0) {
        Class<?> holder = byId.putIfAbsent(registration.id(), type);
        if (holder != null) {
          throw new IllegalArgumentException(
              "id "
                  + registration.id()
                  + " for "
                  + type.getName()
                  + " is already taken by "
                  + holder.getName());
        }
      }
      if (registration.name() != null) {
        Class<?> holder = byName.putIfAbsent(registration.name(), type);
        if (holder != null) {
          throw new IllegalArgumentException(
              "name '"
                  + registration.name()
                  + "' for "
                  + type.getName()
                  + " is already taken by "
                  + holder.getName());
        }
      }
      byType.put(type, registration);
      registrations.add(registration);
      return this;
    }
  }
}
