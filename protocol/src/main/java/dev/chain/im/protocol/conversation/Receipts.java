package dev.chain.im.protocol.conversation;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code GET /v1/conversations/{cid}/receipts}: the other members' read positions, by user id.
 *
 * @param hasMore whether members after the last one listed remain: pass its {@code userId} as
 *     {@code after}
 */
@Schema(requiredProperties = {"receipts", "hasMore"})
public record Receipts(List<Receipt> receipts, boolean hasMore) {
  /** One member's read position. */
  @Schema(requiredProperties = {"userId", "readSeq"})
  public record Receipt(String userId, @Schema(minimum = "0") long readSeq) {}
}
