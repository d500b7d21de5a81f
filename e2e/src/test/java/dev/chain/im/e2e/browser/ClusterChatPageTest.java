package dev.chain.im.e2e.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chain.im.client.ClientOptions;
import dev.chain.im.client.ImTransport;
import dev.chain.im.client.RestApi;
import dev.chain.im.e2e.SharedCluster;
import dev.chain.im.stack.LocalStack;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * With two gateways, the chat page connects to the one {@code GET /v1/route} names for its user,
 * not to the one its settings name (which closes the user's connections with 4001), and gets the
 * user's pushes there.
 */
class ClusterChatPageTest {

  @Test
  void thePageFollowsTheRouteToTheUsersGateway() throws Exception {
    assumeTrue(Chromium.available(), "Browser tests need " + Chromium.BINARY);
    LocalStack cluster = SharedCluster.get();
    String settingsGateway = cluster.gatewayWebSocketUrl();
    try (ImTransport transport =
        ImTransport.create(
            ClientOptions.of(cluster.messageService().baseUri().toString(), settingsGateway))) {
      String run = UUID.randomUUID().toString().substring(0, 8);
      String user =
          IntStream.range(0, 200)
              .mapToObj(i -> "page" + i + "-" + run)
              .filter(candidate -> !settingsGateway.equals(routeOf(transport, candidate)))
              .findFirst()
              .orElseThrow();
      String sender = "sender-" + run;
      String conversation = "routed-" + run;
      RestApi api = transport.api(transport.devToken(sender).get(30, TimeUnit.SECONDS));
      api.createConversation(conversation, List.of(user), null, null).get(30, TimeUnit.SECONDS);

      try (Chromium browser = Chromium.start()) {
        ChatPage page = ChatPage.open(browser.driver, cluster.messageService().baseUri());
        page.signIn(user).openConversation(conversation);
        api.sendText(conversation, UUID.randomUUID().toString(), "over the route")
            .get(30, TimeUnit.SECONDS);
        page.awaitTexts("over the route");
      }
    }
  }

  private static String routeOf(ImTransport transport, String userId) {
    try {
      return transport
          .api(transport.devToken(userId).get(30, TimeUnit.SECONDS))
          .route()
          .get(30, TimeUnit.SECONDS)
          .url();
    } catch (Exception e) {
      throw new AssertionError("no route for " + userId, e);
    }
  }
}
