package io.jask.distributed.client;

import io.jask.core.graph.Functions;
import io.jask.core.graph.Key;
import io.jask.core.graph.Task;
import io.jask.core.graph.Tokens;
import io.jask.distributed.protocol.TaskDefinitions;
import io.jask.distributed.scheduler.TaskSpec;
import java.util.List;

/** Turns one submitted call into its key and the task spec the scheduler receives. */
final class CallSpecs {
  private CallSpecs() {}

  /**
   * The key of a call: the given name, else the function's name (or the options' key, as a
   * prefix) and a token, of the function and arguments for a pure call, fresh for an impure one.
   *
   * @param args the converted arguments (futures replaced by their keys)
   */
  static Key key(SubmitOptions options, boolean exact, Object fn, Object[] args) {
    if (exact && options.key() != null) {
      return Key.of(options.key());
    }
    String prefix = options.key() != null ? options.key() : Functions.name(fn);
    String token = options.pure() ? Tokens.tokenize(Functions.identity(fn), args) : Tokens.unique();
    return Key.of(prefix + "-" + token);
  }

  /**
   * The spec of {@code task} with the options' retries, priority and restrictions.
   *
   * @param order the task's place among those submitted with it; lower runs earlier
   * @throws io.jask.core.JaskException naming the class if the task cannot be serialised
   */
  static TaskSpec spec(SubmitOptions options, Task task, long order) {
    return new TaskSpec(task.key(), List.of(task.dependencies()), TaskDefinitions.encode(task), options.priority(),
        order, options.retries(), options.workers(), options.resources());
  }
}
