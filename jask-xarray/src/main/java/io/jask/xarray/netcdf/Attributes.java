package io.jask.xarray.netcdf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An ordered, immutable set of attributes with unique names. */
public final class Attributes implements Iterable<Attribute> {
  private static final Attributes EMPTY = new Attributes(Map.of());

  private final Map<String, Attribute> byName;

  private Attributes(Map<String, Attribute> byName) {
    this.byName = byName;
  }

  public static Attributes empty() {
    return EMPTY;
  }

  /** Attributes in the given order; a repeated name is an error. */
  public static Attributes of(List<Attribute> attributes) {
    Map<String, Attribute> m = new LinkedHashMap<>();
    for (Attribute a : attributes) {
      if (m.put(a.name(), a) != null) {
        throw new IllegalArgumentException("attribute " + a.name() + " given twice");
      }
    }
    return new Attributes(Collections.unmodifiableMap(m));
  }

  public static Attributes of(Attribute... attributes) {
    return of(List.of(attributes));
  }

  public Optional<Attribute> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public boolean contains(String name) {
    return byName.containsKey(name);
  }

  /** The text of attribute {@code name}, if present and text. */
  public Optional<String> text(String name) {
    Attribute a = byName.get(name);
    return a != null && a.isText() ? Optional.of(a.text()) : Optional.empty();
  }

  public int size() {
    return byName.size();
  }

  public boolean isEmpty() {
    return byName.isEmpty();
  }

  public List<Attribute> asList() {
    return List.copyOf(byName.values());
  }

  /** A copy with {@code a} added, or replacing the attribute of the same name. */
  public Attributes with(Attribute a) {
    Map<String, Attribute> m = new LinkedHashMap<>(byName);
    m.put(a.name(), a);
    return new Attributes(Collections.unmodifiableMap(m));
  }

  /** A copy without the named attributes. */
  public Attributes without(String... names) {
    Map<String, Attribute> m = new LinkedHashMap<>(byName);
    for (String n : names) {
      m.remove(n);
    }
    return new Attributes(Collections.unmodifiableMap(m));
  }

  @Override
  public Iterator<Attribute> iterator() {
    return byName.values().iterator();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attributes a && new ArrayList<>(byName.values()).equals(new ArrayList<>(a.byName.values()));
  }

  @Override
  public int hashCode() {
    return byName.hashCode();
  }

  @Override
  public String toString() {
    return byName.values().toString();
  }
}
