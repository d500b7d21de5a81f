package dev.chain.im.messages.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chain.im.messages.chain.UserChainStore;
import dev.chain.im.protocol.chain.ChainEntry;
import dev.chain.im.protocol.push.Delivery;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The publishing lane under interleavings of acknowledgements, refusals, rewinds and out-of-order
 * arrivals. The rule: the position to save never passes an entry Kafka has not acknowledged.
 */
class PublishLaneTest {
  private static final long GRACE = 20;

  private static Outbound entry(long seq) {
    return Outbound.fromChain(
        new Delivery("alice", "e1", seq, ChainEntry.read(seq, "c1", seq)), false);
  }

  private static PublishLane positionedAt(long published) {
    PublishLane lane = new PublishLane("alice", 1000);
    lane.positioned(published);
    return lane;
  }

  private static List<Long> seqs(List<PublishLane.Dispatch> dispatches) {
    return dispatches.stream().map(dispatch -> dispatch.seq()).toList();
  }

  private static List<PublishLane.Dispatch> offerAll(PublishLane lane, long from, long to) {
    LongStream.rangeClosed(from, to).forEach(seq -> lane.offer(entry(seq)));
    return lane.dispatch();
  }

  @Test
  void entriesGoOutInSeqOrderAndThePositionFollowsTheAcknowledgements() {
    PublishLane lane = positionedAt(0);
    lane.offer(entry(2));
    assertThat(lane.dispatch()).isEmpty();
    lane.offer(entry(1));
    List<PublishLane.Dispatch> sent = lane.dispatch();
    assertThat(seqs(sent)).containsExactly(1L, 2L);

    lane.acked(1, sent.get(0).attempt());
    assertThat(lane.toSave()).isEqualTo(1);
    lane.saved(1);
    assertThat(lane.toSave()).isEqualTo(PublishLane.UNKNOWN);
    lane.acked(2, sent.get(1).attempt());
    assertThat(lane.acked()).isEqualTo(2);
    assertThat(lane.behind()).isFalse();
  }

  @Test
  void entriesAnotherInstanceWroteAreReadAtOnceWithoutWaitingOutTheGrace() {
    PublishLane lane = positionedAt(3);
    assertThat(lane.gap(1_000, GRACE)).isEqualTo(PublishLane.Gap.NONE);

    lane.told(5);
    assertThat(lane.gap(1_000, GRACE)).isEqualTo(PublishLane.Gap.READ);
    assertThat(lane.missing()).isEqualTo(new UserChainStore.Range("alice", 3, 5));

    offerAll(lane, 4, 5);
    lane.told(5);
    assertThat(lane.gap(1_001, GRACE)).as("nothing left to read").isEqualTo(PublishLane.Gap.NONE);
  }

  @Test
  void aLateAcknowledgementOfAnEarlierAttemptNeverMovesThePosition() {
    PublishLane lane = positionedAt(0);
    List<PublishLane.Dispatch> first = offerAll(lane, 1, 5);
    long firstAttempt = first.get(0).attempt();
    lane.acked(1, firstAttempt);
    lane.acked(2, firstAttempt);
    assertThat(lane.refuse(firstAttempt)).isTrue(); // record 3 refused

    lane.rewind();
    List<PublishLane.Dispatch> second = offerAll(lane, 3, 5);
    assertThat(seqs(second)).containsExactly(3L, 4L, 5L);

    lane.acked(5, firstAttempt); // sent before the rewind, acknowledged after it
    lane.acked(4, firstAttempt);
    assertThat(lane.acked()).isEqualTo(2);
    assertThat(lane.toSave()).isEqualTo(2);

    assertThat(lane.refuse(second.get(0).attempt())).isTrue();
    lane.rewind();
    assertThat(lane.missing()).isEqualTo(new UserChainStore.Range("alice", 2, 5));
    assertThat(seqs(offerAll(lane, 3, 5))).containsExactly(3L, 4L, 5L);
  }

  @Test
  void theRefusalOfAnEarlierAttemptIsIgnored() {
    PublishLane lane = positionedAt(0);
    long firstAttempt = offerAll(lane, 1, 2).get(0).attempt();
    lane.refuse(firstAttempt);
    lane.rewind();
    List<PublishLane.Dispatch> again = offerAll(lane, 1, 2);

    assertThat(lane.refuse(firstAttempt)).isFalse();
    assertThat(lane.refused()).isFalse();
    lane.acked(1, again.get(0).attempt());
    lane.acked(2, again.get(1).attempt());
    assertThat(lane.acked()).isEqualTo(2);
  }

  @Test
  void acknowledgementsOutOfOrderMoveThePositionOnlyWhenConsecutive() {
    PublishLane lane = positionedAt(10);
    long attempt = offerAll(lane, 11, 13).get(0).attempt();

    lane.acked(13, attempt);
    lane.acked(12, attempt);
    assertThat(lane.acked()).isEqualTo(10);
    lane.acked(11, attempt);
    assertThat(lane.acked()).isEqualTo(13);
  }

  @Test
  void anAcknowledgementBeforeARefusalOfTheSameAttemptStillCounts() {
    PublishLane lane = positionedAt(0);
    long attempt = offerAll(lane, 1, 3).get(0).attempt();
    lane.refuse(attempt); // record 2 refused
    lane.acked(1, attempt);

    assertThat(lane.acked()).isEqualTo(1);
    lane.rewind();
    assertThat(lane.missing()).isEqualTo(new UserChainStore.Range("alice", 1, 3));
  }

  @Test
  void aRefusedLaneHoldsNothingAndReadsItsBacklogAfterTheRewind() {
    PublishLane lane = positionedAt(0);
    lane.refuse(offerAll(lane, 1, 1).get(0).attempt());

    for (long seq = 2; seq <= 10_000; seq++) {
      lane.offer(entry(seq));
    }
    assertThat(lane.dispatch()).isEmpty();
    assertThat(lane.gap(0, GRACE)).isEqualTo(PublishLane.Gap.NONE);
    assertThat(lane.behind()).isTrue();

    lane.rewind();
    assertThat(lane.dispatch()).isEmpty();
    assertThat(lane.gap(0, GRACE)).isEqualTo(PublishLane.Gap.READ);
    assertThat(lane.missing()).isEqualTo(new UserChainStore.Range("alice", 0, 10_000));
  }

  @Test
  void atMostMaxHeldEntriesWaitAndTheRestIsReadAgain() {
    PublishLane lane = new PublishLane("alice", 3);
    for (long seq = 1; seq <= 5; seq++) {
      lane.offer(entry(seq));
    }
    assertThat(lane.positionKnown()).isFalse();
    assertThat(lane.dispatch()).isEmpty();

    lane.positioned(0);
    assertThat(seqs(lane.dispatch())).containsExactly(1L, 2L, 3L);
    assertThat(lane.gap(0, GRACE)).isEqualTo(PublishLane.Gap.READ);
    assertThat(lane.missing()).isEqualTo(new UserChainStore.Range("alice", 3, 5));
  }

  @Test
  void aFullLaneMakesRoomForTheEntriesNextInLine() {
    PublishLane small = new PublishLane("alice", 2);
    small.positioned(0);
    small.offer(entry(5));
    small.offer(entry(6));
    small.offer(entry(1));
    small.offer(entry(2));

    assertThat(seqs(small.dispatch())).containsExactly(1L, 2L);
    assertThat(small.missing()).isEqualTo(new UserChainStore.Range("alice", 2, 6));
  }

  @Test
  void aGapWaitsForItsGraceThenIsReadAndReadAgainUntilClosed() {
    PublishLane lane = positionedAt(0);
    assertThat(lane.gap(0, GRACE)).isEqualTo(PublishLane.Gap.NONE);
    lane.offer(entry(3));
    assertThat(lane.dispatch()).isEmpty();

    assertThat(lane.gap(1_000, GRACE)).isEqualTo(PublishLane.Gap.WAITING);
    assertThat(lane.gap(1_010, GRACE)).isEqualTo(PublishLane.Gap.WAITING);
    assertThat(lane.gap(1_020, GRACE)).isEqualTo(PublishLane.Gap.READ);
    assertThat(lane.gap(1_021, GRACE))
        .as("a read that did not close it")
        .isEqualTo(PublishLane.Gap.READ);

    lane.offer(entry(1));
    lane.offer(entry(2));
    assertThat(seqs(lane.dispatch())).containsExactly(1L, 2L, 3L);
    assertThat(lane.gap(1_022, GRACE)).isEqualTo(PublishLane.Gap.NONE);
  }

  @Test
  void entriesAlreadyDispatchedAreNotSentTwice() {
    PublishLane lane = positionedAt(5);
    lane.offer(entry(4));
    lane.offer(entry(5));
    assertThat(lane.dispatch()).isEmpty();
    lane.offer(entry(6));
    lane.offer(entry(6));
    assertThat(seqs(lane.dispatch())).containsExactly(6L);
    assertThat(lane.dispatch()).isEmpty();
  }

  @Test
  void aLaneIsIdleOnlyWhenAllIsAcknowledgedAndSaved() {
    PublishLane lane = positionedAt(0);
    long attempt = offerAll(lane, 1, 1).get(0).attempt();
    assertThat(lane.idle()).isFalse();
    lane.acked(1, attempt);
    assertThat(lane.idle()).isFalse();
    lane.saved(lane.toSave());
    assertThat(lane.idle()).isTrue();
  }

  /**
   * Many seeded runs of a lane against a Kafka that acknowledges and refuses records in flight in
   * any order, with rewinds and chain reads in between: the position to save is always covered by
   * acknowledgements, and every entry is acknowledged in the end.
   */
  @Test
  void randomInterleavingsNeverSavePastAnUnacknowledgedEntry() {
    for (int run = 0; run < 500; run++) {
      Random random = new Random(run);
      long head = 1 + random.nextInt(60);
      PublishLane lane = new PublishLane("alice", 1 + random.nextInt(8));
      BitSet acknowledged = new BitSet();
      List<PublishLane.Dispatch> inFlight = new ArrayList<>();
      long written = 0;
      long now = 0;
      lane.positioned(0);
      for (int step = 0; step < 200_000 && lane.acked() < head; step++) {
        now += random.nextInt(10);
        switch (random.nextInt(6)) {
          case 0 -> {
            if (written < head) {
              lane.offer(entry(++written)); // a request commits the next entry
            }
          }
          case 1, 2 -> {
            if (!inFlight.isEmpty()) {
              PublishLane.Dispatch done = inFlight.remove(random.nextInt(inFlight.size()));
              if (random.nextInt(5) == 0) {
                lane.refuse(done.attempt());
              } else {
                acknowledged.set((int) done.seq());
                lane.acked(done.seq(), done.attempt());
              }
            }
          }
          case 3 -> {
            if (lane.refused()) {
              lane.rewind();
            }
          }
          default -> {
            if (lane.gap(now, GRACE) == PublishLane.Gap.READ) {
              UserChainStore.Range range = lane.missing();
              for (long seq = range.afterSeq() + 1;
                  seq <= Math.min(range.uptoSeq(), written);
                  seq++) {
                lane.offer(entry(seq)); // read back from the chain
              }
            }
          }
        }
        inFlight.addAll(lane.dispatch());
        long position = Math.max(lane.acked(), lane.toSave());
        assertThat(acknowledged.nextClearBit(1))
            .as("run %d step %d: first unacknowledged seq against position %d", run, step, position)
            .isGreaterThan((int) position);
      }
      assertThat(lane.acked()).as("run %d ends with every entry acknowledged", run).isEqualTo(head);
    }
  }
}
