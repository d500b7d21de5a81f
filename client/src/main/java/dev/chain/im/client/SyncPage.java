package dev.chain.im.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * A page of the caller's user chain ({@code GET /v1/sync}): entries in seq order, the epoch they
 * belong to, the chain's head and whether more entries follow.
 */
public record SyncPage(String epoch, List<ChainEntry> entries, long headSeq, boolean hasMore) {

  public SyncPage {
    entries = List.copyOf(entries);
  }

  public static SyncPage from(JsonNode node, ObjectMapper mapper) {
    List<ChainEntry> entries = new ArrayList<>();
    for (JsonNode entry : node.path("entries")) {
      entries.add(ChainEntry.from(entry, 0, mapper));
    }
    JsonNode epoch = node.get("epoch");
    return new SyncPage(
        epoch == null || epoch.isNull() ? null : epoch.asText(),
        entries,
        node.path("headSeq").asLong(),
        node.path("hasMore").asBoolean());
  }
}
