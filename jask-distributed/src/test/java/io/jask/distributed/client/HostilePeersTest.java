package io.jask.distributed.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jask.core.graph.Key;
import io.jask.distributed.scheduler.StoryEntry;
import io.jask.distributed.scheduler.TaskStatus;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler's port under abuse, while a well-behaved client computes: garbage, truncated and
 * oversized frames, a wrong token, an authenticated peer sending undecodable messages, and a
 * client process killed with work in flight. Each bad connection is dropped; the computation in
 * progress finishes with the right answer, and new clients are served.
 */
class HostilePeersTest {
  private static TestCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = new TestCluster(2, 2);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @Test
  void badFramesCloseOnlyTheirOwnConnectionsWhileOtherClientsCompute() throws Exception {
    try (Client client = cluster.connect()) {
      String gate = Tasks.newGate();
      Future<Integer> inFlight = client.submit(Tasks::gated, gate, 42);
      byte[] garbage = new byte[4096];
      new Random(7).nextBytes(garbage);

      assertClosedBy(frame(garbage), "garbage");
      assertClosedBy(truncated(), "a truncated frame", true);
      assertClosedBy(lengthPrefix(Integer.MAX_VALUE), "an oversized frame");
      assertClosedBy(concat(auth("not-the-token"), frame(message(new byte[] {1, 2, 3}))), "a wrong token");
      assertClosedBy(concat(auth(cluster.token.value()), frame(message(garbage))), "an undecodable message");

      Tasks.open(gate);
      assertThat(inFlight.result(Duration.ofSeconds(30))).isEqualTo(42);
      try (Client late = cluster.connect()) {
        assertThat(late.submit(Tasks::inc, 1).result(Duration.ofSeconds(30))).isEqualTo(2);
      }
    }
  }

  @Test
  @Tag("slow")
  void aClientProcessKilledMidComputationHasItsTasksReleasedAndOthersCarryOn(@TempDir Path dir) throws Exception {
    String gate = Tasks.newGate();
    Key orphan = Key.of("orphan-" + gate);
    Path tokenFile = Files.writeString(dir.resolve("token"), cluster.token.value());
    Process child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        SubmittingClientMain.class.getName(), cluster.address(), tokenFile.toString(), orphan.name(), gate)
        .redirectError(dir.resolve("client.log").toFile())
        .start();
    try (Client client = cluster.connect()) {
      Future<Integer> other = client.submit(Tasks::inc, 99);
      assertThat(readLine(child.getInputStream())).isEqualTo("submitted");
      await().atMost(30, TimeUnit.SECONDS).until(() -> hasStatus(orphan, TaskStatus.PROCESSING));

      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

      await().atMost(30, TimeUnit.SECONDS).until(() -> hasStatus(orphan, TaskStatus.FORGOTTEN));
      assertThat(story(orphan)).anyMatch(e -> e.details().contains("disconnected"));
      assertThat(other.result(Duration.ofSeconds(30))).isEqualTo(100);
      assertThat(client.submit(Tasks::inc, 1).result(Duration.ofSeconds(30))).isEqualTo(2);
    } finally {
      Tasks.open(gate);
      child.destroyForcibly();
    }
  }

  /** The client process of the test above: submits a task that waits at a gate, says so, and waits to be killed. */
  static final class SubmittingClientMain {
    public static void main(String[] args) throws Exception {
      Client client = Client.connect(args[0], Files.readString(Path.of(args[1])).trim());
      client.options().key(args[2]).submit(Tasks::gated, args[3], 1);
      System.out.println("submitted");
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  private static List<StoryEntry> story(Key key) {
    return cluster.scheduler.story(key);
  }

  private static boolean hasStatus(Key key, TaskStatus status) {
    List<StoryEntry> story = story(key);
    return !story.isEmpty() && story.get(story.size() - 1).to() == status;
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
      line.append((char) c);
    }
    return line.toString().trim();
  }

  /** Sends {@code bytes} on a fresh connection and asserts that the scheduler closes it. */
  private static void assertClosedBy(byte[] bytes, String what) throws IOException {
    assertClosedBy(bytes, what, false);
  }

  /** As above; with {@code thenHalfClose}, the sender then closes its side, as a peer that dies mid-frame. */
  private static void assertClosedBy(byte[] bytes, String what, boolean thenHalfClose) throws IOException {
    URI address = URI.create(cluster.address());
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address.getHost(), address.getPort()), 5_000);
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
      if (thenHalfClose) {
        socket.shutdownOutput();
      }
      InputStream in = socket.getInputStream();
      byte[] sink = new byte[8192];
      // Whatever the scheduler says (an auth answer, an error frame), it must end with a close.
      long total = 0;
      for (int n = in.read(sink); n != -1; n = in.read(sink)) {
        total += n;
        assertThat(total).as("bytes answered to %s", what).isLessThan(1 << 20);
      }
    } catch (java.net.SocketTimeoutException e) {
      throw new AssertionError("the scheduler kept the connection that sent " + what + " open", e);
    } catch (java.net.SocketException reset) {
      // a reset is a close too
    }
  }

  private static byte[] frame(byte[] body) throws IOException {
    return concat(lengthPrefix(body.length), body);
  }

  private static byte[] lengthPrefix(int length) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    new DataOutputStream(out).writeInt(length);
    return out.toByteArray();
  }

  /** A frame that announces 1,000 bytes and brings ten. */
  private static byte[] truncated() throws IOException {
    return concat(lengthPrefix(1000), new byte[10]);
  }

  /** An auth frame as a real client sends it: 'A', "JASK", version 1, the token's bytes. */
  private static byte[] auth(String token) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(out);
    data.writeByte('A');
    data.writeInt(0x4A41534B);
    data.writeShort(1);
    data.write(token.getBytes(StandardCharsets.UTF_8));
    return frame(out.toByteArray());
  }

  /** A message frame: 'M', no flags, no raw buffers, then {@code header} as the serialised message. */
  private static byte[] message(byte[] header) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(out);
    data.writeByte('M');
    data.writeByte(0);
    data.writeInt(0);
    data.write(header);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    int size = 0;
    for (byte[] p : parts) {
      size += p.length;
    }
    byte[] out = new byte[size];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
