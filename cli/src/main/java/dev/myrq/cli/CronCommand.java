package dev.myrq.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code myrq cron}: recurring jobs, enqueued by the workers at each tick of a cron schedule. */
@Command(
    name = "cron",
    description = {
      "Manage recurring jobs: at each tick of a standard 5-field cron schedule (minute hour day-of-month month "
          + "day-of-week), one job is enqueued by one of the running workers.",
      "Ticks missed while no worker ran are run once, as one job, when a worker is back."
    },
    subcommands = {CronAddCommand.class, CronListCommand.class, CronRemoveCommand.class})
final class CronCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing cron command (add, list, remove)");
  }
}
