package dev.chain.im.protocol.conversation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /v1/conversations/{cid}/read}: the seq read up to. */
@Schema(requiredProperties = "seq")
public record MarkRead(@Schema(minimum = "0") Long seq) {}
