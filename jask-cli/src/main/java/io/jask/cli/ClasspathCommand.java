package io.jask.cli;

import java.net.URISyntaxException;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** Prints where Jask's classes are, for {@code jshell --class-path "$(./jask classpath)"}. */
@Command(name = "classpath", description = "Print the class path of this Jask build (for JShell or javac).")
final class ClasspathCommand implements Runnable {
  @Override
  public void run() {
    try {
      System.out.println(Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate Jask's jar: " + e.getMessage(), e);
    }
  }
}
