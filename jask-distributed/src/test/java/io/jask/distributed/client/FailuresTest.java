package io.jask.distributed.client;

import io.jask.distributed.protocol.ErrorInfo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.core.JaskException;
import io.jask.core.TaskFailedException;
import io.jask.core.graph.Key;
import io.jask.distributed.comm.AuthenticationException;
import io.jask.distributed.comm.CommException;
import io.jask.distributed.comm.CommOptions;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a caller sees when tasks fail, data is lost, or the cluster cannot be reached. */
class FailuresTest {
  private static TestCluster cluster;
  private Client client;

  @BeforeAll
  static void startCluster() {
    cluster = new TestCluster(1, 2);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @BeforeEach
  void connect() {
    client = cluster.connect();
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void aTaskThatThrowsFailsWithItsKeyTheRemoteClassMessageAndFrames() {
    Future<Integer> f = client.submit(Tasks::boom, 7);

    assertThatThrownBy(f::result)
        .isInstanceOfSatisfying(TaskFailedException.class, e -> {
          assertThat(e.key()).isEqualTo(f.key());
          assertThat(e.getMessage()).contains(f.key().toString(), "java.lang.IllegalStateException", "boom 7");
          assertThat(e.getCause()).isInstanceOfSatisfying(RemoteException.class, remote -> {
            assertThat(remote.remoteClassName()).isEqualTo("java.lang.IllegalStateException");
            assertThat(remote.remoteMessage()).isEqualTo("boom 7");
            assertThat(remote.isRemote(IllegalStateException.class)).isTrue();
            assertThat(remote.isRemote(IllegalArgumentException.class)).isFalse();
            // The remote frames, not the client's: where the task threw, on a worker thread.
            assertThat(remote.getStackTrace()[0].getClassName()).isEqualTo(Tasks.class.getName());
            assertThat(remote.getStackTrace()[0].getMethodName()).isEqualTo("boom");
            assertThat(remote.getStackTrace()[0].getLineNumber()).isPositive();
            assertThat(Arrays.stream(remote.getStackTrace()).map(StackTraceElement::getClassName))
                .contains("io.jask.distributed.worker.WorkerServer");
          });
        });
  }

  @Test
  void exceptionAndTracebackGiveTheRemoteError() {
    Future<Integer> f = client.submit(Tasks::boom, 8);

    Throwable error = f.exception();

    assertThat(error).isInstanceOf(RemoteException.class).hasMessage("java.lang.IllegalStateException: boom 8");
    assertThat(f.status()).isEqualTo(FutureStatus.ERROR);
    assertThat(f.traceback()).contains("java.lang.IllegalStateException: boom 8", "at " + Tasks.class.getName() + ".boom(");
    assertThat(client.submit(Tasks::inc, 8).exception()).isNull();
    assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TaskFailedException.class);
  }

  @Test
  void aTaskWhoseInputFailedFailsNamingTheTaskThatThrew() {
    Future<Integer> failed = client.submit(Tasks::boom, 9);
    Future<Integer> dependent = client.submit(Tasks::inc, failed);

    assertThatThrownBy(dependent::result)
        .isInstanceOfSatisfying(TaskFailedException.class, e -> assertThat(e.key()).isEqualTo(failed.key()));
  }

  @Test
  void retriesRunAFailingTaskAgain() {
    String tag = "flaky-" + System.nanoTime();
    Future<Integer> f = client.options().retries(2).submit(Tasks::flaky, tag, 2);

    assertThat(f.result()).isEqualTo(3); // failed twice, succeeded on the third attempt
    assertThat(Tasks.count(tag)).isEqualTo(3);

    String tag2 = "flaky-" + System.nanoTime();
    Future<Integer> g = client.options().retries(1).submit(Tasks::flaky, tag2, 2);
    assertThatThrownBy(g::result).isInstanceOf(TaskFailedException.class).hasMessageContaining("attempt 2");
  }

  @Test
  void anUnknownKeyIsLostAndSaysWhich() {
    Future<Object> f = client.futureOf(Key.of("never-submitted"));

    assertThatThrownBy(f::result)
        .isInstanceOf(LostDataException.class)
        .hasMessageContaining("never-submitted");
    assertThat(f.status()).isEqualTo(FutureStatus.LOST);
  }

  @Test
  void aResultThatCannotBeDecodedHereNamesTheKeyAndTheWorker() {
    try (Client overNetwork = cluster.connectOverNetwork()) {
      Future<Undecodable> f = overNetwork.submit(Undecodable::make, 1);

      assertThatThrownBy(f::result)
          .isInstanceOf(JaskException.class)
          .hasMessageContaining(f.key().toString())
          .hasMessageContaining(cluster.workers.get(0).address());
      assertThat(f.status()).isEqualTo(FutureStatus.FINISHED); // it is there, only not readable here
    }
  }

  @Test
  void aResultThatCannotBeDecodedComesFromAWorkerInThisJvmAsItIs() {
    Future<Undecodable> f = client.submit(Undecodable::make, 2);

    assertThat(f.result()).isInstanceOf(Undecodable.class); // never encoded, so never decoded
  }

  @Test
  void anUnserialisableArgumentFailsAtSubmitNamingItsClass() {
    Object notSerialisable = new Thread("not data");

    assertThatThrownBy(() -> client.submit(Tasks::threadName, notSerialisable))
        .isInstanceOf(JaskException.class)
        .hasMessageContaining("cannot submit")
        .hasMessageContaining("java.lang.Thread");
  }

  @Test
  void theSchedulersOwnErrorsMapToTheirExceptions() {
    Key key = Key.of("k");
    Key cause = Key.of("c");
    var killed = Outcome.erred(cause, new ErrorInfo(
        ErrorInfo.KILLED_WORKER, "3 workers died running it", "story"));
    var lost = Outcome.erred(key, new ErrorInfo(
        ErrorInfo.LOST_DATA, "scattered, workers gone", ""));
    var missing = Outcome.erred(key, new ErrorInfo(
        ErrorInfo.MISSING_DEPENDENCY, "depends on 'x'", ""));

    assertThat(Errors.of(key, killed)).isInstanceOf(KilledWorkerException.class)
        .hasMessageContaining("'c'").hasMessageContaining("input of 'k'").hasMessageContaining("3 workers died");
    assertThat(((FutureException) Errors.of(key, killed)).key()).isEqualTo(cause);
    assertThat(Errors.of(key, lost)).isInstanceOf(LostDataException.class);
    assertThat(Errors.of(key, missing)).isInstanceOf(MissingDependencyException.class);
    assertThat(Errors.error(key, killed)).isInstanceOf(KilledWorkerException.class);
    assertThat(Errors.of(key, Outcome.cancelled("why"))).isInstanceOf(FutureCancelledException.class)
        .hasMessageContaining("why");
  }

  @Test
  void losingTheSchedulerCancelsWhatIsPendingAndClosesTheClient() {
    String gate = Tasks.newGate();
    try (TestCluster doomed = new TestCluster(1, 1)) {
      Client lost = doomed.connect();
      Future<Integer> pending = lost.submit(Tasks::gated, gate, 1);
      assertThat(io.jask.core.scheduler.Schedulers.current()).isSameAs(lost);

      doomed.scheduler.close();

      assertThatThrownBy(pending::result)
          .isInstanceOf(FutureCancelledException.class)
          .hasMessageContaining("connection to the scheduler");
      org.awaitility.Awaitility.await().until(lost::isClosed);
      assertThatThrownBy(() -> lost.submit(Tasks::inc, 1)).isInstanceOf(ClientClosedException.class);
      assertThat(io.jask.core.scheduler.Schedulers.current()).isNotSameAs(lost);
    } finally {
      Tasks.open(gate);
    }
  }

  @Test
  void aSubmissionTooLargeToSendCancelsItsFutureWithTheReason() {
    CommOptions small = cluster.options.toBuilder().maxFrameSize(64 * 1024).build();
    try (Client limited = Client.connect(cluster.address(), small)) {
      Future<Integer> f = limited.submit(Tasks::length, new byte[256 * 1024]);

      assertThatThrownBy(f::result)
          .isInstanceOf(FutureCancelledException.class)
          .hasMessageContaining("could not be sent to the scheduler");
      assertThat(limited.submit(Tasks::length, new byte[10]).result()).isEqualTo(10); // the client goes on
    }
  }

  @Test
  void fromWorkerOutsideATaskIsAClearError() {
    assertThatThrownBy(Client::fromWorker)
        .isInstanceOf(JaskException.class)
        .hasMessageContaining("task running on a worker");
    assertThat(Client.current()).isSameAs(client);
  }

  @Test
  void anUnreachableSchedulerOrAWrongTokenFailsToConnect() {
    assertThatThrownBy(() -> Client.connect("tcp://127.0.0.1:1", cluster.token.value()))
        .isInstanceOf(CommException.class);
    assertThatThrownBy(() -> Client.connect(cluster.address(), "not-the-token"))
        .isInstanceOf(AuthenticationException.class);
  }
}
