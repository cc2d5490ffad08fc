package dev.myrq.core;

/** The job is running on a worker, so this step (e.g. delete) is refused; cancel it first. */
public class JobRunningException extends MyrqException {
  private static final long serialVersionUID = 1L;
  private final String jobId;

  public JobRunningException(String jobId) {
    super("job " + jobId + " is running; cancel it first (myrq cancel " + jobId + ")");
    this.jobId = jobId;
  }

  public String jobId() {
    return jobId;
  }
}
