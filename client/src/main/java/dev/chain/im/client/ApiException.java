package dev.chain.im.client;

import dev.chain.im.protocol.Problem;

/**
 * A non-2xx answer from message-service, with its status and problem details. When the body was not
 * a problem document, {@link #problem()} carries the status and the body text as detail.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String method;
  private final String path;
  private final int status;
  private final transient Problem problem;

  public ApiException(String method, String path, int status, Problem problem) {
    super(
        method
            + " "
            + path
            + " answered "
            + status
            + (problem.title() == null ? "" : " " + problem.title())
            + (problem.detail() == null ? "" : ": " + problem.detail()));
    this.method = method;
    this.path = path;
    this.status = status;
    this.problem = problem;
  }

  public String method() {
    return method;
  }

  /** The request path, with its query. */
  public String path() {
    return path;
  }

  public int status() {
    return status;
  }

  public Problem problem() {
    return problem;
  }

  public String detail() {
    return problem.detail();
  }
}
