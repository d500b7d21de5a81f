package dev.chain.im.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the upgrade answers to what browsers offer, read off the wire. */
@QuarkusTest
class HandshakeTest extends PushTestBase {

  @Test
  void permessageDeflateOfferedByBrowsersIsDeclined() throws IOException {
    URI uri = wsUri(token("handshake-user"));
    List<String> answer = new ArrayList<>();
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + uri.getRawPath()
                  + "?"
                  + uri.getRawQuery()
                  + " HTTP/1.1\r\n"
                  + "Host: "
                  + uri.getHost()
                  + ":"
                  + uri.getPort()
                  + "\r\n"
                  + "Upgrade: websocket\r\n"
                  + "Connection: Upgrade\r\n"
                  + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                  + "Sec-WebSocket-Version: 13\r\n"
                  + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
                  + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        answer.add(line);
      }
    }
    assertThat(answer).first().asString().startsWith("HTTP/1.1 101");
    assertThat(answer)
        .as("a compressor per connection costs ~100 KB resident and doubles CPU per frame")
        .noneMatch(header -> header.toLowerCase().startsWith("sec-websocket-extensions"));
  }
}
