package dev.chain.im.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.chain.im.protocol.chain.ChainEntry;
import dev.chain.im.protocol.chain.Message;
import dev.chain.im.protocol.chain.Reaction;
import dev.chain.im.protocol.push.Delivery;
import dev.chain.im.protocol.push.EntryFrame;
import dev.chain.im.protocol.push.HelloFrame;
import dev.chain.im.protocol.push.PresenceFrame;
import dev.chain.im.protocol.push.PushFrame;
import dev.chain.im.protocol.push.ReceiptFrame;
import dev.chain.im.protocol.push.TypingFrame;
import dev.chain.im.protocol.push.UnknownFrame;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wire types read and write the exact JSON of the contract, {@code docs/protocol.md}. */
class WireFormatTest {
  private final ObjectMapper mapper =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

  private final Message hi =
      new Message(
          "m-1",
          "team-1",
          7,
          "alice",
          "c-1",
          OffsetDateTime.of(2026, 11, 26, 12, 15, 6, 123_000_000, ZoneOffset.UTC),
          Map.of("text", "hi"),
          Message.NORMAL,
          null,
          null,
          null);

  @Test
  void aDeliveryIsTheContractsRecordValue() throws Exception {
    String value =
        mapper.writeValueAsString(new Delivery("bob", "ep", 42, ChainEntry.message(42, hi)));

    assertThat(mapper.readTree(value))
        .isEqualTo(
            mapper.readTree(
                """
                {"userId":"bob","epoch":"ep","seq":42,"prevSeq":41,
                 "entry":{"seq":42,"kind":"message","conversationId":"team-1",
                   "message":{"id":"m-1","conversationId":"team-1","seq":7,"senderId":"alice",
                     "clientMsgId":"c-1","sentAt":"2026-11-26T12:15:06.123Z",
                     "content":{"text":"hi"},"state":"normal"}}}
                """));
  }

  @Test
  void commandEntriesCarryOnlyTheirFields() throws Exception {
    assertThat(json(ChainEntry.read(42, "team-1", 7)))
        .isEqualTo(
            json("{\"seq\":42,\"kind\":\"read\",\"conversationId\":\"team-1\",\"readSeq\":7}"));
    assertThat(json(ChainEntry.recall(43, "team-1", 7, "alice")))
        .isEqualTo(
            json(
                "{\"seq\":43,\"kind\":\"recall\",\"conversationId\":\"team-1\",\"messageSeq\":7,"
                    + "\"userId\":\"alice\"}"));
    assertThat(json(ChainEntry.delete(44, "team-1", 5)))
        .isEqualTo(
            json(
                "{\"seq\":44,\"kind\":\"delete\",\"conversationId\":\"team-1\",\"messageSeq\":5}"));
    assertThat(json(ChainEntry.membership(45, "team-1", "carol", ChainEntry.JOINED)))
        .isEqualTo(
            json(
                "{\"seq\":45,\"kind\":\"membership\",\"conversationId\":\"team-1\","
                    + "\"userId\":\"carol\",\"change\":\"joined\"}"));
    assertThat(
            json(
                ChainEntry.edit(
                    46,
                    "team-1",
                    7,
                    Map.of("text", "hi!"),
                    OffsetDateTime.of(2026, 11, 26, 12, 16, 0, 0, ZoneOffset.UTC))))
        .isEqualTo(
            json(
                "{\"seq\":46,\"kind\":\"edit\",\"conversationId\":\"team-1\",\"messageSeq\":7,"
                    + "\"content\":{\"text\":\"hi!\"},\"editedAt\":\"2026-11-26T12:16:00Z\"}"));
    assertThat(json(ChainEntry.reaction(47, "team-1", 7, "bob", "party", ChainEntry.ADDED)))
        .isEqualTo(
            json(
                "{\"seq\":47,\"kind\":\"reaction\",\"conversationId\":\"team-1\",\"messageSeq\":7,"
                    + "\"userId\":\"bob\",\"reaction\":\"party\",\"change\":\"added\"}"));
  }

  @Test
  void aMessageShowsEditedAtAndReactionsOnlyWhenItHasThem() throws Exception {
    assertThat(mapper.readTree(mapper.writeValueAsString(hi)).has("editedAt")).isFalse();
    assertThat(mapper.readTree(mapper.writeValueAsString(hi)).has("reactions")).isFalse();
    Message reacted =
        new Message(
            hi.id(),
            hi.conversationId(),
            hi.seq(),
            hi.senderId(),
            hi.clientMsgId(),
            hi.sentAt(),
            hi.content(),
            hi.state(),
            hi.sentAt(),
            List.of(new Reaction("party", 2, true)),
            null);
    JsonNode written = mapper.readTree(mapper.writeValueAsString(reacted));
    assertThat(written.get("editedAt").asText()).isEqualTo("2026-11-26T12:15:06.123Z");
    assertThat(written.get("reactions"))
        .isEqualTo(mapper.readTree("[{\"reaction\":\"party\",\"count\":2,\"me\":true}]"));
  }

  @Test
  void anEntryFrameReadsWithFieldsAddedLater() throws Exception {
    String frame =
        "{\"type\":\"entry\",\"userId\":\"alice\",\"epoch\":\"ep\",\"seq\":42,\"prevSeq\":41,"
            + "\"later\":true,\"entry\":{\"seq\":42,\"kind\":\"read\",\"conversationId\":\"team-1\","
            + "\"readSeq\":7,\"alsoLater\":1}}";

    PushFrame read = mapper.readValue(frame, PushFrame.class);

    assertThat(read)
        .isEqualTo(new EntryFrame("alice", "ep", 42, 41, ChainEntry.read(42, "team-1", 7)));
  }

  @Test
  void helloAndFramesOfLaterTypesAreTold() throws Exception {
    assertThat(
            mapper.readValue(
                "{\"type\":\"hello\",\"userId\":\"alice\",\"connectionId\":\"c\"}",
                PushFrame.class))
        .isEqualTo(new HelloFrame("alice", "c"));
    assertThat(
            mapper.readValue(
                "{\"type\":\"later\",\"conversationId\":\"team-1\",\"userId\":\"bob\"}",
                PushFrame.class))
        .isInstanceOf(UnknownFrame.class);
    assertThat(json(new PresenceFrame("bob", false, null)))
        .isEqualTo(
            json(
                "{\"type\":\"presence\",\"userId\":\"bob\",\"online\":false,\"lastSeenAt\":null}"));
    assertThat(json(new ReceiptFrame("team-1", "bob", 7)))
        .isEqualTo(
            json(
                "{\"type\":\"receipt\",\"conversationId\":\"team-1\",\"userId\":\"bob\","
                    + "\"readSeq\":7}"));
    assertThat(
            mapper.readValue(
                "{\"type\":\"typing\",\"conversationId\":\"team-1\",\"userId\":\"bob\","
                    + "\"expiresAt\":\"2026-11-26T12:16:00Z\"}",
                PushFrame.class))
        .isEqualTo(
            new TypingFrame(
                "team-1", "bob", OffsetDateTime.of(2026, 11, 26, 12, 16, 0, 0, ZoneOffset.UTC)));
    assertThat(json(new HelloFrame("alice", "c")))
        .isEqualTo(json("{\"type\":\"hello\",\"userId\":\"alice\",\"connectionId\":\"c\"}"));
  }

  @Test
  void aRecalledMessageHasNoContentAndNoText() throws Exception {
    Message recalled =
        mapper.readValue(
            "{\"id\":\"m2\",\"conversationId\":\"team-1\",\"seq\":8,\"senderId\":\"bob\","
                + "\"sentAt\":\"2026-11-26T13:15:06.123+01:00\",\"content\":null,"
                + "\"state\":\"recalled\"}",
            Message.class);

    assertThat(recalled.recalled()).isTrue();
    assertThat(recalled.content()).isNull();
    assertThat(recalled.text()).isNull();
    assertThat(hi.text()).isEqualTo("hi");
  }

  @Test
  void idsFollowTheirRules() {
    assertThat(Ids.isUserId("alice.b@x-1_")).isTrue();
    assertThat(Ids.isUserId("a".repeat(65))).isFalse();
    assertThat(Ids.isUserId("a:b")).isFalse();
    assertThat(Ids.isUserId(null)).isFalse();
    assertThat(Ids.isConversationId("1:2:3")).isTrue();
    assertThat(Ids.isConversationId("c".repeat(129))).isFalse();
    assertThat(Ids.isConversationId("a b")).isFalse();
  }

  /** Written out and read back, so that numbers compare as JSON numbers. */
  private JsonNode json(Object value) throws Exception {
    return mapper.readTree(mapper.writeValueAsString(value));
  }

  private JsonNode json(String text) throws Exception {
    return mapper.readTree(text);
  }
}
