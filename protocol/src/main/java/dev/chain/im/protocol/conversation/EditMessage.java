package dev.chain.im.protocol.conversation;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code PATCH /v1/conversations/{cid}/messages/{seq}}.
 *
 * @param content the message's new JSON object, under the same limits as a send
 */
@Schema(requiredProperties = "content")
public record EditMessage(@Schema(ref = "MessageContent") Map<String, Object> content) {}
