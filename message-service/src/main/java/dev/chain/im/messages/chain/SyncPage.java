package dev.chain.im.messages.chain;

import java.util.List;

/** A page of one user's chain: entries in seq order, the chain's head, and whether more follow. */
public record SyncPage(String epoch, List<ChainEntry> entries, long headSeq, boolean hasMore) {}
