package dev.chain.im.messages.chain;

import dev.chain.im.protocol.chain.ChainEntry;
import dev.chain.im.protocol.push.Delivery;
import io.vertx.mutiny.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * What one operation appended to user chains: for each user, the seq and the chain's epoch. The
 * entry itself is the same for every user but for its seq.
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

  public List<Delivery> deliveries(LongFunction<ChainEntry> entryAt) {
    List<Delivery> deliveries = new ArrayList<>(users.length);
    for (int i = 0; i < users.length; i++) {
      long seq = seqs[i];
      deliveries.add(new Delivery(users[i], epochs[i], seq, entryAt.apply(seq)));
    }
    return deliveries;
  }
}
