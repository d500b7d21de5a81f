package dev.chain.im.messages.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chain.im.messages.chain.UserChainStore;
import dev.chain.im.messages.config.ImConfig;
import dev.chain.im.messages.metrics.MessageMetrics;
import dev.chain.im.protocol.push.Delivery;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Publishes every user-chain entry to Kafka at least once, and per user in seq order.
 *
 * <p>Entries come straight from the requests that wrote them, right after their commit. Each user
 * has a lane that hands entries to Kafka strictly in seq order: an entry that arrives before an
 * earlier one waits a moment for it, then the missing range is read from the database. A record
 * Kafka refuses puts its lane back to the last acknowledged seq, and the rest is read again from
 * the chain after a pause. Acknowledged positions are saved now and then; at start-up, and on a
 * slow sweep, every chain that is ahead of its saved position is published from there. So the chain
 * and the saved positions are the outbox, and nothing is lost when Kafka is down or the service
 * dies after a commit; a restart may publish an entry twice, which clients drop. Each user's
 * position is a {@link PublishLane}, which keeps the rule that a saved position never passes an
 * unacknowledged entry.
 *
 * <p>With several instances, each publishes only the users of the partitions it owns ({@link
 * PublishOwnership}); entries it wrote for anyone else are announced to their owner ({@link
 * PublishHandoff}), which reads them from the chain. When partitions change hands, the old owner
 * waits for Kafka to acknowledge what it handed over and saves the positions before the new owner
 * starts from them: a user's records are never published by two instances at once, and a change of
 * owner can only repeat an entry, never reorder one.
 */
@ApplicationScoped
public class DeliveryPublisher {
  private static final Logger LOG = Logger.getLogger(DeliveryPublisher.class);

  private final KafkaSender kafka;
  private final PublishOwnership ownership;
  private final PublishHandoff handoff;
  private final UserChainStore chains;
  private final PublishPositions positions;
  private final DeliveryJson json;
  private final Vertx vertx;
  private final Clock clock;
  private final ImConfig.Delivery config;
  private final MessageMetrics metrics;

  private final Map<String, PublishLane> lanes = new LinkedHashMap<>(1024, 0.75f, true);
  private final Set<PublishLane> toLoad = new LinkedHashSet<>();
  private final Set<PublishLane> toFetch = new LinkedHashSet<>();
  private final Set<PublishLane> gapped = new LinkedHashSet<>();
  private final Set<PublishLane> failed = new LinkedHashSet<>();
  private boolean loading;
  private boolean fetching;
  private boolean gapCheckScheduled;
  private boolean kafkaDown;
  private boolean probing;

  /** The last refusal logged, so that an outage logs each kind of failure once. */
  private String lastFailure;

  /** What the health check reports. */
  public record Status(
      boolean kafkaAcknowledging, int usersBehind, long entriesBehind, int ownedPartitions) {}

  public DeliveryPublisher(
      KafkaSender kafka,
      PublishOwnership ownership,
      PublishHandoff handoff,
      UserChainStore chains,
      PublishPositions positions,
      ObjectMapper mapper,
      Vertx vertx,
      Clock clock,
      ImConfig config,
      MessageMetrics metrics) {
    this.kafka = kafka;
    this.metrics = metrics;
    this.ownership = ownership;
    this.handoff = handoff;
    this.chains = chains;
    this.positions = positions;
    this.json = new DeliveryJson(mapper);
    this.vertx = vertx;
    this.clock = clock;
    this.config = config.delivery();
  }

  void start(@Observes StartupEvent event) {
    vertx.setPeriodic(config.positionFlushInterval().toMillis(), id -> flushPositions());
    vertx.setPeriodic(config.retryDelay().toMillis(), id -> retryFailed());
    vertx.setPeriodic(config.sweepInterval().toMillis(), id -> sweep());
    handoff.listen(this::told, this::sweep);
    ownership.start(new Handover());
  }

  /** Hands over entries that a committed transaction wrote. */
  public void publish(List<Outbound> written) {
    List<Delivery> others = null;
    synchronized (this) {
      for (Outbound outbound : written) {
        Delivery delivery = outbound.delivery();
        if (!ownership.owns(delivery.userId())) {
          if (others == null) {
            others = new ArrayList<>();
          }
          others.add(delivery);
          continue;
        }
        PublishLane lane = lane(delivery.userId());
        lane.offer(outbound);
        pump(lane);
      }
    }
    if (others != null) {
      handoff.tell(others);
    }
    startReads();
  }

  /** Another instance wrote entries up to {@code seq} on this user's chain. */
  private void told(String userId, long seq) {
    synchronized (this) {
      if (!ownership.owns(userId)) {
        return;
      }
      PublishLane lane = lane(userId);
      lane.told(seq);
      pump(lane);
    }
    startReads();
  }

  /** Follows the partitions this instance owns. */
  private final class Handover implements PublishOwnership.Handover {
    @Override
    public void gained(Set<Integer> partitions) {
      synchronized (DeliveryPublisher.this) {
        // What was known of these users before another instance published them is stale.
        forget(partitions);
      }
      sweep();
    }

    @Override
    public void releasing(Set<Integer> partitions, boolean cleanly) {
      Duration timeout = config.handoverTimeout();
      try {
        kafka.flush(timeout);
      } catch (TimeoutException e) {
        LOG.warnf("Kafka did not acknowledge everything within %s; handing over anyway", timeout);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      List<String> users = new ArrayList<>();
      List<Long> seqs = new ArrayList<>();
      synchronized (DeliveryPublisher.this) {
        for (PublishLane lane : forget(partitions)) {
          if (lane.toSave() != PublishLane.UNKNOWN) {
            users.add(lane.userId());
            seqs.add(lane.acked());
          }
        }
      }
      if (users.isEmpty()) {
        return;
      }
      try {
        positions
            .save(users.toArray(String[]::new), seqs.toArray(Long[]::new))
            .await()
            .atMost(timeout);
      } catch (RuntimeException e) {
        LOG.warnf("Positions of handed-over users not saved (%s): the next owner repeats some", e);
      }
    }
  }

  /** Drops the lanes of the users of these partitions, and returns them. */
  private List<PublishLane> forget(Set<Integer> partitions) {
    List<PublishLane> forgotten = new ArrayList<>();
    for (Iterator<PublishLane> it = lanes.values().iterator(); it.hasNext(); ) {
      PublishLane lane = it.next();
      if (ownership.inAny(lane.userId(), partitions)) {
        it.remove();
        forgotten.add(lane);
      }
    }
    forgotten.forEach(
        lane -> {
          toLoad.remove(lane);
          toFetch.remove(lane);
          gapped.remove(lane);
          failed.remove(lane);
        });
    return forgotten;
  }

  public synchronized Status status() {
    int behind = 0;
    long entries = 0;
    for (PublishLane lane : lanes.values()) {
      if (lane.behind()) {
        behind++;
        entries += lane.entriesBehind();
      }
    }
    return new Status(failed.isEmpty(), behind, entries, ownership.ownedPartitions());
  }

  private PublishLane lane(String userId) {
    return lanes.computeIfAbsent(userId, user -> new PublishLane(user, config.maxHeldPerUser()));
  }

  /** Sends what is next in line for the lane, and notes what the lane still needs. */
  private void pump(PublishLane lane) {
    if (!ownership.owns(lane.userId())) {
      return; // handed over: the lane is being forgotten
    }
    if (!lane.positionKnown()) {
      toLoad.add(lane);
      return;
    }
    for (PublishLane.Dispatch dispatch : lane.dispatch()) {
      send(lane, dispatch);
    }
    switch (lane.gap(clock.millis(), config.gapGrace().toMillis())) {
      case NONE -> gapped.remove(lane);
      case WAITING -> {
        gapped.add(lane);
        scheduleGapCheck();
      }
      case READ -> {
        gapped.remove(lane);
        toFetch.add(lane);
      }
    }
  }

  private void scheduleGapCheck() {
    if (gapCheckScheduled) {
      return;
    }
    gapCheckScheduled = true;
    vertx.setTimer(
        Math.max(1, config.gapGrace().toMillis()),
        id -> {
          synchronized (this) {
            gapCheckScheduled = false;
            List.copyOf(gapped).forEach(this::pump);
            if (!gapped.isEmpty()) {
              scheduleGapCheck();
            }
          }
          startReads();
        });
  }

  /** Hands one entry to Kafka, or refuses it at once while Kafka is known to be down. */
  private void send(PublishLane lane, PublishLane.Dispatch dispatch) {
    if (kafkaDown) {
      refuse(lane, dispatch.attempt());
      return;
    }
    Outbound outbound = dispatch.outbound();
    Delivery delivery = outbound.delivery();
    kafka.send(
        delivery.userId(),
        json.write(delivery),
        outbound.muted(),
        outbound.trace(),
        failure -> {
          if (failure == null) {
            acked(delivery, dispatch.attempt());
          } else {
            refused(delivery, dispatch.attempt(), failure);
          }
        });
  }

  private synchronized void acked(Delivery delivery, long attempt) {
    kafkaDown = false;
    PublishLane lane = lanes.get(delivery.userId());
    if (lane != null) {
      lane.acked(delivery.seq(), attempt);
    }
  }

  private synchronized void refused(Delivery delivery, long attempt, Throwable failure) {
    PublishLane lane = lanes.get(delivery.userId());
    if (lane != null) {
      refuse(lane, attempt);
    }
    kafkaDown = true;
    metrics.publishRefused();
    if (!failure.toString().equals(lastFailure)) {
      LOG.warnf("Kafka refused a delivery; retrying from the chain: %s", failure.toString());
    }
    lastFailure = failure.toString();
  }

  private void refuse(PublishLane lane, long attempt) {
    if (lane.refuse(attempt)) {
      failed.add(lane);
      gapped.remove(lane);
      toFetch.remove(lane);
    }
  }

  /** Sends again what Kafka refused, once Kafka answers again. */
  private void retryFailed() {
    synchronized (this) {
      if (failed.isEmpty() || probing) {
        return;
      }
      probing = true;
    }
    vertx
        .executeBlocking(() -> kafka.reachable())
        .subscribe()
        .with(
            reachable -> {
              synchronized (this) {
                probing = false;
                if (!reachable) {
                  return;
                }
                kafkaDown = false;
                List<PublishLane> retry = List.copyOf(failed);
                failed.clear();
                metrics.publishRetried(retry.size());
                for (PublishLane lane : retry) {
                  lane.rewind();
                  pump(lane);
                }
              }
              startReads();
            },
            failure -> {
              synchronized (this) {
                probing = false;
              }
            });
  }

  /** Starts the store reads that lanes are waiting for, one of each kind at a time. */
  private void startReads() {
    String[] load = null;
    List<UserChainStore.Range> fetch = null;
    synchronized (this) {
      if (!loading && !toLoad.isEmpty()) {
        loading = true;
        List<String> users = new ArrayList<>();
        Iterator<PublishLane> it = toLoad.iterator();
        while (it.hasNext() && users.size() < config.batchUsers()) {
          users.add(it.next().userId());
          it.remove();
        }
        load = users.toArray(String[]::new);
      }
      if (!fetching && !toFetch.isEmpty()) {
        fetching = true;
        fetch = new ArrayList<>();
        Iterator<PublishLane> it = toFetch.iterator();
        while (it.hasNext() && fetch.size() < config.batchUsers()) {
          PublishLane lane = it.next();
          it.remove();
          if (lane.positionKnown() && !lane.refused()) {
            fetch.add(lane.missing());
          }
        }
      }
    }
    if (load != null) {
      String[] users = load;
      positions.load(users).subscribe().with(this::loaded, failure -> loadFailed(users, failure));
    }
    if (fetch != null) {
      List<UserChainStore.Range> ranges = fetch;
      chains
          .ranges(ranges, config.batchEntries())
          .subscribe()
          .with(entries -> fetched(ranges, entries), failure -> fetchFailed(ranges, failure));
    }
  }

  private void loaded(Map<String, Long> published) {
    synchronized (this) {
      loading = false;
      published.forEach(
          (userId, seq) -> {
            PublishLane lane = lanes.get(userId);
            if (lane != null) {
              lane.positioned(seq);
              pump(lane);
            }
          });
    }
    startReads();
  }

  private void loadFailed(String[] users, Throwable failure) {
    LOG.warnf("Could not read publish positions: %s", failure.toString());
    synchronized (this) {
      loading = false;
      for (String userId : users) {
        toLoad.add(lane(userId));
      }
    }
    vertx.setTimer(config.retryDelay().toMillis(), id -> startReads());
  }

  private void fetched(
      List<UserChainStore.Range> ranges, List<UserChainStore.StoredEntry> entries) {
    synchronized (this) {
      fetching = false;
      for (UserChainStore.StoredEntry stored : entries) {
        PublishLane lane = lanes.get(stored.userId());
        if (lane != null) {
          long seq = stored.entry().seq();
          Delivery delivery = new Delivery(stored.userId(), stored.epoch(), seq, stored.entry());
          lane.offer(Outbound.fromChain(delivery, stored.muted()));
        }
      }
      for (UserChainStore.Range range : ranges) {
        PublishLane lane = lanes.get(range.userId());
        if (lane != null) {
          pump(lane);
        }
      }
    }
    startReads();
  }

  private void fetchFailed(List<UserChainStore.Range> ranges, Throwable failure) {
    LOG.warnf("Could not read entries to publish: %s", failure.toString());
    synchronized (this) {
      fetching = false;
      ranges.forEach(range -> toFetch.add(lane(range.userId())));
    }
    vertx.setTimer(config.retryDelay().toMillis(), id -> startReads());
  }

  private void flushPositions() {
    List<String> users = new ArrayList<>();
    List<Long> seqs = new ArrayList<>();
    synchronized (this) {
      for (PublishLane lane : lanes.values()) {
        long position = lane.toSave();
        if (position != PublishLane.UNKNOWN) {
          users.add(lane.userId());
          seqs.add(position);
        }
      }
      evictIdleLanes();
    }
    if (users.isEmpty()) {
      return;
    }
    positions
        .save(users.toArray(String[]::new), seqs.toArray(Long[]::new))
        .subscribe()
        .with(
            saved -> flushed(users, seqs),
            failure -> LOG.debugf("Publish positions not saved yet: %s", failure.toString()));
  }

  private synchronized void flushed(List<String> users, List<Long> seqs) {
    for (int i = 0; i < users.size(); i++) {
      PublishLane lane = lanes.get(users.get(i));
      if (lane != null) {
        lane.saved(seqs.get(i));
      }
    }
  }

  private void evictIdleLanes() {
    Iterator<PublishLane> oldestFirst = lanes.values().iterator();
    while (lanes.size() > config.idleLanes() && oldestFirst.hasNext()) {
      if (oldestFirst.next().idle()) {
        oldestFirst.remove();
      }
    }
  }

  /** Finds chains that are ahead of their saved position, whatever the reason, and publishes. */
  private void sweep() {
    positions
        .backlog()
        .subscribe()
        .with(
            backlog -> {
              synchronized (this) {
                for (PublishPositions.Backlog behind : backlog) {
                  if (!ownership.owns(behind.userId())) {
                    continue;
                  }
                  PublishLane lane = lane(behind.userId());
                  lane.positioned(behind.publishedSeq());
                  lane.want(behind.headSeq());
                  pump(lane);
                }
              }
              startReads();
            },
            failure -> LOG.warnf("Could not look for unpublished entries: %s", failure.toString()));
  }
}
