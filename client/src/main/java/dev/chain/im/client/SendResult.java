package dev.chain.im.client;

import dev.chain.im.protocol.chain.Message;

/**
 * The result of a send.
 *
 * @param created true on 201 (a new message), false on 200 (a retry with the same clientMsgId,
 *     answered with the first result)
 */
public record SendResult(Message message, boolean created) {}
