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

/** What the upgrade answers to what clients send, read off the wire. */
@QuarkusTest
class HandshakeTest extends PushTestBase {
  private static final String UPGRADE =
      "Upgrade: websocket\r\n"
          + "Connection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          + "Sec-WebSocket-Version: 13\r\n";

  @Test
  void permessageDeflateOfferedByBrowsersIsDeclined() throws IOException {
    List<String> answer =
        exchange(
            wsUri(token("handshake-user")),
            UPGRADE + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n");

    assertThat(answer).first().asString().startsWith("http/1.1 101");
    assertThat(answer)
        .as("a compressor per connection costs ~100 KB resident and doubles CPU per frame")
        .noneMatch(header -> header.startsWith("sec-websocket-extensions"));
  }

  @Test
  void anUpgradeWithoutATokenGetsAChallengeAndAProblem() throws IOException {
    List<String> answer = exchange(wsUri(), UPGRADE);

    assertThat(answer).first().asString().startsWith("http/1.1 401");
    assertThat(answer)
        .contains("www-authenticate: bearer", "content-type: application/problem+json");
  }

  @Test
  void aRequestThatIsNoUpgradeIsToldToUpgrade() throws IOException {
    List<String> answer =
        exchange(wsUri(), "Authorization: Bearer " + token("handshake-user") + "\r\n");

    assertThat(answer).first().asString().startsWith("http/1.1 426");
    assertThat(answer).contains("upgrade: websocket", "content-type: application/problem+json");
  }

  /**
   * Sends a GET for {@code uri} with these header lines; returns the status line and headers, in
   * lower case.
   */
  private static List<String> exchange(URI uri, String headers) throws IOException {
    List<String> answer = new ArrayList<>();
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      String target =
          uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
      out.write(
          ("GET "
                  + target
                  + " HTTP/1.1\r\n"
                  + "Host: "
                  + uri.getHost()
                  + ":"
                  + uri.getPort()
                  + "\r\n"
                  + headers
                  + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        answer.add(line.toLowerCase());
      }
    }
    return answer;
  }
}
