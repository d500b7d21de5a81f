package dev.chain.im.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** A raw WebSocket listener that hands each whole text frame, parsed, to the test. */
final class JsonFrames implements WebSocket.Listener {
  private final ObjectMapper mapper;
  private final Consumer<JsonNode> frames;
  private final StringBuilder partial = new StringBuilder();

  JsonFrames(ObjectMapper mapper, Consumer<JsonNode> frames) {
    this.mapper = mapper;
    this.frames = frames;
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      try {
        frames.accept(mapper.readTree(partial.toString()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }
}
