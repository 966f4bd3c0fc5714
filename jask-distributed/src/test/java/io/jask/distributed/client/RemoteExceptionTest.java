package io.jask.distributed.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jask.distributed.protocol.ErrorInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Remote stack traces read back into frames and causes, without a cluster. */
class RemoteExceptionTest {

  private static Exception thrownWithCause() {
    try {
      try {
        Integer.parseInt("x");
        throw new AssertionError("unreachable");
      } catch (NumberFormatException inner) {
        IllegalStateException outer = new IllegalStateException("line one\nline two", inner);
        outer.addSuppressed(new IllegalArgumentException("suppressed"));
        throw outer;
      }
    } catch (IllegalStateException e) {
      return e;
    }
  }

  private static String[] printed(StackTraceElement[] frames) {
    return java.util.Arrays.stream(frames).map(StackTraceElement::toString).toArray(String[]::new);
  }

  @Test
  void aPrintedTraceReadsBackWithItsFramesAndCauses() {
    Exception original = thrownWithCause();

    RemoteException remote = Errors.remote(ErrorInfo.of(original));

    assertThat(remote.remoteClassName()).isEqualTo("java.lang.IllegalStateException");
    assertThat(remote.remoteMessage()).isEqualTo("line one\nline two");
    // Compared as printed: printing drops the JDK modules' versions and the built-in loaders' names.
    assertThat(printed(remote.getStackTrace())).containsExactly(printed(original.getStackTrace()));
    assertThat(remote.getCause()).isInstanceOfSatisfying(RemoteException.class, cause -> {
      assertThat(cause.remoteClassName()).isEqualTo("java.lang.NumberFormatException");
      assertThat(cause.remoteMessage()).isEqualTo("For input string: \"x\"");
      // "... n more" restores the frames shared with the enclosing trace, module names included.
      assertThat(printed(cause.getStackTrace())).containsExactly(printed(original.getCause().getStackTrace()));
      assertThat(cause.getCause()).isNull();
    });
    StringWriter printed = new StringWriter();
    remote.printStackTrace(new PrintWriter(printed));
    assertThat(printed.toString()).contains("thrownWithCause", "Caused by: " + RemoteException.class.getName());
  }

  @Test
  void framesParseInEveryShapeJavaPrints() {
    assertThat(StackTraceText.frame("java.base/java.lang.Thread.run(Thread.java:840)"))
        .isEqualTo(new StackTraceElement(null, "java.base", null, "java.lang.Thread", "run", "Thread.java", 840));
    assertThat(StackTraceText.frame("app//com.example.Main.main(Main.java:5)"))
        .isEqualTo(new StackTraceElement("app", null, null, "com.example.Main", "main", "Main.java", 5));
    assertThat(StackTraceText.frame("com.example.Native.call(Native Method)").isNativeMethod()).isTrue();
    assertThat(StackTraceText.frame("com.example.Gen.run(Unknown Source)").getFileName()).isNull();
    assertThat(StackTraceText.frame("not a frame")).isNull();
  }

  @Test
  void anEmptyOrForeignTraceGivesNoFrames() {
    assertThat(new RemoteException("x.Y", "", "").getStackTrace()).isEmpty();
    assertThat(new RemoteException("x.Y", "m", "the story of the task\nwith lines").getStackTrace()).isEmpty();
    assertThat(new RemoteException("x.Y", "", "")).hasMessage("x.Y");
  }
}
