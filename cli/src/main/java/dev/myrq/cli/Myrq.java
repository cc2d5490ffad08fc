package dev.myrq.cli;

import dev.myrq.core.shell.ExitCodes;
import dev.myrq.core.shell.Version;
import dev.myrq.core.InvalidConfigException;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.RedisSettings;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code myrq} command: Redis connection options shared by its subcommands, and {@code main}. */
@Command(
    name = "myrq",
    description = "Enqueue and inspect myrq background jobs in Redis.",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodeHelp.OK,
      ExitCodeHelp.INTERNAL_ERROR,
      ExitCodeHelp.BAD_INPUT,
      ExitCodeHelp.NOT_FOUND,
      ExitCodeHelp.REDIS_UNREACHABLE,
      ExitCodeHelp.JOB_FAILED,
      ExitCodeHelp.JOB_TIMED_OUT,
      ExitCodeHelp.JOB_CANCELED,
      ExitCodeHelp.WAIT_TIMED_OUT,
      ExitCodeHelp.NOT_REPLICATED
    })
public final class Myrq implements Callable<Integer> {
  /**
   * How long to wait for Redis. Shorter than core's default: a person at a terminal should hear within seconds
   * that Redis is down.
   */
  static final Duration REDIS_TIMEOUT = Duration.ofSeconds(3);

  @Spec CommandSpec spec;

  // The connection options are inherited (ScopeType.INHERIT): they may come after the subcommand too, as in
  // 'myrq status ID --redis URL'; either way they set these fields.
  @Option(
      names = "--redis",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description = {
        "Redis URL: redis://[user:password@]host:port[/db] (rediss:// for TLS), a standalone server or any node",
        "of a Redis Cluster (seeds: host:port,host:port,...), or",
        "redis-sentinel://[:password@]host:port[,host:port...][/db][?sentinel_password=P]#master.",
        "Default: $" + RedisSettings.ENV_URL + ", else " + RedisSettings.DEFAULT_URL + "."
      })
  String redisUrl;

  @Option(
      names = "--redis-password-file",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description = "File holding the Redis password, so it appears in no URL or process list.")
  Path passwordFile;

  @Option(names = "--redis-ca", scope = ScopeType.INHERIT, paramLabel = "FILE", description = "PEM file of CA certificates to trust (rediss://).")
  Path caFile;

  @Option(names = "--prefix", scope = ScopeType.INHERIT, paramLabel = "PREFIX", defaultValue = RedisSettings.DEFAULT_PREFIX,
      description = "Redis key prefix, as the workers use it. Default: ${DEFAULT-VALUE}.")
  String prefix;

  @Option(names = "--min-replicas", scope = ScopeType.INHERIT, paramLabel = "N",
      description = {
        "Enqueue and requeue return only once N replicas have the write (Redis WAIT, up to 1.5 s); else exit 9.",
        "Default: $" + RedisSettings.ENV_MIN_REPLICAS + ", else 0."
      })
  Integer minReplicas;

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
  boolean verbose;

  private final Map<String, String> env;
  private final InputStream stdin;

  /** A command reading the real environment and standard input. */
  public Myrq() {
    this(System.getenv(), System.in);
  }

  /** A command reading this environment (for MYRQ_REDIS_URL) and this standard input (for enqueue --from -). */
  public Myrq(Map<String, String> env, InputStream stdin) {
    this.env = env;
    this.stdin = stdin;
  }

  /** The subcommands, in the order {@code --help} lists them. */
  static final List<Class<?>> SUBCOMMANDS = List.of(
      EnqueueCommand.class,
      StatusCommand.class,
      InspectCommand.class,
      QueuesCommand.class,
      WorkersCommand.class,
      FailedCommand.class,
      RequeueCommand.class,
      CancelCommand.class,
      DeleteCommand.class,
      WaitCommand.class,
      PauseCommand.class,
      ResumeCommand.class,
      PurgeCommand.class,
      DashboardCommand.class,
      CronCommand.class);

  public static void main(String[] args) {
    System.exit(commandLine(new Myrq(), args).execute(args));
  }

  /** Build the command line with every subcommand: the myrq command with its error handlers. */
  public static CommandLine commandLine() {
    return commandLine(new Myrq(), new String[0]);
  }

  /**
   * Build the command line that runs {@code args} around this top command: with only the subcommand they name,
   * if they name one, else with all (for help, a typo's suggestions, a usage error). Picocli reads a subcommand's
   * annotations when it is added, and reading all fifteen was half of a one-shot command's CPU.
   */
  public static CommandLine commandLine(Myrq top, String[] args) {
    CommandLine cl = new CommandLine(top);
    Class<?> named = named(args);
    for (Class<?> sub : named != null ? List.<Class<?>>of(named) : SUBCOMMANDS) {
      cl.addSubcommand(sub);
    }
    ErrorHandler errors = new ErrorHandler(() -> top.verbose);
    return cl.setExecutionExceptionHandler(errors).setParameterExceptionHandler(errors);
  }

  /** The subcommand the first word of {@code args} that is a subcommand's name names, or null. */
  private static Class<?> named(String[] args) {
    for (String arg : args) {
      for (Class<?> sub : SUBCOMMANDS) {
        if (sub.getAnnotation(Command.class).name().equals(arg)) {
          return sub;
        }
      }
    }
    return null;
  }

  /** Without a subcommand there is nothing to do: a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "missing command (enqueue, status, inspect, ...)");
  }

  /**
   * Connect to Redis as the options say; the caller closes the client.
   *
   * @throws InvalidConfigException when a setting is malformed or a file unreadable
   */
  MyrqClient connect() {
    return MyrqClient.connect(settings());
  }

  RedisSettings settings() {
    RedisSettings s =
        RedisSettings.of(RedisSettings.resolveUrl(redisUrl, env)).withTimeout(REDIS_TIMEOUT).withPrefix(prefix)
            .withMinReplicas(RedisSettings.resolveMinReplicas(minReplicas, env));
    if (passwordFile != null) {
      s = s.withPasswordFile(passwordFile);
    }
    if (caFile != null) {
      if (!Files.isReadable(caFile)) {
        throw new InvalidConfigException("cannot read the Redis CA file " + caFile);
      }
      s = s.withCaFile(caFile);
    }
    return s;
  }

  InputStream stdin() {
    return stdin;
  }
}
