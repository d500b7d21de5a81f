package dev.chain.im.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;

/**
 * A user-chain entry pushed by the gateway ({@code {"type":"entry",...}}), with the local time it
 * was received.
 *
 * @param epoch the chain's epoch; {@code null} if the frame did not carry one (then it is taken to
 *     be the current epoch)
 * @param prevSeq the seq of the entry before it on the chain
 * @param receivedAtNanos {@link System#nanoTime()} when the frame was read off the socket
 * @param receivedAt wall-clock time of the same moment
 */
public record PushedFrame(
    String epoch,
    long seq,
    long prevSeq,
    ChainEntry entry,
    long receivedAtNanos,
    Instant receivedAt) {

  public static final String TYPE = "entry";

  /** Reads an {@code entry} frame; a missing {@code prevSeq} is taken to be {@code seq - 1}. */
  public static PushedFrame from(
      JsonNode frame, ObjectMapper mapper, long receivedAtNanos, Instant receivedAt) {
    JsonNode entryNode = frame.path("entry");
    long seq = frame.hasNonNull("seq") ? frame.get("seq").asLong() : entryNode.path("seq").asLong();
    long prevSeq = frame.hasNonNull("prevSeq") ? frame.get("prevSeq").asLong() : seq - 1;
    JsonNode epoch = frame.get("epoch");
    return new PushedFrame(
        epoch == null || epoch.isNull() ? null : epoch.asText(),
        seq,
        prevSeq,
        ChainEntry.from(entryNode, seq, mapper),
        receivedAtNanos,
        receivedAt);
  }
}
