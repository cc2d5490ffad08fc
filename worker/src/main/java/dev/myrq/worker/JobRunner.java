package dev.myrq.worker;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import dev.myrq.core.InvalidJobException;
import dev.myrq.core.Job;
import dev.myrq.core.JobEnding;
import dev.myrq.core.JobEnding.Outcome;
import dev.myrq.core.JobFields;
import dev.myrq.core.LeasedJob;
import dev.myrq.core.json.Json;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one leased job: resolve its func, bind its args, invoke it under the {@link TimeoutGuard}, and hand the
 * outcome (finished, retry, failed, timeout) to the {@link Completer}. A job that cannot run at all (corrupt
 * hash, unknown or forbidden class, bad args) fails at once without retries; the worker keeps going.
 */
final class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
  /** Per-job lines (start at DEBUG, end at INFO); its own logger so operators can turn them up or down (myrq.jobs). */
  private static final Logger JOBS = LoggerFactory.getLogger("myrq.jobs");

  /** {@link Running#startedNanos} of an attempt that never ran (it could not even start). */
  private static final long NEVER_RAN = Long.MIN_VALUE;

  /**
   * An attempt whose end is not reported yet, named by its lease token; the first report wins. {@code stop}
   * interrupts it once its body runs; {@code startedNanos} is when its body was handed to a thread.
   */
  private record Running(
      String queue, String id, String token, String func, AtomicBoolean reported, AtomicBoolean canceled,
      java.util.concurrent.atomic.AtomicReference<Runnable> stop,
      java.util.concurrent.atomic.AtomicReference<Thread> thread, AtomicLong startedNanos) {}

  private final WorkerConfig config;
  private final JobLoader loader;
  private final TimeoutGuard guard;
  private final Completer completer;
  private final ResultJson resultJson;
  private final JobInvoker invoker = new JobInvoker();
  private final Metrics metrics;
  private final Map<String, Running> running = new ConcurrentHashMap<>();
  private volatile boolean requeueOnEnd;

  JobRunner(WorkerConfig config, JobLoader loader, TimeoutGuard guard, Completer completer, Metrics metrics) {
    this.config = config;
    this.loader = loader;
    this.guard = guard;
    this.completer = completer;
    this.resultJson = new ResultJson(config.maxResultBytes());
    this.metrics = metrics;
  }

  /** Start a leased job in a slot already taken from the guard; the slot is given back when it ends. */
  void start(String queue, LeasedJob leased) {
    start(queue, leased, null);
  }

  /**
   * {@link #start(String, LeasedJob)}, its body given to {@code where} to run (null: to a job thread of the
   * guard's). A job that cannot run fails here and gives {@code where} nothing.
   */
  @SuppressWarnings("try") // a JobMdc is opened for what it puts in the MDC, not referenced
  void start(String queue, LeasedJob leased, Executor where) {
    if (leased.missing()) {
      guard.release(1);
      LOG.warn("Dropped id {} from queue {}: it has no job hash; nothing to run", leased.id(), queue);
      return;
    }
    String func = ErrorText.printable(leased.job() != null ? leased.job().func() : leased.unreadable().func());
    Running r =
        new Running(queue, leased.id(), leased.token(), func, new AtomicBoolean(), new AtomicBoolean(),
            new java.util.concurrent.atomic.AtomicReference<>(), new java.util.concurrent.atomic.AtomicReference<>(),
            new AtomicLong(NEVER_RAN));
    running.put(r.token(), r);
    Job job;
    Method method;
    Object[] args;
    try {
      job = readable(leased);
      // a func written straight into Redis is checked as at enqueue: it could also forge log lines
      dev.myrq.core.MyrqClient.validate(dev.myrq.core.JobRequest.of(job.func()));
      ArgumentBinder.Call call = ArgumentBinder.bind(job.func(), loader.resolve(job.func()), parseArgs(job), parseKwargs(job));
      method = call.method();
      args = call.args();
    } catch (Throwable e) { // Errors too (a class missing from the jobs jars): they end this job, never the fetcher
      guard.release(1);
      String error = ErrorText.printable(unrunnable(e));
      try (JobMdc m = JobMdc.open(queue, r.id(), attempt(leased))) {
        JOBS.warn("Job {} failed before it ran: {}; worker keeps running", func, error);
      }
      String trace = isExpected(e) ? "" : ErrorText.trace(e);
      report(r, Outcome.FAILED, error, trace, history(leased, "failed", error), 0);
      return;
    }
    Duration timeout = job.timeout() != null ? job.timeout() : config.defaultTimeout();
    metrics.jobStarted(queue, func);
    long started = System.nanoTime();
    r.startedNanos().set(started);
    Callable<Object> body =
        () -> {
          r.thread().set(Thread.currentThread());
          try (JobMdc m = JobMdc.open(queue, r.id(), job.attempt())) {
            // the end line (INFO) names the job, its worker and outcome; a start line per job doubled the log's cost
            JOBS.debug("Job {} started (attempt {})", job.func(), job.attempt());
            return invoke(method, args);
          }
        };
    Runnable stop = guard.run(body, timeout, loader.classLoader(), ending -> ended(r, job, ending, timeout, started),
        where != null ? where : guard::onJobThread);
    r.stop().set(stop);
    if (r.canceled().get()) {
      stop.run(); // canceled while it was being started
    }
  }

  /**
   * The job was canceled in Redis (its lease is gone, its status is canceled): interrupt it if it runs here and
   * write nothing for it. Return the lease tokens of its attempts that ran here.
   */
  java.util.List<String> cancel(String id) {
    java.util.List<String> tokens = new java.util.ArrayList<>();
    for (Running r : running.values()) { // every attempt of the job held here (after a stall, there may be two)
      if (!r.id().equals(id) || !r.reported().compareAndSet(false, true)) {
        continue;
      }
      running.remove(r.token());
      r.canceled().set(true);
      Runnable stop = r.stop().get();
      if (stop != null) {
        stop.run();
      }
      tokens.add(r.token());
    }
    return tokens;
  }

  /** Give a leased job back to the front of its queue without running it, its attempt uncounted (quiet worker). */
  void putBack(String queue, LeasedJob leased) {
    guard.release(1);
    completer.submit(queue, new JobEnding(leased.id(), leased.token(), Outcome.REQUEUE, "", "", "", 0));
  }

  @SuppressWarnings("try")
  private void ended(Running r, Job job, TimeoutGuard.Ending ending, Duration timeout, long startedNanos) {
    long ms = (System.nanoTime() - startedNanos) / 1_000_000;
    try (JobMdc m = JobMdc.open(r.queue(), r.id(), job.attempt())) {
      try {
        record(r, job, ending, timeout, ms);
      } catch (Throwable e) { // whatever recording throws, this attempt ends, and only this one
        String error = "ResultError: the job's end could not be recorded: " + ErrorText.oneLine(e);
        JOBS.warn("Job {} failed in {} ms: {}; not retried", job.func(), ms, error);
        report(r, Outcome.FAILED, error, "", history(job, "failed", error), 0);
      }
    }
  }

  private void record(Running r, Job job, TimeoutGuard.Ending ending, Duration timeout, long ms) {
    if (r.canceled().get()) {
      JOBS.info("Job {} canceled after {} ms; not retried", job.func(), ms);
    } else if (requeueOnEnd) {
      JOBS.info("Job {} stopped by shutdown after {} ms; back in queue {}", job.func(), ms, r.queue());
      report(r, Outcome.REQUEUE, "", "", "", 0);
    } else if (ending.timedOut()) {
      String error = "JobTimeout: ran past its timeout of " + JobFields.seconds(timeout) + " s";
      JOBS.warn("Job {} timeout after {} ms; worker keeps running", job.func(), ms);
      report(r, Outcome.TIMEOUT, error, "", history(job, "timeout", error), 0);
    } else if (ending.error() != null) {
      failed(r, job, ending.error(), ms);
    } else {
      ResultJson.Encoded result = resultJson.encode(ending.result());
      if (result.ok()) {
        JOBS.info("Job {} finished in {} ms", job.func(), ms);
        report(r, Outcome.FINISHED, result.json(), "", "", 0);
      } else {
        JOBS.warn("Job {} returned in {} ms, but {}; failed, not retried", job.func(), ms, result.error());
        report(r, Outcome.FAILED, result.error(), "", history(job, "failed", result.error()), 0);
      }
    }
  }

  /** The one-line reason a job could not even start. */
  private static String unrunnable(Throwable e) {
    if (isExpected(e)) {
      return e.getClass().getSimpleName().replace("Exception", "") + ": " + e.getMessage(); // our own messages
    }
    String hint = e instanceof LinkageError || e instanceof TypeNotPresentException
        ? " (a class it names is missing from the jobs jars)" : "";
    return "UnrunnableJob: " + ErrorText.oneLine(e) + hint;
  }

  private static boolean isExpected(Throwable e) {
    return e instanceof InvalidJobException || e instanceof JobLoader.UnrunnableJobException
        || e instanceof ArgumentBinder.BadArgumentsException;
  }

  private void failed(Running r, Job job, Throwable thrown, long ms) {
    Throwable cause = thrown instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : thrown;
    String error = ErrorText.oneLine(cause);
    String trace = ErrorText.trace(cause);
    int retries = job.retries() >= 0 ? job.retries() : config.defaultRetries();
    if (job.attempt() <= retries) {
      long delay = backoffMillis(job, job.attempt());
      JOBS.warn(
          "Job {} failed in {} ms: {}; retry {} of {} in {} ms", job.func(), ms, error, job.attempt(), retries, delay);
      report(r, Outcome.RETRY, error, trace, history(job, "failed", error), delay);
    } else {
      JOBS.warn("Job {} failed in {} ms: {}; no retries left, moved to the failed registry", job.func(), ms, error);
      report(r, Outcome.FAILED, error, trace, history(job, "failed", error), 0);
    }
  }

  /** Full jitter: a random wait in [0, base * 2^(attempt-1)], capped at {@link WorkerConfig#MAX_BACKOFF}. */
  private long backoffMillis(Job job, int attempt) {
    Duration base = job.backoff() != null ? job.backoff() : config.defaultBackoff();
    double cap = Math.min(WorkerConfig.MAX_BACKOFF.toMillis(), base.toMillis() * Math.pow(2, attempt - 1));
    return (long) (ThreadLocalRandom.current().nextDouble() * cap);
  }

  /** Hand the attempt's one end to the completer, and to the metrics. */
  private void report(Running r, Outcome outcome, String value, String trace, String history, long delay) {
    if (r.reported().compareAndSet(false, true)) {
      running.remove(r.token());
      long started = r.startedNanos().get();
      metrics.jobEnded(r.queue(), r.func(), outcome, started == NEVER_RAN ? -1 : System.nanoTime() - started);
      completer.submit(r.queue(), new JobEnding(r.id(), r.token(), outcome, value, trace, history, delay));
    }
  }

  /** Fail, without a retry, the job whose body runs on this thread; return false if none does. */
  boolean failRunningOn(Thread t, String error) {
    for (Running r : running.values()) {
      if (r.thread().get() == t) {
        LOG.error("Job {}: {}", r.id(), error);
        report(r, Outcome.FAILED, error, "", "", 0);
        return true;
      }
    }
    return false;
  }

  /** From now on, jobs that end (interrupted by shutdown) go back to their queue instead of failing. */
  void requeueFromNowOn() {
    requeueOnEnd = true;
  }

  /** Put every job still running back in its queue (shutdown, after the grace and the interrupts). */
  int requeueRunning() {
    int n = 0;
    for (Running r : running.values()) {
      if (!r.reported().get()) {
        report(r, Outcome.REQUEUE, "", "", "", 0);
        n++;
      }
    }
    return n;
  }

  /** The leased job, or the reason its hash is not one. */
  private static Job readable(LeasedJob leased) throws InvalidJobException {
    if (leased.unreadable() != null) {
      throw leased.unreadable().problem();
    }
    return leased.job();
  }

  private static JsonArray parseArgs(Job job) throws InvalidJobException {
    if ("[]".equals(job.args())) {
      return new JsonArray(); // most jobs take no args: skip the parser (a tenth of a no-op job's worker CPU)
    }
    try {
      JsonElement e = Json.parseStrict(job.args());
      if (!e.isJsonArray()) {
        throw new InvalidJobException("job field 'args' is not a JSON array");
      }
      return e.getAsJsonArray();
    } catch (JsonParseException | IllegalStateException e) {
      throw new InvalidJobException("job field 'args' is not valid JSON: " + e.getMessage());
    }
  }

  private static com.google.gson.JsonObject parseKwargs(Job job) throws InvalidJobException {
    if (job.kwargs() == null) {
      return null;
    }
    try {
      JsonElement e = Json.parseStrict(job.kwargs());
      if (!e.isJsonObject()) {
        throw new InvalidJobException("job field 'kwargs' is not a JSON object");
      }
      return e.getAsJsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      throw new InvalidJobException("job field 'kwargs' is not valid JSON: " + e.getMessage());
    }
  }

  /** Through the invoker; what the job throws comes out as the body's error, as the Callable allows. */
  private Object invoke(Method method, Object[] args) throws Exception {
    try {
      return invoker.invoke(method, args);
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) { // neither: only a Throwable subclass of the job's own
      throw new InvocationTargetException(t);
    }
  }

  private String history(Job job, String outcome, String error) {
    return historyEntry(job.attempt(), job.startedAt() == null ? 0 : job.startedAt().toEpochMilli(), outcome, error);
  }

  /** The attempt number, 0 when the hash is too broken to read it. */
  private static int attempt(LeasedJob leased) {
    return leased.job() != null ? leased.job().attempt() : leased.unreadable().attempt();
  }

  /** A history entry for a job that could not run; for one too broken to parse, unreadable numbers count as 0. */
  private String history(LeasedJob leased, String outcome, String error) {
    if (leased.job() != null) {
      return history(leased.job(), outcome, error);
    }
    LeasedJob.Unreadable u = leased.unreadable();
    return historyEntry(u.attempt(), u.startedAtMillis(), outcome, error);
  }

  private String historyEntry(int attempt, long startedAt, String outcome, String error) {
    return JobFields.History.json(attempt, config.name(), startedAt, System.currentTimeMillis(), outcome, error);
  }

}
