package io.jask.distributed.scheduler;

import java.util.LinkedHashSet;
import java.util.Set;

/** A connected client and the keys it holds futures of. */
final class ClientState {
  /** The client's id; {@code registry.clients.get(id) == this} while connected. */
  final String id;

  /** The tasks it wants; symmetric with {@link TaskState#whoWants()}. */
  final Set<TaskState> wantsWhat = new LinkedHashSet<>();

  ClientState(String id) {
    this.id = id;
  }

  @Override
  public String toString() {
    return "<client " + id + ">";
  }
}
