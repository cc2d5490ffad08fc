package dev.myrq.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;

/**
 * Writes the bash completion script of {@code myrq} to the file given (install.sh): picocli's own generator, fed
 * the command line with every subcommand, which the annotations alone no longer list (see {@link Myrq#SUBCOMMANDS}).
 */
public final class BashCompletion {
  private BashCompletion() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: BashCompletion FILE");
      System.exit(2);
    }
    Files.writeString(Path.of(args[0]), AutoComplete.bash("myrq", Myrq.commandLine()), StandardCharsets.UTF_8);
  }
}
