package io.jask.deploy;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UserInfo;
import io.jask.core.JaskException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One SSH connection to one host, through JSch, running commands on it. Every command gets its
 * own channel; what a command needs to keep secret (the token) travels on its standard input,
 * never in the command line, which the remote host's other users can read.
 */
final class SshSession implements AutoCloseable {
  private final String host;
  private final Session session;

  private SshSession(String host, Session session) {
    this.host = host;
    this.session = session;
  }

  /**
   * Connects and logs in.
   *
   * @throws JaskException naming the host and the reason if it cannot be reached, refuses the key
   *     or presents an unexpected host key
   */
  static SshSession open(String host, SshConnectOptions o) {
    JSch jsch = new JSch();
    try {
      for (Path key : identities(o)) {
        jsch.addIdentity(key.toString());
      }
      if (o.knownHosts() != KnownHosts.ACCEPT_ANY) {
        Path file = o.knownHostsFile();
        if (Files.exists(file)) {
          jsch.setKnownHosts(file.toString());
        } else if (o.knownHosts() == KnownHosts.ACCEPT_NEW) {
          Files.createDirectories(file.toAbsolutePath().getParent());
          Files.createFile(file);
          jsch.setKnownHosts(file.toString());
        }
      }
      Session session = jsch.getSession(o.user(), host, o.port());
      session.setHostKeyRepository(new Policy(jsch.getHostKeyRepository(), o.knownHosts()));
      session.setConfig("StrictHostKeyChecking", "yes"); // the policy above decides
      session.setConfig("PreferredAuthentications", "publickey");
      session.setServerAliveInterval(15_000);
      session.connect((int) o.connectTimeout().toMillis());
      return new SshSession(host, session);
    } catch (JSchException | IOException e) {
      throw new JaskException("cannot log in to " + o.user() + "@" + host + ":" + o.port() + " over SSH: "
          + e.getMessage(), e);
    }
  }

  private static List<Path> identities(SshConnectOptions o) {
    if (o.identityFile() != null) {
      if (!Files.isReadable(o.identityFile())) {
        throw new JaskException("the SSH identity file " + o.identityFile() + " does not exist or cannot be read");
      }
      return List.of(o.identityFile());
    }
    Path dir = Path.of(System.getProperty("user.home"), ".ssh");
    return java.util.stream.Stream.of("id_ed25519", "id_ecdsa", "id_rsa")
        .map(dir::resolve).filter(Files::isReadable).toList();
  }

  /** The host as given. */
  String host() {
    return host;
  }

  /**
   * Runs {@code command} through the remote user's shell, writing {@code stdin} (if not null) to
   * it, and waits up to {@code timeout} for it to finish.
   *
   * @throws JaskException naming the host if the command cannot be run or does not finish in time
   */
  CommandResult exec(String command, String stdin, Duration timeout) {
    ChannelExec channel;
    try {
      channel = (ChannelExec) session.openChannel("exec");
    } catch (JSchException e) {
      throw new JaskException("cannot run a command on " + host + " over SSH: " + e.getMessage(), e);
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      channel.setCommand(command);
      channel.setErrStream(err);
      InputStream out = channel.getInputStream();
      OutputStream in = channel.getOutputStream();
      channel.connect((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
        in.flush();
      }
      in.close();
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      long deadline = System.nanoTime() + timeout.toNanos();
      byte[] buffer = new byte[8192];
      while (true) {
        while (out.available() > 0) {
          int n = out.read(buffer);
          if (n < 0) {
            break;
          }
          output.write(buffer, 0, n);
        }
        if (channel.isClosed() && out.available() <= 0) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new JaskException("a command on " + host + " did not finish within " + timeout.toSeconds() + " s");
        }
        Thread.sleep(10);
      }
      return new CommandResult(channel.getExitStatus(), output.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } catch (JSchException | IOException e) {
      throw new JaskException("a command on " + host + " failed over SSH: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JaskException("interrupted while running a command on " + host, e);
    } finally {
      channel.disconnect();
    }
  }

  /**
   * Runs {@code command} and returns its standard output.
   *
   * @throws JaskException naming the host, with the command's output, if it fails
   */
  String run(String what, String command, String stdin, Duration timeout) {
    CommandResult r = exec(command, stdin, timeout);
    if (!r.ok()) {
      throw new JaskException("could not " + what + " on " + host + " (exit status " + r.exitStatus() + "): "
          + Shell.tail(r.output(), 2000));
    }
    return r.stdout();
  }

  boolean isConnected() {
    return session.isConnected();
  }

  @Override
  public void close() {
    session.disconnect();
  }

  /** Applies a {@link KnownHosts} policy on top of the known-hosts file. */
  private record Policy(HostKeyRepository file, KnownHosts policy) implements HostKeyRepository {
    @Override
    public int check(String host, byte[] key) {
      if (policy == KnownHosts.ACCEPT_ANY) {
        return OK;
      }
      int known = file.check(host, key);
      if (known == NOT_INCLUDED && policy == KnownHosts.ACCEPT_NEW) {
        try {
          file.add(new HostKey(host, key), null);
        } catch (JSchException e) {
          return NOT_INCLUDED;
        }
        return OK;
      }
      return known;
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
      if (policy != KnownHosts.ACCEPT_ANY) {
        file.add(hostkey, ui);
      }
    }

    @Override
    public void remove(String host, String type) {
      file.remove(host, type);
    }

    @Override
    public void remove(String host, String type, byte[] key) {
      file.remove(host, type, key);
    }

    @Override
    public String getKnownHostsRepositoryID() {
      return file.getKnownHostsRepositoryID();
    }

    @Override
    public HostKey[] getHostKey() {
      return file.getHostKey();
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
      return file.getHostKey(host, type);
    }
  }
}
