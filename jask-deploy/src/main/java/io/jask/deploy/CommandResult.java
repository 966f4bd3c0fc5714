package io.jask.deploy;

/**
 * What a command printed and how it ended, run here or over SSH.
 *
 * @param exitStatus its exit status (-1 if it never finished)
 * @param stdout its standard output
 * @param stderr its standard error
 */
public record CommandResult(int exitStatus, String stdout, String stderr) {
  /** Whether it exited with status 0. */
  public boolean ok() {
    return exitStatus == 0;
  }

  /** Its standard output and error together, for error messages. */
  public String output() {
    String out = stdout.strip();
    String err = stderr.strip();
    return out.isEmpty() ? err : err.isEmpty() ? out : out + "\n" + err;
  }
}
