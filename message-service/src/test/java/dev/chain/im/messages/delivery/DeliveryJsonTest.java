package dev.chain.im.messages.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.chain.im.protocol.chain.ChainEntry;
import dev.chain.im.protocol.chain.Message;
import dev.chain.im.protocol.push.Delivery;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The records' JSON, with a send's message written once, is the mapper's JSON exactly. */
class DeliveryJsonTest {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .findAndRegisterModules()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private static Message message(long seq, String text) {
    return new Message(
        "m" + seq,
        "team",
        seq,
        "alice",
        "c-" + seq,
        OffsetDateTime.of(2026, 12, 3, 10, 0, 0, 0, ZoneOffset.UTC),
        Map.of("text", text, "mentions", List.of("bob")),
        Message.NORMAL,
        null,
        null,
        null);
  }

  @Test
  void everyRecipientOfOneSendGetsTheSameJsonAsTheMapperWrites() throws Exception {
    DeliveryJson json = new DeliveryJson(MAPPER);
    Message shared = message(7, "hello \"all\" ✓");
    List<Delivery> deliveries =
        List.of(
            new Delivery("alice", "e1", 41, ChainEntry.message(41, shared)),
            new Delivery("bob", "e2", 3, ChainEntry.message(3, shared)),
            new Delivery("carol", "e3", 12, ChainEntry.message(12, shared)));

    for (Delivery delivery : deliveries) {
      assertThat(json.write(delivery)).isEqualTo(MAPPER.writeValueAsString(delivery));
    }
    assertThat(
            MAPPER
                .readTree(json.write(deliveries.get(1)))
                .at("/entry/message/content/text")
                .asText())
        .isEqualTo("hello \"all\" ✓");
  }

  @Test
  void anotherMessageIsWrittenAfreshEvenWhenItLooksTheSame() throws Exception {
    DeliveryJson json = new DeliveryJson(MAPPER);
    Delivery first = new Delivery("bob", "e2", 3, ChainEntry.message(3, message(7, "one")));
    Delivery second = new Delivery("bob", "e2", 4, ChainEntry.message(4, message(8, "two")));
    Delivery recalled =
        new Delivery(
            "bob",
            "e2",
            5,
            ChainEntry.message(
                5,
                new Message(
                    "m8",
                    "team",
                    8,
                    "alice",
                    "c-8",
                    null,
                    null,
                    Message.RECALLED,
                    null,
                    null,
                    "alice")));

    json.write(first);
    assertThat(json.write(second)).isEqualTo(MAPPER.writeValueAsString(second)).contains("two");
    assertThat(json.write(recalled)).isEqualTo(MAPPER.writeValueAsString(recalled));
  }

  @Test
  void entriesWithoutAMessageAreTheMappersJsonToo() throws Exception {
    DeliveryJson json = new DeliveryJson(MAPPER);
    json.write(new Delivery("bob", "e2", 3, ChainEntry.message(3, message(7, "one"))));
    for (Delivery delivery :
        List.of(
            new Delivery("bob", "e2", 4, ChainEntry.read(4, "team", 7)),
            new Delivery("bob", "e2", 5, ChainEntry.recall(5, "team", 7, "alice")),
            new Delivery("bob", "e2", 6, ChainEntry.delete(6, "team", 7)),
            new Delivery("bob", "e2", 7, ChainEntry.membership(7, "team", "dan", "joined")))) {
      assertThat(json.write(delivery)).isEqualTo(MAPPER.writeValueAsString(delivery));
    }
  }
}
