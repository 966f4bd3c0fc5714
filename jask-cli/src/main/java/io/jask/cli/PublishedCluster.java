package io.jask.cli;

import io.jask.distributed.deploy.Cluster;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * A launched cluster that clients find through files: its token file and, optionally, a
 * scheduler file with its address. The files live exactly as long as the cluster.
 */
final class PublishedCluster {
  private final Cluster cluster;
  private final Path tokenFile;
  private final Path schedulerFile;

  /** Writes the token file (private to the user) and, when given, the scheduler file. */
  PublishedCluster(Cluster cluster, Path tokenFile, Path schedulerFile) {
    this.cluster = cluster;
    this.tokenFile = tokenFile;
    this.schedulerFile = schedulerFile;
    TokenFiles.write(tokenFile, cluster.token());
    if (schedulerFile != null) {
      SchedulerFile.write(schedulerFile, cluster.schedulerAddress());
    }
  }

  /** Blocks until the JVM is told to stop (Ctrl-C), then closes the cluster and deletes the files. */
  void serveUntilStopped() {
    UntilStopped.run(new CompletableFuture<>(), () -> {
      cluster.close();
      Cleanup.delete(tokenFile);
      if (schedulerFile != null) {
        Cleanup.delete(schedulerFile);
      }
    });
  }
}
