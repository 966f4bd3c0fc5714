package io.jask.deploy;

import io.jask.core.JaskException;
import java.time.Duration;
import java.util.List;

/**
 * A JVM started in the background on a remote host: a session of its own ({@code setsid}), so its
 * process id is its process group's and stopping it stops everything it started; all three
 * standard streams redirected (standard input from {@code /dev/null}, output and error to its log),
 * so the SSH command that started it returns at once.
 */
final class RemoteProcess {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  private final SshSession host;
  private final long pid;
  private final String logFile;

  private RemoteProcess(SshSession host, long pid, String logFile) {
    this.host = host;
    this.pid = pid;
    this.logFile = logFile;
  }

  /**
   * Starts {@code command} in {@code directory} on {@code host}, with its output in {@code logFile}.
   *
   * @throws JaskException naming the host, with the shell's output, if it cannot be started
   */
  static RemoteProcess start(SshSession host, String directory, List<String> command, String logFile) {
    // Not "cd … && cmd &": that would background a subshell holding the channel's output open.
    String line = "cd " + Shell.quote(directory) + " || exit 1; setsid nohup " + Shell.join(command)
        + " >" + Shell.quote(logFile) + " 2>&1 </dev/null & echo $!";
    String out = host.run("start " + command.get(0), line, null, COMMAND_TIMEOUT).strip();
    try {
      return new RemoteProcess(host, Long.parseLong(out), logFile);
    } catch (NumberFormatException e) {
      throw new JaskException("starting a process on " + host.host() + " printed no process id: '" + out + "'");
    }
  }

  SshSession host() {
    return host;
  }

  long pid() {
    return pid;
  }

  /** Whether it still runs (a zombie does not count). */
  boolean alive() {
    CommandResult r = host.exec(aliveTest(pid), null, COMMAND_TIMEOUT);
    return r.ok() && r.stdout().strip().equals("alive");
  }

  /** A shell test printing {@code alive} if the process exists and is not a zombie. */
  static String aliveTest(long pid) {
    return "st=$(sed 's/.*) //' /proc/" + pid + "/stat 2>/dev/null | cut -d' ' -f1); "
        + "if [ -n \"$st\" ] && [ \"$st\" != Z ] && [ \"$st\" != X ]; then echo alive; else echo gone; fi";
  }

  /**
   * Stops its process group: SIGTERM, up to {@code grace} to exit, then SIGKILL. Does nothing if it
   * has already stopped or the host cannot be reached.
   */
  void stop(Duration grace) {
    long tenths = Math.max(1, grace.toMillis() / 100);
    String script = "p=" + pid + "; alive() { st=$(sed 's/.*) //' /proc/$p/stat 2>/dev/null | cut -d' ' -f1);"
        + " [ -n \"$st\" ] && [ \"$st\" != Z ] && [ \"$st\" != X ]; }; "
        + "kill -TERM -- -$p 2>/dev/null || kill -TERM $p 2>/dev/null; "
        + "for i in $(seq 1 " + tenths + "); do alive || break; sleep 0.1; done; "
        + "alive && { kill -KILL -- -$p 2>/dev/null || kill -KILL $p 2>/dev/null; }; true";
    try {
      host.exec(script, null, grace.plusSeconds(30));
    } catch (JaskException e) {
      // the host is gone: so is the process, or there is nothing more to be done from here
    }
  }

  /** Its output so far (the last 64 KiB), or a note saying why there is none. */
  String output() {
    try {
      CommandResult r = host.exec("tail -c 65536 " + Shell.quote(logFile), null, COMMAND_TIMEOUT);
      return r.ok() ? r.stdout() : "(no output: " + r.output().strip() + ")";
    } catch (JaskException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  @Override
  public String toString() {
    return "pid " + pid + " on " + host.host();
  }
}
