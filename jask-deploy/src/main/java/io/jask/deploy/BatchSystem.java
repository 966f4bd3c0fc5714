package io.jask.deploy;

import io.jask.core.JaskException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What differs between batch systems: the header of a job script, the commands that submit,
 * cancel and list jobs, and the variable holding a job's id. Everything else a batch cluster does
 * is the same ({@link JobQueueCluster}).
 */
sealed interface BatchSystem {
  /** How long a batch command may take. */
  Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  /** The system's name, for messages. */
  String name();

  /** The environment variable holding the job's id inside a job. */
  String jobIdVariable();

  /** The directive lines of a job script's header, in order. */
  List<String> directives(JobQueueOptions o, String logDirectory);

  /** The submit command for the script at {@code path}. */
  List<String> submit(JobQueueOptions o, String path);

  /** The job's id in what the submit command printed. */
  String jobId(String submitOutput);

  /** The command cancelling these jobs. */
  List<String> cancel(JobQueueOptions o, List<String> jobIds);

  /**
   * The ids of this cluster's jobs that are still queued or running, if the system can list them;
   * empty when it cannot, and the cluster then learns that a job ended from its workers leaving.
   */
  Optional<Set<String>> activeJobs(JobQueueOptions o);

  /** SLURM: {@code sbatch}, {@code scancel}, {@code squeue}. */
  record Slurm() implements BatchSystem {
    private static final Pattern SUBMITTED = Pattern.compile("(?m)^\\s*(\\d+)(?:;\\S+)?\\s*$");

    @Override
    public String name() {
      return "SLURM";
    }

    @Override
    public String jobIdVariable() {
      return "SLURM_JOB_ID";
    }

    @Override
    public List<String> directives(JobQueueOptions o, String logDirectory) {
      List<String> d = new ArrayList<>();
      d.add("#SBATCH -J " + o.jobName);
      d.add("#SBATCH -e " + logDirectory + "/" + o.jobName + "-%J.err");
      d.add("#SBATCH -o " + logDirectory + "/" + o.jobName + "-%J.out");
      if (o.queue != null) {
        d.add("#SBATCH -p " + o.queue);
      }
      if (o.account != null) {
        d.add("#SBATCH -A " + o.account);
      }
      d.add("#SBATCH -n 1");
      d.add("#SBATCH --cpus-per-task=" + o.cores);
      d.add("#SBATCH --mem=" + mebibytes(o.memory) + "M");
      d.add("#SBATCH -t " + Walltime.format(o.walltime));
      for (String extra : o.extraDirectives) {
        d.add("#SBATCH " + extra);
      }
      return d;
    }

    @Override
    public List<String> submit(JobQueueOptions o, String path) {
      return List.of(o.command("sbatch"), "--parsable", path);
    }

    @Override
    public String jobId(String submitOutput) {
      Matcher m = SUBMITTED.matcher(submitOutput);
      if (!m.find()) {
        throw new JaskException("sbatch printed no job id: '" + submitOutput.strip() + "'");
      }
      return m.group(1);
    }

    @Override
    public List<String> cancel(JobQueueOptions o, List<String> jobIds) {
      List<String> c = new ArrayList<>(List.of(o.command("scancel")));
      c.addAll(jobIds);
      return c;
    }

    @Override
    public Optional<Set<String>> activeJobs(JobQueueOptions o) {
      CommandResult r = LocalCommand.run(List.of(o.command("squeue"), "-h", "-n", o.jobName, "-o", "%i"), null,
          COMMAND_TIMEOUT);
      if (!r.ok()) {
        throw new JaskException("squeue failed (exit status " + r.exitStatus() + "): " + r.output());
      }
      Set<String> ids = new LinkedHashSet<>();
      for (String line : r.stdout().split("\n")) {
        if (!line.isBlank()) {
          ids.add(line.strip());
        }
      }
      return Optional.of(ids);
    }
  }

  /** PBS Pro and Torque: {@code qsub}, {@code qdel}. */
  record Pbs() implements BatchSystem {
    @Override
    public String name() {
      return "PBS";
    }

    @Override
    public String jobIdVariable() {
      return "PBS_JOBID";
    }

    @Override
    public List<String> directives(JobQueueOptions o, String logDirectory) {
      List<String> d = new ArrayList<>();
      d.add("#PBS -N " + o.jobName);
      if (o.queue != null) {
        d.add("#PBS -q " + o.queue);
      }
      if (o.account != null) {
        d.add("#PBS -A " + o.account);
      }
      d.add("#PBS -l select=1:ncpus=" + o.cores + ":mem=" + mebibytes(o.memory) + "MB");
      d.add("#PBS -l walltime=" + Walltime.format(o.walltime));
      d.add("#PBS -e " + logDirectory + "/");
      d.add("#PBS -o " + logDirectory + "/");
      for (String extra : o.extraDirectives) {
        d.add("#PBS " + extra);
      }
      return d;
    }

    @Override
    public List<String> submit(JobQueueOptions o, String path) {
      return List.of(o.command("qsub"), path);
    }

    @Override
    public String jobId(String submitOutput) {
      String id = submitOutput.strip();
      if (id.isEmpty() || id.contains("\n") || id.contains(" ")) {
        throw new JaskException("qsub printed no job id: '" + id + "'");
      }
      return id;
    }

    @Override
    public List<String> cancel(JobQueueOptions o, List<String> jobIds) {
      List<String> c = new ArrayList<>(List.of(o.command("qdel")));
      c.addAll(jobIds);
      return c;
    }

    @Override
    public Optional<Set<String>> activeJobs(JobQueueOptions o) {
      return Optional.empty();
    }
  }

  private static long mebibytes(long bytes) {
    return Math.max(1, (bytes + (1L << 20) - 1) >> 20);
  }
}
