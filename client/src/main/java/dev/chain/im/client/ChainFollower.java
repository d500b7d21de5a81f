package dev.chain.im.client;

import dev.chain.im.protocol.chain.ChainEntry;
import dev.chain.im.protocol.chain.SyncPage;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The protocol's client rule as a state machine: no I/O, no threads, safe to call from any thread.
 *
 * <p>It keeps {@code (epoch, lastSeq)} of one user chain and hands each entry to the {@link
 * Listener} exactly once and in seq order, whether the entry was pushed, pulled, or both:
 *
 * <ul>
 *   <li>{@link #onPushed}: another epoch → {@linkplain Listener#onReset reset} to that epoch at seq
 *       0, then go on with the frame; {@code seq <= lastSeq} (or already held) → duplicate,
 *       dropped; {@code prevSeq == lastSeq} → applied, followed by any held entries that now
 *       follow; otherwise a gap → the frame is held and {@link #needsPull()} turns true.
 *   <li>{@link #onPulled}: a page of another epoch resets the same way; then each entry is applied
 *       if it is next, dropped if already applied, held if it lies beyond a hole; held entries that
 *       now follow are applied after it.
 * </ul>
 *
 * <p>The caller does the I/O: after either call, if {@link #needsPull()} is true, pull {@code GET
 * /v1/sync?after=}{@link #lastSeq()} and feed the page to {@link #onPulled}. Pulls may be
 * coalesced: only the latest {@code lastSeq} matters.
 *
 * <p><b>Epochs.</b> An epoch changes only when the server resets the chain, so the entries applied
 * so far no longer describe it. Whatever brings a new epoch, push or pull, resets the follower to
 * {@code lastSeq = 0} with that epoch, drops everything held, and tells the listener; the chain is
 * then pulled again from the start (a page of the new epoch that does not start at seq 1 is held
 * until the start has been pulled). A follower created without an epoch adopts the first one it
 * sees without a reset.
 *
 * <p><b>Listener calls</b> are made while this follower's monitor is held, so they never overlap
 * and come in seq order; keep them short. If the listener throws, the entry still counts as applied
 * and the exception reaches the caller; the follower stays consistent, and anything left
 * undelivered is picked up by the next pull ({@link #needsPull()} says so).
 */
public final class ChainFollower {

  /** Receives what the follower applies. */
  public interface Listener {
    /** An entry, exactly once, in seq order. */
    void onEntry(AppliedEntry entry);

    /**
     * The chain was reset: a new epoch was seen. Entries applied so far belong to {@code oldEpoch};
     * the new chain will be delivered from seq 1.
     *
     * @param oldLastSeq the last seq applied in the old epoch
     */
    default void onReset(String oldEpoch, String newEpoch, long oldLastSeq) {}
  }

  /** What {@link #onPushed} did with a frame. */
  public enum Outcome {
    /** Applied, possibly followed by held entries. */
    APPLIED,
    /** Already applied or already held: dropped. */
    DUPLICATE,
    /** Beyond a hole: held until a pull fills the hole. */
    HELD
  }

  /**
   * Counters since creation.
   *
   * @param applied entries handed to the listener
   * @param duplicates copies dropped because the same seq was already applied or held (pushed or
   *     pulled)
   * @param gaps holes detected: entries that arrived while their predecessor was neither applied
   *     nor held
   * @param pulls pages given to {@link #onPulled}
   * @param resets epoch changes
   * @param held entries held right now
   */
  public record Stats(
      long applied, long duplicates, long gaps, long pulls, long resets, int held) {}

  private record Held(
      ChainEntry entry, long prevSeq, AppliedEntry.Source source, long nanos, Instant at) {}

  private final Listener listener;
  private final TreeMap<Long, Held> held = new TreeMap<>();
  // Written only under the monitor; volatile so that readers need not take it.
  private volatile String epoch;
  private volatile long lastSeq;
  private volatile long knownHeadSeq;
  private long applied;
  private long duplicates;
  private long gaps;
  private long pulls;
  private long resets;

  /** A follower starting from the beginning of a chain whose epoch is not known yet. */
  public ChainFollower(Listener listener) {
    this(null, 0, listener);
  }

  /**
   * A follower resuming after {@code lastSeq} of the chain with {@code epoch}.
   *
   * @param epoch {@code null} when unknown, which is allowed only with {@code lastSeq == 0}
   */
  public ChainFollower(String epoch, long lastSeq, Listener listener) {
    if (lastSeq < 0) {
      throw new IllegalArgumentException("lastSeq must be 0 or more, got " + lastSeq);
    }
    if (epoch == null && lastSeq != 0) {
      throw new IllegalArgumentException(
          "lastSeq " + lastSeq + " means nothing without its epoch; pass the epoch or start at 0");
    }
    this.listener = Objects.requireNonNull(listener, "listener");
    this.epoch = epoch;
    this.lastSeq = lastSeq;
    this.knownHeadSeq = lastSeq;
  }

  /** The epoch being followed, or {@code null} before the first push or pull. */
  public String epoch() {
    return epoch;
  }

  /** The seq of the last entry handed to the listener; 0 before any. */
  public long lastSeq() {
    return lastSeq;
  }

  /** The highest seq of the current epoch known to exist (pushed, or a pulled page's head). */
  public long knownHeadSeq() {
    return knownHeadSeq;
  }

  /**
   * Whether entries are known to exist beyond {@link #lastSeq()}: a pull after {@code lastSeq()} is
   * due. True while anything is held.
   */
  public boolean needsPull() {
    return lastSeq < knownHeadSeq;
  }

  public synchronized Stats stats() {
    return new Stats(applied, duplicates, gaps, pulls, resets, held.size());
  }

  /** Applies the client rule to a pushed entry. */
  public synchronized Outcome onPushed(PushedFrame frame) {
    adoptEpoch(frame.epoch());
    knownHeadSeq = Math.max(knownHeadSeq, frame.seq());
    if (frame.seq() <= lastSeq || held.containsKey(frame.seq())) {
      duplicates++;
      return Outcome.DUPLICATE;
    }
    Held arrival =
        new Held(
            frame.entry(),
            frame.prevSeq(),
            AppliedEntry.Source.PUSH,
            frame.receivedAtNanos(),
            frame.receivedAt());
    if (frame.prevSeq() == lastSeq) {
      apply(frame.seq(), arrival);
      applyHeld();
      return Outcome.APPLIED;
    }
    hold(frame.seq(), arrival);
    return Outcome.HELD;
  }

  /** {@link #onPulled(SyncPage, long, Instant)} with the current time. */
  public int onPulled(SyncPage page) {
    return onPulled(page, System.nanoTime(), Instant.now());
  }

  /**
   * Applies a pulled page: entries in order, dropping ones already applied, then whatever held
   * entries now follow. An entry that is also held is applied once, with the held copy's (earlier)
   * arrival.
   *
   * @param receivedAtNanos {@link System#nanoTime()} when the page arrived
   * @return the number of entries applied
   */
  public synchronized int onPulled(SyncPage page, long receivedAtNanos, Instant receivedAt) {
    long appliedBefore = applied;
    pulls++;
    adoptEpoch(page.epoch());
    knownHeadSeq = Math.max(knownHeadSeq, page.headSeq());
    for (ChainEntry entry : page.entries()) {
      long seq = entry.seq();
      knownHeadSeq = Math.max(knownHeadSeq, seq);
      if (seq <= lastSeq) {
        duplicates++;
        continue;
      }
      Held pulled = new Held(entry, seq - 1, AppliedEntry.Source.PULL, receivedAtNanos, receivedAt);
      Held pushed = held.get(seq);
      if (seq == lastSeq + 1) {
        if (pushed != null) {
          held.remove(seq);
          duplicates++;
          apply(seq, pushed);
        } else {
          apply(seq, pulled);
        }
        applyHeld();
      } else if (pushed != null) {
        duplicates++;
      } else {
        hold(seq, pulled);
      }
    }
    return (int) (applied - appliedBefore);
  }

  private void adoptEpoch(String seen) {
    if (seen == null || seen.equals(epoch)) {
      return;
    }
    String old = epoch;
    epoch = seen;
    if (old == null) {
      return;
    }
    long oldLastSeq = lastSeq;
    lastSeq = 0;
    knownHeadSeq = 0;
    held.clear();
    resets++;
    listener.onReset(old, seen, oldLastSeq);
  }

  private void hold(long seq, Held entry) {
    if (entry.prevSeq() != lastSeq && !held.containsKey(entry.prevSeq())) {
      gaps++;
    }
    held.put(seq, entry);
  }

  private void applyHeld() {
    Map.Entry<Long, Held> next;
    while ((next = held.firstEntry()) != null) {
      if (next.getKey() <= lastSeq) {
        held.pollFirstEntry();
        duplicates++;
      } else if (next.getValue().prevSeq() == lastSeq) {
        held.pollFirstEntry();
        apply(next.getKey(), next.getValue());
      } else {
        return;
      }
    }
  }

  private void apply(long seq, Held entry) {
    lastSeq = seq;
    applied++;
    listener.onEntry(
        new AppliedEntry(epoch, entry.entry(), entry.source(), entry.nanos(), entry.at()));
  }
}
