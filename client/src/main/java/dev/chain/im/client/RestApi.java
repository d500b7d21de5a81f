package dev.chain.im.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chain.im.protocol.DevToken;
import dev.chain.im.protocol.Problem;
import dev.chain.im.protocol.chain.ChainEntry;
import dev.chain.im.protocol.chain.SyncPage;
import dev.chain.im.protocol.conversation.Access;
import dev.chain.im.protocol.conversation.Conversation;
import dev.chain.im.protocol.conversation.ConversationList;
import dev.chain.im.protocol.conversation.ConversationPage;
import dev.chain.im.protocol.conversation.ConversationSettings;
import dev.chain.im.protocol.conversation.ConversationSummary;
import dev.chain.im.protocol.conversation.CreateConversation;
import dev.chain.im.protocol.conversation.EditMessage;
import dev.chain.im.protocol.conversation.EditResult;
import dev.chain.im.protocol.conversation.History;
import dev.chain.im.protocol.conversation.MarkRead;
import dev.chain.im.protocol.conversation.Membership;
import dev.chain.im.protocol.conversation.PresenceList;
import dev.chain.im.protocol.conversation.Reactions;
import dev.chain.im.protocol.conversation.ReadPosition;
import dev.chain.im.protocol.conversation.RecallResult;
import dev.chain.im.protocol.conversation.SendMessage;
import dev.chain.im.protocol.conversation.SentMessage;
import dev.chain.im.protocol.push.Route;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * message-service's REST calls as one user. Stateless apart from the token; cheap to create.
 *
 * <p>Every call is asynchronous. A non-2xx answer completes the future exceptionally with an {@link
 * ApiException} (wrapped in a {@link CompletionException} when seen through {@code join()}; {@link
 * #unwrap} gets it out); a transport failure with the {@link IOException}.
 */
public final class RestApi {
  private final ImTransport transport;
  private final ObjectMapper mapper;
  private final String token;
  private final String userId;
  private final String base;

  RestApi(ImTransport transport, String token) {
    this.transport = transport;
    this.mapper = transport.mapper();
    this.token = token;
    this.userId = token == null ? null : subjectOf(token, mapper);
    String base = transport.options().httpBase().toString();
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** The bearer token, or {@code null} for an anonymous API. */
  public String token() {
    return token;
  }

  /** The token's subject (read, not verified), or {@code null} if the token is not a JWT. */
  public String userId() {
    return userId;
  }

  /** {@code POST /v1/dev/tokens}: a token for any user, where the server allows it. */
  public CompletableFuture<String> devToken(String userId) {
    return call("POST", "/v1/dev/tokens", new DevToken.Request(userId))
        .thenApply(r -> read(r, DevToken.Response.class).token());
  }

  /**
   * {@code POST /v1/conversations}: creates a conversation owned by the caller.
   *
   * @param members the other members (the caller is added as owner)
   * @param access {@code null} for the server's default
   * @param history {@code null} for the server's default
   */
  public CompletableFuture<Conversation> createConversation(
      String conversationId, List<String> members, Access access, History history) {
    CreateConversation body =
        new CreateConversation(
            conversationId,
            members,
            access == null ? null : access.wire(),
            history == null ? null : history.wire());
    return call("POST", "/v1/conversations", body).thenApply(r -> read(r, Conversation.class));
  }

  /** {@code GET /v1/conversations/{cid}}: settings and members (members only). */
  public CompletableFuture<Conversation> conversation(String conversationId) {
    return call("GET", conversationPath(conversationId), null)
        .thenApply(r -> read(r, Conversation.class));
  }

  /** Joins an open conversation as the caller (creating it if it does not exist). */
  public CompletableFuture<Membership> join(String conversationId) {
    return addMember(conversationId, requireUserId());
  }

  /** {@code PUT /v1/conversations/{cid}/members/{uid}}: join, or add someone. Idempotent. */
  public CompletableFuture<Membership> addMember(String conversationId, String userId) {
    return call("PUT", conversationPath(conversationId) + "/members/" + segment(userId), null)
        .thenApply(r -> read(r, Membership.class));
  }

  /** Leaves a conversation as the caller. */
  public CompletableFuture<Membership> leave(String conversationId) {
    return removeMember(conversationId, requireUserId());
  }

  /** {@code DELETE /v1/conversations/{cid}/members/{uid}}: leave, or remove (owner). Idempotent. */
  public CompletableFuture<Membership> removeMember(String conversationId, String userId) {
    return call("DELETE", conversationPath(conversationId) + "/members/" + segment(userId), null)
        .thenApply(r -> read(r, Membership.class));
  }

  /** Sends {@code {"text": text}}. */
  public CompletableFuture<SendResult> sendText(
      String conversationId, String clientMsgId, String text) {
    return send(conversationId, clientMsgId, Map.<String, Object>of("text", text));
  }

  /**
   * {@code POST /v1/conversations/{cid}/messages} with a content object. {@link
   * SendResult#created()} is false when the server recognised {@code clientMsgId} and answered with
   * the first result.
   */
  public CompletableFuture<SendResult> send(
      String conversationId, String clientMsgId, Map<String, Object> content) {
    return call(
            "POST",
            conversationPath(conversationId) + "/messages",
            new SendMessage(clientMsgId, content))
        .thenApply(r -> new SendResult(read(r, SentMessage.class).message(), r.status() == 201));
  }

  /**
   * {@code GET /v1/conversations/{cid}/messages}: a page of the conversation chain.
   *
   * @param after only messages with seq above it; {@code null} for none
   * @param before only messages with seq below it; {@code null} for none
   * @param limit {@code null} for the server's default
   */
  public CompletableFuture<ConversationPage> pullConversation(
      String conversationId, Long after, Long before, Integer limit) {
    List<String> query = new ArrayList<>();
    if (after != null) {
      query.add("after=" + after);
    }
    if (before != null) {
      query.add("before=" + before);
    }
    if (limit != null) {
      query.add("limit=" + limit);
    }
    String path = conversationPath(conversationId) + "/messages";
    if (!query.isEmpty()) {
      path += "?" + String.join("&", query);
    }
    return call("GET", path, null).thenApply(r -> read(r, ConversationPage.class));
  }

  /** {@code GET /v1/conversations}: every conversation of the caller, all pages followed. */
  public CompletableFuture<List<ConversationSummary>> listConversations() {
    return listConversationsAfter(null, new ArrayList<>());
  }

  /**
   * {@code GET /v1/conversations?after=&limit=}: one page of the caller's conversations, the latest
   * activity first; {@code after} is a previous page's {@code next}, or null for the first page.
   */
  public CompletableFuture<ConversationList> listConversations(String after, int limit) {
    // A cursor is URL-safe base64: it goes into the query as it is.
    return conversationPage("?limit=" + limit + (after == null ? "" : "&after=" + after));
  }

  private CompletableFuture<ConversationList> conversationPage(String query) {
    return call("GET", "/v1/conversations" + query, null)
        .thenApply(r -> read(r, ConversationList.class));
  }

  private CompletableFuture<List<ConversationSummary>> listConversationsAfter(
      String after, List<ConversationSummary> gathered) {
    return conversationPage(after == null ? "" : "?after=" + after)
        .thenCompose(
            page -> {
              gathered.addAll(page.conversations());
              return page.hasMore()
                  ? listConversationsAfter(page.next(), gathered)
                  : CompletableFuture.completedFuture(gathered);
            });
  }

  /** {@code POST /v1/conversations/{cid}/read}: moves the read position forward. */
  public CompletableFuture<ReadPosition> markRead(String conversationId, long seq) {
    return call("POST", conversationPath(conversationId) + "/read", new MarkRead(seq))
        .thenApply(r -> read(r, ReadPosition.class));
  }

  /** {@code PATCH /v1/conversations/{cid}/messages/{seq}}: the sender edits, within the window. */
  public CompletableFuture<EditResult> edit(
      String conversationId, long seq, Map<String, Object> content) {
    return call(
            "PATCH",
            conversationPath(conversationId) + "/messages/" + seq,
            new EditMessage(content))
        .thenApply(r -> read(r, EditResult.class));
  }

  /** {@code GET /v1/presence}: which of these users (sharing a conversation) are online. */
  public CompletableFuture<PresenceList> presence(List<String> userIds) {
    return call(
            "GET",
            "/v1/presence?userIds="
                + String.join(",", userIds.stream().map(RestApi::segment).toList()),
            null)
        .thenApply(r -> read(r, PresenceList.class));
  }

  /** {@code POST /v1/conversations/{cid}/typing}: tells the other members the caller types. */
  public CompletableFuture<Void> typing(String conversationId) {
    return call("POST", conversationPath(conversationId) + "/typing", null).thenApply(r -> null);
  }

  /** {@code PUT …/messages/{seq}/reactions/{reaction}}: adds the caller's reaction. Idempotent. */
  public CompletableFuture<Reactions> react(String conversationId, long seq, String reaction) {
    return call("PUT", reactionPath(conversationId, seq, reaction), null)
        .thenApply(r -> read(r, Reactions.class));
  }

  /** {@code DELETE …/messages/{seq}/reactions/{reaction}}: takes it back. Idempotent. */
  public CompletableFuture<Reactions> unreact(String conversationId, long seq, String reaction) {
    return call("DELETE", reactionPath(conversationId, seq, reaction), null)
        .thenApply(r -> read(r, Reactions.class));
  }

  private static String reactionPath(String conversationId, long seq, String reaction) {
    return conversationPath(conversationId)
        + "/messages/"
        + seq
        + "/reactions/"
        + segment(reaction);
  }

  /**
   * {@code PUT /v1/conversations/{cid}/settings}: mutes or unmutes the conversation for the caller
   * (no offline notifications while muted).
   */
  public CompletableFuture<ConversationSettings> mute(String conversationId, boolean muted) {
    return call("PUT", conversationPath(conversationId) + "/settings", Map.of("muted", muted))
        .thenApply(r -> read(r, ConversationSettings.class));
  }

  /** {@code POST /v1/conversations/{cid}/messages/{seq}/recall}: recalls for everyone. */
  public CompletableFuture<RecallResult> recall(String conversationId, long seq) {
    return call("POST", conversationPath(conversationId) + "/messages/" + seq + "/recall", null)
        .thenApply(r -> read(r, RecallResult.class));
  }

  /** {@code DELETE /v1/conversations/{cid}/messages/{seq}}: hides a message for the caller. */
  public CompletableFuture<Void> deleteForMe(String conversationId, long seq) {
    return call("DELETE", conversationPath(conversationId) + "/messages/" + seq, null)
        .thenApply(r -> null);
  }

  /** {@code GET /v1/route}: the WebSocket URL of the gateway that serves the caller. */
  public CompletableFuture<Route> route() {
    return call("GET", "/v1/route", null).thenApply(r -> read(r, Route.class));
  }

  /** {@code GET /v1/sync?after=&limit=}: a page of the caller's user chain. */
  public CompletableFuture<SyncPage> sync(long after, int limit) {
    return call("GET", "/v1/sync?after=" + after + "&limit=" + limit, null)
        .thenApply(r -> read(r, SyncPage.class));
  }

  /**
   * The caller's user chain after {@code after} up to its head, pulled in pages of {@code pageSize}
   * until {@code hasMore} is false.
   */
  public CompletableFuture<List<ChainEntry>> chainAfter(long after, int pageSize) {
    return pullFrom(after, pageSize, new ArrayList<>());
  }

  private CompletableFuture<List<ChainEntry>> pullFrom(
      long after, int pageSize, List<ChainEntry> pulled) {
    return sync(after, pageSize)
        .thenCompose(
            page -> {
              pulled.addAll(page.entries());
              if (!page.hasMore() || page.entries().isEmpty()) {
                return CompletableFuture.completedFuture(pulled);
              }
              return pullFrom(
                  page.entries().get(page.entries().size() - 1).seq(), pageSize, pulled);
            });
  }

  /** A raw answer: status and body (a missing node when the body was empty). */
  public record JsonResponse(int status, JsonNode body) {}

  /**
   * Any call: {@code path} starts with {@code /v1/} and may carry a query; {@code body} is
   * serialized as JSON ({@code null} for none). For tests that need what the typed methods do not
   * cover. Non-2xx answers fail with {@link ApiException}.
   */
  public CompletableFuture<JsonResponse> call(String method, String path, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(transport.options().requestTimeout())
            .header("Accept", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      byte[] json;
      try {
        json = mapper.writeValueAsBytes(body);
      } catch (JsonProcessingException e) {
        return CompletableFuture.failedFuture(e);
      }
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(json));
    }
    return transport
        .http()
        .sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(response -> answer(method, path, response));
  }

  /** The {@link ApiException} (or other cause) behind a {@link CompletionException}. */
  public static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException
            || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private JsonResponse answer(String method, String path, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    byte[] bytes = response.body();
    if (status >= 200 && status < 300) {
      return new JsonResponse(status, parse(bytes));
    }
    throw new ApiException(method, path, status, problem(status, bytes));
  }

  private JsonNode parse(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return mapper.missingNode();
    }
    try {
      return mapper.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("Unreadable JSON answer", e);
    }
  }

  private Problem problem(int status, byte[] bytes) {
    String text = bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    try {
      JsonNode node = mapper.readTree(text);
      if (node != null && node.isObject()) {
        Problem problem = mapper.treeToValue(node, Problem.class);
        return problem.status() == 0
            ? new Problem(
                problem.type(), problem.title(), status, problem.detail(), problem.instance())
            : problem;
      }
    } catch (IOException e) {
      // not a problem document: keep the text below
    }
    String detail = text.length() > 500 ? text.substring(0, 500) + "…" : text;
    return new Problem(null, null, status, detail.isEmpty() ? null : detail, null);
  }

  private <T> T read(JsonResponse response, Class<T> type) {
    return convert(response.body(), type);
  }

  private <T> T convert(JsonNode node, Class<T> type) {
    try {
      return mapper.treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("Unreadable " + type.getSimpleName() + ": " + node, e);
    }
  }

  private String requireUserId() {
    if (userId == null) {
      throw new IllegalStateException(
          "The token's user is unknown (no token, or not a JWT): name the user explicitly");
    }
    return userId;
  }

  private static String conversationPath(String conversationId) {
    return "/v1/conversations/" + segment(conversationId);
  }

  /** Percent-encodes a path segment: everything but unreserved characters, ':' and '@'. */
  static String segment(String value) {
    Objects.requireNonNull(value, "path segment");
    StringBuilder out = new StringBuilder(value.length());
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || c == ':'
          || c == '@') {
        out.append(c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /** The {@code sub} claim of a JWT, without verifying it; {@code null} if unreadable. */
  static String subjectOf(String token, ObjectMapper mapper) {
    String[] parts = token.split("\\.");
    if (parts.length < 2) {
      return null;
    }
    try {
      JsonNode claims = mapper.readTree(Base64.getUrlDecoder().decode(parts[1]));
      JsonNode sub = claims.get("sub");
      return sub == null || !sub.isTextual() ? null : sub.asText();
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }
}
