package dev.chain.im.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a generated client or Swagger's "Try it out" relies on in the served document; {@link
 * OpenApiConformance} checks the exchanges of every other test against it.
 */
@QuarkusTest
class OpenApiDocumentTest extends ApiTestBase {
  private static final Set<String> TAGS =
      Set.of(
          "Conversations", "Messages", "Read state", "Sync", "Presence", "Settings", "Development");

  private JsonNode document;

  @BeforeEach
  void read() throws Exception {
    document = new ObjectMapper().readTree(OpenApiConformance.document());
  }

  @Test
  void everyOperationIsNamedTaggedAndAnswersItsSuccessAndProblems() {
    Set<String> operationIds = new HashSet<>();
    List<String> operations = new ArrayList<>();
    document
        .get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        method -> {
                          String name = method.getKey() + " " + path.getKey();
                          JsonNode operation = method.getValue();
                          operations.add(name);
                          assertThat(operation.path("operationId").asText()).as(name).isNotEmpty();
                          assertThat(operationIds.add(operation.get("operationId").asText()))
                              .as(name + " has an operationId of its own")
                              .isTrue();
                          assertThat(operation.path("summary").asText()).as(name).isNotEmpty();
                          assertThat(operation.get("tags")).as(name).hasSize(1);
                          assertThat(TAGS).contains(operation.get("tags").get(0).asText());
                          assertAnswers(name, resolved(operation.get("responses")));
                        }));
    assertThat(operations).hasSizeGreaterThanOrEqualTo(21);
  }

  private static void assertAnswers(String name, JsonNode responses) {
    boolean success = false;
    for (Map.Entry<String, JsonNode> response : responses.properties()) {
      int status = Integer.parseInt(response.getKey());
      JsonNode content = response.getValue().path("content");
      if (status >= 400) {
        assertThat(content.path("application/problem+json").path("schema").path("$ref").asText())
            .as(name + " " + status)
            .isEqualTo("#/components/schemas/Problem");
      } else if (status == 204) {
        success = true;
        assertThat(content.isMissingNode()).as(name + " 204 has no body").isTrue();
      } else {
        success = true;
        assertThat(content.path("application/json").path("schema").isMissingNode())
            .as(name + " " + status + " has a schema")
            .isFalse();
      }
    }
    assertThat(success).as(name + " documents its success").isTrue();
    assertThat(responses.has("503")).as(name).isTrue();
  }

  @Test
  void aSendTakesAndAnswersMessageContentAndSaysWhatEachStatusMeans() {
    JsonNode send = document.at("/paths/~1v1~1conversations~1{cid}~1messages/post");
    assertThat(send.get("operationId").asText()).isEqualTo("sendMessage");
    assertThat(send.at("/requestBody/required").asBoolean()).isTrue();
    assertThat(send.get("responses").properties())
        .extracting(Map.Entry::getKey)
        .contains("200", "201", "400", "401", "403", "404", "409", "413", "415", "429", "503");
    JsonNode content = schema("SendMessage").at("/properties/content");
    assertThat(content.get("$ref").asText()).isEqualTo("#/components/schemas/MessageContent");
    JsonNode messageContent = schema("MessageContent");
    assertThat(messageContent.get("type").asText()).isEqualTo("object");
    assertThat(messageContent.at("/properties/text/type").asText()).isEqualTo("string");
    assertThat(messageContent.toString()).doesNotContain("nodeType", "valueNode");
    JsonNode delete =
        document.at("/paths/~1v1~1conversations~1{cid}~1messages~1{seq}/delete/responses");
    assertThat(delete.has("204")).isTrue();
    assertThat(delete.has("200")).isFalse();
  }

  @Test
  void closedSetsAreEnumsAndPositionsAreBoundedIntegers() {
    assertThat(texts(schema("ConversationSummary").at("/properties/access/enum")))
        .containsExactly("open", "invite");
    assertThat(texts(schema("Conversation").at("/properties/history/enum")))
        .containsExactly("full", "since_join");
    assertThat(texts(schema("Message").at("/properties/state/enum")))
        .containsExactly("normal", "recalled");
    assertThat(texts(schema("ChainEntry").at("/properties/kind/enum")))
        .contains("message", "read", "recall", "delete", "membership", "edit", "reaction");
    assertThat(texts(schema("ChainEntry").at("/properties/change/enum")))
        .contains("joined", "left", "removed", "added");
    assertThat(texts(schema("Message").get("required"))).contains("id", "seq", "state");
    List<String> bounded = new ArrayList<>();
    for (JsonNode declared :
        document.at("/paths/~1v1~1conversations~1{cid}~1messages/get/parameters")) {
      String ref = declared.path("$ref").asText();
      JsonNode parameter = ref.isEmpty() ? declared : document.at(ref.substring(1));
      bounded.add(parameter.get("name").asText());
      if (List.of("after", "before", "limit").contains(parameter.get("name").asText())) {
        assertThat(parameter.at("/schema/type").asText()).isEqualTo("integer");
        assertThat(parameter.at("/schema/minimum").isNumber()).isTrue();
      }
    }
    assertThat(bounded).contains("after", "before", "limit");
  }

  @Test
  void theValidatorRefusesAnAnswerTheDocumentDoesNotDescribe() {
    String messageWithTextContent =
        "{\"message\":{\"id\":\"7d3e9a10-4b2c-4f6e-8a1d-5c9b0e2f3a47\",\"conversationId\":\"c\","
            + "\"seq\":1,\"senderId\":\"a\",\"clientMsgId\":null,"
            + "\"sentAt\":\"2026-12-03T12:00:00Z\",\"content\":\"hi\",\"state\":\"normal\"}}";
    ValidationReport report =
        OpenApiConformance.validator()
            .validateResponse(
                "/v1/conversations/c/messages",
                Request.Method.POST,
                SimpleResponse.Builder.status(201)
                    .withContentType("application/json")
                    .withBody(messageWithTextContent)
                    .build());
    assertThat(report.hasErrors()).isTrue();
    ValidationReport undocumented =
        OpenApiConformance.validator()
            .validateResponse(
                "/v1/conversations/c/messages/1",
                Request.Method.DELETE,
                SimpleResponse.Builder.status(200)
                    .withContentType("application/json")
                    .withBody("{}")
                    .build());
    assertThat(undocumented.hasErrors()).isTrue();
  }

  /** The operation's answers, each shared one ({@code $ref}) replaced by what it refers to. */
  private JsonNode resolved(JsonNode responses) {
    ObjectNode out = responses.deepCopy();
    responses
        .properties()
        .forEach(
            response -> {
              String ref = response.getValue().path("$ref").asText();
              if (!ref.isEmpty()) {
                out.set(response.getKey(), document.at(ref.substring(1)));
              }
            });
    return out;
  }

  private JsonNode schema(String name) {
    JsonNode schema = document.at("/components/schemas/" + name);
    assertThat(schema.isMissingNode()).as(name).isFalse();
    return schema;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(item -> out.add(item.asText()));
    return out;
  }
}
