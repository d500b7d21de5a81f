package dev.chain.im.protocol.push;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A frame of a type added after this version: read, and ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UnknownFrame() implements PushFrame {}
