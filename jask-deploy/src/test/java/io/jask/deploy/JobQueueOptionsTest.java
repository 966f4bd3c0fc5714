package io.jask.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batch-cluster options fail fast, naming the bad value; walltimes parse as batch systems write them. */
class JobQueueOptionsTest {
  @Test
  void badValuesAreNamed() {
    JobQueueOptions o = SlurmCluster.options();
    assertThatThrownBy(() -> o.cores(0)).hasMessageContaining("cores").hasMessageContaining("0");
    assertThatThrownBy(() -> o.processes(-1)).hasMessageContaining("processes");
    assertThatThrownBy(() -> o.memory("lots")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> o.memory("0GB")).hasMessageContaining("memory");
    assertThatThrownBy(() -> o.walltime("1:xx")).hasMessageContaining("walltime").hasMessageContaining("1:xx");
    assertThatThrownBy(() -> o.walltime("00:00:00")).hasMessageContaining("walltime");
    assertThatThrownBy(() -> o.jobName("two words")).hasMessageContaining("jobName");
    assertThatThrownBy(() -> o.prologue(List.of("a\nb"))).hasMessageContaining("prologue");
    assertThatThrownBy(() -> o.schedulerPort(70000)).hasMessageContaining("70000");
    assertThatThrownBy(() -> o.lifetime(Duration.ZERO)).hasMessageContaining("lifetime");
    assertThatThrownBy(() -> o.pollInterval(Duration.ofMillis(1))).hasMessageContaining("pollInterval");
  }

  @Test
  void walltimesParseAndFormatAsBatchSystemsWriteThem() {
    assertThat(Walltime.parse("01:30:00")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Walltime.parse("1-00:00:00")).isEqualTo(Duration.ofDays(1));
    assertThat(Walltime.parse("30:00")).isEqualTo(Duration.ofMinutes(30));
    assertThat(Walltime.parse("45")).isEqualTo(Duration.ofMinutes(45));
    assertThat(Walltime.format(Duration.ofHours(26).plusSeconds(61))).isEqualTo("26:01:01");
    assertThat(Walltime.format(Duration.ofMillis(1500))).isEqualTo("00:00:02");
  }

  @Test
  void threadsAndMemoryAreSharedByTheProcessesOfAJob() {
    JobQueueOptions o = SlurmCluster.options().cores(8).processes(3).memory("3GiB");
    assertThat(o.threadsPerWorker()).isEqualTo(2);
    assertThat(o.memoryPerWorker()).isEqualTo(1L << 30);
  }

  @Test
  void slurmDirectivesFollowDaskJobqueue() {
    JobQueueOptions o = SlurmCluster.options().jobName("j").cores(4).memory("6GiB").walltime("02:00:00")
        .queue("gpu").account("acct").extraDirectives(List.of("--exclusive"));
    assertThat(new BatchSystem.Slurm().directives(o, "/logs")).containsExactly(
        "#SBATCH -J j",
        "#SBATCH -e /logs/j-%J.err",
        "#SBATCH -o /logs/j-%J.out",
        "#SBATCH -p gpu",
        "#SBATCH -A acct",
        "#SBATCH -n 1",
        "#SBATCH --cpus-per-task=4",
        "#SBATCH --mem=6144M",
        "#SBATCH -t 02:00:00",
        "#SBATCH --exclusive");
    assertThat(new BatchSystem.Slurm().jobId("4242\n")).isEqualTo("4242");
    assertThat(new BatchSystem.Slurm().jobId("4243;cluster\n")).isEqualTo("4243");
    assertThatThrownBy(() -> new BatchSystem.Slurm().jobId("sbatch: error: nope"))
        .hasMessageContaining("sbatch printed no job id");
  }
}
