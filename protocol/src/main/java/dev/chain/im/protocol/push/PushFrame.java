package dev.chain.im.protocol.push;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A text frame the gateway writes on a WebSocket, told apart by its {@code type}. A frame of a type
 * this version does not know reads as an {@link UnknownFrame}, which a client ignores.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = UnknownFrame.class)
@JsonSubTypes({
  @JsonSubTypes.Type(value = HelloFrame.class, name = HelloFrame.TYPE),
  @JsonSubTypes.Type(value = EntryFrame.class, name = EntryFrame.TYPE),
  @JsonSubTypes.Type(value = TypingFrame.class, name = TypingFrame.TYPE),
  @JsonSubTypes.Type(value = ReceiptFrame.class, name = ReceiptFrame.TYPE),
  @JsonSubTypes.Type(value = PresenceFrame.class, name = PresenceFrame.TYPE)
})
public sealed interface PushFrame
    permits HelloFrame, EntryFrame, TypingFrame, ReceiptFrame, PresenceFrame, UnknownFrame {}
