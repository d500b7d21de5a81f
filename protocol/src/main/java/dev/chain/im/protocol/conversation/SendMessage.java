package dev.chain.im.protocol.conversation;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /v1/conversations/{cid}/messages}.
 *
 * @param clientMsgId optional; a retry with the same one returns the first result
 * @param content a JSON object, at least {@code {"text":"…"}}
 */
@Schema(requiredProperties = "content")
public record SendMessage(
    @Schema(
            minLength = 1,
            description =
                "Optional idempotency key: a retry with the same one answers the first result. At"
                    + " most im.limits.client-msg-id-length characters.")
        String clientMsgId,
    @Schema(ref = "MessageContent") Map<String, Object> content) {}
