package dev.chain.im.messages;

import static io.restassured.RestAssured.given;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.JsonValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds every REST exchange of the tests to the OpenAPI document the service serves: each answer
 * must be one the document describes (status, media type, body), and each request the service
 * accepted must be one the document allows. A request the service refused is not checked, since
 * tests of bad input send what the document forbids on purpose; its answer still is.
 */
final class OpenApiConformance implements OrderedFilter {
  private static final AtomicLong CHECKED = new AtomicLong();
  private static volatile OpenApiInteractionValidator validator;

  /** Exchanges checked so far in this JVM. */
  static long checked() {
    return CHECKED.get();
  }

  /** The validator of the document served on the management port of the running test app. */
  static OpenApiInteractionValidator validator() {
    if (validator == null) {
      synchronized (OpenApiConformance.class) {
        if (validator == null) {
          validator =
              OpenApiInteractionValidator.createForInlineApiSpecification(document()).build();
        }
      }
    }
    return validator;
  }

  /** The served OpenAPI document, as JSON. */
  static String document() {
    return given()
        .baseUri(ApiTestBase.managementBase())
        .port(-1)
        .queryParam("format", "json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  @Override
  public Response filter(
      FilterableRequestSpecification request,
      FilterableResponseSpecification responseSpec,
      FilterContext context) {
    Response response = context.next(request, responseSpec);
    String path = URI.create(request.getURI()).getPath();
    if (!path.startsWith("/v1/")) {
      return response; // health, metrics and the document itself are not part of the API
    }
    OpenApiInteractionValidator checker = validator();
    ValidationReport report =
        checker.validateResponse(
            path, Request.Method.valueOf(request.getMethod()), RestAssuredResponse.of(response));
    if (response.statusCode() < 400) {
      report = report.merge(checker.validateRequest(RestAssuredRequest.of(request)));
    } else if (response.statusCode() == 404 && onlyUnknownPath(report)) {
      return response; // a path the API does not have: there is nothing to hold its answer to
    }
    CHECKED.incrementAndGet();
    if (report.hasErrors()) {
      throw new AssertionError(
          request.getMethod()
              + " "
              + path
              + " → "
              + response.statusCode()
              + " does not match the OpenAPI document: "
              + JsonValidationReportFormat.getInstance().apply(report)
              + "\nanswer: "
              + response.asString());
    }
    return response;
  }

  private static boolean onlyUnknownPath(ValidationReport report) {
    return report.getMessages().stream()
        .allMatch(message -> message.getKey().equals("validation.request.path.missing"));
  }

  @Override
  public int getOrder() {
    return OrderedFilter.LOWEST_PRECEDENCE;
  }
}
