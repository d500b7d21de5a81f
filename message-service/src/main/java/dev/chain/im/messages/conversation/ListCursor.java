package dev.chain.im.messages.conversation;

import dev.chain.im.messages.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * A place in the caller's conversation list: the last activity and id of the last conversation of a
 * page. Clients get it as an opaque string ({@code next}) and hand it back as {@code after}.
 */
public record ListCursor(OffsetDateTime activeAt, String conversationId) {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  public String encode() {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, activeAt.toInstant());
    return ENCODER.encodeToString((micros + ":" + conversationId).getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor a previous page handed out; anything else is the caller's mistake (400). */
  public static ListCursor decode(String value) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
      int colon = text.indexOf(':');
      if (colon > 0 && colon < text.length() - 1) {
        long micros = Long.parseLong(text.substring(0, colon));
        Instant at = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
        return new ListCursor(at.atOffset(ZoneOffset.UTC), text.substring(colon + 1));
      }
    } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
      // reported below
    }
    throw ProblemException.badRequest(
        "'after' is the 'next' value of a previous page of GET /v1/conversations, got '"
            + value
            + "'.");
  }
}
