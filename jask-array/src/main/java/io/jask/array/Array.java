package io.jask.array;

/** Placeholder replaced below. */
public final class Array {
  private Array() {}
}
