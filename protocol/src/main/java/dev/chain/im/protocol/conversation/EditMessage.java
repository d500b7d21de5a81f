package dev.chain.im.protocol.conversation;

import java.util.Map;

/**
 * The body of {@code PATCH /v1/conversations/{cid}/messages/{seq}}.
 *
 * @param content the message's new JSON object, under the same limits as a send
 */
public record EditMessage(Map<String, Object> content) {}
