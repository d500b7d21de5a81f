package dev.chain.im.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.chain.im.client.AppliedEntry.Source;
import dev.chain.im.client.ChainFollower.Outcome;
import dev.chain.im.client.ChainFollower.Stats;
import dev.chain.im.protocol.chain.ChainEntry;
import dev.chain.im.protocol.chain.SyncPage;
import dev.chain.im.protocol.push.EntryFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ChainFollowerTest {
  private final ChainRecorder recorder = new ChainRecorder();
  private final ChainFollower follower = new ChainFollower(recorder);

  @Test
  void inOrderPushesAreAppliedAndTheFirstEpochIsAdopted() {
    assertThat(follower.onPushed(push("e1", 1))).isEqualTo(Outcome.APPLIED);
    assertThat(follower.onPushed(push("e1", 2))).isEqualTo(Outcome.APPLIED);
    assertThat(follower.onPushed(push("e1", 3))).isEqualTo(Outcome.APPLIED);

    assertThat(recorder.seqs()).containsExactly(1L, 2L, 3L);
    assertThat(recorder.entries()).extracting(AppliedEntry::source).containsOnly(Source.PUSH);
    assertThat(recorder.entries()).extracting(AppliedEntry::epoch).containsOnly("e1");
    assertThat(recorder.entries())
        .extracting(AppliedEntry::receivedAtNanos)
        .containsExactly(1_000L, 2_000L, 3_000L);
    assertThat(recorder.resets()).isEmpty();
    assertThat(follower.epoch()).isEqualTo("e1");
    assertThat(follower.lastSeq()).isEqualTo(3);
    assertThat(follower.needsPull()).isFalse();
    assertThat(follower.stats()).isEqualTo(new Stats(3, 0, 0, 0, 0, 0));
  }

  @Test
  void duplicatesAreDropped() {
    follower.onPushed(push("e1", 1));
    follower.onPushed(push("e1", 2));

    assertThat(follower.onPushed(push("e1", 2))).isEqualTo(Outcome.DUPLICATE);
    assertThat(follower.onPushed(push("e1", 1))).isEqualTo(Outcome.DUPLICATE);
    assertThat(follower.onPushed(push("e1", 3))).isEqualTo(Outcome.APPLIED);

    assertThat(recorder.seqs()).containsExactly(1L, 2L, 3L);
    assertThat(follower.stats()).isEqualTo(new Stats(3, 2, 0, 0, 0, 0));
  }

  @Test
  void aGapHoldsEntriesUntilThePullFillsItThenAppliesEachOnceInOrder() {
    follower.onPushed(push("e1", 1));
    follower.onPushed(push("e1", 2));

    assertThat(follower.onPushed(push("e1", 5))).isEqualTo(Outcome.HELD);
    assertThat(follower.needsPull()).isTrue();
    assertThat(follower.lastSeq()).isEqualTo(2); // pull after 2
    assertThat(follower.onPushed(push("e1", 6))).isEqualTo(Outcome.HELD); // same hole
    assertThat(follower.onPushed(push("e1", 5))).isEqualTo(Outcome.DUPLICATE); // already held
    assertThat(recorder.seqs()).containsExactly(1L, 2L);
    assertThat(follower.stats()).isEqualTo(new Stats(2, 1, 1, 0, 0, 2));

    int applied = follower.onPulled(page("e1", 6, false, 3, 4, 5, 6), 9_999, Instant.EPOCH);

    assertThat(applied).isEqualTo(4);
    assertThat(recorder.seqs()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    // 3 and 4 came by pull; 5 and 6 arrived first by push and keep that arrival.
    assertThat(recorder.entries().subList(2, 6))
        .extracting(AppliedEntry::source, AppliedEntry::receivedAtNanos)
        .containsExactly(
            tuple(Source.PULL, 9_999L),
            tuple(Source.PULL, 9_999L),
            tuple(Source.PUSH, 5_000L),
            tuple(Source.PUSH, 6_000L));
    assertThat(follower.needsPull()).isFalse();
    assertThat(follower.stats()).isEqualTo(new Stats(6, 3, 1, 1, 0, 0));
  }

  @Test
  void heldEntriesThatFollowThePageAreAppliedAfterIt() {
    follower.onPushed(push("e1", 1));
    follower.onPushed(push("e1", 4));
    follower.onPushed(push("e1", 5));

    follower.onPulled(page("e1", 3, false, 2, 3)); // the server's head was 3 when it answered

    assertThat(recorder.seqs()).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(follower.needsPull()).isFalse();
    assertThat(follower.stats()).isEqualTo(new Stats(5, 0, 1, 1, 0, 0));
  }

  @Test
  void entriesPushedWhileAPullIsInFlight() {
    follower.onPushed(push("e1", 1));
    follower.onPushed(push("e1", 2));
    follower.onPushed(push("e1", 5)); // gap: the caller starts a pull after 2

    // While the pull is in flight:
    assertThat(follower.onPushed(push("e1", 3))).isEqualTo(Outcome.APPLIED); // fills part of it
    assertThat(follower.onPushed(push("e1", 7))).isEqualTo(Outcome.HELD); // a second hole, at 6
    assertThat(follower.onPushed(push("e1", 8))).isEqualTo(Outcome.HELD);
    assertThat(recorder.seqs()).containsExactly(1L, 2L, 3L);
    assertThat(follower.stats()).isEqualTo(new Stats(3, 0, 2, 0, 0, 3));

    // The page of the pull started after 2.
    follower.onPulled(page("e1", 6, false, 3, 4, 5, 6));

    assertThat(recorder.seqs()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    assertThat(recorder.entries())
        .extracting(AppliedEntry::source)
        .containsExactly(
            Source.PUSH,
            Source.PUSH,
            Source.PUSH,
            Source.PULL,
            Source.PUSH,
            Source.PULL,
            Source.PUSH,
            Source.PUSH);
    // Dropped: the page's 3 (applied) and 5 (held).
    assertThat(follower.stats()).isEqualTo(new Stats(8, 2, 2, 1, 0, 0));
    assertThat(follower.needsPull()).isFalse();
  }

  @Test
  void aPageWithMoreKeepsThePullGoingUntilTheHead() {
    follower.onPushed(push("e1", 5));
    assertThat(follower.needsPull()).isTrue();

    follower.onPulled(page("e1", 5, true, 1, 2));
    assertThat(recorder.seqs()).containsExactly(1L, 2L);
    assertThat(follower.needsPull()).isTrue();

    follower.onPulled(page("e1", 5, false, 3, 4));
    assertThat(recorder.seqs()).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(follower.needsPull()).isFalse();
    assertThat(follower.stats()).isEqualTo(new Stats(5, 0, 1, 2, 0, 0));
  }

  @Test
  void aPageKnowingOfMoreThanItCarriesAsksForAnotherPull() {
    follower.onPulled(page("e1", 9, false, 1, 2, 3));

    assertThat(follower.lastSeq()).isEqualTo(3);
    assertThat(follower.knownHeadSeq()).isEqualTo(9);
    assertThat(follower.needsPull()).isTrue();
  }

  @Test
  void pagesOverlappingWhatWasAppliedAndWhatIsHeld() {
    for (long seq = 1; seq <= 3; seq++) {
      follower.onPushed(push("e1", seq));
    }
    follower.onPushed(push("e1", 6));
    follower.onPushed(push("e1", 7));

    // A page started before 2 and 3 were pushed: 2..8.
    follower.onPulled(page("e1", 8, false, 2, 3, 4, 5, 6, 7, 8));

    assertThat(recorder.seqs()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    assertThat(recorder.entries())
        .extracting(AppliedEntry::source)
        .containsExactly(
            Source.PUSH,
            Source.PUSH,
            Source.PUSH,
            Source.PULL,
            Source.PULL,
            Source.PUSH,
            Source.PUSH,
            Source.PULL);
    // Dropped: the page's 2 and 3 (applied), 6 and 7 (held).
    assertThat(follower.stats()).isEqualTo(new Stats(8, 4, 1, 1, 0, 0));

    // The same page again changes nothing.
    assertThat(follower.onPulled(page("e1", 8, false, 2, 3, 4, 5, 6, 7, 8))).isZero();
    assertThat(recorder.seqs()).hasSize(8);
    assertThat(follower.stats()).isEqualTo(new Stats(8, 11, 1, 2, 0, 0));
  }

  @Test
  void aPushFromAnotherEpochResetsAndStartsOver() {
    for (long seq = 1; seq <= 3; seq++) {
      follower.onPushed(push("e1", seq));
    }

    assertThat(follower.onPushed(push("e2", 1))).isEqualTo(Outcome.APPLIED);

    assertThat(recorder.resets()).containsExactly(new ChainRecorder.Reset("e1", "e2", 3));
    assertThat(recorder.seqs()).containsExactly(1L, 2L, 3L, 1L);
    assertThat(recorder.entries())
        .extracting(AppliedEntry::epoch)
        .containsExactly("e1", "e1", "e1", "e2");
    assertThat(follower.epoch()).isEqualTo("e2");
    assertThat(follower.lastSeq()).isEqualTo(1);
    assertThat(follower.needsPull()).isFalse();
    assertThat(follower.stats()).isEqualTo(new Stats(4, 0, 0, 0, 1, 0));
  }

  @Test
  void aPushFromAnotherEpochMidChainResyncsFromZero() {
    for (long seq = 1; seq <= 3; seq++) {
      follower.onPushed(push("e1", seq));
    }
    follower.onPushed(push("e1", 5)); // held in e1

    assertThat(follower.onPushed(push("e2", 3))).isEqualTo(Outcome.HELD);
    assertThat(follower.lastSeq()).isZero(); // pull after 0
    assertThat(follower.needsPull()).isTrue();
    assertThat(follower.stats().held()).isEqualTo(1); // e1's held 5 is gone

    follower.onPulled(page("e2", 3, false, 1, 2, 3));

    assertThat(recorder.seqs()).containsExactly(1L, 2L, 3L, 1L, 2L, 3L);
    assertThat(recorder.entries().subList(3, 6))
        .extracting(AppliedEntry::epoch, AppliedEntry::source)
        .containsExactly(
            tuple("e2", Source.PULL), tuple("e2", Source.PULL), tuple("e2", Source.PUSH));
    assertThat(recorder.resets()).containsExactly(new ChainRecorder.Reset("e1", "e2", 3));
    assertThat(follower.stats()).isEqualTo(new Stats(6, 1, 2, 1, 1, 0));
  }

  @Test
  void aPageFromAnotherEpochResetsAndWhatItCarriesWaitsForTheStart() {
    for (long seq = 1; seq <= 3; seq++) {
      follower.onPushed(push("e1", seq));
    }

    // A pull after 3 answers from a chain that was reset meanwhile: e2 has 1..5.
    assertThat(follower.onPulled(page("e2", 5, false, 4, 5))).isZero();

    assertThat(recorder.resets()).containsExactly(new ChainRecorder.Reset("e1", "e2", 3));
    assertThat(follower.epoch()).isEqualTo("e2");
    assertThat(follower.lastSeq()).isZero();
    assertThat(follower.needsPull()).isTrue();

    follower.onPulled(page("e2", 5, false, 1, 2, 3, 4, 5));

    assertThat(recorder.seqs()).containsExactly(1L, 2L, 3L, 1L, 2L, 3L, 4L, 5L);
    assertThat(follower.needsPull()).isFalse();
    assertThat(follower.stats()).isEqualTo(new Stats(8, 2, 1, 2, 1, 0));
  }

  @Test
  void anEmptyPageFromAnotherEpochStillAsksForThePullFromZero() {
    for (long seq = 1; seq <= 3; seq++) {
      follower.onPushed(push("e1", seq));
    }

    follower.onPulled(page("e2", 2, false));

    assertThat(follower.lastSeq()).isZero();
    assertThat(follower.needsPull()).isTrue();
    follower.onPulled(page("e2", 2, false, 1, 2));
    assertThat(recorder.seqs()).containsExactly(1L, 2L, 3L, 1L, 2L);
  }

  @Test
  void resumingFromAKnownPosition() {
    ChainFollower resumed = new ChainFollower("e1", 10, recorder);

    assertThat(resumed.onPushed(push("e1", 10))).isEqualTo(Outcome.DUPLICATE);
    assertThat(resumed.onPushed(push("e1", 11))).isEqualTo(Outcome.APPLIED);
    assertThat(recorder.seqs()).containsExactly(11L);
    assertThatThrownBy(() -> new ChainFollower(null, 10, recorder))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aListenerThatThrowsDoesNotBreakTheFollower() {
    List<Long> seen = new ArrayList<>();
    ChainFollower fragile =
        new ChainFollower(
            entry -> {
              seen.add(entry.seq());
              if (entry.seq() == 2) {
                throw new IllegalStateException("boom");
              }
            });
    fragile.onPushed(push("e1", 1));
    fragile.onPushed(push("e1", 3)); // held

    assertThatThrownBy(() -> fragile.onPulled(page("e1", 3, false, 2, 3))).hasMessage("boom");
    assertThat(fragile.lastSeq()).isEqualTo(2); // 2 counts as applied
    assertThat(fragile.needsPull()).isTrue(); // 3 is still to come

    fragile.onPulled(page("e1", 3, false, 3));
    assertThat(seen).containsExactly(1L, 2L, 3L);
  }

  @Test
  void concurrentDuplicatedShuffledPushesAndPullsApplyEachEntryOnceInOrder() throws Exception {
    int count = 3_000;
    List<Long> applied = Collections.synchronizedList(new ArrayList<>());
    ChainFollower shared = new ChainFollower(entry -> applied.add(entry.seq()));
    ExecutorService threads = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<?>> pushers = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        Random random = new Random(t);
        List<Long> seqs = LongStream.rangeClosed(1, count).boxed().collect(Collectors.toList());
        // Nearly in order, with local shuffles: what a real socket plus a pull race looks like.
        for (int i = 0; i < seqs.size() - 8; i += 8) {
          Collections.shuffle(seqs.subList(i, i + 8), random);
        }
        pushers.add(
            threads.submit(
                () -> {
                  go.await();
                  for (long seq : seqs) {
                    shared.onPushed(push("e1", seq));
                  }
                  return null;
                }));
      }
      Future<?> puller =
          threads.submit(
              () -> {
                go.await();
                while (shared.lastSeq() < count) {
                  if (shared.needsPull()) {
                    shared.onPulled(serverPage(shared.lastSeq(), 50, count));
                  } else {
                    Thread.onSpinWait();
                  }
                }
                return null;
              });
      go.countDown();
      for (Future<?> pusher : pushers) {
        pusher.get();
      }
      puller.get();
    } finally {
      threads.shutdownNow();
    }

    assertThat(applied).isEqualTo(LongStream.rangeClosed(1, count).boxed().toList());
    Stats stats = shared.stats();
    assertThat(stats.applied()).isEqualTo(count);
    assertThat(stats.held()).isZero();
  }

  // ---------------------------------------------------------------- helpers

  private static ChainEntry entry(long seq) {
    return ChainEntry.read(seq, "c1", seq);
  }

  /** A pushed frame received at {@code seq * 1000} ns. */
  private static PushedFrame push(String epoch, long seq) {
    return new PushedFrame(
        new EntryFrame("alice", epoch, seq, seq - 1, entry(seq)), seq * 1_000, Instant.EPOCH);
  }

  private static SyncPage page(String epoch, long headSeq, boolean hasMore, long... seqs) {
    List<ChainEntry> entries = new ArrayList<>();
    for (long seq : seqs) {
      entries.add(entry(seq));
    }
    return new SyncPage(epoch, entries, headSeq, hasMore);
  }

  /** What the server answers to {@code /sync?after=&limit=} for a chain of {@code head}. */
  private static SyncPage serverPage(long after, int limit, long head) {
    long last = Math.min(head, after + limit);
    long[] seqs = LongStream.rangeClosed(after + 1, last).toArray();
    return page("e1", head, last < head, seqs);
  }
}
