package dev.chain.im.messages.delivery;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.chain.im.protocol.chain.Message;
import dev.chain.im.protocol.push.Delivery;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes deliveries as the values of their Kafka records. The deliveries of one send share one
 * {@link Message} and are written one after the other, so the message is written once and its JSON
 * spliced into each recipient's record: a send to a group of 100 writes its content once, not 100
 * times. The output is exactly what the mapper would write.
 */
final class DeliveryJson {
  private final ObjectWriter writer;

  DeliveryJson(ObjectMapper mapper) {
    SimpleModule lastMessage =
        new SimpleModule("last-message")
            .addSerializer(Message.class, new LastMessage(mapper.writerFor(Message.class)));
    this.writer = mapper.copy().registerModule(lastMessage).writerFor(Delivery.class);
  }

  String write(Delivery delivery) {
    try {
      return writer.writeValueAsString(delivery);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a delivery could not be written as JSON", e);
    }
  }

  /** Writes a message as the JSON of the last one it wrote when it is the same instance. */
  private static final class LastMessage extends StdSerializer<Message> {
    private record Written(Message message, String json) {}

    private final transient ObjectWriter plain;
    private final transient AtomicReference<Written> last = new AtomicReference<>();

    LastMessage(ObjectWriter plain) {
      super(Message.class);
      this.plain = plain;
    }

    @Override
    public void serialize(Message message, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      Written written = last.get();
      if (written == null || written.message() != message) {
        written = new Written(message, plain.writeValueAsString(message));
        last.set(written);
      }
      generator.writeRawValue(written.json());
    }
  }
}
