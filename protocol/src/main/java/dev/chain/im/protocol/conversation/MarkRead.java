package dev.chain.im.protocol.conversation;

/** The body of {@code POST /v1/conversations/{cid}/read}: the seq read up to. */
public record MarkRead(Long seq) {}
