package dev.myrq.core;

/** No job with this id exists in any known queue, not even as an expired record. */
public class JobNotFoundException extends MyrqException {
  private static final long serialVersionUID = 1L;
  private final String jobId;

  public JobNotFoundException(String jobId) {
    super("no such job: " + jobId);
    this.jobId = jobId;
  }

  public String jobId() {
    return jobId;
  }
}
