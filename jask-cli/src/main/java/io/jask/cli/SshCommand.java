package io.jask.cli;

import io.jask.deploy.KnownHosts;
import io.jask.deploy.SshCluster;
import io.jask.deploy.SshConnectOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jask ssh HOST...}: starts a scheduler on the first host and workers on the others over
 * SSH, and keeps them up until interrupted; then stops them all and cleans up the hosts.
 */
@Command(name = "ssh", mixinStandardHelpOptions = true,
    description = {"Start a Jask cluster over SSH and keep it up until interrupted (Ctrl-C, SIGTERM).",
        "The first host runs the scheduler, the others the workers (a single host runs both).",
        "The token is written to --token-file (readable by you only) for clients to use."})
final class SshCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "HOST", description = "Hosts, as SSH reaches them.")
  List<String> hosts;

  @Option(names = {"-l", "--user"}, description = "Login name (default: yours).")
  String user;

  @Option(names = {"-p", "--port"}, defaultValue = "22", description = "SSH port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = {"-i", "--identity"}, paramLabel = "FILE", description = "Private key (default: ~/.ssh/id_ed25519, id_ecdsa, id_rsa).")
  Path identity;

  @Option(names = "--known-hosts", defaultValue = "accept-new", paramLabel = "POLICY",
      description = "strict, accept-new or accept-any (default: ${DEFAULT-VALUE}).")
  String knownHosts;

  @Option(names = "--known-hosts-file", paramLabel = "FILE", description = "Default: ~/.ssh/known_hosts.")
  Path knownHostsFile;

  @Option(names = {"-n", "--workers"}, defaultValue = "1", description = "Workers to start (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--nthreads", defaultValue = "1", description = "Threads per worker (default: ${DEFAULT-VALUE}).")
  int nthreads;

  @Option(names = "--memory-limit", defaultValue = "1GiB", paramLabel = "SIZE",
      description = "Memory per worker (default: ${DEFAULT-VALUE}).")
  String memoryLimit;

  @Option(names = "--java", paramLabel = "PATH", description = "java on the hosts (default: this java's path).")
  String java;

  @Option(names = "--classpath", paramLabel = "PATH", description = "Class path on the hosts (default: this one).")
  String classpath;

  @Option(names = "--remote-directory", defaultValue = "/tmp", paramLabel = "DIR",
      description = "Where the cluster keeps its files on each host (default: ${DEFAULT-VALUE}).")
  String remoteDirectory;

  @Option(names = "--scheduler-port", defaultValue = "0", description = "Scheduler port (default: any free one).")
  int schedulerPort;

  @Option(names = "--token-file", required = true, paramLabel = "FILE",
      description = "Write the cluster's token to FILE (it must not exist); deleted on exit.")
  Path tokenFile;

  @Option(names = "--scheduler-file", paramLabel = "FILE",
      description = "Write the scheduler's address to FILE (JSON); deleted on exit.")
  Path schedulerFile;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    PrintStream err = System.err;
    SshCluster cluster;
    try {
      SshConnectOptions connect = SshConnectOptions.defaults().withPort(port)
          .withKnownHosts(KnownHosts.valueOf(knownHosts.toUpperCase(Locale.ROOT).replace('-', '_')));
      if (user != null) {
        connect = connect.withUser(user);
      }
      if (identity != null) {
        connect = connect.withIdentityFile(identity);
      }
      if (knownHostsFile != null) {
        connect = connect.withKnownHostsFile(knownHostsFile);
      }
      SshConnectOptions c = connect;
      cluster = SshCluster.start(o -> {
        o.hosts(hosts).connect(c).nWorkers(workers).threadsPerWorker(nthreads).memoryLimit(memoryLimit)
            .remoteDirectory(remoteDirectory).schedulerPort(schedulerPort);
        if (java != null) {
          o.java(java);
        }
        if (classpath != null) {
          o.classpath(classpath);
        }
      });
    } catch (IllegalArgumentException e) {
      err.println("jask ssh: " + e.getMessage().replace("No enum constant io.jask.deploy.KnownHosts.",
          "--known-hosts must be strict, accept-new or accept-any, not "));
      return 2;
    } catch (RuntimeException e) {
      err.println("jask ssh: " + e.getMessage());
      return 1;
    }
    try {
      PublishedCluster published = new PublishedCluster(cluster, tokenFile, schedulerFile);
      out.println("Scheduler at " + cluster.schedulerAddress() + " with " + cluster.workers().size() + " workers");
      out.println("Token in " + tokenFile);
      out.println(cluster.dashboard().instructions());
      out.println("Press Ctrl-C to stop the cluster.");
      out.flush();
      published.serveUntilStopped();
    } catch (RuntimeException e) {
      cluster.close();
      err.println("jask ssh: " + e.getMessage());
      return 1;
    }
    return 0;
  }
}
