package dev.chain.im.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chain.im.push.connection.Connections;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeliveryTest extends PushTestBase {
  @Inject Connections connections;

  @Test
  void theFirstFrameIsHello() throws Exception {
    String alice = user("alice");
    TestSocket socket = TestSocket.open(wsUri(), bearer(token(alice)));

    JsonNode hello = socket.nextJson();
    assertThat(hello.get("type").asText()).isEqualTo("hello");
    assertThat(hello.get("userId").asText()).isEqualTo(alice);
    assertThat(hello.get("connectionId").asText()).isNotBlank();
    socket.close();
  }

  @Test
  void everyDeviceOfTheUserGetsEveryEntryInOrderAndNobodyElseDoes() throws Exception {
    String alice = user("alice");
    String bob = user("bob");
    TestSocket phone = device(alice);
    TestSocket laptop = device(alice);
    TestSocket bobsPhone = device(bob);
    assertThat(connections.count(alice)).isEqualTo(2);

    List<String> values = new ArrayList<>();
    for (long seq = 1; seq <= 5; seq++) {
      String value = delivery(alice, seq, "hello " + seq);
      values.add(value);
      publish(alice, value);
    }

    for (TestSocket device : List.of(phone, laptop)) {
      for (long seq = 1; seq <= 5; seq++) {
        String frame = device.next();
        assertThat(frame).isEqualTo(frameOf(values.get((int) seq - 1)));
        JsonNode json = JSON.readTree(frame);
        assertThat(json.get("type").asText()).isEqualTo("entry");
        assertThat(json.get("epoch").asText()).isEqualTo(EPOCH);
        assertThat(json.get("seq").asLong()).isEqualTo(seq);
        assertThat(json.get("prevSeq").asLong()).isEqualTo(seq - 1);
        assertThat(json.get("entry").get("seq").asLong()).isEqualTo(seq);
        assertThat(json.get("entry").get("message").get("content").get("text").asText())
            .isEqualTo("hello " + seq);
      }
    }

    // Bob's first frame is his own entry: none of Alice's reached him before it.
    String bobsValue = delivery(bob, 1, "for bob");
    publish(bob, bobsValue);
    assertThat(bobsPhone.next()).isEqualTo(frameOf(bobsValue));

    // And Alice's devices got each entry exactly once: the next frame is the next entry.
    String sixth = delivery(alice, 6, "hello 6");
    publish(alice, sixth);
    assertThat(phone.next()).isEqualTo(frameOf(sixth));
    assertThat(laptop.next()).isEqualTo(frameOf(sixth));
    assertThat(phone.frames).isEmpty();
    assertThat(laptop.frames).isEmpty();
    assertThat(bobsPhone.frames).isEmpty();

    // A device that leaves is out of the index; the other one still receives.
    phone.close();
    await().atMost(Duration.ofSeconds(10)).until(() -> connections.count(alice) == 1);
    String seventh = delivery(alice, 7, "hello 7");
    publish(alice, seventh);
    assertThat(laptop.next()).isEqualTo(frameOf(seventh));
    laptop.close();
    bobsPhone.close();
  }

  @Test
  void aBrowserCanCarryTheTokenInTheQuery() {
    String carol = user("carol");
    TestSocket socket = TestSocket.open(wsUri(token(carol)), builder -> {});

    JsonNode hello = socket.nextJson();
    assertThat(hello.get("type").asText()).isEqualTo("hello");
    assertThat(hello.get("userId").asText()).isEqualTo(carol);
    String value = delivery(carol, 1, "via query");
    publish(carol, value);
    assertThat(socket.next()).isEqualTo(frameOf(value));
    socket.close();
  }

  @Test
  void aBrowserCanCarryTheTokenInTheSubprotocolHeader() {
    String dave = user("dave");
    String carrier =
        URLEncoder.encode(
            "quarkus-http-upgrade#Authorization#Bearer " + token(dave), StandardCharsets.UTF_8);
    TestSocket socket =
        TestSocket.open(wsUri(), builder -> builder.subprotocols("bearer-token-carrier", carrier));

    assertThat(socket.socket.getSubprotocol()).isEqualTo("bearer-token-carrier");
    JsonNode hello = socket.nextJson();
    assertThat(hello.get("type").asText()).isEqualTo("hello");
    assertThat(hello.get("userId").asText()).isEqualTo(dave);
    String value = delivery(dave, 1, "via subprotocol");
    publish(dave, value);
    assertThat(socket.next()).isEqualTo(frameOf(value));
    socket.close();
  }

  @Test
  void aQuietConnectionIsPingedForKeepAlive() throws Exception {
    TestSocket socket = device(user("quiet"));

    await().atMost(Duration.ofSeconds(15)).until(() -> socket.pings.get() >= 2);
    assertThat(socket.frames).as("pings are control frames, not pushes").isEmpty();
    socket.close();
  }

  @Test
  void aRecordThatIsNotADeliveryIsSkipped() {
    String erin = user("erin");
    TestSocket socket = device(erin);

    publish(erin, "not json");
    publish(erin, "{}");
    String value = delivery(erin, 1, "after the junk");
    publish(erin, value);

    assertThat(socket.next()).isEqualTo(frameOf(value));
    assertThat(socket.frames).isEmpty();
    socket.close();
  }
}
