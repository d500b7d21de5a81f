package dev.chain.im.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chain.im.client.ImTransport;
import dev.chain.im.protocol.chain.ChainEntry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's walkthrough as written: its bash blocks with HTTPie, against the running stack,
 * and the websocat step as a WebSocket client with the same header. If the README drifts from the
 * product, this fails.
 */
class ReadmeWalkthroughTest extends StackTestBase {
  private static final Pattern BASH_BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);
  private final ObjectMapper json = ImTransport.newMapper();

  @Test
  void theHttpieSessionAndThePushWorkAsWritten() throws Exception {
    assumeTrue(onPath("http") && onPath("jq"), "HTTPie and jq are installed by .ci/run");
    List<String> blocks = walkthroughBlocks();
    int websocat = indexOf(blocks, "websocat");
    String before = String.join("\n", blocks.subList(0, websocat));
    String after = String.join("\n", blocks.subList(websocat + 1, blocks.size()));

    String session =
        run(before + "\nprintf 'TOKENS %s %s %s\\n' \"$ALICE\" \"$BOB\" \"$CAROL\"\n", Map.of());
    assertThat(session)
        .contains("\"clientMsgId\":\"c-1\"")
        .contains("\"kind\":\"recall\"")
        .contains("\"state\":\"recalled\"")
        .contains("\"muted\":true")
        .contains("\"kind\":\"edit\"")
        .contains("\"member\":false")
        .contains("Only the owner of 'team-1' may remove other members.");
    String[] tokens = session.substring(session.indexOf("TOKENS ") + 7).trim().split(" ");

    BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    WebSocket socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("Authorization", "Bearer " + tokens[1])
            .buildAsync(URI.create(stack.gatewayWebSocketUrl()), new JsonFrames(json, frames::add))
            .get(30, TimeUnit.SECONDS);
    JsonNode hello = frames.poll(30, TimeUnit.SECONDS);
    assertThat(hello).isNotNull();
    assertThat(hello.path("type").asText()).isEqualTo("hello");
    assertThat(hello.path("userId").asText()).isEqualTo("bob");

    run(after, Map.of("ALICE", tokens[0], "BOB", tokens[1], "CAROL", tokens[2]));
    JsonNode entry = frames.poll(30, TimeUnit.SECONDS);
    List<String> later = new ArrayList<>();
    for (JsonNode next = frames.poll(30, TimeUnit.SECONDS);
        next != null && later.size() < 4;
        next = later.size() < 4 ? frames.poll(30, TimeUnit.SECONDS) : null) {
      later.add(
          next.path("type").asText()
              + ":"
              + next.at("/entry/kind").asText("-")
              + (next.at("/entry/mentioned").asBoolean() ? ":mentioned" : ""));
    }
    socket.abort();
    assertThat(later)
        .as(
            "the frames of the reactions, typing and mentions step (typing comes on a topic of its own)")
        .containsExactlyInAnyOrder(
            "entry:reaction", "typing:-", "entry:message:mentioned", "entry:read");
    assertThat(entry).isNotNull();
    assertThat(entry.path("type").asText()).isEqualTo("entry");
    assertThat(entry.at("/entry/message/content/text").asText()).isEqualTo("are you there?");
    ChainEntry pushed = json.treeToValue(entry.get("entry"), ChainEntry.class);
    List<ChainEntry> chain = serverChain("bob");
    // As pulled now, the message has the reactions of the later step: compare what does not change.
    int at = chain.stream().map(ChainEntry::seq).toList().indexOf(pushed.seq());
    assertThat(at).as("the pushed entry on Bob's chain, as pulled").isPositive();
    assertThat(chain.get(at).message().id()).isEqualTo(pushed.message().id());
    assertThat(entry.path("seq").asLong()).isEqualTo(pushed.seq());
    assertThat(entry.path("prevSeq").asLong()).isEqualTo(chain.get(at - 1).seq());
  }

  private List<String> walkthroughBlocks() throws IOException {
    String readme =
        Files.readString(
            Path.of(System.getProperty("im.project.root", "..")).resolve("README.md"),
            StandardCharsets.UTF_8);
    String walkthrough =
        readme.substring(
            readme.indexOf("## A session with HTTPie"), readme.indexOf("## Configuration"));
    String rest = stack.messageService().baseUri().toString();
    String port = rest.substring(rest.lastIndexOf(':'));
    List<String> blocks = new ArrayList<>();
    Matcher block = BASH_BLOCK.matcher(walkthrough);
    while (block.find()) {
      blocks.add(
          block
              .group(1)
              .replace(" :8080/", " " + port + "/")
              .replace("ws://localhost:8081/v1/ws", stack.gatewayWebSocketUrl()));
    }
    return blocks;
  }

  private static int indexOf(List<String> blocks, String word) {
    for (int i = 0; i < blocks.size(); i++) {
      if (blocks.get(i).contains(word)) {
        return i;
      }
    }
    throw new AssertionError("the README walkthrough has no " + word + " step");
  }

  /**
   * Runs a script as a terminal user would. HTTPie reads a body from stdin whenever stdin is not a
   * terminal, as here, so the script's {@code http} ignores stdin, which is what a terminal gives.
   */
  private static String run(String script, Map<String, String> environment) throws Exception {
    String terminalLike = "http() { command http --ignore-stdin \"$@\"; }\n" + script;
    ProcessBuilder bash =
        new ProcessBuilder("bash", "-euo", "pipefail", "-c", terminalLike)
            .redirectErrorStream(true);
    bash.environment().putAll(environment);
    Process process = bash.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv("PATH").split(":")) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
