package io.jask.core.scheduler;

/** The scheduler contract for a threaded scheduler with one thread. */
class ThreadedSchedulerOneThreadContractTest extends SchedulerContract {
  @Override
  Scheduler createScheduler() {
    return new ThreadedScheduler(1);
  }
}
