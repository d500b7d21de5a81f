package dev.chain.im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard of the compose observability profile asks only for series that the packaged
 * services expose on their management interfaces, from the Prometheus data source it provisions.
 */
class DashboardTest extends StackTestBase {
  private static final Path DASHBOARD =
      Path.of(System.getProperty("im.project.root", ".."))
          .resolve("deploy/observability/grafana/dashboards/im-overview.json");
  private static final Pattern SERIES = Pattern.compile("\\b((?:im|http_server)_[a-z_]+)\\b");
  private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");

  @Test
  void everySeriesTheDashboardAsksForIsExposed() throws Exception {
    send(api(id("alice")), createdConversation(), "a metric or two");
    Set<String> exposed = new HashSet<>();
    exposed.addAll(scrape(stack.messageService().managementUri()));
    exposed.addAll(scrape(stack.pushGateway().managementUri()));

    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    Set<String> asked = new TreeSet<>();
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : dashboard.get("panels")) {
      assertThat(ids.add(panel.get("id").asInt())).as("panel ids are unique").isTrue();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.at("/datasource/uid").asText()).isEqualTo("prometheus");
        Matcher series = SERIES.matcher(target.get("expr").asText());
        while (series.find()) {
          asked.add(series.group(1).replaceAll("_(bucket|count|sum)$", ""));
        }
      }
    }
    assertThat(asked).hasSizeGreaterThan(10);
    for (String name : asked) {
      assertThat(exposed.stream().anyMatch(s -> s.equals(name) || s.startsWith(name + "_")))
          .as("%s is exposed by message-service or push-gateway", name)
          .isTrue();
    }
  }

  private String createdConversation() {
    String conversation = id("dashboard");
    await(api(id("alice")).createConversation(conversation, List.of(id("bob")), null, null));
    return conversation;
  }

  private static Set<String> scrape(URI management) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(management.resolve("/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    Set<String> names = new HashSet<>();
    Matcher sample = SAMPLE.matcher(response.body());
    while (sample.find()) {
      names.add(sample.group(1));
    }
    return names;
  }
}
