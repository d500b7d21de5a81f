package dev.chain.im.protocol.conversation;

import java.util.List;

/**
 * {@code GET /v1/conversations/{cid}/receipts}: the other members' read positions, by user id.
 *
 * @param hasMore whether members after the last one listed remain: pass its {@code userId} as
 *     {@code after}
 */
public record Receipts(List<Receipt> receipts, boolean hasMore) {
  /** One member's read position. */
  public record Receipt(String userId, long readSeq) {}
}
