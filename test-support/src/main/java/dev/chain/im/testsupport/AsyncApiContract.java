package dev.chain.im.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds WebSocket frames and Kafka record values to the protocol's AsyncAPI document ({@code
 * asyncapi.yaml} of the protocol module): each must be one of the messages of its channel, told
 * apart by {@code type} where a channel has several, and match that message's payload schema.
 */
public final class AsyncApiContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEVICE_CHANNEL = "/v1/ws";
  private static final JsonNode DOCUMENT = load();
  private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

  private AsyncApiContract() {}

  /** Fails unless {@code frame} is a frame the gateway may write on a device's WebSocket. */
  public static void checkFrame(String frame) {
    check(DEVICE_CHANNEL, frame);
  }

  /** Whether the document describes the topic's records. */
  public static boolean describes(String topic) {
    return channel(topic) != null;
  }

  /** Fails unless {@code value} is a record value the document allows on {@code topic}. */
  public static void checkRecord(String topic, String value) {
    check(topic, value);
  }

  private static void check(String address, String text) {
    JsonNode channel = channel(address);
    if (channel == null) {
      throw new AssertionError("the AsyncAPI document has no channel " + address);
    }
    JsonNode value;
    try {
      value = JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON on " + address + ": " + text, e);
    }
    String payload = payloadFor(channel, value, address);
    Set<ValidationMessage> errors = schema(payload).validate(value);
    if (!errors.isEmpty()) {
      throw new AssertionError(
          "does not match "
              + payload
              + " of the AsyncAPI document on "
              + address
              + ": "
              + errors
              + "\n"
              + text);
    }
  }

  /** The payload schema of the channel's message this value is: by its type, if several. */
  private static String payloadFor(JsonNode channel, JsonNode value, String address) {
    List<String> payloads = new ArrayList<>();
    for (JsonNode message : channel.get("messages")) {
      String payload = resolve(message).at("/payload/$ref").asText();
      JsonNode type = resolve(DOCUMENT.at(payload.substring(1))).at("/properties/type/const");
      if (type.isMissingNode() || type.asText().equals(value.path("type").asText())) {
        payloads.add(payload);
      }
    }
    if (payloads.size() != 1) {
      throw new AssertionError(
          "a value of type '"
              + value.path("type").asText()
              + "' is not one message of "
              + address
              + " in the AsyncAPI document: "
              + value);
    }
    return payloads.get(0);
  }

  private static JsonNode channel(String address) {
    for (JsonNode channel : DOCUMENT.get("channels")) {
      if (channel.get("address").asText().equals(address)) {
        return channel;
      }
    }
    return null;
  }

  private static JsonNode resolve(JsonNode node) {
    String ref = node.path("$ref").asText();
    return ref.isEmpty() ? node : DOCUMENT.at(ref.substring(1));
  }

  /** The schema {@code #/components/schemas/…}, its references resolved within the document. */
  private static JsonSchema schema(String ref) {
    return SCHEMAS.computeIfAbsent(
        ref,
        key -> {
          ObjectNode root = JSON.createObjectNode();
          root.set("components", DOCUMENT.get("components"));
          root.put("$ref", key);
          return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(root);
        });
  }

  private static JsonNode load() {
    try (InputStream in = AsyncApiContract.class.getResourceAsStream("/asyncapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("asyncapi.yaml is not on the class path (im-protocol)");
      }
      return new YAMLMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
