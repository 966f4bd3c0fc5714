package io.jask.cli;

import io.jask.deploy.JobQueueCluster;
import io.jask.deploy.JobQueueOptions;
import io.jask.deploy.PbsCluster;
import io.jask.deploy.SlurmCluster;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jask jobqueue slurm|pbs}: prints the job script a batch cluster would submit, or with
 * {@code --submit N} runs the scheduler here, submits N jobs of workers, and keeps them (replacing
 * jobs that end) until interrupted; then cancels every job.
 */
@Command(name = "jobqueue", mixinStandardHelpOptions = true,
    description = {"Print the job script of a SLURM or PBS cluster, or run one: the scheduler here, workers in batch jobs.",
        "With --submit the cluster runs until interrupted (Ctrl-C, SIGTERM), then cancels its jobs."})
final class JobqueueCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SYSTEM", description = "slurm or pbs.")
  String system;

  @Option(names = "--submit", paramLabel = "JOBS", description = "Submit this many jobs and keep the cluster up.")
  Integer submit;

  @Option(names = "--job-name", description = "Job name (default: jask-worker).")
  String jobName;

  @Option(names = "--cores", description = "Cores per job (default: 1).")
  Integer cores;

  @Option(names = "--processes", description = "Worker JVMs per job (default: 1).")
  Integer processes;

  @Option(names = "--memory", paramLabel = "SIZE", description = "Memory per job, such as 16GB (default: 1GiB).")
  String memory;

  @Option(names = "--walltime", paramLabel = "HH:MM:SS", description = "Walltime per job (default: 00:30:00).")
  String walltime;

  @Option(names = {"--queue", "--partition"}, description = "Queue or partition.")
  String queue;

  @Option(names = "--account", description = "Account or project to charge.")
  String account;

  @Option(names = "--directive", paramLabel = "TEXT", description = "An extra directive, without its prefix (repeatable).")
  List<String> directives = List.of();

  @Option(names = "--prologue", paramLabel = "LINE", description = "A shell line run before the workers (repeatable).")
  List<String> prologue = List.of();

  @Option(names = "--local-directory", paramLabel = "DIR", description = "Where workers run on the node, such as $TMPDIR.")
  String localDirectory;

  @Option(names = "--log-directory", paramLabel = "DIR", description = "Where job output and worker logs go.")
  Path logDirectory;

  @Option(names = "--shared-directory", paramLabel = "DIR",
      description = "Where the cluster keeps its token and scripts; must be readable from the nodes.")
  Path sharedDirectory;

  @Option(names = "--jvm-option", paramLabel = "OPTION", description = "An option for worker JVMs (repeatable).")
  List<String> jvmOptions = List.of();

  @Option(names = "--java", paramLabel = "PATH", description = "java on the nodes (default: this java's path).")
  String java;

  @Option(names = "--classpath", paramLabel = "PATH", description = "Class path on the nodes (default: this one).")
  String classpath;

  @Option(names = "--scheduler-host", paramLabel = "HOST",
      description = "Interface the scheduler listens on; jobs must reach it (default: 127.0.0.1).")
  String schedulerHost;

  @Option(names = "--scheduler-port", description = "Scheduler port (default: any free one).")
  Integer schedulerPort;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "With --submit: write the token to FILE for clients (it must not exist); deleted on exit.")
  Path tokenFile;

  @Option(names = "--scheduler-file", paramLabel = "FILE",
      description = "With --submit: write the scheduler's address to FILE (JSON); deleted on exit.")
  Path schedulerFile;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    PrintStream err = System.err;
    JobQueueCluster cluster;
    try {
      if (submit != null && submit < 0) {
        throw new IllegalArgumentException("--submit must be 0 or more, got " + submit);
      }
      if (submit != null && tokenFile == null) {
        throw new IllegalArgumentException("--submit needs --token-file, where clients find the token");
      }
      JobQueueOptions o = switch (system) {
        case "slurm" -> SlurmCluster.options();
        case "pbs" -> PbsCluster.options();
        default -> throw new IllegalArgumentException("SYSTEM must be slurm or pbs, not '" + system + "'");
      };
      configure(o);
      cluster = system.equals("slurm") ? SlurmCluster.start(o) : PbsCluster.start(o);
    } catch (IllegalArgumentException e) {
      err.println("jask jobqueue: " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      err.println("jask jobqueue: " + e.getMessage());
      return 1;
    }
    if (submit == null) {
      try {
        out.print(cluster.jobScript());
        out.flush();
      } finally {
        cluster.close();
      }
      return 0;
    }
    try {
      PublishedCluster published = new PublishedCluster(cluster, tokenFile, schedulerFile);
      cluster.scaleJobs(submit);
      out.println("Scheduler at " + cluster.schedulerAddress() + "; submitted " + cluster.batchSystem() + " jobs "
          + cluster.jobIds());
      out.println("Token in " + tokenFile);
      out.println("Press Ctrl-C to cancel the jobs and stop.");
      out.flush();
      published.serveUntilStopped();
    } catch (RuntimeException e) {
      cluster.close();
      err.println("jask jobqueue: " + e.getMessage());
      return 1;
    }
    return 0;
  }

  private void configure(JobQueueOptions o) {
    if (jobName != null) {
      o.jobName(jobName);
    }
    if (cores != null) {
      o.cores(cores);
    }
    if (processes != null) {
      o.processes(processes);
    }
    if (memory != null) {
      o.memory(memory);
    }
    if (walltime != null) {
      o.walltime(walltime);
    }
    if (queue != null) {
      o.queue(queue);
    }
    if (account != null) {
      o.account(account);
    }
    o.extraDirectives(directives).prologue(prologue).jvmOptions(jvmOptions);
    if (localDirectory != null) {
      o.localDirectory(localDirectory);
    }
    if (logDirectory != null) {
      o.logDirectory(logDirectory);
    }
    if (sharedDirectory != null) {
      o.sharedDirectory(sharedDirectory);
    }
    if (java != null) {
      o.java(java);
    }
    if (classpath != null) {
      o.classpath(classpath);
    }
    if (schedulerHost != null) {
      o.schedulerHost(schedulerHost);
    }
    if (schedulerPort != null) {
      o.schedulerPort(schedulerPort);
    }
  }
}
