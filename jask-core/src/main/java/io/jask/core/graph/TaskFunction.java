package io.jask.core.graph;

import java.io.Serializable;

/**
 * The code of one task: called with its arguments once every dependency has a result.
 *
 * <p>Implementations are {@link Serializable} so that graphs can travel to remote workers.
 */
@FunctionalInterface
public interface TaskFunction extends Serializable {
  /**
   * Runs the task.
   *
   * @param args the task's arguments, with each dependency replaced by its result
   * @return the task's result (may be {@code null})
   * @throws Exception whatever the user's code throws; the scheduler reports it with the key
   */
  Object call(Object[] args) throws Exception;
}
