package dev.chain.im.messages.chain;

import dev.chain.im.messages.config.ImConfig;
import dev.chain.im.messages.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads the position and page-size query parameters of a pull, within the configured limits. */
@ApplicationScoped
public class Paging {
  private final ImConfig.Limits limits;

  public Paging(ImConfig config) {
    this.limits = config.limits();
  }

  /** A seq position: absent means {@code fallback}; otherwise a whole number of 0 or more. */
  public long position(String name, String value, long fallback) {
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      long position = Long.parseLong(value);
      if (position >= 0) {
        return position;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ProblemException.badRequest(
        "'" + name + "' is a seq: a whole number of 0 or more, got '" + value + "'.");
  }

  public int limit(String value) {
    if (value == null || value.isEmpty()) {
      return limits.defaultPageSize();
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= limits.maxPageSize()) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ProblemException.badRequest(
        "'limit' is a whole number from 1 to " + limits.maxPageSize() + ", got '" + value + "'.");
  }
}
