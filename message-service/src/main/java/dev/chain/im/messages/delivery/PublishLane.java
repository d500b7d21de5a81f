package dev.chain.im.messages.delivery;

import dev.chain.im.messages.chain.UserChainStore;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One user's publishing position, as a state machine without I/O, clock or threads: the publisher
 * feeds it entries, acknowledgements, refusals and the time, and does what it answers.
 *
 * <p>The rule it keeps: {@link #acked()}, the position that is saved, never passes an entry that
 * Kafka has not acknowledged. Entries are dispatched strictly in seq order. Each rewind (after a
 * refusal) starts a new attempt; acknowledgements and refusals of records dispatched by an earlier
 * attempt are ignored, so a late acknowledgement cannot move the position past entries that were
 * dispatched again and not yet acknowledged. Within an attempt the position moves only through
 * consecutive acknowledged seqs, also after a refusal of a later one.
 *
 * <p>Memory is bounded: at most {@code maxHeld} entries wait in the lane, and a lane whose attempt
 * was refused holds none. What it does not hold stays on the chain, which is the outbox, and is
 * read again as a gap.
 */
final class PublishLane {
  /** The position before the saved one has been read. */
  static final long UNKNOWN = -1;

  /** A gap that is already overdue: the lane reads the store at its next check. */
  private static final long OVERDUE = Long.MIN_VALUE;

  /** A record to hand to Kafka, with the attempt that dispatched it. */
  record Dispatch(Outbound outbound, long attempt) {
    long seq() {
      return outbound.delivery().seq();
    }
  }

  /** What a lane behind its wanted seq should do about the entries it lacks. */
  enum Gap {
    /** Nothing is missing. */
    NONE,
    /** An earlier entry may still be on its way from another request: check again later. */
    WAITING,
    /** Read the missing range from the chain now. */
    READ
  }

  private final String userId;
  private final int maxHeld;
  private long dispatched = UNKNOWN;
  private long acked;
  private long saved;
  private long wanted;
  private long attempt;
  private boolean refused;
  private long gapSince;
  private final TreeMap<Long, Outbound> held = new TreeMap<>();
  private final TreeSet<Long> ackedAhead = new TreeSet<>();

  PublishLane(String userId, int maxHeld) {
    this.userId = userId;
    this.maxHeld = maxHeld;
  }

  String userId() {
    return userId;
  }

  boolean positionKnown() {
    return dispatched != UNKNOWN;
  }

  /** Starts from the saved position, once it is read; a lane that knows its position ignores it. */
  void positioned(long published) {
    if (dispatched == UNKNOWN) {
      dispatched = published;
      acked = published;
      saved = published;
      wanted = Math.max(wanted, published);
      gapSince = OVERDUE;
    }
  }

  /** The chain reaches {@code headSeq}: everything up to it is to be published. */
  void want(long headSeq) {
    wanted = Math.max(wanted, headSeq);
  }

  /**
   * Another instance wrote entries up to {@code headSeq} on this chain: they are read from the
   * chain at the next check, without waiting for them to arrive, since they never will.
   */
  void told(long headSeq) {
    want(headSeq);
    if (dispatched != UNKNOWN && dispatched < wanted) {
      gapSince = OVERDUE;
    }
  }

  /**
   * An entry written on the chain, or read back from it. A lane that is not refused holds it,
   * keeping the {@code maxHeld} lowest seqs: those are next in line.
   */
  void offer(Outbound outbound) {
    long seq = outbound.delivery().seq();
    want(seq);
    boolean ahead = dispatched == UNKNOWN || seq > dispatched;
    if (ahead && !refused) {
      held.put(seq, outbound);
      if (held.size() > maxHeld) {
        held.pollLastEntry();
      }
    }
  }

  /** The held entries that are next in seq order, now dispatched. */
  List<Dispatch> dispatch() {
    if (refused || dispatched == UNKNOWN) {
      return List.of();
    }
    held.headMap(dispatched, true).clear();
    List<Dispatch> next = new ArrayList<>();
    while (!held.isEmpty() && held.firstKey() == dispatched + 1) {
      next.add(new Dispatch(held.pollFirstEntry().getValue(), attempt));
      dispatched++;
    }
    return next;
  }

  /** Kafka acknowledged a record. */
  void acked(long seq, long ofAttempt) {
    if (ofAttempt != attempt || seq <= acked || seq > dispatched) {
      return;
    }
    ackedAhead.add(seq);
    while (!ackedAhead.isEmpty() && ackedAhead.first() == acked + 1) {
      acked = ackedAhead.pollFirst();
    }
  }

  /**
   * Kafka refused a record. Returns true when this refusal stops the lane, which then waits for
   * {@link #rewind}; a refusal of an earlier attempt changes nothing.
   */
  boolean refuse(long ofAttempt) {
    if (ofAttempt != attempt || refused) {
      return false;
    }
    refused = true;
    held.clear();
    return true;
  }

  boolean refused() {
    return refused;
  }

  /** Starts a new attempt from the last acknowledged entry; the rest is read from the chain. */
  void rewind() {
    attempt++;
    refused = false;
    dispatched = acked;
    held.clear();
    ackedAhead.clear();
    gapSince = OVERDUE;
  }

  /**
   * What to do about entries between the dispatched position and the wanted one, at {@code now}.
   */
  Gap gap(long now, long graceMillis) {
    if (refused || dispatched == UNKNOWN || dispatched >= wanted) {
      gapSince = 0;
      return Gap.NONE;
    }
    if (gapSince == 0) {
      gapSince = now;
      return Gap.WAITING;
    }
    if (gapSince != OVERDUE && now - gapSince < graceMillis) {
      return Gap.WAITING;
    }
    gapSince = OVERDUE; // until the gap closes: a read that brings only part of it reads again
    return Gap.READ;
  }

  /** The range a read of the chain should bring: after the dispatched position, up to wanted. */
  UserChainStore.Range missing() {
    return new UserChainStore.Range(userId, dispatched, wanted);
  }

  /** Returns the position to save, or {@link #UNKNOWN} when the saved one is current. */
  long toSave() {
    return acked > saved ? acked : UNKNOWN;
  }

  void saved(long seq) {
    saved = Math.max(saved, seq);
  }

  long acked() {
    return acked;
  }

  /** Entries of this user that Kafka has not acknowledged yet. */
  long entriesBehind() {
    return Math.max(0, wanted - acked);
  }

  /** Whether entries of this user still wait to be acknowledged. */
  boolean behind() {
    return refused || acked < wanted;
  }

  /** Whether the lane holds nothing the store does not: it may be forgotten. */
  boolean idle() {
    return held.isEmpty() && !refused && dispatched == wanted && acked == wanted && saved == acked;
  }
}
