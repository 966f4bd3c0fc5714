package io.jask.distributed.worker;

import io.jask.distributed.comm.Comm;
import io.jask.distributed.comm.CommOptions;
import io.jask.distributed.comm.Transports;
import io.jask.distributed.protocol.Messages;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's limited life, as Dask's {@code --lifetime}: once it is over the worker asks the
 * scheduler to retire it gracefully (no new tasks; removed once its tasks are done), and so stops
 * before a batch system kills it at the end of its job's walltime. The cluster that started it
 * starts a replacement, and the computation carries on. A stagger spreads the ends of workers that
 * started together, so they do not all leave at once.
 */
public final class WorkerLifetime {
  private static final Logger log = LoggerFactory.getLogger(WorkerLifetime.class);
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)?");
  /** How long the scheduler may take to copy this worker's results away before it closes anyway. */
  static final Duration RETIRE_TIMEOUT = Duration.ofSeconds(30);

  private WorkerLifetime() {}

  /**
   * Parses a duration such as {@code 90s}, {@code 55m}, {@code 1h}, {@code 500ms}, a bare number
   * of seconds, or ISO-8601 ({@code PT55M}).
   *
   * @throws IllegalArgumentException naming the text if it is none of these, or negative
   */
  public static Duration parse(String text) {
    Objects.requireNonNull(text, "text");
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.startsWith("pt")) {
      try {
        return Duration.parse(text.strip());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("not a duration: '" + text + "'", e);
      }
    }
    Matcher m = DURATION.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 90s, 55m, 1h, 500ms)");
    }
    double amount = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    double millis = switch (unit) {
      case "ms" -> amount;
      case "s" -> amount * 1_000;
      case "m", "min" -> amount * 60_000;
      default -> amount * 3_600_000;
    };
    return Duration.ofMillis(Math.round(millis));
  }

  /** {@code lifetime} moved by a uniformly random amount within ±{@code stagger}, at least 0. */
  public static Duration staggered(Duration lifetime, Duration stagger, Random random) {
    if (stagger == null || stagger.isZero()) {
      return lifetime;
    }
    long spread = stagger.toMillis();
    long offset = Math.round((random.nextDouble() * 2 - 1) * spread);
    return Duration.ofMillis(Math.max(0, lifetime.toMillis() + offset));
  }

  /**
   * After {@code after}, asks the scheduler to retire {@code worker} gracefully, and closes the
   * worker if the scheduler cannot be asked or does not remove it in time. Runs on a daemon
   * thread; nothing happens if the worker has closed first.
   */
  public static void retireAfter(WorkerServer worker, String schedulerAddress, CommOptions options, Duration after) {
    Thread timer = new Thread(() -> {
      try {
        worker.closed().get(Math.max(1, after.toMillis()), TimeUnit.MILLISECONDS);
        return; // closed before its time
      } catch (java.util.concurrent.TimeoutException due) {
        // its time has come
      } catch (Exception e) {
        return;
      }
      log.info("Worker {} reached the end of its lifetime ({} ms): retiring", worker.name(), after.toMillis());
      try {
        retire(worker.address(), schedulerAddress, options);
        // The scheduler closes the worker's connection once it is retired, and the worker stops.
        worker.closed().get(RETIRE_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("Worker {} could not retire gracefully ({}); closing it", worker.name(), e.toString());
      } finally {
        worker.close();
      }
    }, "jask-worker-lifetime");
    timer.setDaemon(true);
    timer.start();
  }

  private static void retire(String workerAddress, String schedulerAddress, CommOptions options) throws Exception {
    Comm comm = Transports.connect(schedulerAddress, options);
    try {
      comm.send(new Messages.Hello(Messages.Role.RPC, "lifetime-" + workerAddress));
      Object welcome = comm.receive().get(30, TimeUnit.SECONDS);
      if (!(welcome instanceof Messages.Welcome)) {
        throw new IllegalStateException("the scheduler answered " + welcome);
      }
      comm.send(new Messages.RetireWorkersRequest(List.of(workerAddress), RETIRE_TIMEOUT.toMillis()));
      comm.receive().get(RETIRE_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
    } finally {
      comm.close();
    }
  }
}
