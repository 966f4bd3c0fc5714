package io.jask.deploy;

import io.jask.distributed.comm.AuthToken;
import io.jask.distributed.protocol.Protocol;
import io.jask.distributed.scheduler.SchedulerConfig;
import io.jask.distributed.scheduler.SchedulerServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The entry point of a scheduler JVM that an {@link SshCluster} starts on a remote host:
 *
 * <pre>
 * java -cp … io.jask.deploy.SchedulerMain --listen tcp://node1:0 --token-file DIR/token \
 *     --address-file DIR/scheduler-address [--heartbeat-timeout MILLIS]
 * </pre>
 *
 * <p>Once it listens it writes its address (with the port bound) to the address file, atomically.
 * It runs until SIGTERM or SIGINT. The token comes from a file only its owner can read, never from
 * the command line. Exit status: 0 after a normal stop, 1 if it could not start, 2 for a bad
 * command line.
 */
public final class SchedulerMain {
  private SchedulerMain() {}

  public static void main(String[] args) {
    String listen = null;
    Path tokenFile = null;
    Path addressFile = null;
    Duration heartbeat = Duration.ofSeconds(30);
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--listen" -> listen = value(args, ++i);
          case "--token-file" -> tokenFile = Path.of(value(args, ++i));
          case "--address-file" -> addressFile = Path.of(value(args, ++i));
          case "--heartbeat-timeout" -> heartbeat = Duration.ofMillis(Long.parseLong(value(args, ++i)));
          default -> throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
        }
      }
      if (listen == null || tokenFile == null || addressFile == null) {
        throw new IllegalArgumentException("--listen, --token-file and --address-file are required");
      }
    } catch (IllegalArgumentException e) {
      System.err.println("jask scheduler: " + e.getMessage());
      System.exit(2);
      return;
    }
    SchedulerServer scheduler;
    try {
      AuthToken token = AuthToken.of(Files.readString(tokenFile, StandardCharsets.UTF_8).strip());
      scheduler = SchedulerServer.start(listen, Protocol.commOptions(token, null), SchedulerConfig.defaults(), heartbeat);
      Path partial = addressFile.resolveSibling(addressFile.getFileName() + ".tmp");
      Files.writeString(partial, scheduler.address() + "\n", StandardCharsets.UTF_8);
      Files.move(partial, addressFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      System.err.println("jask scheduler: could not start: " + e);
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      scheduler.close();
      stopped.countDown();
    }, "jask-scheduler-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      scheduler.close();
    }
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }
}
