package dev.chain.im.bench;

import dev.chain.im.client.AppliedEntry;
import dev.chain.im.client.ChainListener;
import dev.chain.im.client.ConnectionState;
import dev.chain.im.protocol.chain.ChainEntry;
import dev.chain.im.protocol.push.PushFrame;
import dev.chain.im.protocol.push.TypingFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A compact recorder of everything one device applied: each seq in the order applied, with a hash
 * of the message id (0 for other kinds). It is the benchmark's {@link
 * dev.chain.im.client.ChainRecorder}, small enough for hundreds of thousands of entries. Pushed
 * message entries are handed to the {@link Deliveries} sink for their latency.
 */
final class DeviceLog implements ChainListener {
  final String userId;
  private final Deliveries sink;
  private long[] seqs = new long[64];
  private int[] ids = new int[64];
  private int size;
  private int resets;
  private volatile ConnectionState state = ConnectionState.CONNECTING;
  private final List<Long> caughtUpAtNanos = new ArrayList<>(2);
  private final LongAdder typingFrames = new LongAdder();

  DeviceLog(String userId, Deliveries sink) {
    this.userId = userId;
    this.sink = sink;
  }

  @Override
  public void onEntry(AppliedEntry applied) {
    ChainEntry entry = applied.entry();
    int id = entry.message() == null ? 0 : entry.message().id().hashCode();
    synchronized (this) {
      if (size == seqs.length) {
        seqs = Arrays.copyOf(seqs, size * 2);
        ids = Arrays.copyOf(ids, size * 2);
      }
      seqs[size] = applied.seq();
      ids[size] = id;
      size++;
    }
    if (entry.message() != null) {
      sink.delivered(entry.message().clientMsgId(), applied);
    }
  }

  @Override
  public void onSignal(PushFrame frame) {
    if (frame instanceof TypingFrame) {
      typingFrames.increment();
    }
  }

  long typingFrames() {
    return typingFrames.sum();
  }

  @Override
  public synchronized void onReset(String oldEpoch, String newEpoch, long oldLastSeq) {
    resets++;
  }

  @Override
  public void onStateChange(ConnectionState state, Throwable cause) {
    this.state = state;
    if (state == ConnectionState.CONNECTED) {
      synchronized (this) {
        caughtUpAtNanos.add(System.nanoTime());
      }
    }
  }

  /** When the device first caught up (state CONNECTED) after {@code nanos}, if it did. */
  synchronized OptionalLong caughtUpAfter(long nanos) {
    return caughtUpAtNanos.stream().mapToLong(Long::longValue).filter(at -> at > nanos).min();
  }

  ConnectionState state() {
    return state;
  }

  synchronized int resets() {
    return resets;
  }

  /** The seqs applied, in order. */
  synchronized long[] seqs() {
    return Arrays.copyOf(seqs, size);
  }

  synchronized int[] ids() {
    return Arrays.copyOf(ids, size);
  }

  /** Where pushed and pulled message entries are counted and timed. */
  interface Deliveries {
    void delivered(String clientMsgId, AppliedEntry applied);
  }
}
