package io.jask.distributed.scheduler;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The tasks sharing one key name (all blocks of one array operation, or all calls of one
 * function), for deciding which tasks count as root tasks. A group of many tasks that together
 * depend on only a handful of tasks (every chunk read from one opened file) behaves like a group of
 * root tasks: loading it all at once would outrun memory.
 */
final class TaskGroup {
  /** Above this many distinct dependencies the group is not root-like. */
  static final int FEW_DEPENDENCIES = 5;

  /** The group's name. */
  final String name;

  /** How many of its tasks the registry holds; the group is dropped when it reaches 0. */
  int size;

  /**
   * Distinct dependencies of its tasks, up to {@link #FEW_DEPENDENCIES}; add-only while the group
   * lives.
   */
  private final Set<TaskState> dependencies = new LinkedHashSet<>();

  /** Whether its tasks have more than {@link #FEW_DEPENDENCIES} distinct dependencies. */
  private boolean manyDependencies;

  TaskGroup(String name) {
    this.name = name;
  }

  /** Records that one of its tasks depends on {@code dep}. */
  void noteDependency(TaskState dep) {
    if (!manyDependencies && dependencies.add(dep) && dependencies.size() >= FEW_DEPENDENCIES) {
      manyDependencies = true;
      dependencies.clear();
    }
  }

  /** Whether its tasks depend on fewer than {@link #FEW_DEPENDENCIES} tasks in all. */
  boolean hasFewDependencies() {
    return !manyDependencies;
  }
}
