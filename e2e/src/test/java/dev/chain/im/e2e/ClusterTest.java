package dev.chain.im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chain.im.client.AppliedEntry;
import dev.chain.im.client.ChainRecorder;
import dev.chain.im.client.ClientOptions;
import dev.chain.im.client.ImClient;
import dev.chain.im.client.ImTransport;
import dev.chain.im.client.RestApi;
import dev.chain.im.protocol.chain.ChainEntry;
import dev.chain.im.protocol.push.Topics;
import dev.chain.im.stack.LocalStack;
import dev.chain.im.stack.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two message-service instances and two gateways on loopback addresses of their own, sharing one
 * Kafka: each record is consumed once, by the gateway that serves its user; devices find it through
 * the route; sends through either instance reach every device in order; and when a gateway dies and
 * an instance restarts, every device still ends up with its whole chain.
 */
class ClusterTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static LocalStack stack;
  private static List<ImTransport> transports;

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final List<ImClient> clients = new ArrayList<>();

  private record Device(String userId, ImClient client, ChainRecorder recorder) {}

  @BeforeAll
  static void startCluster() {
    stack = SharedCluster.get();
    transports =
        stack.messageServices().stream()
            .map(
                service ->
                    ImTransport.create(
                        ClientOptions.of(service.baseUri().toString(), stack.gatewayWebSocketUrl())
                            .withReconnect(Duration.ofMillis(100), Duration.ofSeconds(2))
                            .withPingInterval(Duration.ofSeconds(3))))
            .toList();
  }

  @AfterEach
  void closeDevices() {
    clients.forEach(ImClient::close);
  }

  @AfterAll
  static void stopCluster() {
    if (transports != null) {
      transports.forEach(ImTransport::close);
    }
  }

  @Test
  void eachRecordIsConsumedOnceByTheGatewayOfItsUserAndSurvivesAGatewayDeathAndARestart()
      throws Exception {
    List<String> users = IntStream.range(0, 12).mapToObj(i -> "user" + i + "-" + run).toList();
    Set<String> gatewaysInUse =
        users.stream().map(user -> await(api(0, user).route()).url()).collect(Collectors.toSet());
    assertThat(gatewaysInUse)
        .as("the route spreads the users over both gateways")
        .containsExactlyInAnyOrderElementsOf(
            stack.pushGateways().stream().map(LocalStack::webSocketUrl).toList());

    List<Device> devices = new ArrayList<>();
    for (int i = 0; i < users.size(); i++) {
      devices.add(connect(i % 2, users.get(i)));
    }
    String conversation = "cluster-" + run;
    await(api(0, users.get(0)).createConversation(conversation, users.subList(1, 12), null, null));
    sendRound(users, conversation, "calm", 20);

    for (Device device : devices) {
      assertHoldsItsChain(device);
      assertThat(device.recorder().entries())
          .as("every entry of %s came by push, in order, from both instances", device.userId())
          .extracting(AppliedEntry::source)
          .containsOnly(AppliedEntry.Source.PUSH);
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(recordsConsumedByGateways())
                    .as("records consumed by all gateways = records produced")
                    .isEqualTo(recordsProduced()));

    ServiceProcess dying = stack.pushGateways().get(1);
    dying.kill();
    sendRound(users, conversation, "gateway gone", 10);
    ServiceProcess restarting = stack.messageServices().get(1);
    restarting.stop();
    sendThrough(0, users, conversation, "one instance", 10);
    restarting.start();
    restarting.awaitReady(Duration.ofSeconds(120));
    sendRound(users, conversation, "both again", 10);

    for (Device device : devices) {
      assertHoldsItsChain(device);
    }
    dying.start();
    dying.awaitReady(Duration.ofSeconds(120));
  }

  private void sendRound(List<String> users, String conversation, String text, int count) {
    for (int n = 0; n < count; n++) {
      send(n % 2, users.get(n % users.size()), conversation, text + " " + n);
    }
  }

  private void sendThrough(
      int instance, List<String> users, String conversation, String text, int count) {
    for (int n = 0; n < count; n++) {
      send(instance, users.get(n % users.size()), conversation, text + " " + n);
    }
  }

  private static void send(int instance, String user, String conversation, String text) {
    await(api(instance, user).sendText(conversation, UUID.randomUUID().toString(), text));
  }

  private static RestApi api(int instance, String userId) {
    ImTransport transport = transports.get(instance);
    return transport.api(await(transport.devToken(userId)));
  }

  private Device connect(int instance, String userId) {
    ChainRecorder recorder = new ChainRecorder();
    ImClient client = await(ImClient.connectDev(transports.get(instance), userId, recorder));
    clients.add(client);
    return new Device(userId, client, recorder);
  }

  /** The device applied exactly its user's chain as the server has it, once each, in order. */
  private static void assertHoldsItsChain(Device device) {
    List<ChainEntry> server = await(api(0, device.userId()).chainAfter(0, 200));
    long head = server.get(server.size() - 1).seq();
    await(device.client().awaitSeq(head));
    assertThat(device.recorder().entries())
        .extracting(AppliedEntry::seq)
        .as("seqs applied by %s", device.userId())
        .containsExactlyElementsOf(LongStream.rangeClosed(1, head).boxed().toList());
  }

  private static long recordsProduced() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()))) {
      TopicDescription topic =
          admin
              .describeTopics(List.of(Topics.DELIVERIES))
              .allTopicNames()
              .get(30, TimeUnit.SECONDS)
              .get(Topics.DELIVERIES);
      Map<TopicPartition, OffsetSpec> latest =
          topic.partitions().stream()
              .collect(
                  Collectors.toMap(
                      partition -> new TopicPartition(Topics.DELIVERIES, partition.partition()),
                      partition -> OffsetSpec.latest()));
      return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
          .mapToLong(offsets -> offsets.offset())
          .sum();
    }
  }

  private static long recordsConsumedByGateways() throws Exception {
    long consumed = 0;
    for (ServiceProcess gateway : stack.pushGateways()) {
      String metrics =
          HTTP.send(
                  HttpRequest.newBuilder(URI.create(gateway.managementUri() + "/q/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      consumed +=
          (long)
              metrics
                  .lines()
                  .filter(line -> line.startsWith("im_push_records_total{"))
                  .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' '))))
                  .sum();
    }
    return consumed;
  }

  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("a call did not complete: " + RestApi.unwrap(e), e);
    }
  }
}
