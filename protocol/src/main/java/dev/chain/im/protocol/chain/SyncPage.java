package dev.chain.im.protocol.chain;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A page of the caller's user chain, {@code GET /v1/sync}: entries in seq order, the epoch they
 * belong to, the chain's head and whether more entries follow.
 *
 * @param epoch an opaque string that changes only if the chain is ever reset
 */
@Schema(requiredProperties = {"epoch", "entries", "headSeq", "hasMore"})
public record SyncPage(
    String epoch,
    List<ChainEntry> entries,
    @Schema(minimum = "0", description = "The seq of the chain's last entry.") long headSeq,
    boolean hasMore) {
  public SyncPage {
    entries = List.copyOf(entries);
  }
}
