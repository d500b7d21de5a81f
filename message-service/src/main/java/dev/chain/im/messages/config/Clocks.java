package dev.chain.im.messages.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The clock that time rules (recall window, token expiry) read, so tests can move it. */
public class Clocks {
  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }
}
