package dev.chain.im.push;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chain.im.protocol.push.Topics;
import dev.chain.im.testsupport.KafkaResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * A device that connects while the gateway's consumer cannot deliver yet gets its {@code hello}
 * only once it can: an entry produced right after {@code hello} reaches it. To hold the gateway in
 * that state for as long as the test needs, another member of its consumer group holds every
 * partition and stops polling, so the gateway's join waits until that member leaves.
 */
@QuarkusTest
@TestProfile(GatewayStartTest.HeldPartitions.class)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class GatewayStartTest {
  private static final String GROUP = "gateway-start-" + UUID.randomUUID();

  public static class HeldPartitions implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("mp.messaging.incoming.deliveries.group.id", GROUP);
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(PartitionHolder.class));
    }
  }

  /** A member of the gateway's group that takes every partition, then stops polling. */
  public static class PartitionHolder implements QuarkusTestResourceLifecycleManager {
    static KafkaConsumer<String, String> holder;

    @Override
    public Map<String, String> start() {
      Properties props = new Properties();
      props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.server().bootstrapServers());
      props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
      props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "120000");
      props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
      props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
      holder = new KafkaConsumer<>(props);
      holder.subscribe(List.of(Topics.DELIVERIES));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (holder.assignment().isEmpty() && System.nanoTime() < deadline) {
        holder.poll(Duration.ofMillis(200));
      }
      assertThat(holder.assignment()).as("partitions held by the other member").isNotEmpty();
      return Map.of();
    }

    /** Leaves the group, which lets the gateway's join complete. */
    static void leave() {
      if (holder != null) {
        holder.close();
        holder = null;
      }
    }

    @Override
    public void stop() {
      leave();
    }
  }

  @Test
  void helloComesOnlyOnceEveryEntryProducedAfterItIsPushed() throws Exception {
    String user = "starting-" + UUID.randomUUID().toString().substring(0, 8);
    TestSocket socket =
        TestSocket.open(PushTestBase.wsUri(), PushTestBase.bearer(PushTestBase.token(user)));

    assertThat(socket.frames.poll(2, TimeUnit.SECONDS))
        .as("no hello while the gateway's consumer has no partitions")
        .isNull();
    PartitionHolder.leave();

    assertThat(socket.next()).contains("\"type\":\"hello\"");
    String value = PushTestBase.delivery(user, 1, "right after hello");
    PushTestBase.publish(user, value);
    assertThat(socket.next()).isEqualTo(PushTestBase.frameOf(value));
    socket.close();
  }
}
