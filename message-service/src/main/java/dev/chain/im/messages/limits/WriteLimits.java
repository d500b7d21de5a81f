package dev.chain.im.messages.limits;

import dev.chain.im.messages.config.ImConfig;
import dev.chain.im.messages.problem.ProblemException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Per-user rate limits on writes: one token bucket per user and kind of write, refilled over a
 * minute. A write past its bucket is refused with 429 and {@code Retry-After} before it reaches the
 * database. Memory is bounded: past {@code im.rate-limits.users} users a kind starts over.
 */
@ApplicationScoped
public class WriteLimits {
  /** The kinds of write that are limited, each with its own bucket. */
  public enum Write {
    SEND("sends"),
    EDIT("edits"),
    REACTION("reactions"),
    TYPING("typing signals"),
    CREATE("conversations created"),
    MEMBERSHIP("membership changes"),
    READ("read marks"),
    SETTINGS("settings changes");

    private final String described;

    Write(String described) {
      this.described = described;
    }
  }

  private final ImConfig.RateLimits config;
  private final Map<Write, Map<String, Bucket>> buckets = new EnumMap<>(Write.class);

  public WriteLimits(ImConfig config) {
    this.config = config.rateLimits();
    for (Write write : Write.values()) {
      buckets.put(write, new ConcurrentHashMap<>());
    }
  }

  /** Takes one write of this kind from the user's bucket, or refuses it with 429. */
  public void take(String userId, Write write) {
    int perMinute = perMinute(write);
    if (perMinute <= 0) {
      return;
    }
    Map<String, Bucket> users = buckets.get(write);
    if (users.size() >= config.users() && !users.containsKey(userId)) {
      users.clear();
    }
    Bucket bucket =
        users.computeIfAbsent(
            userId,
            user ->
                Bucket.builder()
                    .addLimit(
                        limit ->
                            limit
                                .capacity(perMinute)
                                .refillGreedy(perMinute, Duration.ofMinutes(1)))
                    .build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      long seconds =
          Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
      throw ProblemException.tooManyRequests(
          "At most "
              + perMinute
              + " "
              + write.described
              + " per minute; try again in "
              + seconds
              + " s.",
          seconds);
    }
  }

  private int perMinute(Write write) {
    return switch (write) {
      case SEND -> config.sendsPerMinute();
      case EDIT -> config.editsPerMinute();
      case REACTION -> config.reactionsPerMinute();
      case TYPING -> config.typingPerMinute();
      case CREATE -> config.createsPerMinute();
      case MEMBERSHIP -> config.membershipChangesPerMinute();
      case READ -> config.readMarksPerMinute();
      case SETTINGS -> config.settingsChangesPerMinute();
    };
  }
}
