package dev.chain.im.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chain.im.protocol.chain.ChainEntry;
import dev.chain.im.protocol.chain.Message;
import dev.chain.im.protocol.chain.SyncPage;
import dev.chain.im.protocol.push.EntryFrame;
import dev.chain.im.protocol.push.PushFrame;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The shapes of protocol.md, read as the services write them. */
class WireFormatTest {
  private final ObjectMapper mapper = ImTransport.newMapper();

  @Test
  void aPushedFrame() throws Exception {
    String json =
        "{\"type\":\"entry\",\"epoch\":\"ep\",\"seq\":42,\"prevSeq\":41,\"userId\":\"alice\","
            + "\"later\":true,\"entry\":{\"seq\":42,\"kind\":\"read\",\"conversationId\":\"team-1\","
            + "\"readSeq\":7}}";

    PushedFrame frame =
        new PushedFrame((EntryFrame) mapper.readValue(json, PushFrame.class), 5, Instant.EPOCH);

    assertThat(frame.epoch()).isEqualTo("ep");
    assertThat(frame.seq()).isEqualTo(42);
    assertThat(frame.prevSeq()).isEqualTo(41);
    assertThat(frame.entry().kind()).isEqualTo(ChainEntry.READ);
    assertThat(frame.entry().conversationId()).isEqualTo("team-1");
    assertThat(frame.entry().readSeq()).isEqualTo(7);
    assertThat(frame.entry().messageSeq()).isNull();
  }

  @Test
  void aSyncPageWithEveryKind() throws Exception {
    String json =
        "{\"epoch\":\"ep\",\"headSeq\":45,\"hasMore\":true,\"entries\":["
            + "{\"seq\":41,\"kind\":\"message\",\"conversationId\":\"team-1\",\"message\":"
            + "{\"id\":\"m1\",\"conversationId\":\"team-1\",\"seq\":7,\"senderId\":\"alice\","
            + "\"clientMsgId\":\"c-1\",\"sentAt\":\"2026-11-26T12:15:06.123Z\","
            + "\"content\":{\"text\":\"hi\"},\"state\":\"normal\",\"new\":1}},"
            + "{\"seq\":42,\"kind\":\"recall\",\"conversationId\":\"team-1\",\"messageSeq\":7},"
            + "{\"seq\":43,\"kind\":\"delete\",\"conversationId\":\"team-1\",\"messageSeq\":5},"
            + "{\"seq\":44,\"kind\":\"membership\",\"conversationId\":\"team-1\","
            + "\"userId\":\"carol\",\"change\":\"joined\"},"
            + "{\"seq\":45,\"kind\":\"message\",\"conversationId\":\"team-1\",\"message\":"
            + "{\"id\":\"m2\",\"conversationId\":\"team-1\",\"seq\":8,\"senderId\":\"bob\","
            + "\"clientMsgId\":\"c-2\",\"sentAt\":\"2026-11-26T13:15:06.123+01:00\","
            + "\"content\":null,\"state\":\"recalled\"}}]}";

    SyncPage page = mapper.readValue(json, SyncPage.class);

    assertThat(page.epoch()).isEqualTo("ep");
    assertThat(page.headSeq()).isEqualTo(45);
    assertThat(page.hasMore()).isTrue();
    assertThat(page.entries()).extracting(ChainEntry::seq).containsExactly(41L, 42L, 43L, 44L, 45L);
    Message message = page.entries().get(0).message();
    assertThat(message.text()).isEqualTo("hi");
    assertThat(message.seq()).isEqualTo(7);
    assertThat(message.sentAt().toInstant()).isEqualTo(Instant.parse("2026-11-26T12:15:06.123Z"));
    assertThat(page.entries().get(1).messageSeq()).isEqualTo(7);
    assertThat(page.entries().get(2).is(ChainEntry.DELETE)).isTrue();
    assertThat(page.entries().get(3).userId()).isEqualTo("carol");
    assertThat(page.entries().get(3).change()).isEqualTo("joined");
    Message recalled = page.entries().get(4).message();
    assertThat(recalled.recalled()).isTrue();
    assertThat(recalled.content()).isNull();
    assertThat(recalled.sentAt().toInstant()).isEqualTo(Instant.parse("2026-11-26T12:15:06.123Z"));
  }
}
