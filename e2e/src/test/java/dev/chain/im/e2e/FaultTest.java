package dev.chain.im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chain.im.client.AppliedEntry;
import dev.chain.im.client.RestApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Parts of the system fail while clients are connected and messages are sent. Every acknowledged
 * message still reaches every device, once, and message-service keeps accepting sends and reports
 * Kafka as degraded meanwhile. Each test brings the part back before it ends.
 */
class FaultTest extends StackTestBase {

  @Test
  void kafkaStoppedDuringSendsLosesNothing() {
    String alice = id("alice"), bob = id("bob");
    Device bobPhone = connect(bob);
    String conversation = id("kafka-down");
    await(api(alice).createConversation(conversation, List.of(bob), null, null));
    send(api(alice), conversation, "before");
    assertHoldsItsChain(bobPhone);

    List<String> sentWhileDown = new ArrayList<>();
    stack.kafka().stop();
    try {
      for (int n = 1; n <= 10; n++) {
        send(api(alice), conversation, "down" + n);
        sentWhileDown.add("down" + n);
      }
      awaitReadiness("\"kafka\":\"degraded\"");
    } finally {
      stack.kafka().restart();
    }
    send(api(alice), conversation, "after");
    awaitReadiness("\"kafka\":\"ok\"");

    assertHoldsItsChain(bobPhone);
    assertThat(bobPhone.recorder().messages())
        .extracting(m -> m.text())
        .hasSize(12)
        .contains(sentWhileDown.toArray(String[]::new));
  }

  /** Waits until message-service reports ready (it stays ready) with the given text. */
  private static void awaitReadiness(String text) {
    HttpClient http = HttpClient.newHttpClient();
    URI ready = stack.messageService().baseUri().resolve("/q/health/ready");
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              HttpResponse<String> response =
                  http.send(HttpRequest.newBuilder(ready).build(), BodyHandlers.ofString());
              return response.statusCode() == 200
                  && response.body().replace(" ", "").contains(text);
            });
  }

  @Test
  void aRestartedGatewayLosesNothingForConnectedClients() {
    String alice = id("alice"), bob = id("bob");
    Device bobPhone = connect(bob);
    Device bobLaptop = connect(bob);
    String conversation = id("gateway-restart");
    await(api(alice).createConversation(conversation, List.of(bob), null, null));
    send(api(alice), conversation, "before");
    assertHoldsItsChain(bobPhone);

    stack.pushGateway().stop();
    try {
      for (int n = 1; n <= 5; n++) {
        send(api(alice), conversation, "while-away" + n);
      }
    } finally {
      stack.pushGateway().start();
      stack.pushGateway().awaitReady(Duration.ofSeconds(60));
    }
    send(api(alice), conversation, "after");

    for (Device device : List.of(bobPhone, bobLaptop)) {
      assertHoldsItsChain(device);
      assertThat(device.recorder().messages()).extracting(m -> m.text()).hasSize(7);
    }
  }

  @Test
  void messagesAcknowledgedJustBeforeAKillAreStillPushed() {
    String alice = id("alice"), bob = id("bob");
    Device bobPhone = connect(bob);
    String conversation = id("killed");
    RestApi aliceApi = api(alice);
    await(aliceApi.createConversation(conversation, List.of(bob), null, null));
    send(aliceApi, conversation, "before");
    assertHoldsItsChain(bobPhone);
    long before = bobPhone.client().lastSeq();

    // With Kafka down nothing can be published, so the kill catches every send unpublished.
    stack.kafka().stop();
    try {
      for (int n = 1; n <= 5; n++) {
        send(aliceApi, conversation, "acked" + n);
      }
      stack.messageService().kill();
    } finally {
      stack.kafka().restart();
      stack.messageService().start();
      stack.messageService().awaitReady(Duration.ofSeconds(60));
    }

    assertHoldsItsChain(bobPhone);
    assertThat(appliedAfter(bobPhone, before))
        .as("entries published by the restarted service reach the device by push")
        .hasSize(5)
        .extracting(AppliedEntry::source)
        .containsOnly(AppliedEntry.Source.PUSH);
  }
}
