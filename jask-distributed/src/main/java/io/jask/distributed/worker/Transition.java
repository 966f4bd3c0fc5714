package io.jask.distributed.worker;

/**
 * One entry of the transition table: moves a task from one state to another, recording in
 * {@code out} the further transitions it recommends and the instructions for the shell.
 */
@FunctionalInterface
interface Transition {
  void apply(TaskRecord task, Batch out);
}
