package dev.chain.im.bench;

import dev.chain.im.client.ImClient;
import dev.chain.im.client.ImTransport;
import dev.chain.im.client.RestApi;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Creates a plan's population: users with dev tokens, their devices connected (each an {@link
 * ImClient} following the client rule), and the conversations of the planned sizes.
 */
final class PopulationSetUp {
  private final Plan plan;
  private final List<ImTransport> transports;
  private final String prefix;
  private final Random random;
  private final DeviceLog.Deliveries deliveries;
  private final Consumer<String> log;

  /**
   * @param transports one per message-service instance: user {@code i} makes every call through
   *     instance {@code i mod n}, a round-robin over the instances
   * @param prefix what every user and conversation id of this run starts with
   * @param deliveries where every device reports the message entries it applies
   */
  PopulationSetUp(
      Plan plan,
      List<ImTransport> transports,
      String prefix,
      Random random,
      DeviceLog.Deliveries deliveries,
      Consumer<String> log) {
    this.plan = plan;
    this.transports = transports;
    this.prefix = prefix;
    this.random = random;
    this.deliveries = deliveries;
    this.log = log;
  }

  Population create() {
    List<String> users = new ArrayList<>();
    for (int i = 0; i < plan.users(); i++) {
      users.add(prefix + "-u" + i);
    }
    log.accept(
        "setting up: "
            + plan.users()
            + " users × "
            + plan.devices()
            + " devices, conversations 1:1 "
            + plan.oneToOne()
            + ", groups of 10 "
            + plan.groups10()
            + ", of 100 "
            + plan.groups100()
            + (plan.largeGroup() > 0 ? ", one of " + plan.largeGroup() : ""));
    Map<String, ImTransport> transportOf = new LinkedHashMap<>();
    for (int i = 0; i < users.size(); i++) {
      transportOf.put(users.get(i), transports.get(i % transports.size()));
    }
    Map<String, String> tokens = new ConcurrentHashMap<>();
    bounded(
        users,
        32,
        user -> transportOf.get(user).devToken(user).thenAccept(t -> tokens.put(user, t)));
    Map<String, RestApi> apis = new LinkedHashMap<>();
    for (String user : users) {
      apis.put(user, transportOf.get(user).api(tokens.get(user)));
    }
    List<Device> devices = new ArrayList<>();
    try {
      Map<String, List<Device>> devicesByUser = connect(users, transportOf, tokens, devices);
      List<Conversation> conversations = conversations(users);
      bounded(
          conversations,
          8,
          conv ->
              apis.get(conv.members().get(0))
                  .createConversation(
                      conv.id(), conv.members().subList(1, conv.members().size()), null, null));
      log.accept("created " + conversations.size() + " conversations");
      return new Population(apis, devices, devicesByUser, conversations);
    } catch (RuntimeException e) {
      Population.closeAll(devices);
      throw e;
    }
  }

  /** Starts {@code plan.devices()} clients per user, adding each to {@code devices} at once. */
  private Map<String, List<Device>> connect(
      List<String> users,
      Map<String, ImTransport> transportOf,
      Map<String, String> tokens,
      List<Device> devices) {
    List<String> deviceOwners = new ArrayList<>();
    for (String user : users) {
      deviceOwners.addAll(Collections.nCopies(plan.devices(), user));
    }
    Map<String, List<Device>> devicesByUser = new LinkedHashMap<>();
    bounded(
        deviceOwners,
        64,
        user -> {
          DeviceLog deviceLog = new DeviceLog(user, deliveries);
          ImClient client =
              ImClient.create(transportOf.get(user), tokens.get(user), null, 0, deviceLog);
          Device device = new Device(user, client, deviceLog);
          devices.add(device);
          devicesByUser.computeIfAbsent(user, u -> new ArrayList<>()).add(device);
          return client.start();
        });
    log.accept("connected " + devices.size() + " devices");
    return devicesByUser;
  }

  private List<Conversation> conversations(List<String> users) {
    List<Conversation> conversations = new ArrayList<>();
    for (int i = 0; i < plan.oneToOne(); i++) {
      String a = users.get((2 * i) % users.size());
      String b = users.get((2 * i + 1 + i / users.size()) % users.size());
      if (a.equals(b)) {
        b = users.get((2 * i + 2) % users.size());
      }
      conversations.add(
          new Conversation(
              conversations.size(), prefix + "-d" + i, List.of(a, b), ConversationSize.ONE_TO_ONE));
    }
    for (int i = 0; i < plan.groups10(); i++) {
      conversations.add(
          new Conversation(
              conversations.size(),
              prefix + "-g10-" + i,
              pick(users, 10),
              ConversationSize.GROUP_OF_10));
    }
    for (int i = 0; i < plan.groups100(); i++) {
      conversations.add(
          new Conversation(
              conversations.size(),
              prefix + "-g100-" + i,
              pick(users, 100),
              ConversationSize.GROUP_OF_100));
    }
    if (plan.largeGroup() > 0) {
      conversations.add(
          new Conversation(
              conversations.size(),
              prefix + "-large",
              pick(users, plan.largeGroup()),
              ConversationSize.LARGE));
    }
    return conversations;
  }

  private List<String> pick(List<String> users, int count) {
    List<String> copy = new ArrayList<>(users);
    Collections.shuffle(copy, random);
    return List.copyOf(copy.subList(0, Math.min(count, copy.size())));
  }

  /** Runs {@code call} for every item with at most {@code concurrency} at once; waits for all. */
  private static <T> void bounded(
      List<T> items, int concurrency, Function<T, CompletableFuture<?>> call) {
    Semaphore permits = new Semaphore(concurrency);
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (T item : items) {
      permits.acquireUninterruptibly();
      CompletableFuture<?> future;
      try {
        future = call.apply(item);
      } catch (RuntimeException e) {
        permits.release();
        throw e;
      }
      future.whenComplete((r, e) -> permits.release());
      all.add(future);
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .orTimeout(10, TimeUnit.MINUTES)
        .join();
  }
}
