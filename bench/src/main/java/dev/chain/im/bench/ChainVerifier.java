package dev.chain.im.bench;

import dev.chain.im.client.RestApi;
import dev.chain.im.protocol.chain.ChainEntry;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Checks every device against its user's chain on the server once the load is over: each waits (2
 * minutes at most for all) to reach the chain's head, then must hold every seq once, in order, each
 * with the server's message.
 */
final class ChainVerifier {
  private final Population population;
  private final Consumer<String> log;

  ChainVerifier(Population population, Consumer<String> log) {
    this.population = population;
    this.log = log;
  }

  /**
   * The verdict over all devices; {@code expectedDeliveries} is what the sends should have made.
   */
  Verdict verify(long expectedDeliveries) throws InterruptedException {
    List<Device> devices = population.devices();
    log.accept("verifying " + devices.size() + " devices against the server's chains…");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<DeviceTally>> futures = new ArrayList<>();
    for (Map.Entry<String, List<Device>> user : population.devicesByUser().entrySet()) {
      futures.add(pool.submit(() -> verifyUser(user.getKey(), user.getValue(), deadline)));
    }
    DeviceTally total = DeviceTally.NONE;
    for (Future<DeviceTally> future : futures) {
      try {
        total = total.plus(future.get());
      } catch (ExecutionException e) {
        log.accept("verification error: " + e.getCause());
        // counted as one device that did not catch up
        total = total.plus(DeviceTally.UNCHECKED);
      }
    }
    pool.shutdown();
    long messageEntries = 0;
    for (Device device : devices) {
      for (int id : device.log().ids()) {
        if (id != 0) {
          messageEntries++;
        }
      }
    }
    Verdict verdict = new Verdict(total, expectedDeliveries, messageEntries);
    log.accept((verdict.passed() ? "VERIFIED: " : "VERIFICATION FAILED: ") + verdict);
    return verdict;
  }

  private DeviceTally verifyUser(String userId, List<Device> userDevices, long deadline) {
    int[] serverIds = serverChain(population.api(userId));
    int head = serverIds.length - 1;
    DeviceTally total = DeviceTally.NONE;
    for (Device device : userDevices) {
      total = total.plus(verifyDevice(device, serverIds, head, deadline));
    }
    return total;
  }

  /** The user's chain on the server: at each seq (1 to head) a hash of its message id, or 0. */
  private static int[] serverChain(RestApi api) {
    List<ChainEntry> server = api.chainAfter(0, 500).orTimeout(120, TimeUnit.SECONDS).join();
    int head = server.size();
    int[] ids = new int[head + 1];
    for (ChainEntry entry : server) {
      if (entry.seq() >= 1 && entry.seq() <= head) {
        ids[(int) entry.seq()] = entry.message() == null ? 0 : entry.message().id().hashCode();
      }
    }
    return ids;
  }

  private static DeviceTally verifyDevice(Device device, int[] serverIds, int head, long deadline) {
    int caughtUp = 0;
    long remaining = Math.max(1, deadline - System.nanoTime());
    try {
      device.client().awaitSeq(head).orTimeout(remaining, TimeUnit.NANOSECONDS).join();
      caughtUp = 1;
    } catch (RuntimeException e) {
      // not caught up: what is missing counts as lost below
    }
    long[] seqs = device.log().seqs();
    int[] ids = device.log().ids();
    BitSet seen = new BitSet(head + 1);
    long duplicated = 0;
    long reordered = 0;
    long mismatched = 0;
    long previous = 0;
    for (int i = 0; i < seqs.length; i++) {
      long seq = seqs[i];
      if (seq >= 0 && seq <= Integer.MAX_VALUE) {
        if (seen.get((int) seq)) {
          duplicated++;
        } else {
          seen.set((int) seq);
        }
      }
      if (seq < previous) {
        reordered++;
      }
      previous = Math.max(previous, seq);
      if (seq >= 1 && seq <= head && ids[i] != serverIds[(int) seq]) {
        mismatched++;
      }
    }
    long lost = head - seen.get(1, head + 1).cardinality();
    return new DeviceTally(
        1, caughtUp, seqs.length, lost, duplicated, reordered, mismatched, device.log().resets());
  }
}
