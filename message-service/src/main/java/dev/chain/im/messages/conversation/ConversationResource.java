package dev.chain.im.messages.conversation;

import dev.chain.im.messages.chain.Paging;
import dev.chain.im.messages.identity.CurrentUser;
import dev.chain.im.messages.identity.RequiredIds;
import dev.chain.im.protocol.conversation.Conversation;
import dev.chain.im.protocol.conversation.ConversationList;
import dev.chain.im.protocol.conversation.ConversationPage;
import dev.chain.im.protocol.conversation.ConversationSettings;
import dev.chain.im.protocol.conversation.CreateConversation;
import dev.chain.im.protocol.conversation.EditMessage;
import dev.chain.im.protocol.conversation.EditResult;
import dev.chain.im.protocol.conversation.MarkRead;
import dev.chain.im.protocol.conversation.Membership;
import dev.chain.im.protocol.conversation.Reactions;
import dev.chain.im.protocol.conversation.ReadPosition;
import dev.chain.im.protocol.conversation.RecallResult;
import dev.chain.im.protocol.conversation.Receipts;
import dev.chain.im.protocol.conversation.SendMessage;
import dev.chain.im.protocol.conversation.SentMessage;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Conversations, their members, their chain and the caller's place in it. */
@Path("/v1/conversations")
@Authenticated
@SecurityRequirement(name = "bearer")
public class ConversationResource {
  private final Conversations conversations;
  private final CurrentUser user;
  private final Paging paging;

  public ConversationResource(Conversations conversations, CurrentUser user, Paging paging) {
    this.conversations = conversations;
    this.user = user;
    this.paging = paging;
  }

  @POST
  @Tag(name = "Conversations")
  @Operation(
      operationId = "createConversation",
      summary = "Create a conversation; the caller becomes its owner")
  @APIResponse(
      responseCode = "201",
      description = "Created.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Conversation.class)))
  @APIResponse(responseCode = "409", description = "The id is taken.")
  @APIResponse(responseCode = "429", ref = "RateLimited")
  public Uni<Response> create(@RequestBody(required = false) CreateConversation request) {
    return conversations
        .create(user.id(), request)
        .map(created -> Response.status(Response.Status.CREATED).entity(created).build());
  }

  @GET
  @Tag(name = "Conversations")
  @Operation(
      operationId = "listConversations",
      summary = "A page of the caller's conversations with last message and unread count")
  @APIResponse(
      responseCode = "200",
      description = "The page, newest activity first.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ConversationList.class)))
  public Uni<ConversationList> list(
      @Parameter(description = "The next of the previous page.") @QueryParam("after") String after,
      @Parameter(ref = "PageLimit") @QueryParam("limit") String limit) {
    return conversations.summaries(
        user.id(),
        after == null || after.isEmpty() ? null : ListCursor.decode(after),
        paging.limit(limit));
  }

  @GET
  @Path("{cid}")
  @Tag(name = "Conversations")
  @Operation(
      operationId = "describeConversation",
      summary = "A conversation's settings and current members (members only)")
  @APIResponse(
      responseCode = "200",
      description = "The conversation.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Conversation.class)))
  @APIResponse(responseCode = "403", ref = "NotAMember")
  @APIResponse(responseCode = "404", ref = "NoSuchConversation")
  public Uni<Conversation> describe(@PathParam("cid") String cid) {
    return conversations.describe(user.id(), RequiredIds.conversationId(cid));
  }

  @PUT
  @Path("{cid}/members/{uid}")
  @Tag(name = "Conversations")
  @Operation(
      operationId = "addMember",
      summary = "Join an open conversation, or add someone to one you are in")
  @APIResponse(
      responseCode = "200",
      description = "A member now; changed is false if they already were.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Membership.class)))
  @APIResponse(
      responseCode = "403",
      description =
          "Invite-only and the caller is not in it, or the caller adds someone to a conversation"
              + " they are not in.")
  @APIResponse(
      responseCode = "404",
      description = "No such conversation, and im.conversations.create-on-join is off.")
  @APIResponse(responseCode = "429", ref = "RateLimited")
  public Uni<Membership> join(@PathParam("cid") String cid, @PathParam("uid") String uid) {
    return conversations.join(user.id(), RequiredIds.conversationId(cid), uid);
  }

  @DELETE
  @Path("{cid}/members/{uid}")
  @Tag(name = "Conversations")
  @Operation(operationId = "removeMember", summary = "Leave, or (as the owner) remove someone")
  @APIResponse(
      responseCode = "200",
      description = "Not a member now; changed is false if they already were not.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Membership.class)))
  @APIResponse(responseCode = "403", description = "Only the owner removes others.")
  @APIResponse(responseCode = "404", ref = "NoSuchConversation")
  @APIResponse(responseCode = "429", ref = "RateLimited")
  public Uni<Membership> leave(@PathParam("cid") String cid, @PathParam("uid") String uid) {
    return conversations.leave(user.id(), RequiredIds.conversationId(cid), uid);
  }

  @POST
  @Path("{cid}/messages")
  @Tag(name = "Messages")
  @Operation(
      operationId = "sendMessage",
      summary = "Send; a retry with the same clientMsgId returns the first result")
  @APIResponse(
      responseCode = "201",
      description = "Sent: on every member's chain.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SentMessage.class)))
  @APIResponse(
      responseCode = "200",
      description = "A retry: the first send's message.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SentMessage.class)))
  @APIResponse(
      responseCode = "403",
      description = "The caller is not a member, or mentions @all without being the owner.")
  @APIResponse(responseCode = "404", ref = "NoSuchConversation")
  @APIResponse(
      responseCode = "409",
      description = "The clientMsgId was already used for a message with other content.")
  @APIResponse(responseCode = "429", ref = "RateLimited")
  public Uni<Response> send(
      @PathParam("cid") String cid, @RequestBody(required = true) SendMessage request) {
    return conversations
        .send(user.id(), RequiredIds.conversationId(cid), request)
        .map(
            sent ->
                Response.status(sent.created() ? Response.Status.CREATED : Response.Status.OK)
                    .entity(new SentMessage(sent.message()))
                    .build());
  }

  @GET
  @Path("{cid}/messages")
  @Tag(name = "Messages")
  @Operation(
      operationId = "listMessages",
      summary = "A page of the conversation chain, as far as the caller may see it",
      description = "Without after or before: the latest page. Messages in seq order either way.")
  @APIResponse(
      responseCode = "200",
      description = "The page.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ConversationPage.class)))
  @APIResponse(responseCode = "403", ref = "NotAMember")
  @APIResponse(responseCode = "404", ref = "NoSuchConversation")
  public Uni<ConversationPage> messages(
      @PathParam("cid") String cid,
      @Parameter(
              description = "Messages with a greater seq, oldest first.",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "0"))
          @QueryParam("after")
          String after,
      @Parameter(
              description = "Messages with a smaller seq, the newest of them.",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "0"))
          @QueryParam("before")
          String before,
      @Parameter(ref = "PageLimit") @QueryParam("limit") String limit) {
    return conversations.page(
        user.id(),
        RequiredIds.conversationId(cid),
        after == null ? null : paging.position("after", after, 0),
        before == null ? null : paging.position("before", before, 0),
        paging.limit(limit));
  }

  @POST
  @Path("{cid}/read")
  @Tag(name = "Read state")
  @Operation(operationId = "markRead", summary = "Move the caller's read position forward")
  @APIResponse(
      responseCode = "200",
      description = "The read position now; it never moves back.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ReadPosition.class)))
  @APIResponse(responseCode = "403", ref = "NotAMember")
  @APIResponse(responseCode = "404", ref = "NoSuchConversation")
  @APIResponse(responseCode = "429", ref = "RateLimited")
  public Uni<ReadPosition> markRead(
      @PathParam("cid") String cid, @RequestBody(required = true) MarkRead read) {
    return conversations.markRead(user.id(), RequiredIds.conversationId(cid), read);
  }

  @PATCH
  @Path("{cid}/messages/{seq}")
  @Tag(name = "Messages")
  @Operation(
      operationId = "editMessage",
      summary = "Edit a message: its sender, within the edit window (im.edit.window)")
  @APIResponse(
      responseCode = "200",
      description = "Edited: an edit entry on every member's chain.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = EditResult.class)))
  @APIResponse(
      responseCode = "403",
      description = "Not the sender, not a member, or the edit window has passed.")
  @APIResponse(responseCode = "404", ref = "NoSuchMessage")
  @APIResponse(responseCode = "409", description = "The message was recalled.")
  @APIResponse(responseCode = "429", ref = "RateLimited")
  public Uni<EditResult> edit(
      @PathParam("cid") String cid,
      @Parameter(ref = "MessageSeq") @PathParam("seq") String seq,
      @RequestBody(required = true) EditMessage edit) {
    return conversations.edit(
        user.id(), RequiredIds.conversationId(cid), paging.position("seq", seq, 0), edit);
  }

  @PUT
  @Path("{cid}/messages/{seq}/reactions/{reaction}")
  @Tag(name = "Messages")
  @Operation(
      operationId = "addReaction",
      summary = "React to a message (idempotent); answers its reactions")
  @APIResponse(
      responseCode = "200",
      description = "The message's reactions now.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Reactions.class)))
  @APIResponse(responseCode = "403", ref = "NotAMember")
  @APIResponse(responseCode = "404", ref = "NoSuchMessage")
  @APIResponse(
      responseCode = "409",
      description = "The message was recalled, or has im.reactions.per-message kinds already.")
  @APIResponse(responseCode = "429", ref = "RateLimited")
  public Uni<Reactions> react(
      @PathParam("cid") String cid,
      @Parameter(ref = "MessageSeq") @PathParam("seq") String seq,
      @Parameter(
              description = "An emoji or a short name, 1-32 characters, URL-encoded.",
              schema = @Schema(type = SchemaType.STRING, minLength = 1))
          @PathParam("reaction")
          String reaction) {
    return conversations.react(
        user.id(), RequiredIds.conversationId(cid), paging.position("seq", seq, 0), reaction, true);
  }

  @DELETE
  @Path("{cid}/messages/{seq}/reactions/{reaction}")
  @Tag(name = "Messages")
  @Operation(
      operationId = "removeReaction",
      summary = "Take back one's reaction to a message (idempotent); answers its reactions")
  @APIResponse(
      responseCode = "200",
      description = "The message's reactions now.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Reactions.class)))
  @APIResponse(responseCode = "403", ref = "NotAMember")
  @APIResponse(responseCode = "404", ref = "NoSuchMessage")
  @APIResponse(responseCode = "409", description = "The message was recalled.")
  @APIResponse(responseCode = "429", ref = "RateLimited")
  public Uni<Reactions> unreact(
      @PathParam("cid") String cid,
      @Parameter(ref = "MessageSeq") @PathParam("seq") String seq,
      @Parameter(
              description = "An emoji or a short name, 1-32 characters, URL-encoded.",
              schema = @Schema(type = SchemaType.STRING, minLength = 1))
          @PathParam("reaction")
          String reaction) {
    return conversations.react(
        user.id(),
        RequiredIds.conversationId(cid),
        paging.position("seq", seq, 0),
        reaction,
        false);
  }

  @POST
  @Path("{cid}/typing")
  @Tag(name = "Read state")
  @Operation(
      operationId = "sendTyping",
      summary = "Tell the other members that the caller is typing (ephemeral)",
      description =
          "A typing frame reaches the other members' devices; one within im.typing.interval of the last is dropped.")
  @APIResponse(responseCode = "204", description = "Passed on, or dropped as too soon.")
  @APIResponse(responseCode = "403", ref = "NotAMember")
  @APIResponse(responseCode = "404", ref = "NoSuchConversation")
  @APIResponse(responseCode = "429", ref = "RateLimited")
  public Uni<Response> typing(@PathParam("cid") String cid) {
    return conversations
        .typing(user.id(), RequiredIds.conversationId(cid))
        .map(ignored -> Response.noContent().build());
  }

  @GET
  @Path("{cid}/receipts")
  @Tag(name = "Read state")
  @Operation(
      operationId = "listReceipts",
      summary = "The other members' read positions, a page by user id")
  @APIResponse(
      responseCode = "200",
      description = "The page, by user id.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Receipts.class)))
  @APIResponse(responseCode = "403", ref = "NotAMember")
  @APIResponse(responseCode = "404", ref = "NoSuchConversation")
  public Uni<Receipts> receipts(
      @PathParam("cid") String cid,
      @Parameter(description = "The userId of the previous page's last receipt.")
          @QueryParam("after")
          String after,
      @Parameter(ref = "PageLimit") @QueryParam("limit") String limit) {
    return conversations.receipts(
        user.id(),
        RequiredIds.conversationId(cid),
        after == null ? null : RequiredIds.userId(after),
        paging.limit(limit));
  }

  @PUT
  @Path("{cid}/settings")
  @Tag(name = "Settings")
  @Operation(
      operationId = "updateConversationSettings",
      summary = "Mute or unmute the conversation for the caller (offline notifications)")
  @APIResponse(
      responseCode = "200",
      description = "The caller's settings now.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ConversationSettings.class)))
  @APIResponse(responseCode = "403", ref = "NotAMember")
  @APIResponse(responseCode = "404", ref = "NoSuchConversation")
  @APIResponse(responseCode = "429", ref = "RateLimited")
  public Uni<ConversationSettings> settings(
      @PathParam("cid") String cid, @RequestBody(required = true) ConversationSettings settings) {
    return conversations.settings(user.id(), RequiredIds.conversationId(cid), settings);
  }

  @POST
  @Path("{cid}/messages/{seq}/recall")
  @Tag(name = "Messages")
  @Operation(
      operationId = "recallMessage",
      summary = "Recall a message for everyone: its sender in time, or the owner")
  @APIResponse(
      responseCode = "200",
      description = "Recalled (also when it already was).",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RecallResult.class)))
  @APIResponse(
      responseCode = "403",
      description = "Not the sender or the owner, or the recall window has passed.")
  @APIResponse(responseCode = "404", ref = "NoSuchMessage")
  public Uni<RecallResult> recall(
      @PathParam("cid") String cid, @Parameter(ref = "MessageSeq") @PathParam("seq") String seq) {
    return conversations.recall(
        user.id(), RequiredIds.conversationId(cid), paging.position("seq", seq, 0));
  }

  @DELETE
  @Path("{cid}/messages/{seq}")
  @Tag(name = "Messages")
  @Operation(operationId = "deleteMessageForMe", summary = "Hide a message for the caller only")
  @APIResponse(responseCode = "204", description = "Hidden on the caller's devices.")
  @APIResponse(responseCode = "403", ref = "NotAMember")
  @APIResponse(responseCode = "404", ref = "NoSuchMessage")
  public Uni<Response> delete(
      @PathParam("cid") String cid, @Parameter(ref = "MessageSeq") @PathParam("seq") String seq) {
    return conversations
        .delete(user.id(), RequiredIds.conversationId(cid), paging.position("seq", seq, 0))
        .map(ignored -> Response.noContent().build());
  }
}
