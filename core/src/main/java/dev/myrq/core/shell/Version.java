package dev.myrq.core.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The project version, written into a resource by the build; as a picocli version provider it prints the
 * command's name and the version, e.g. {@code myrq 0.1.0}.
 */
public final class Version implements IVersionProvider {
  private static final String CURRENT = read();

  @Spec CommandSpec spec;

  /** The version of this build, e.g. {@code 0.1.0}, or {@code unknown}. */
  public static String current() {
    return CURRENT;
  }

  @Override
  public String[] getVersion() {
    return new String[] {spec.name() + " " + CURRENT};
  }

  private static String read() {
    try (InputStream in = Version.class.getResourceAsStream("version.txt")) {
      return in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
