package dev.chain.im.messages.chain;

import dev.chain.im.protocol.chain.ChainEntry;
import dev.chain.im.protocol.push.Delivery;
import io.vertx.mutiny.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * What one operation appended to user chains: for each user, the seq and the chain's epoch, and the
 * entry each user got there.
 */
public record ChainWrite(String[] users, Long[] seqs, String[] epochs) {
  public static final ChainWrite NONE = new ChainWrite(new String[0], new Long[0], new String[0]);

  /** Reads the {@code users}, {@code seqs} and {@code epochs} columns of an operation's result. */
  public static ChainWrite from(Row row) {
    String[] users = row.getArrayOfStrings("users");
    if (users == null) {
      return NONE;
    }
    return new ChainWrite(users, row.getArrayOfLongs("seqs"), row.getArrayOfStrings("epochs"));
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
