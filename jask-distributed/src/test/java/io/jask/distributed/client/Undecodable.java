package io.jask.distributed.client;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/** A result that serialises but refuses to be read back: the client cannot decode it. */
final class Undecodable implements Serializable {
  private static final long serialVersionUID = 1L;
  private final int value;

  Undecodable(int value) {
    this.value = value;
  }

  static Undecodable make(int value) {
    return new Undecodable(value);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    throw new InvalidObjectException("an Undecodable cannot be read back (value " + value + ")");
  }
}
