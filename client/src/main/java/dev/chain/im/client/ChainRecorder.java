package dev.chain.im.client;

import dev.chain.im.protocol.chain.Message;
import dev.chain.im.protocol.push.PushFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * A listener that keeps everything it hears, for tests: applied entries, resets and state changes.
 * Thread-safe; the accessors return copies.
 */
public final class ChainRecorder implements ChainListener {

  /** A reset as the follower reported it. */
  public record Reset(String oldEpoch, String newEpoch, long oldLastSeq) {}

  private final List<AppliedEntry> entries = new ArrayList<>();
  private final List<Reset> resets = new ArrayList<>();
  private final List<ConnectionState> states = new ArrayList<>();
  private final List<PushFrame> signals = new ArrayList<>();

  @Override
  public synchronized void onEntry(AppliedEntry entry) {
    entries.add(entry);
  }

  @Override
  public synchronized void onReset(String oldEpoch, String newEpoch, long oldLastSeq) {
    resets.add(new Reset(oldEpoch, newEpoch, oldLastSeq));
  }

  @Override
  public synchronized void onStateChange(ConnectionState state, Throwable cause) {
    states.add(state);
  }

  @Override
  public synchronized void onSignal(PushFrame frame) {
    signals.add(frame);
  }

  /** The ephemeral frames heard, in order. */
  public synchronized List<PushFrame> signals() {
    return List.copyOf(signals);
  }

  public synchronized List<AppliedEntry> entries() {
    return List.copyOf(entries);
  }

  /** The seqs of the applied entries, in the order applied. */
  public synchronized List<Long> seqs() {
    List<Long> seqs = new ArrayList<>(entries.size());
    for (AppliedEntry entry : entries) {
      seqs.add(entry.seq());
    }
    return seqs;
  }

  /** The applied messages (entries of kind {@code message}), in order. */
  public synchronized List<Message> messages() {
    List<Message> messages = new ArrayList<>();
    for (AppliedEntry entry : entries) {
      if (entry.entry().message() != null) {
        messages.add(entry.entry().message());
      }
    }
    return messages;
  }

  public synchronized List<Reset> resets() {
    return List.copyOf(resets);
  }

  public synchronized List<ConnectionState> states() {
    return List.copyOf(states);
  }

  public synchronized void clear() {
    entries.clear();
    resets.clear();
    states.clear();
    signals.clear();
  }
}
