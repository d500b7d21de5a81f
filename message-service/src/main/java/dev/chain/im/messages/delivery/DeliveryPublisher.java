package dev.chain.im.messages.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chain.im.messages.chain.UserChainStore;
import dev.chain.im.messages.config.ImConfig;
import dev.chain.im.protocol.push.Delivery;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * dies after a commit; a restart may publish an entry twice, which clients drop.
 */
@ApplicationScoped
public class DeliveryPublisher {
  private static final Logger LOG = Logger.getLogger(DeliveryPublisher.class);
  private static final long UNKNOWN = -1;
  private static final long NOT_FAILED = Long.MAX_VALUE;

  /** A gap that is already overdue, for lanes that should read the store at once. */
  private static final long OVERDUE = 1;

  private final KafkaSender kafka;
  private final UserChainStore chains;
  private final PublishPositions positions;
  private final ObjectMapper mapper;
  private final Vertx vertx;
  private final ImConfig.Delivery config;

  private final Map<String, Lane> lanes = new LinkedHashMap<>(1024, 0.75f, true);
  private final Set<Lane> toLoad = new LinkedHashSet<>();
  private final Set<Lane> toFetch = new LinkedHashSet<>();
  private final Set<Lane> gapped = new LinkedHashSet<>();
  private final Set<Lane> failed = new LinkedHashSet<>();
  private boolean loading;
  private boolean fetching;
  private boolean gapCheckScheduled;
  private boolean kafkaDown;
  private boolean probing;
  private volatile String lastFailure;

  /** One user's publishing state. All fields are guarded by the publisher. */
  private static final class Lane {
    final String userId;
    long dispatched = UNKNOWN;
    long acked;
    long flushed;
    long wanted;
    long failFrom = NOT_FAILED;
    long gapSince;
    final TreeMap<Long, Delivery> held = new TreeMap<>();

    Lane(String userId) {
      this.userId = userId;
    }

    boolean idle() {
      return held.isEmpty()
          && failFrom == NOT_FAILED
          && dispatched == wanted
          && acked == dispatched
          && flushed == acked;
    }
  }

  /** What the health check reports. */
  public record Status(boolean kafkaAcknowledging, int usersBehind, String lastFailure) {}

  public DeliveryPublisher(
      KafkaSender kafka,
      UserChainStore chains,
      PublishPositions positions,
      ObjectMapper mapper,
      Vertx vertx,
      ImConfig config) {
    this.kafka = kafka;
    this.chains = chains;
    this.positions = positions;
    this.mapper = mapper;
    this.vertx = vertx;
    this.config = config.delivery();
  }

  void start(@Observes StartupEvent event) {
    vertx.setPeriodic(config.positionFlushInterval().toMillis(), id -> flushPositions());
    vertx.setPeriodic(config.retryDelay().toMillis(), id -> retryFailed());
    vertx.setPeriodic(config.sweepInterval().toMillis(), id -> sweep());
    sweep();
  }

  /** Hands over entries that a committed transaction wrote. */
  public void publish(List<Delivery> deliveries) {
    synchronized (this) {
      for (Delivery delivery : deliveries) {
        Lane lane = lane(delivery.userId());
        lane.wanted = Math.max(lane.wanted, delivery.seq());
        if (lane.dispatched == UNKNOWN || delivery.seq() > lane.dispatched) {
          lane.held.put(delivery.seq(), delivery);
        }
        pump(lane);
      }
    }
    startReads();
  }

  public synchronized Status status() {
    int behind = 0;
    for (Lane lane : lanes.values()) {
      if (lane.failFrom != NOT_FAILED || lane.acked < lane.wanted) {
        behind++;
      }
    }
    return new Status(failed.isEmpty(), behind, lastFailure);
  }

  private Lane lane(String userId) {
    return lanes.computeIfAbsent(userId, Lane::new);
  }

  /** Sends what is next in line for the lane, and notes what the lane still needs. */
  private void pump(Lane lane) {
    if (lane.failFrom != NOT_FAILED) {
      return;
    }
    if (lane.dispatched == UNKNOWN) {
      toLoad.add(lane);
      return;
    }
    lane.held.headMap(lane.dispatched, true).clear();
    while (!lane.held.isEmpty() && lane.held.firstKey() == lane.dispatched + 1) {
      send(lane.held.pollFirstEntry().getValue());
      lane.dispatched++;
    }
    if (lane.dispatched >= lane.wanted) {
      lane.gapSince = 0;
      gapped.remove(lane);
      return;
    }
    long now = System.currentTimeMillis();
    if (lane.gapSince == 0) {
      lane.gapSince = now;
      gapped.add(lane);
      scheduleGapCheck();
    } else if (now - lane.gapSince >= config.gapGrace().toMillis()) {
      gapped.remove(lane);
      toFetch.add(lane);
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

  /** Hands one entry to Kafka, or straight to the retry list while Kafka is known to be down. */
  private void send(Delivery delivery) {
    if (kafkaDown) {
      Lane lane = lane(delivery.userId());
      lane.failFrom = Math.min(lane.failFrom, delivery.seq());
      failed.add(lane);
      return;
    }
    String value;
    try {
      value = mapper.writeValueAsString(delivery);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a delivery could not be written as JSON", e);
    }
    kafka.send(
        delivery.userId(),
        value,
        failure -> {
          if (failure == null) {
            acked(delivery);
          } else {
            refused(delivery, failure);
          }
        });
  }

  private synchronized void acked(Delivery delivery) {
    kafkaDown = false;
    Lane lane = lanes.get(delivery.userId());
    if (lane != null && delivery.seq() < lane.failFrom) {
      lane.acked = Math.max(lane.acked, delivery.seq());
    }
  }

  private synchronized void refused(Delivery delivery, Throwable failure) {
    Lane lane = lane(delivery.userId());
    lane.failFrom = Math.min(lane.failFrom, delivery.seq());
    failed.add(lane);
    kafkaDown = true;
    if (!failure.toString().equals(lastFailure)) {
      LOG.warnf("Kafka refused a delivery; retrying from the chain: %s", failure.toString());
    }
    lastFailure = failure.toString();
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
                for (Lane lane : failed) {
                  lane.dispatched = lane.acked;
                  lane.failFrom = NOT_FAILED;
                  lane.held.clear();
                  lane.gapSince = OVERDUE;
                  pump(lane);
                }
                failed.clear();
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
        Iterator<Lane> it = toLoad.iterator();
        while (it.hasNext() && users.size() < config.batchUsers()) {
          users.add(it.next().userId);
          it.remove();
        }
        load = users.toArray(String[]::new);
      }
      if (!fetching && !toFetch.isEmpty()) {
        fetching = true;
        fetch = new ArrayList<>();
        Iterator<Lane> it = toFetch.iterator();
        while (it.hasNext() && fetch.size() < config.batchUsers()) {
          Lane lane = it.next();
          it.remove();
          if (lane.failFrom == NOT_FAILED && lane.dispatched != UNKNOWN) {
            fetch.add(new UserChainStore.Range(lane.userId, lane.dispatched, lane.wanted));
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
            Lane lane = lanes.get(userId);
            if (lane != null && lane.dispatched == UNKNOWN) {
              lane.dispatched = seq;
              lane.acked = seq;
              lane.flushed = seq;
              lane.wanted = Math.max(lane.wanted, seq);
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
        Lane lane = lanes.get(stored.userId());
        long seq = stored.entry().seq();
        if (lane != null && seq > lane.dispatched) {
          lane.held.put(seq, new Delivery(stored.userId(), stored.epoch(), seq, stored.entry()));
        }
      }
      for (UserChainStore.Range range : ranges) {
        Lane lane = lanes.get(range.userId());
        if (lane != null) {
          lane.gapSince = OVERDUE;
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
      for (Lane lane : lanes.values()) {
        if (lane.acked > lane.flushed) {
          users.add(lane.userId);
          seqs.add(lane.acked);
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
      Lane lane = lanes.get(users.get(i));
      if (lane != null) {
        lane.flushed = Math.max(lane.flushed, seqs.get(i));
      }
    }
  }

  private void evictIdleLanes() {
    Iterator<Lane> oldestFirst = lanes.values().iterator();
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
                  Lane lane = lane(behind.userId());
                  if (lane.dispatched == UNKNOWN) {
                    lane.dispatched = behind.publishedSeq();
                    lane.acked = behind.publishedSeq();
                    lane.flushed = behind.publishedSeq();
                    lane.gapSince = OVERDUE;
                  }
                  lane.wanted = Math.max(lane.wanted, behind.headSeq());
                  pump(lane);
                }
              }
              startReads();
            },
            failure -> LOG.warnf("Could not look for unpublished entries: %s", failure.toString()));
  }
}
