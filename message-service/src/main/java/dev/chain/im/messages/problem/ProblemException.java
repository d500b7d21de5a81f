package dev.chain.im.messages.problem;

/** A refusal the caller can act on; rendered as {@code application/problem+json}. */
public class ProblemException extends RuntimeException {
  private final int status;
  private final String title;
  private final long retryAfterSeconds;

  public ProblemException(int status, String title, String detail) {
    this(status, title, detail, 0);
  }

  private ProblemException(int status, String title, String detail, long retryAfterSeconds) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** Seconds to send as {@code Retry-After}; 0 for none. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public static ProblemException badRequest(String detail) {
    return new ProblemException(400, "Bad request", detail);
  }

  public static ProblemException forbidden(String detail) {
    return new ProblemException(403, "Forbidden", detail);
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(404, "Not found", detail);
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(409, "Conflict", detail);
  }

  public static ProblemException tooLarge(String detail) {
    return new ProblemException(413, "Content too large", detail);
  }

  public static ProblemException unavailable(String detail, long retryAfterSeconds) {
    return new ProblemException(503, "Service unavailable", detail, retryAfterSeconds);
  }

  public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
    return new ProblemException(429, "Too many requests", detail, retryAfterSeconds);
  }
}
