package dev.myrq.cli;

import dev.myrq.core.shell.ExitCodes;
import dev.myrq.core.JobNotFoundException;
import dev.myrq.core.JobRunningException;
import dev.myrq.core.MyrqClient;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code myrq delete ID...}: remove jobs that are not running, and every trace of them. */
@Command(
    name = "delete",
    description = {
      "Delete jobs that are not running and print the ids deleted.",
      "Waiting, scheduled or ended jobs go, with their id everywhere. A running job is refused (exit 2: cancel",
      "it first); an unknown id exits 3. The others are still deleted."
    })
final class DeleteCommand extends ClientCommand {
  @Parameters(arity = "1..*", paramLabel = "ID", description = "Job ids.")
  List<String> ids = new ArrayList<>();

  @Mixin JsonMixin json;

  @Override
  int run(MyrqClient client) {
    int code = ExitCodes.OK;
    List<String> deleted = new ArrayList<>();
    for (String id : ids) {
      try {
        client.delete(id);
        deleted.add(id);
      } catch (JobNotFoundException e) {
        err().println("myrq: " + e.getMessage());
        code = Math.max(code, ExitCodes.NOT_FOUND);
      } catch (JobRunningException e) {
        err().println("myrq: " + e.getMessage());
        code = Math.max(code, ExitCodes.BAD_INPUT);
      }
    }
    if (json.enabled) {
      json.print(deleted);
    } else {
      deleted.forEach(out()::println);
    }
    return code;
  }
}
