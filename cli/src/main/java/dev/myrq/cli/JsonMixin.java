package dev.myrq.cli;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import dev.myrq.core.json.Json;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --json} option of the commands that print data, and the printing of that JSON on stdout. */
final class JsonMixin {
  /**
   * Core's Gson, with lower_snake names as in the job hash, and with nulls kept: a job that returned null has
   * {@code "result": null}. Absent fields are left out of the objects before they get here. Built when first
   * printed: every command that can print JSON has this mixin, and most runs print text.
   */
  private static final class Printer {
    static final Gson GSON =
        Json.GSON.newBuilder()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .serializeNulls()
            .create();
  }

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean enabled;

  /** Print one JSON value on one line of stdout. */
  void print(Object value) {
    mixee.commandLine().getOut().println(Printer.GSON.toJson(value));
  }
}
