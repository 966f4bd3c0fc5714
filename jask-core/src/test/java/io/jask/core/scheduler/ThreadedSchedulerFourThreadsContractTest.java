package io.jask.core.scheduler;

/** The scheduler contract for a threaded scheduler with four threads. */
class ThreadedSchedulerFourThreadsContractTest extends SchedulerContract {
  @Override
  Scheduler createScheduler() {
    return new ThreadedScheduler(4);
  }
}
