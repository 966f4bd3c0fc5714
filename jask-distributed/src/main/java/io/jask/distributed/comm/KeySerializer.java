package io.jask.distributed.comm;

import io.jask.core.graph.Key;
import org.apache.fory.config.Config;
import org.apache.fory.context.ReadContext;
import org.apache.fory.context.WriteContext;
import org.apache.fory.serializer.Serializer;

/**
 * Writes a {@link Key} as its name and block index, without reference tracking: a key is a small
 * immutable value, and looking each one up in Fory's table of written objects costs more than
 * writing it again where a message names it twice.
 */
final class KeySerializer extends Serializer<Key> {
  KeySerializer(Config config) {
    super(config, Key.class, false);
  }

  @Override
  public void write(WriteContext context, Key key) {
    context.writeString(key.name());
    int[] index = key.index();
    context.writeVarUInt32(index.length);
    for (int i : index) {
      context.writeVarUInt32(i);
    }
  }

  @Override
  public Key read(ReadContext context) {
    String name = context.readString();
    int rank = context.readVarUInt32();
    if (rank == 0) {
      return Key.of(name);
    }
    int[] index = new int[rank];
    for (int d = 0; d < rank; d++) {
      index[d] = context.readVarUInt32();
    }
    return Key.of(name, index);
  }
}
