package dev.chain.im.messages.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chain.im.messages.ApiTestBase;
import dev.chain.im.testsupport.KafkaResource;
import dev.chain.im.testsupport.KafkaServer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Whether Kafka answers is asked over the network: the producer's cached metadata outlives the
 * broker and must not make a stopped Kafka look reachable.
 */
@QuarkusTest
class KafkaSenderTest extends ApiTestBase {
  @Inject KafkaSender sender;

  @Test
  void aStoppedBrokerIsNotReachableThoughTheProducerKnowsItsTopic() throws Exception {
    CompletableFuture<Exception> sent = new CompletableFuture<>();
    sender.send("probe", "{\"probe\":true}", false, Map.of(), sent::complete);
    assertThat(sent.get(30, TimeUnit.SECONDS)).isNull();
    assertThat(sender.reachable()).isTrue();

    KafkaServer kafka = KafkaResource.server();
    assumeTrue(kafka.restartable(), "the embedded broker stops and starts in place");
    kafka.stop();
    try {
      assertThat(sender.reachable()).isFalse();
    } finally {
      kafka.restart();
    }
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(sender::reachable);
  }
}
