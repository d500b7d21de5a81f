package dev.chain.im.push.frame;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chain.im.protocol.chain.ChainEntry;
import dev.chain.im.protocol.push.Delivery;
import dev.chain.im.protocol.push.EntryFrame;
import dev.chain.im.protocol.push.HelloFrame;
import dev.chain.im.protocol.push.PushFrame;
import org.junit.jupiter.api.Test;

/** The frames written as strings read back as the protocol module's frames. */
class FramesTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void helloIsTheProtocolsHelloFrame() throws Exception {
    assertThat(json.readValue(Frames.hello("alice", "c-1"), PushFrame.class))
        .isEqualTo(new HelloFrame("alice", "c-1"));
  }

  @Test
  void anEntryFrameIsTheRecordValueWithItsType() throws Exception {
    ChainEntry read = ChainEntry.read(42, "team-1", 7);
    String value = json.writeValueAsString(new Delivery("alice", "ep", 42, read));

    assertThat(Frames.isDeliveryValue(value)).isTrue();
    assertThat(json.readValue(Frames.entry(value), PushFrame.class))
        .isEqualTo(new EntryFrame("alice", "ep", 42, 41, read));
  }

  @Test
  void onlyAJsonObjectWithFieldsBecomesAnEntryFrame() {
    assertThat(Frames.isDeliveryValue(null)).isFalse();
    assertThat(Frames.isDeliveryValue("{}")).isFalse();
    assertThat(Frames.isDeliveryValue("[1]")).isFalse();
    assertThat(Frames.isDeliveryValue("{ \"seq\":1}")).isTrue();
  }
}
