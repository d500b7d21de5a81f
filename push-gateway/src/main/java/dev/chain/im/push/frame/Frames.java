package dev.chain.im.push.frame;

import dev.chain.im.protocol.push.EntryFrame;
import dev.chain.im.protocol.push.HelloFrame;

/**
 * Writes the frames of the protocol module ({@link HelloFrame}, {@link EntryFrame}) as strings: an
 * entry frame is the Kafka record's value with {@code "type":"entry"} put in front of its fields,
 * so a record is never parsed.
 */
public final class Frames {
  private static final String ENTRY_PREFIX = "{\"type\":\"" + EntryFrame.TYPE + "\",";

  private Frames() {}

  /**
   * The first frame of every connection. The user id is a valid user id and the connection id a
   * UUID, so neither needs escaping.
   */
  public static String hello(String userId, String connectionId) {
    return "{\"type\":\""
        + HelloFrame.TYPE
        + "\",\"userId\":\""
        + userId
        + "\",\"connectionId\":\""
        + connectionId
        + "\"}";
  }

  /**
   * Whether a record value can become an entry frame: a JSON object with at least one field, {@code
   * {"userId":…,"epoch":…,"seq":…,"prevSeq":…,"entry":{…}}}.
   */
  public static boolean isDeliveryValue(String value) {
    if (value == null || value.length() < 2 || value.charAt(0) != '{') {
      return false;
    }
    for (int i = 1; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return c == '"';
      }
    }
    return false;
  }

  /**
   * The entry frame of a record value that passed {@link #isDeliveryValue}: {@code
   * {"type":"entry","userId":…,"epoch":…,"seq":…,"prevSeq":…,"entry":{…}}}.
   */
  public static String entry(String value) {
    return ENTRY_PREFIX + value.substring(1);
  }
}
