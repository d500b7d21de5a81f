package dev.chain.im.messages.chain;

import dev.chain.im.protocol.chain.ChainEntry;
import dev.chain.im.protocol.push.Delivery;
import io.vertx.mutiny.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one operation appended to user chains: for each user, the seq and the chain's epoch, and the
 * entry each user got there.
 */
public record ChainWrite(String[] users, Long[] seqs, String[] epochs, Set<String> muted) {
  public static final ChainWrite NONE =
      new ChainWrite(new String[0], new Long[0], new String[0], Set.of());

  /**
   * Reads the {@code users}, {@code seqs} and {@code epochs} columns of an operation's result, and
   * {@code muted} (the users who muted the conversation) where a send has it.
   */
  public static ChainWrite from(Row row) {
    String[] users = row.getArrayOfStrings("users");
    if (users == null) {
      return NONE;
    }
    String[] muted = row.getColumnIndex("muted") >= 0 ? row.getArrayOfStrings("muted") : null;
    return new ChainWrite(
        users,
        row.getArrayOfLongs("seqs"),
        row.getArrayOfStrings("epochs"),
        muted == null ? Set.of() : Set.of(muted));
  }

  /** The entry written on one user's chain at one seq. */
  @FunctionalInterface
  public interface EntryAt {
    ChainEntry entry(String userId, long seq);
  }

  public List<Delivery> deliveries(EntryAt entryAt) {
    List<Delivery> deliveries = new ArrayList<>(users.length);
    for (int i = 0; i < users.length; i++) {
      long seq = seqs[i];
      deliveries.add(new Delivery(users[i], epochs[i], seq, entryAt.entry(users[i], seq)));
    }
    return deliveries;
  }
}
