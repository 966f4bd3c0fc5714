package io.jask.distributed.worker;

import io.jask.core.util.ByteSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The command line of {@link WorkerMain}, parsed. The token is deliberately not an option: a
 * command line is visible to every user of the machine ({@code ps}, {@code /proc/PID/cmdline}).
 *
 * @param schedulerAddress where to register
 * @param name the worker's name, or null for a generated one
 * @param nthreads task threads, or 0 for one per core
 * @param memoryLimit bytes, or 0 for none
 * @param listenAddress where to serve peers and clients
 * @param heartbeatInterval how often to tell the scheduler the worker is alive
 * @param tokenSource where the token comes from
 * @param tokenFile the token's file, for {@link TokenSource#FILE}
 * @param tlsCert this worker's certificate chain, or null without TLS
 * @param tlsKey its private key, or null
 * @param tlsCa the cluster's certificate authority, or null
 * @param thresholds when to spill, pause and restart, as fractions of the memory limit
 * @param localDirectory where spilled results go, or null for the system's temporary directory
 * @param lifetime how long the worker lives before it retires gracefully, or null for ever
 * @param lifetimeStagger how far each worker's lifetime may differ from {@code lifetime}, either
 *     way, at random; zero for none
 */
record WorkerArguments(
    String schedulerAddress,
    String name,
    int nthreads,
    long memoryLimit,
    String listenAddress,
    Duration heartbeatInterval,
    TokenSource tokenSource,
    Path tokenFile,
    Path tlsCert,
    Path tlsKey,
    Path tlsCa,
    MemoryThresholds thresholds,
    Path localDirectory,
    Duration lifetime,
    Duration lifetimeStagger) {

  /** Where the worker reads the cluster's token. */
  enum TokenSource {
    /**
     * The first line of standard input. Standard input then stays open, and its end means the
     * process that started the worker is gone, so the worker stops: it cannot outlive its parent.
     */
    STDIN,
    /** A file holding the token. */
    FILE,
    /** The environment variable {@code JASK_TOKEN}. */
    ENVIRONMENT
  }

  static final String USAGE = String.join("\n",
      "usage: WorkerMain SCHEDULER-ADDRESS [options]",
      "  --name NAME                 the worker's name",
      "  --nthreads N                task threads (default: one per core)",
      "  --memory-limit SIZE         such as 2GB (default: none)",
      "  --listen-address ADDRESS    where peers fetch results (default: tcp://127.0.0.1:0)",
      "  --heartbeat-interval MILLIS how often to tell the scheduler it is alive (default: 1000)",
      "  --memory-target FRACTION    spill results above this share of the limit (default 0.6, 0: never)",
      "  --memory-pause FRACTION     pause new tasks above this share (default 0.8, 0: never)",
      "  --memory-terminate FRACTION the nanny restarts the worker above this share (default 0.95)",
      "  --local-directory DIR       where spilled results go (default: the temporary directory)",
      "  --token-stdin               read the token from the first line of standard input, and stop",
      "                              when standard input ends",
      "  --token-file FILE           read the token from FILE",
      "                              (without either: the environment variable JASK_TOKEN)",
      "  --tls-cert FILE --tls-key FILE --tls-ca FILE   PEM files for tls:// clusters",
      "  --lifetime DURATION         retire gracefully after this long, such as 55m (default: never)",
      "  --lifetime-stagger DURATION spread lifetimes at random by up to this much either way");

  WorkerArguments {
    Objects.requireNonNull(schedulerAddress, "schedulerAddress");
    Objects.requireNonNull(listenAddress, "listenAddress");
    Objects.requireNonNull(tokenSource, "tokenSource");
  }

  /**
   * Parses {@code args}.
   *
   * @throws IllegalArgumentException naming the bad argument
   */
  static WorkerArguments parse(String... args) {
    String scheduler = null;
    String name = null;
    int nthreads = 0;
    long memoryLimit = 0;
    String listen = "tcp://127.0.0.1:0";
    Duration heartbeat = Duration.ofSeconds(1);
    TokenSource source = TokenSource.ENVIRONMENT;
    Path tokenFile = null;
    Path cert = null;
    Path key = null;
    Path ca = null;
    MemoryThresholds thresholds = MemoryThresholds.defaults();
    Path localDirectory = null;
    Duration lifetime = null;
    Duration stagger = Duration.ZERO;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--name" -> name = value(args, ++i, arg);
        case "--nthreads" -> nthreads = positive(value(args, ++i, arg), arg);
        case "--memory-limit" -> memoryLimit = ByteSize.parse(value(args, ++i, arg)).bytes();
        case "--listen-address" -> listen = value(args, ++i, arg);
        case "--heartbeat-interval" -> heartbeat = Duration.ofMillis(positive(value(args, ++i, arg), arg));
        case "--token-stdin" -> source = TokenSource.STDIN;
        case "--token-file" -> {
          source = TokenSource.FILE;
          tokenFile = Path.of(value(args, ++i, arg));
        }
        case "--tls-cert" -> cert = Path.of(value(args, ++i, arg));
        case "--tls-key" -> key = Path.of(value(args, ++i, arg));
        case "--tls-ca" -> ca = Path.of(value(args, ++i, arg));
        case "--memory-target" -> thresholds = thresholds.withTarget(fraction(value(args, ++i, arg), arg));
        case "--memory-pause" -> thresholds = thresholds.withPause(fraction(value(args, ++i, arg), arg));
        case "--memory-terminate" -> thresholds = thresholds.withTerminate(fraction(value(args, ++i, arg), arg));
        case "--local-directory" -> localDirectory = Path.of(value(args, ++i, arg));
        case "--lifetime" -> lifetime = duration(value(args, ++i, arg), arg);
        case "--lifetime-stagger" -> stagger = duration(value(args, ++i, arg), arg);
        default -> {
          if (arg.startsWith("-") || scheduler != null) {
            throw new IllegalArgumentException("unexpected argument '" + arg + "'");
          }
          scheduler = arg;
        }
      }
    }
    if (scheduler == null) {
      throw new IllegalArgumentException("the scheduler's address is missing");
    }
    int tlsParts = (cert == null ? 0 : 1) + (key == null ? 0 : 1) + (ca == null ? 0 : 1);
    if (tlsParts != 0 && tlsParts != 3) {
      throw new IllegalArgumentException("TLS needs all of --tls-cert, --tls-key and --tls-ca");
    }
    if (!stagger.isZero() && lifetime == null) {
      throw new IllegalArgumentException("--lifetime-stagger needs --lifetime");
    }
    return new WorkerArguments(scheduler, name, nthreads, memoryLimit, listen, heartbeat, source, tokenFile,
        cert, key, ca, thresholds, localDirectory, lifetime, stagger);
  }

  private static Duration duration(String text, String option) {
    try {
      return WorkerLifetime.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  /**
   * A fraction from 0 to 1.
   *
   * @throws IllegalArgumentException naming the option, if it is not
   */
  static double fraction(String text, String option) {
    try {
      double value = Double.parseDouble(text);
      if (value >= 0 && value <= 1) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below, with the option's name
    }
    throw new IllegalArgumentException(option + " must be a fraction from 0 to 1, got '" + text + "'");
  }

  private static int positive(String text, String option) {
    try {
      int n = Integer.parseInt(text);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below, with the option's name
    }
    throw new IllegalArgumentException(option + " must be a whole number of at least 1, got '" + text + "'");
  }

  /** Whether TLS files were given. */
  boolean tls() {
    return tlsCert != null;
  }
}
