package dev.myrq.cli;

import dev.myrq.core.shell.ExitCodes;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.myrq.core.CronEntry;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.CronFields;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code myrq cron list}: every recurring entry, with its last and next tick. */
@Command(name = "list", description = "List the recurring entries: schedule, zone, queue, call, last tick enqueued, next tick.")
final class CronListCommand extends ClientCommand {
  @Mixin JsonMixin json;

  @Override
  int run(MyrqClient client) {
    List<CronEntry> entries = client.cronEntries();
    Instant now = Instant.now();
    if (json.enabled) {
      JsonArray a = new JsonArray();
      for (CronEntry e : entries) {
        a.add(toJson(e, client.lastCronTick(e).orElse(null), e.schedule().nextTick(now).orElse(null)));
      }
      json.print(a);
      return ExitCodes.OK;
    }
    Table t = new Table("NAME", "CRON", "TZ", "QUEUE", "FUNC", "ARGS", "LAST", "NEXT");
    for (CronEntry e : entries) {
      t.row(e.name(), e.schedule().expression(), e.schedule().zone(), e.job().queueOrDefault(), e.job().func(),
          e.job().args(), client.lastCronTick(e).orElse(null), e.schedule().nextTick(now).orElse(null));
    }
    t.print(out());
    return ExitCodes.OK;
  }

  private static JsonObject toJson(CronEntry e, Instant last, Instant next) {
    JsonObject o = new JsonObject();
    o.addProperty("name", e.name());
    o.addProperty(CronFields.CRON, e.schedule().expression());
    o.addProperty(CronFields.TZ, e.schedule().zone().getId());
    o.addProperty(CronFields.QUEUE, e.job().queueOrDefault());
    o.addProperty(CronFields.FUNC, e.job().func());
    o.add(CronFields.ARGS, JsonArgs.value(e.job().args()));
    if (e.job().kwargs() != null) {
      o.add(CronFields.KWARGS, JsonArgs.value(e.job().kwargs()));
    }
    if (e.job().timeout() != null) {
      o.addProperty(CronFields.TIMEOUT, e.job().timeout().toMillis() / 1000.0);
    }
    o.addProperty(CronFields.ADDED_AT, e.addedAt().toString());
    o.addProperty("last_tick", last == null ? null : last.toString());
    o.addProperty("next_tick", next == null ? null : next.toString());
    return o;
  }
}
