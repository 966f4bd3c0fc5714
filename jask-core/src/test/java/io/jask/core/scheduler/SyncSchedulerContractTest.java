package io.jask.core.scheduler;

/** The scheduler contract for the synchronous scheduler. */
class SyncSchedulerContractTest extends SchedulerContract {
  @Override
  Scheduler createScheduler() {
    return Schedulers.sync();
  }
}
