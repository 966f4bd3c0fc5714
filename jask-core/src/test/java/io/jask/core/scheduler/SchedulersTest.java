package io.jask.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.core.Delayed;
import io.jask.core.Jask;
import io.jask.core.JaskException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Choosing schedulers: by name, by scope, by system property. */
class SchedulersTest {
  private static final String PROPERTY = "jask.scheduler";
  private String savedProperty;

  @BeforeEach
  void saveProperty() {
    savedProperty = System.getProperty(PROPERTY);
    System.clearProperty(PROPERTY);
  }

  @AfterEach
  void restoreProperty() {
    if (savedProperty == null) {
      System.clearProperty(PROPERTY);
    } else {
      System.setProperty(PROPERTY, savedProperty);
    }
  }

  @Test
  void namesAndAliases() {
    for (String name : new String[] {"sync", "synchronous", "single-threaded", " SYNC ", "Synchronous"}) {
      assertThat(Schedulers.byName(name)).as(name).isSameAs(Schedulers.sync());
    }
    for (String name : new String[] {"threads", "threading", "threaded", "Threads", "THREADED "}) {
      assertThat(Schedulers.byName(name)).as(name).isSameAs(Schedulers.threads());
    }
  }

  @Test
  void anUnknownNameIsAJaskExceptionNamingIt() {
    assertThatThrownBy(() -> Schedulers.byName("processes"))
        .isInstanceOf(JaskException.class)
        .hasMessageContaining("'processes'")
        .hasMessageContaining("sync").hasMessageContaining("threads");
  }

  @Test
  void theSharedSchedulersAreSingletons() {
    assertThat(Schedulers.sync()).isSameAs(Schedulers.sync()).isInstanceOf(SyncScheduler.class);
    assertThat(Schedulers.threads()).isSameAs(Schedulers.threads()).isInstanceOf(ThreadedScheduler.class);
  }

  @Test
  void withoutConfigurationTheDefaultIsTheSharedThreadedScheduler() {
    Assumptions.assumeTrue(System.getenv("JASK_SCHEDULER") == null, "JASK_SCHEDULER is set");
    assertThat(Schedulers.current()).isSameAs(Schedulers.threads());
  }

  @Test
  void useMakesASchedulerTheDefaultAndClosingRestoresThePreviousOne() {
    Scheduler before = Schedulers.current();
    try (ThreadedScheduler mine = new ThreadedScheduler(1)) {
      try (Schedulers.Scope outer = Schedulers.use(Schedulers.sync())) {
        assertThat(Schedulers.current()).isSameAs(Schedulers.sync());
        Thread caller = Thread.currentThread();
        assertThat(Jask.delayed(() -> Thread.currentThread() == caller).compute())
            .as("compute() runs on the scheduler in use").isTrue();
        try (Schedulers.Scope inner = Schedulers.use(mine)) {
          assertThat(Schedulers.current()).isSameAs(mine);
          assertThat(Jask.delayed(() -> Thread.currentThread().getName()).compute()).startsWith("jask-threads-");
        }
        assertThat(Schedulers.current()).isSameAs(Schedulers.sync());
      }
    }
    assertThat(Schedulers.current()).isSameAs(before);
  }

  @Test
  void theSystemPropertyChoosesTheDefault() {
    System.setProperty(PROPERTY, "sync");
    assertThat(Schedulers.current()).isSameAs(Schedulers.sync());
    Thread caller = Thread.currentThread();
    Delayed<Boolean> onCaller = Jask.delayed(() -> Thread.currentThread() == caller);
    assertThat(onCaller.compute()).isTrue();

    System.setProperty(PROPERTY, "threads");
    assertThat(Schedulers.current()).isSameAs(Schedulers.threads());
    assertThat(onCaller.compute()).isFalse();
  }

  @Test
  void aSchedulerInUseTakesPrecedenceOverTheProperty() {
    System.setProperty(PROPERTY, "threads");
    try (Schedulers.Scope scope = Schedulers.use(Schedulers.sync())) {
      assertThat(Schedulers.current()).isSameAs(Schedulers.sync());
    }
    assertThat(Schedulers.current()).isSameAs(Schedulers.threads());
  }

  @Test
  void aBadPropertyValueIsAJaskExceptionNamingIt() {
    System.setProperty(PROPERTY, "gpu");
    assertThatThrownBy(Schedulers::current).isInstanceOf(JaskException.class).hasMessageContaining("'gpu'");
  }

  @Test
  void useRejectsNull() {
    assertThatThrownBy(() -> Schedulers.use(null)).isInstanceOf(NullPointerException.class);
  }
}
