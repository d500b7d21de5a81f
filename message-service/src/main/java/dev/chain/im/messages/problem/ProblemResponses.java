package dev.chain.im.messages.problem;

import dev.chain.im.protocol.Problem;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes every operation of the OpenAPI document with the errors any of them may answer (bad
 * input, no token, a body too large or not JSON, a busy service), and gives every error the problem
 * schema. The resources document only what is particular to each operation.
 */
public class ProblemResponses implements OASFilter {
  private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    openAPI
        .getPaths()
        .getPathItems()
        .values()
        .forEach(item -> item.getOperations().values().forEach(ProblemResponses::complete));
    // The shared answers of META-INF/openapi.yaml that operations refer to: all of them errors.
    openAPI.getComponents().getResponses().forEach(ProblemResponses::asProblem);
  }

  private static void complete(Operation operation) {
    APIResponses responses = operation.getResponses();
    boolean input =
        operation.getRequestBody() != null
            || (operation.getParameters() != null && !operation.getParameters().isEmpty());
    if (input) {
      addIfAbsent(responses, "400", "Bad input: the detail says what to change.");
    }
    if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
      addIfAbsent(responses, "401", "No valid bearer token.");
    }
    if (operation.getRequestBody() != null) {
      addIfAbsent(responses, "413", "The body is larger than the service takes.");
      addIfAbsent(responses, "415", "The body is not application/json.");
    }
    addIfAbsent(
        responses, "503", "The service cannot answer now (the database is busy); see Retry-After.");
    for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
      boolean error = response.getKey().startsWith("4") || response.getKey().startsWith("5");
      if (error && response.getValue().getRef() == null) {
        asProblem(response.getKey(), response.getValue());
      }
    }
  }

  private static void addIfAbsent(APIResponses responses, String status, String description) {
    if (!responses.hasAPIResponse(status)) {
      responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
    }
  }

  /** {@code status}: the status, or for a shared answer its name. */
  private static void asProblem(String status, APIResponse response) {
    response.content(
        OASFactory.createContent()
            .addMediaType(
                Problem.MEDIA_TYPE,
                OASFactory.createMediaType()
                    .schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA))));
    if (status.equals("429") || status.equals("503") || status.equals("RateLimited")) {
      response.addHeader(
          "Retry-After",
          OASFactory.createHeader()
              .description("Seconds to wait before trying again.")
              .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
    }
  }
}
