package io.jask.core.graph;

/**
 * An object that says what identifies it for {@linkplain Tokens#tokenize deterministic tokens}.
 * Implement it on argument types whose {@code equals} is not the right notion of "same input".
 */
public interface Tokenizable {
  /** A value built from plain values, strings, arrays and collections that identifies this. */
  Object tokenIdentity();
}
