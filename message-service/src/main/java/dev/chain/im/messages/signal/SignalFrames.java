package dev.chain.im.messages.signal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.chain.im.protocol.push.PushFrame;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;

/** Sends ephemeral frames to their recipients, written once as the frame a gateway pushes. */
@ApplicationScoped
public class SignalFrames {
  private final ObjectWriter writer;
  private final SignalSender sender;

  public SignalFrames(ObjectMapper mapper, SignalSender sender) {
    this.writer = mapper.writerFor(PushFrame.class);
    this.sender = sender;
  }

  public void send(PushFrame frame, Collection<String> recipients) {
    String json;
    try {
      json = writer.writeValueAsString(frame);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a frame could not be written as JSON", e);
    }
    recipients.forEach(recipient -> sender.send(recipient, json));
  }
}
