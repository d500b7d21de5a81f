package dev.chain.im.push;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chain.im.protocol.push.Topics;
import dev.chain.im.testsupport.AsyncApiContract;
import org.junit.jupiter.api.Test;

/**
 * The AsyncAPI document's checker, on the frames of docs/protocol.md and on what the document does
 * not describe. Every frame a gateway test receives ({@link TestSocket}) and every record a test
 * reads back from Kafka is held to it as well.
 */
class AsyncApiDocumentTest {
  private static final String ENTRY =
      "{\"type\":\"entry\",\"userId\":\"bob\",\"epoch\":\"4f1d0c9e8b7a46d2a1c3e5f7092b4d6e\","
          + "\"seq\":3,\"prevSeq\":2,\"entry\":{\"seq\":3,\"kind\":\"message\","
          + "\"conversationId\":\"team-1\",\"message\":{\"id\":\"7d3e9a10-4b2c-4f6e-8a1d-5c9b0e2f3a47\","
          + "\"conversationId\":\"team-1\",\"seq\":2,\"senderId\":\"alice\",\"clientMsgId\":\"c-2\","
          + "\"sentAt\":\"2026-11-26T12:15:09.004512Z\",\"content\":{\"text\":\"lunch?\"},"
          + "\"state\":\"normal\"}}}";

  @Test
  void theFramesOfTheProtocolDocumentMatch() {
    for (String frame :
        new String[] {
          "{\"type\":\"hello\",\"userId\":\"bob\","
              + "\"connectionId\":\"e0c1a6d2-5b7f-4f38-9d0e-3a2b1c4d5e6f\"}",
          ENTRY,
          "{\"type\":\"typing\",\"conversationId\":\"team-1\",\"userId\":\"alice\","
              + "\"expiresAt\":\"2026-11-26T12:15:12Z\"}",
          "{\"type\":\"receipt\",\"conversationId\":\"team-1\",\"userId\":\"bob\",\"readSeq\":2}",
          "{\"type\":\"presence\",\"userId\":\"bob\",\"online\":false,"
              + "\"lastSeenAt\":\"2026-11-26T12:20:00Z\"}"
        }) {
      assertThatCode(() -> AsyncApiContract.checkFrame(frame)).as(frame).doesNotThrowAnyException();
    }
    assertThatCode(
            () ->
                AsyncApiContract.checkRecord(
                    Topics.PRESENCE, "{\"userId\":\"bob\",\"online\":true,\"lastSeenAt\":null}"))
        .doesNotThrowAnyException();
  }

  @Test
  void whatTheDocumentDoesNotDescribeFails() {
    assertThatThrownBy(() -> AsyncApiContract.checkFrame(ENTRY.replace("\"prevSeq\":2,", "")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("prevSeq");
    assertThatThrownBy(() -> AsyncApiContract.checkFrame(ENTRY.replace("\"normal\"", "\"gone\"")))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(
            () -> AsyncApiContract.checkFrame(ENTRY.replace("\"kind\":\"message\",", "\"x\":1,")))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> AsyncApiContract.checkFrame("{\"type\":\"shout\",\"text\":\"hi\"}"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("shout");
    assertThatThrownBy(
            () ->
                AsyncApiContract.checkRecord(
                    Topics.SIGNALS,
                    "{\"type\":\"hello\",\"userId\":\"bob\",\"connectionId\":\"x\"}"))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> AsyncApiContract.checkRecord(Topics.PRESENCE, "{\"userId\":\"bob\"}"))
        .isInstanceOf(AssertionError.class);
  }
}
