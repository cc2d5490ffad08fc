package dev.myrq.worker;

import dev.myrq.core.InvalidConfigException;
import dev.myrq.core.JobRequest;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.MyrqException;
import dev.myrq.core.RedisSettings;
import dev.myrq.core.RedisUnavailableException;
import dev.myrq.core.Retention;
import dev.myrq.core.shell.Durations;
import dev.myrq.core.shell.ExitCodes;
import dev.myrq.core.shell.Version;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar myrq-worker.jar}: options to an immutable {@link WorkerConfig}, then run until told to stop. */
@Command(
    name = "myrq-worker",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      "Runs myrq jobs from Redis queues. SIGTERM: stop fetching, finish or put back running jobs, exit 0.",
      "SIGTSTP (quiet): stop fetching, let running jobs finish, stay up until SIGTERM.",
      "Under systemd Type=notify it sends READY=1 once it fetches, and watchdog pings if WatchdogSec is set."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      "0:stopped by SIGTERM/SIGINT, or --burst and the queues are empty",
      "1:internal error",
      "2:bad option or configuration (bad URL, missing jobs directory, embedded Redis port taken)",
      "3:too many job threads stuck ignoring their interrupt; restart the worker",
      "4:Redis unreachable (with --burst; otherwise the worker waits for it)",
      "5:a job (or anything but the worker) called System.exit; that job failed, the others were put back"
    })
public final class WorkerMain implements Callable<Integer> {
  /** Not a field set at class load: that would set up the logging on the main thread before {@link #main}. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);
  }
  /** Environment variable choosing the log format: text (default) or json. */
  static final String LOG_FORMAT_ENV = "MYRQ_LOG_FORMAT";

  @Option(names = "--queue", paramLabel = "NAME[:WEIGHT]", description = "Queue to take jobs from; repeat for several: in strict order, or with weights (--queue high:5 --queue low:1) tried in a random order weighted per fetch (default: default).")
  List<String> queues = new ArrayList<>();

  @Option(names = "--jobs-dir", paramLabel = "DIR", description = "Directory of jars holding the job classes (default: $MYRQ_JOBS_DIR, else the first of ./jobs, the install's jobs directory beside its lib, /opt/myrq/jobs).")
  Path jobsDir;

  @Option(names = "--allow-package", paramLabel = "PKG", description = "Only run classes in this package or below; repeatable (default: any class in the jobs jars).")
  List<String> allowPackages = new ArrayList<>();

  @Option(names = "--redis", paramLabel = "URL", description = "redis:// or rediss:// URL to a server or any Redis Cluster node (seeds: host:port,host:port), or redis-sentinel://host:port[,...][?sentinel_password=P]#master (default: $MYRQ_REDIS_URL, else " + RedisSettings.DEFAULT_URL + ").")
  String redisUrl;

  @Option(names = "--redis-password-file", paramLabel = "FILE", description = "File holding the Redis password, kept out of URLs, logs and ps.")
  Path passwordFile;

  @Option(names = "--redis-ca", paramLabel = "FILE", description = "PEM file of CA certificates to trust for rediss://.")
  Path caFile;

  @Option(names = "--min-replicas", paramLabel = "N", description = "After writing a job's end (or a recurring tick's job), wait until N replicas have it (Redis WAIT, up to 2.5 s); an end not confirmed is logged (default: $" + RedisSettings.ENV_MIN_REPLICAS + ", else 0).")
  Integer minReplicas;

  @Option(names = "--prefix", description = "Redis key prefix (default: ${DEFAULT-VALUE}).", defaultValue = RedisSettings.DEFAULT_PREFIX)
  String prefix;

  @Option(names = "--concurrency", paramLabel = "N", description = "Jobs run at once (default: ${DEFAULT-VALUE}).", defaultValue = "" + WorkerConfig.DEFAULT_CONCURRENCY)
  int concurrency;

  @Option(names = "--name", description = "Worker name (default: host:pid).")
  String name;

  @Option(names = "--burst", description = "Run until the queues are empty, then exit 0.")
  boolean burst;

  @Option(names = "--embedded-redis", description = "Start a Redis inside the worker on 127.0.0.1 at the URL's port, persisted in --data-dir.")
  boolean embeddedRedis;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory of --embedded-redis (default: ${DEFAULT-VALUE}).", defaultValue = "myrq-data")
  Path dataDir;

  @Option(names = "--grace", paramLabel = "DURATION", description = "On SIGTERM, time running jobs get to finish (default: 25s).", converter = Durations.class)
  Duration grace = WorkerConfig.DEFAULT_GRACE;

  @Option(names = "--lease", paramLabel = "DURATION", description = "Lease of a running job; a killed worker's jobs run again within lease + 1 s (default: 20s).", converter = Durations.class)
  Duration lease = WorkerConfig.DEFAULT_LEASE;

  @Option(names = "--timeout", paramLabel = "DURATION", description = "Default timeout of a job that sets none (default: 180s).", converter = Durations.class)
  Duration timeout = WorkerConfig.DEFAULT_TIMEOUT;

  @Option(names = "--retries", paramLabel = "N", description = "Default retries of a job that sets none (default: ${DEFAULT-VALUE}).", defaultValue = "" + WorkerConfig.DEFAULT_RETRIES)
  int retries;

  @Option(names = "--backoff", paramLabel = "DURATION", description = "Default backoff base of a job that sets none (default: 10s).", converter = Durations.class)
  Duration backoff = WorkerConfig.DEFAULT_BACKOFF;

  @Option(names = "--metrics-listen", paramLabel = "ADDR:PORT", description = "Serve Prometheus metrics at http://ADDR:PORT/metrics, e.g. 127.0.0.1:9121 (default: none).", converter = ListenAddress.class)
  InetSocketAddress metricsListen;

  @Option(names = "--max-crashes", paramLabel = "N", description = "Worker deaths a job survives before it fails (default: ${DEFAULT-VALUE}).", defaultValue = "" + WorkerConfig.DEFAULT_MAX_CRASHES)
  int maxCrashes;

  @Option(names = "--max-stuck", paramLabel = "N", description = "Stuck job threads tolerated before exiting with code 3 (default: ${DEFAULT-VALUE}).", defaultValue = "" + WorkerConfig.DEFAULT_MAX_STUCK)
  int maxStuck;

  @Option(names = "--result-ttl", paramLabel = "DURATION", description = "How long a finished job's hash is kept (default: 1h).", converter = Durations.class)
  Duration resultTtl = Retention.DEFAULT_RESULT_TTL;

  @Option(names = "--failed-ttl", paramLabel = "DURATION", description = "How long failed jobs are kept (default: 7d).", converter = Durations.class)
  Duration failedTtl = Retention.DEFAULT_FAILED_TTL;

  @Option(names = "--failed-max", paramLabel = "N", description = "Failed jobs kept per queue (default: ${DEFAULT-VALUE}).", defaultValue = "" + Retention.DEFAULT_FAILED_MAX)
  int failedMax;

  @Option(names = "--max-result-size", paramLabel = "SIZE", description = "Largest result stored, as JSON; a larger one fails its job, not retried (default: 1mb).", converter = Sizes.class)
  long maxResultBytes = WorkerConfig.DEFAULT_MAX_RESULT_BYTES;

  public static void main(String[] args) {
    // Netty's sampling leak detector costs about 2% of a busy worker's CPU; -D on the command line still wins
    defaultProperty("io.netty.leakDetection.level", "disabled");
    // the Redis client library's Flight Recorder events: registering them at the first connection set up the
    // JVM's recorder, about a tenth of a start's CPU before the first job (class-load log: 100 jdk.jfr classes and
    // generated handlers); a JFR recording still works without them, and -D...=true brings them back
    MyrqClient.REDIS_CLIENT_JFR_SWITCHES.forEach(p -> defaultProperty(p, "false"));
    // The logging set-up (Logback, LogSetup) and the command line's model (picocli reads this class's annotations
    // by reflection) are the two largest parts of a start before its first Redis call, and need nothing from each
    // other: the set-up runs on a thread of its own meanwhile, and is done before anything is parsed or logged.
    Thread logging = new Thread(LoggerFactory::getILoggerFactory, "myrq-log-setup");
    logging.start();
    CommandLine cl = commandLine();
    joinUninterruptibly(logging);
    ExitGuard.exit(cl.execute(args));
  }

  private static void joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void defaultProperty(String name, String value) {
    if (System.getProperty(name) == null) {
      System.setProperty(name, value);
    }
  }

  /** The command line, with one-line errors for bad options. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new WorkerMain());
    cl.setParameterExceptionHandler(
        (e, a) -> {
          e.getCommandLine().getErr().println("myrq-worker: " + e.getMessage());
          e.getCommandLine().getErr().println("try 'myrq-worker --help'");
          return ExitCodes.BAD_INPUT;
        });
    cl.setExecutionExceptionHandler(
        (e, c, p) -> {
          int code = ExitCodes.of(e);
          if (code == ExitCodes.INTERNAL_ERROR) {
            Log.LOG.error("Worker failed: {}", e.toString(), e);
          } else {
            c.getErr().println("myrq-worker: " + e.getMessage());
          }
          return code;
        });
    return cl;
  }

  @Override
  public Integer call() throws Exception {
    WorkerConfig config = config();
    Log.LOG.info("Starting worker {}: redis {}, min replicas {}, queues {}, concurrency {}, lease {} s, grace {} s, "
        + "jobs dir {}", config.name(), config.redis().redactedUrl(), config.redis().minReplicas(), config.queues(),
        config.concurrency(),
        config.lease().toSeconds(), config.grace().toSeconds(), config.jobsDir());
    AtomicReference<Worker> started = new AtomicReference<>();
    try (Systemd systemd = Systemd.fromEnvironment(System.getenv());
        Watchdog watchdog = Watchdog.start(systemd, () -> started.get() == null || started.get().responsive())) {
      return run(config, systemd, started);
    }
  }

  /** Run the worker until told to stop, telling systemd when it is ready, quiet and stopping. */
  private int run(WorkerConfig config, Systemd systemd, AtomicReference<Worker> started) throws Exception {
    EmbeddedRedis embedded = embeddedRedis ? EmbeddedRedis.start(config.redis().url(), dataDir) : null;
    if (embedded != null) {
      Log.LOG.info("Embedded Redis listening at {} with append-only data in {}", config.redis().redactedUrl(), dataDir);
    }
    try (MyrqClient client = connect(config, systemd)) {
      Worker worker = new Worker(config, client);
      Signals.onTerminate(() -> worker.end(Worker.Exit.STOPPED));
      Signals.onQuiet(
          () -> {
            worker.quiet();
            systemd.status("quiet: fetching no jobs; " + worker.running() + " running; SIGTERM stops it");
          });
      ExitGuard.install(worker::failAndPutBackOthers);
      worker.start();
      started.set(worker);
      systemd.ready("running: queues " + config.queues() + ", concurrency " + config.concurrency());
      Worker.Exit why = worker.awaitExit();
      Log.LOG.info("Worker {} stopping: {}", config.name(), why);
      systemd.stopping("stopping: " + why + "; running jobs get the grace of " + config.grace().toSeconds() + " s");
      worker.stop();
      return why.code;
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  /** Connect; without --burst, wait for a Redis that is away (systemd may start workers before Redis). */
  private MyrqClient connect(WorkerConfig config, Systemd systemd) throws InterruptedException {
    boolean logged = false;
    while (true) {
      try {
        return MyrqClient.connect(config.redis());
      } catch (RedisUnavailableException e) {
        if (burst) {
          throw e;
        }
        if (!logged) {
          Log.LOG.warn("{}; waiting for it", e.getMessage());
          systemd.status("waiting for Redis at " + config.redis().redactedUrl());
          logged = true;
        }
        Thread.sleep(1000);
      }
    }
  }

  WorkerConfig config() {
    checkLogFormat(System.getenv().getOrDefault(LOG_FORMAT_ENV, "text"));
    String url = RedisSettings.resolveUrl(redisUrl, System.getenv());
    RedisSettings redis = RedisSettings.of(url).withPasswordFile(passwordFile).withCaFile(caFile).withPrefix(prefix)
        .withMinReplicas(RedisSettings.resolveMinReplicas(minReplicas, System.getenv()));
    QueueWeights weights = QueueWeights.parse(queues.isEmpty() ? List.of(JobRequest.DEFAULT_QUEUE) : queues);
    List<String> qs = weights.queues();
    try {
      qs.forEach(MyrqClient::validateQueue);
    } catch (MyrqException e) {
      throw new InvalidConfigException(e.getMessage());
    }
    Path jobsDir = JobsDirSearch.find(this.jobsDir, System.getenv(), JobsDirSearch.jarDir());
    if (JobLoader.jars(jobsDir).isEmpty()) {
      Log.LOG.warn("Jobs directory {} holds no jars; every job will fail as unknown", jobsDir);
    }
    FlagRanges.check(this);
    String n = name != null ? name : hostName() + ":" + ProcessHandle.current().pid();
    Retention retention =
        new Retention(resultTtl, Retention.DEFAULT_FINISHED_AGE, Retention.DEFAULT_FINISHED_MAX, failedTtl, failedMax);
    return new WorkerConfig(redis, qs, jobsDir, List.copyOf(allowPackages), concurrency, n, burst, grace, lease,
        timeout, retries, backoff, maxCrashes, maxStuck, WorkerConfig.DEFAULT_STUCK_AFTER, retention, maxResultBytes,
        metricsListen, weights.weights());
  }

  /** LogSetup picks its encoder by this name; any other value is refused, so a typo never changes the log. */
  static void checkLogFormat(String format) {
    if (!format.equals("text") && !format.equals("json")) {
      throw new InvalidConfigException(LOG_FORMAT_ENV + " must be text or json, got '" + format + "'");
    }
  }

  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "localhost";
    }
  }
}
