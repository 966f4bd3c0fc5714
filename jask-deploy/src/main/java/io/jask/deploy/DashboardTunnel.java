package io.jask.deploy;

import io.jask.distributed.comm.AuthToken;
import java.util.Objects;

/**
 * How to reach a remote scheduler's dashboard from a laptop: forward a local port over SSH to the
 * port the dashboard listens on (on the scheduler host's loopback), then open the link.
 *
 * <pre>
 * ssh -L 8787:127.0.0.1:8787 -p 2222 alice@login.example.org
 * open http://localhost:8787/status?token=…
 * </pre>
 *
 * @param user the SSH user
 * @param host the scheduler's host, as SSH reaches it
 * @param sshPort the SSH port
 * @param localPort the port on the laptop
 * @param remotePort the dashboard's port on the scheduler host
 * @param token the cluster's token, which the dashboard asks for
 */
public record DashboardTunnel(String user, String host, int sshPort, int localPort, int remotePort, AuthToken token) {
  /** The default dashboard port, as Dask's. */
  public static final int DEFAULT_PORT = 8787;

  public DashboardTunnel {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(token, "token");
  }

  /** The command that forwards the dashboard, to run on the laptop. */
  public String command() {
    return "ssh -L " + localPort + ":127.0.0.1:" + remotePort + (sshPort == 22 ? "" : " -p " + sshPort)
        + " " + user + "@" + host;
  }

  /** The link to open once the command runs; it holds the token, so keep it to yourself. */
  public String link() {
    return "http://localhost:" + localPort + "/status?token=" + token.value();
  }

  /** Both, as instructions for the user. */
  public String instructions() {
    return "To see the dashboard, run on your computer:\n  " + command()
        + "\nthen open:\n  " + link();
  }

  /** The command and the link with the token left out, safe to log. */
  @Override
  public String toString() {
    return command() + "  then open http://localhost:" + localPort + "/status?token=<the cluster's token>";
  }
}
