package dev.chain.im.protocol.push;

import java.time.OffsetDateTime;

/**
 * An offline notification: a message reached {@code userId}'s chain while the user had no open
 * connection. A push-notification bridge (APNs, FCM, mail) reads these from {@link
 * Topics#NOTIFICATIONS}; {@code userId} and {@code chainSeq} name each one uniquely.
 *
 * @param messageSeq the message's place in its conversation
 * @param chainSeq the entry's place on the user's chain
 * @param preview the start of the message's {@code text}, or null for other content
 */
public record Notification(
    String userId,
    String conversationId,
    long messageSeq,
    long chainSeq,
    String messageId,
    String senderId,
    OffsetDateTime sentAt,
    String preview) {}
