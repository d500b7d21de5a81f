package dev.chain.im.messages.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.chain.im.protocol.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.ConnectException;
import java.util.Collection;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into {@code application/problem+json}; only our own faults are 500s. */
public class ProblemMappers {
  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
  private static final MediaType PROBLEM_JSON = MediaType.valueOf(Problem.MEDIA_TYPE);

  @ServerExceptionMapper
  public Response problem(ProblemException e, UriInfo uri) {
    Response problem = respond(e.status(), e.title(), e.getMessage(), uri.getPath());
    if (e.retryAfterSeconds() <= 0) {
      return problem;
    }
    return Response.fromResponse(problem)
        .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()))
        .build();
  }

  @ServerExceptionMapper({
    AuthenticationFailedException.class,
    UnauthorizedException.class,
  })
  public Response unauthorized(RuntimeException e, UriInfo uri) {
    Response problem =
        respond(
            401,
            "Unauthorized",
            "Send a valid, unexpired token as 'Authorization: Bearer <JWT>'.",
            uri.getPath());
    return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, UriInfo uri) {
    return respond(403, "Forbidden", "You may not do this.", uri.getPath());
  }

  @ServerExceptionMapper
  public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
    return respond(
        400,
        "Bad request",
        "The body is not the JSON this call expects: " + e.getOriginalMessage(),
        uri.getPath());
  }

  /** A field of the wrong JSON type, such as a string where an object belongs. */
  @ServerExceptionMapper
  public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
    String field =
        e.getPath().stream()
            .map(
                ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
            .collect(Collectors.joining("."));
    if (field.isEmpty()) {
      return unreadableJson(e, uri);
    }
    return respond(
        400,
        "Bad request",
        "'" + field + "' must be " + jsonKind(e.getTargetType()) + ".",
        uri.getPath());
  }

  private static String jsonKind(Class<?> type) {
    if (type == null) {
      return "of another JSON type";
    }
    if (CharSequence.class.isAssignableFrom(type)) {
      return "a string";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    return "a JSON object";
  }

  /** SQLSTATE class 22 is bad data, such as a NUL character in JSON text: the caller's input. */
  @ServerExceptionMapper
  public Response database(PgException e, UriInfo uri) {
    if (e.getSqlState() != null && e.getSqlState().startsWith("22")) {
      return respond(
          400,
          "Bad request",
          "The input holds a value that cannot be stored, such as a NUL character (\\u0000) in a"
              + " string; remove it and send again.",
          uri.getPath());
    }
    return unexpected(e, uri);
  }

  @ServerExceptionMapper
  public Response databaseBusy(ConnectionPoolTooBusyException e, UriInfo uri) {
    Response busy =
        respond(
            503, "Service unavailable", "The database is busy; retry in a second.", uri.getPath());
    return Response.fromResponse(busy).header(HttpHeaders.RETRY_AFTER, "1").build();
  }

  @ServerExceptionMapper({ConnectException.class, ClosedConnectionException.class})
  public Response databaseDown(Exception e, UriInfo uri) {
    LOG.warnf("Database unavailable on %s: %s", uri.getPath(), e.toString());
    return respond(
        503,
        "Service unavailable",
        "The database cannot be reached right now; retry shortly.",
        uri.getPath());
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, UriInfo uri) {
    Response.StatusType status = e.getResponse().getStatusInfo();
    String detail =
        switch (status.getStatusCode()) {
          case 404 -> "There is no such resource; the calls are listed in docs/protocol.md.";
          case 405 -> "This method is not allowed here; the calls are listed in docs/protocol.md.";
          case 406 -> "The answer is JSON: accept application/json.";
          case 415 -> "Send the body as JSON, with 'Content-Type: application/json'.";
          default -> e.getMessage();
        };
    return respond(status.getStatusCode(), status.getReasonPhrase(), detail, uri.getPath());
  }

  @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
  public Response unexpected(Throwable e, UriInfo uri) {
    LOG.errorf(e, "Unexpected failure on %s", uri.getPath());
    return respond(
        500,
        "Internal server error",
        "The server failed unexpectedly; the failure is logged.",
        uri.getPath());
  }

  private static Response respond(int status, String title, String detail, String instance) {
    return Response.status(status)
        .type(PROBLEM_JSON)
        .entity(new Problem("about:blank", title, status, detail, instance))
        .build();
  }
}
