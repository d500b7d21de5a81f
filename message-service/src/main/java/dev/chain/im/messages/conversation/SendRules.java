package dev.chain.im.messages.conversation;

import static dev.chain.im.messages.problem.ProblemException.badRequest;

import dev.chain.im.messages.chain.MessageRows;
import dev.chain.im.messages.config.ImConfig;
import dev.chain.im.messages.problem.ProblemException;
import dev.chain.im.protocol.Ids;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** What a send must be before anything is stored; each refusal says what to change. */
final class SendRules {
  private SendRules() {}

  /** Checks a {@code clientMsgId}: absent, or 1 to the limit of characters, none a control one. */
  static void checkClientMsgId(String clientMsgId, ImConfig.Limits limits) {
    if (clientMsgId == null) {
      return;
    }
    if (clientMsgId.isEmpty() || clientMsgId.length() > limits.clientMsgIdLength()) {
      throw badRequest(
          "clientMsgId is 1-" + limits.clientMsgIdLength() + " characters when given.");
    }
    if (clientMsgId.chars().anyMatch(Character::isISOControl)) {
      throw badRequest("clientMsgId may not contain control characters.");
    }
  }

  /** Whom a message mentions: members by id, or everyone else ({@code @all}). */
  record Mentions(String[] users, boolean all) {
    static final Mentions NONE = new Mentions(new String[0], false);

    boolean any() {
      return all || users.length > 0;
    }
  }

  /** Reads and checks {@code content.mentions}: absent, or a list of user ids or "@all". */
  static Mentions mentions(Map<String, Object> content, ImConfig.Limits limits) {
    Object value = content.get("mentions");
    if (value == null) {
      return Mentions.NONE;
    }
    if (!(value instanceof List<?> list)
        || !list.stream().allMatch(item -> item instanceof String)) {
      throw badRequest("'content.mentions' is a list of user ids, or [\"@all\"].");
    }
    if (list.size() > limits.mentions()) {
      throw badRequest(
          "A message mentions at most "
              + limits.mentions()
              + " users (im.limits.mentions); mention @all instead.");
    }
    boolean all = list.contains(ALL);
    List<String> users = list.stream().map(String.class::cast).filter(u -> !ALL.equals(u)).toList();
    for (String user : users) {
      if (!Ids.isUserId(user)) {
        throw badRequest("'" + user + "' in 'content.mentions' is not a user id.");
      }
    }
    return new Mentions(users.toArray(String[]::new), all);
  }

  static final String ALL = "@all";

  /** Checks a reaction: an emoji or a short name, 1 to 32 characters, none a control one. */
  static void checkReaction(String reaction) {
    int length = reaction == null ? 0 : reaction.codePointCount(0, reaction.length());
    if (length < 1 || length > 32) {
      throw badRequest(
          "A reaction is 1-32 characters, such as an emoji or a short name (URL-encoded in the"
              + " path).");
    }
    if (reaction.codePoints().anyMatch(Character::isISOControl)) {
      throw badRequest("A reaction may not contain control characters.");
    }
  }

  /** Checks the content and returns it as the JSON text to store. */
  static String checkedContent(Map<String, Object> content, ImConfig.Limits limits) {
    Object text = content.get("text");
    if (content.containsKey("text") && !(text instanceof String)) {
      throw badRequest("'content.text' must be a string.");
    }
    if (text instanceof String string && string.isBlank()) {
      throw badRequest("'content.text' is empty; send some text, or leave 'text' out.");
    }
    int depth = depth(content);
    if (depth > limits.contentDepth()) {
      throw badRequest(
          "Content nests "
              + depth
              + " levels of objects and arrays; the limit is "
              + limits.contentDepth()
              + " (im.limits.content-depth).");
    }
    String json = MessageRows.json(content);
    int bytes = json.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > limits.contentBytes()) {
      throw ProblemException.tooLarge(
          "Content is "
              + bytes
              + " bytes as JSON; the limit is "
              + limits.contentBytes()
              + " (im.limits.content-bytes).");
    }
    return json;
  }

  /** Levels of objects and arrays in a JSON value: 0 for a scalar, 1 for a flat object. */
  private static int depth(Object value) {
    int deepest = 0;
    if (value instanceof Map<?, ?> map) {
      for (Object child : map.values()) {
        deepest = Math.max(deepest, depth(child));
      }
      return deepest + 1;
    }
    if (value instanceof List<?> list) {
      for (Object child : list) {
        deepest = Math.max(deepest, depth(child));
      }
      return deepest + 1;
    }
    return 0;
  }
}
