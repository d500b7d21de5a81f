package dev.chain.im.protocol.conversation;

import java.util.Map;

/**
 * The body of {@code POST /v1/conversations/{cid}/messages}.
 *
 * @param clientMsgId optional; a retry with the same one returns the first result
 * @param content a JSON object, at least {@code {"text":"…"}}
 */
public record SendMessage(String clientMsgId, Map<String, Object> content) {}
