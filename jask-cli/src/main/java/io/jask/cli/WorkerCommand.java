package io.jask.cli;

import io.jask.core.util.ByteSize;
import io.jask.distributed.comm.AuthToken;
import io.jask.distributed.comm.TlsConfig;
import io.jask.distributed.deploy.MachineMemory;
import io.jask.distributed.protocol.Protocol;
import io.jask.distributed.worker.WorkerServer;
import java.io.PrintStream;
import java.nio.file.Path;
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

  @Mixin TlsOptions tls;

  @Override
  public Integer call() {
    PrintStream err = System.err;
    WorkerServer worker;
    try {
      String address = schedulerAddress();
      AuthToken token = TokenFiles.forWorker(tokenFile, System.getenv());
      TlsConfig tlsConfig = tls.config();
      String bracketed = host.contains(":") ? "[" + host + "]" : host;
      WorkerServer.Options options = WorkerServer.options(address, Protocol.commOptions(token, tlsConfig))
          .listenAddress((tlsConfig != null ? "tls" : "tcp") + "://" + bracketed + ":0")
          .memoryLimit(memoryLimit != null ? ByteSize.parse(memoryLimit).bytes() : MachineMemory.total());
      if (nthreads != null) {
        options.nthreads(nthreads);
      }
      if (name != null) {
        options.name(name);
      }
      worker = WorkerServer.start(options);
    } catch (RuntimeException e) {
      err.println("jask worker: " + e.getMessage());
      return 1;
    }
    UntilStopped.run(worker.closed(), worker::close);
    return 0;
  }

  private String schedulerAddress() {
    if ((schedulerAddress == null) == (schedulerFile == null)) {
      throw new IllegalArgumentException("give either the scheduler's address or --scheduler-file");
    }
    return schedulerAddress != null ? schedulerAddress : SchedulerFile.read(schedulerFile);
  }
}
