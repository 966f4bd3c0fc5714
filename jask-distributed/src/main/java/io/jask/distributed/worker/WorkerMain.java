package io.jask.distributed.worker;

import io.jask.distributed.comm.AuthToken;
import io.jask.distributed.comm.TlsConfig;
import io.jask.distributed.protocol.Protocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

/**
 * The entry point of a worker JVM: {@code java -cp … io.jask.distributed.worker.WorkerMain
 * tcp://127.0.0.1:8786 --token-stdin --nthreads 2}. {@code LocalCluster} starts its worker
 * processes this way; see {@link WorkerArguments#USAGE} for the options.
 *
 * <p>The process runs until its worker closes, which happens when the scheduler goes away, when
 * standard input ends (with {@code --token-stdin}: the parent has died or asked it to stop), or on
 * SIGTERM/SIGINT. Exit status: 0 after a normal close, 1 if the worker could not start (a wrong
 * token, an unreachable scheduler), 2 for a bad command line, {@link WorkerServer#EXIT_RESTART}
 * when the scheduler asked it to restart (its nanny then starts a new one). Errors go to standard error; nothing
 * is written to standard output.
 */
public final class WorkerMain {
  /** The exit status when the JVM exits without the worker closing first (SIGTERM, System.exit). */
  public static final int EXIT_UNEXPECTED = 4;

  /** The environment variable holding the token when no other source is given. */
  public static final String TOKEN_VARIABLE = "JASK_TOKEN";

  private WorkerMain() {}

  /** Runs a worker until it closes, then exits the JVM with the status {@link #run} returns. */
  public static void main(String[] args) {
    System.exit(run(args, System.in, System.getenv(), System.err));
  }

  /**
   * Runs a worker until it closes.
   *
   * @return the exit status: 0 after a normal close, 1 if it could not start, 2 for bad arguments,
   *     {@link WorkerServer#EXIT_RESTART} when asked to restart
   */
  static int run(String[] args, InputStream stdin, Map<String, String> env, PrintStream err) {
    WorkerArguments parsed;
    try {
      parsed = WorkerArguments.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("jask worker: " + e.getMessage());
      err.println(WorkerArguments.USAGE);
      return 2;
    }
    String who = parsed.name() != null ? parsed.name() : "jask worker";
    BufferedReader input = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
    WorkerServer server;
    io.jask.distributed.comm.CommOptions commOptions;
    try {
      AuthToken token = token(parsed, input, env);
      TlsConfig tls = parsed.tls() ? TlsConfig.fromPem(parsed.tlsCert(), parsed.tlsKey(), parsed.tlsCa()) : null;
      commOptions = Protocol.commOptions(token, tls);
      WorkerServer.Options options = WorkerServer.options(parsed.schedulerAddress(), commOptions)
          .listenAddress(parsed.listenAddress())
          .memoryLimit(parsed.memoryLimit())
          .heartbeatInterval(parsed.heartbeatInterval())
          .memoryThresholds(parsed.thresholds());
      if (parsed.localDirectory() != null) {
        options.localDirectory(parsed.localDirectory());
      }
      if (parsed.name() != null) {
        options.name(parsed.name());
      }
      if (parsed.nthreads() > 0) {
        options.nthreads(parsed.nthreads());
      }
      server = WorkerServer.start(options);
    } catch (RuntimeException | IOException e) {
      err.println(who + ": could not start: " + e.getMessage());
      return 1;
    }
    // The JVM is exiting while the worker still runs: SIGTERM, or a task called System.exit. Either
    // way the worker did not leave on purpose: no goodbye (the scheduler takes it for lost, so a task
    // that exits its worker becomes suspicious), and a status that tells its nanny to start another.
    WorkerServer started = server;
    Thread hook = new Thread(() -> {
      started.abort();
      Runtime.getRuntime().halt(EXIT_UNEXPECTED);
    }, "jask-worker-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    if (parsed.tokenSource() == WorkerArguments.TokenSource.STDIN) {
      watchParent(input, server);
    }
    if (parsed.lifetime() != null) {
      WorkerLifetime.retireAfter(server, parsed.schedulerAddress(), commOptions,
          WorkerLifetime.staggered(parsed.lifetime(), parsed.lifetimeStagger(), new java.util.Random()));
    }
    server.closed().join();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is what closed the worker; nothing left to undo
    }
    return server.exitStatus();
  }

  private static AuthToken token(WorkerArguments args, BufferedReader stdin, Map<String, String> env)
      throws IOException {
    switch (args.tokenSource()) {
      case STDIN -> {
        String line = stdin.readLine();
        if (line == null || line.isBlank()) {
          throw new IllegalArgumentException("--token-stdin: standard input ended before a token");
        }
        return AuthToken.of(line.strip());
      }
      case FILE -> {
        return AuthToken.of(Files.readString(args.tokenFile(), StandardCharsets.UTF_8).strip());
      }
      default -> {
        String value = env.get(TOKEN_VARIABLE);
        if (value == null || value.isBlank()) {
          throw new IllegalArgumentException("no token: set " + TOKEN_VARIABLE + ", or pass --token-file or --token-stdin");
        }
        return AuthToken.of(value.strip());
      }
    }
  }

  /**
   * Closes the worker when standard input ends. The parent holds the other end of the pipe until
   * it stops the worker or dies (even by SIGKILL, when the kernel closes it), so a worker never
   * outlives the process that started it.
   */
  private static void watchParent(BufferedReader stdin, WorkerServer server) {
    Thread watcher = new Thread(() -> {
      try {
        while (stdin.read() >= 0) {
          // anything after the token is ignored; only the end matters
        }
      } catch (IOException e) {
        // a broken pipe means the same as its end
      }
      server.close();
    }, "jask-worker-parent-watch");
    watcher.setDaemon(true);
    watcher.start();
  }
}
