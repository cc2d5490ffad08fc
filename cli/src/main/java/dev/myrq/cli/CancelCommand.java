package dev.myrq.cli;

import dev.myrq.core.shell.ExitCodes;
import dev.myrq.core.JobNotFoundException;
import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code myrq cancel ID...}: jobs that wait never run; running ones are interrupted; none is retried. */
@Command(
    name = "cancel",
    description = {
      "Cancel jobs and print the ids canceled.",
      "A queued or scheduled job never runs; a started one is interrupted on its worker within about a second.",
      "Their status becomes 'canceled' and they are not retried. A job that already ended is left alone (noted",
      "on stderr). Exit 3 when an ID is unknown; the others are still canceled."
    })
final class CancelCommand extends ClientCommand {
  @Parameters(arity = "1..*", paramLabel = "ID", description = "Job ids.")
  List<String> ids = new ArrayList<>();

  @Mixin JsonMixin json;

  @Override
  int run(MyrqClient client) {
    int code = ExitCodes.OK;
    Map<String, String> was = new LinkedHashMap<>();
    for (String id : ids) {
      try {
        JobStatus before = client.cancel(id);
        if (before.isTerminal()) {
          err().println("myrq: job " + id + " already ended (" + before.word() + "); left alone");
        } else if (!json.enabled) {
          out().println(id);
        }
        was.put(id, before.word());
      } catch (JobNotFoundException e) {
        err().println("myrq: " + e.getMessage());
        code = ExitCodes.NOT_FOUND;
      }
    }
    if (json.enabled) {
      List<Map<String, String>> rows = new ArrayList<>();
      was.forEach(
          (id, before) -> {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("was", before);
            rows.add(row);
          });
      json.print(rows);
    }
    return code;
  }
}
