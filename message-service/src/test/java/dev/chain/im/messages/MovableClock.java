package dev.chain.im.messages;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The system clock, moved forward by as much as a test asks: time rules without sleeping. */
@Singleton
@Alternative
@Priority(1)
public class MovableClock extends Clock {
  private volatile Duration ahead = Duration.ZERO;

  public void advance(Duration by) {
    ahead = ahead.plus(by);
  }

  public void reset() {
    ahead = Duration.ZERO;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(ahead);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a movable clock stays in UTC");
  }
}
