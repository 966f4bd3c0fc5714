package io.jask.cli;

import io.jask.core.util.ByteSize;
import io.jask.distributed.comm.AuthToken;
import io.jask.distributed.comm.CommOptions;
import io.jask.distributed.comm.TlsConfig;
import io.jask.distributed.deploy.MachineMemory;
import io.jask.distributed.deploy.NannyWorker;
import io.jask.distributed.deploy.TlsFiles;
import io.jask.distributed.deploy.WorkerProcess;
import io.jask.distributed.worker.MemoryThresholds;
import io.jask.distributed.protocol.Protocol;
import io.jask.distributed.worker.WorkerLifetime;
import io.jask.distributed.worker.WorkerServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jask worker ADDRESS}: runs a worker until interrupted or until its scheduler goes away.
 * The token comes from a file or {@code JASK_TOKEN}, never from the command line.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = {"Run a Jask worker until interrupted (Ctrl-C, SIGTERM) or until the scheduler goes away.",
        "The token comes from --token-file, else from JASK_TOKEN."})
final class WorkerCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "SCHEDULER-ADDRESS",
      description = "The scheduler, such as tcp://127.0.0.1:8786 (or give --scheduler-file).")
  String schedulerAddress;

  @Option(names = "--scheduler-file", paramLabel = "FILE", description = "Read the scheduler's address from FILE.")
  Path schedulerFile;

  @Option(names = "--nthreads", description = "Threads running tasks (default: one per core).")
  Integer nthreads;

  @Option(names = "--memory-limit", paramLabel = "SIZE",
      description = "Memory for results, such as 2GB or 512MiB (default: the machine's physical memory).")
  String memoryLimit;

  @Option(names = "--name", description = "The worker's name (default: worker-N).")
  String name;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Interface where peers and clients fetch results (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--token-file", paramLabel = "FILE", description = "Read the token from FILE.")
  Path tokenFile;

  @Option(names = "--memory-target", paramLabel = "FRACTION", defaultValue = "0.6",
      description = "Spill results to disk above this share of the memory limit; 0: never (default: ${DEFAULT-VALUE}).")
  double memoryTarget;

  @Option(names = "--memory-pause", paramLabel = "FRACTION", defaultValue = "0.8",
      description = "Start no new task above this share of the memory limit; 0: never (default: ${DEFAULT-VALUE}).")
  double memoryPause;

  @Option(names = "--memory-terminate", paramLabel = "FRACTION", defaultValue = "0.95",
      description = "With --nanny: restart the worker above this share of the memory limit; 0: never"
          + " (default: ${DEFAULT-VALUE}).")
  double memoryTerminate;

  @Option(names = "--local-directory", paramLabel = "DIR",
      description = "Where spilled results (and, with --nanny, the worker's logs) go (default: the temporary directory).")
  Path localDirectory;

  @Option(names = "--nanny",
      description = "Run the worker in a child JVM that this process restarts when it dies or runs out of memory.")
  boolean nanny;

  @Option(names = "--lifetime", paramLabel = "DURATION",
      description = "Retire gracefully after this long, such as 55m or 3600s, before a batch system's walltime"
          + " kills the worker (default: never).")
  String lifetime;

  @Option(names = "--lifetime-stagger", paramLabel = "DURATION",
      description = "Spread lifetimes at random by up to this much either way, so workers started together"
          + " do not all leave at once.")
  String lifetimeStagger;

  @Mixin TlsOptions tls;

  @Override
  public Integer call() {
    PrintStream err = System.err;
    try {
      thresholds(); // bad fractions are refused before anything else is looked at
    } catch (IllegalArgumentException e) {
      err.println("jask worker: " + e.getMessage());
      return 1;
    }
    if (nanny) {
      if (lifetime != null || lifetimeStagger != null) {
        // A nanny restarts a worker that leaves, which would undo its retirement.
        err.println("jask worker: --lifetime cannot be combined with --nanny");
        return 1;
      }
      return runUnderNanny(err);
    }
    WorkerServer worker;
    Duration life;
    try {
      life = lifetime();
      String address = schedulerAddress();
      AuthToken token = TokenFiles.forWorker(tokenFile, System.getenv());
      TlsConfig tlsConfig = tls.config();
      String bracketed = host.contains(":") ? "[" + host + "]" : host;
      CommOptions commOptions = Protocol.commOptions(token, tlsConfig);
      WorkerServer.Options options = WorkerServer.options(address, commOptions)
          .listenAddress((tlsConfig != null ? "tls" : "tcp") + "://" + bracketed + ":0")
          .memoryLimit(memoryLimit())
          .memoryThresholds(thresholds());
      if (localDirectory != null) {
        options.localDirectory(localDirectory);
      }
      if (nthreads != null) {
        options.nthreads(nthreads);
      }
      if (name != null) {
        options.name(name);
      }
      worker = WorkerServer.start(options);
      if (life != null) {
        WorkerLifetime.retireAfter(worker, address, commOptions, life);
      }
    } catch (RuntimeException e) {
      err.println("jask worker: " + e.getMessage());
      return 1;
    }
    UntilStopped.run(worker.closed(), worker::close);
    return 0;
  }

  private MemoryThresholds thresholds() {
    return new MemoryThresholds(memoryTarget, memoryPause, memoryTerminate);
  }

  private long memoryLimit() {
    return memoryLimit != null ? ByteSize.parse(memoryLimit).bytes() : MachineMemory.total();
  }

  /** This JVM supervises a worker JVM, restarting it, until stopped. */
  private int runUnderNanny(PrintStream err) {
    WorkerProcess supervised;
    try {
      AuthToken token = TokenFiles.forWorker(tokenFile, System.getenv());
      // Checks the files now, with a clear message; the child reads them itself.
      TlsFiles tlsFiles = tls.config() != null ? new TlsFiles(tls.cert, tls.key, tls.ca) : null;
      String bracketed = host.contains(":") ? "[" + host + "]" : host;
      Path dir = localDirectory != null ? localDirectory : Path.of(System.getProperty("java.io.tmpdir"));
      String workerName = name != null ? name : "worker-" + ProcessHandle.current().pid();
      supervised = new NannyWorker(workerName, schedulerAddress(), token,
          nthreads != null ? nthreads : Runtime.getRuntime().availableProcessors(), memoryLimit(),
          (tlsFiles != null ? "tls" : "tcp") + "://" + bracketed + ":0", tlsFiles,
          thresholds(), localDirectory, dir).start();
      err.println("jask worker: " + workerName + " runs under a nanny; its logs are in " + dir);
    } catch (RuntimeException e) {
      err.println("jask worker: " + e.getMessage());
      return 1;
    }
    UntilStopped.run(supervised.finished(), () -> supervised.stop(java.time.Duration.ofSeconds(5)));
    return 0;
  }

  /** The lifetime, staggered, or null for none. */
  private Duration lifetime() {
    if (lifetime == null) {
      if (lifetimeStagger != null) {
        throw new IllegalArgumentException("--lifetime-stagger needs --lifetime");
      }
      return null;
    }
    Duration life = parse("--lifetime", lifetime);
    Duration stagger = lifetimeStagger == null ? Duration.ZERO : parse("--lifetime-stagger", lifetimeStagger);
    return WorkerLifetime.staggered(life, stagger, new Random());
  }

  private static Duration parse(String option, String text) {
    try {
      return WorkerLifetime.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
  }

  private String schedulerAddress() {
    if ((schedulerAddress == null) == (schedulerFile == null)) {
      throw new IllegalArgumentException("give either the scheduler's address or --scheduler-file");
    }
    return schedulerAddress != null ? schedulerAddress : SchedulerFile.read(schedulerFile);
  }
}
