package dev.myrq.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.IVersionProvider;

/** {@code myrq --version}: the project version, written into a resource by the build. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.txt")) {
      String version = in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      return new String[] {"myrq " + version};
    }
  }
}
