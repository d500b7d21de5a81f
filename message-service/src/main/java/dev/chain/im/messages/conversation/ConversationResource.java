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
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Conversations, their members, their chain and the caller's place in it. */
@Path("/v1/conversations")
@Authenticated
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
  @Operation(summary = "Create a conversation; the caller becomes its owner")
  public Uni<Response> create(CreateConversation request) {
    return conversations
        .create(user.id(), request)
        .map(created -> Response.status(Response.Status.CREATED).entity(created).build());
  }

  @GET
  @Operation(summary = "A page of the caller's conversations with last message and unread count")
  public Uni<ConversationList> list(
      @QueryParam("after") String after, @QueryParam("limit") String limit) {
    return conversations.summaries(
        user.id(),
        after == null || after.isEmpty() ? null : ListCursor.decode(after),
        paging.limit(limit));
  }

  @GET
  @Path("{cid}")
  @Operation(summary = "A conversation's settings and current members (members only)")
  public Uni<Conversation> describe(@PathParam("cid") String cid) {
    return conversations.describe(user.id(), RequiredIds.conversationId(cid));
  }

  @PUT
  @Path("{cid}/members/{uid}")
  @Operation(summary = "Join an open conversation, or add someone to one you are in")
  public Uni<Membership> join(@PathParam("cid") String cid, @PathParam("uid") String uid) {
    return conversations.join(user.id(), RequiredIds.conversationId(cid), uid);
  }

  @DELETE
  @Path("{cid}/members/{uid}")
  @Operation(summary = "Leave, or (as the owner) remove someone")
  public Uni<Membership> leave(@PathParam("cid") String cid, @PathParam("uid") String uid) {
    return conversations.leave(user.id(), RequiredIds.conversationId(cid), uid);
  }

  @POST
  @Path("{cid}/messages")
  @Operation(summary = "Send; a retry with the same clientMsgId returns the first result")
  public Uni<Response> send(@PathParam("cid") String cid, SendMessage request) {
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
  @Operation(summary = "A page of the conversation chain, as far as the caller may see it")
  public Uni<ConversationPage> messages(
      @PathParam("cid") String cid,
      @QueryParam("after") String after,
      @QueryParam("before") String before,
      @QueryParam("limit") String limit) {
    return conversations.page(
        user.id(),
        RequiredIds.conversationId(cid),
        after == null ? null : paging.position("after", after, 0),
        before == null ? null : paging.position("before", before, 0),
        paging.limit(limit));
  }

  @POST
  @Path("{cid}/read")
  @Operation(summary = "Move the caller's read position forward")
  public Uni<ReadPosition> markRead(@PathParam("cid") String cid, MarkRead read) {
    return conversations.markRead(user.id(), RequiredIds.conversationId(cid), read);
  }

  @PATCH
  @Path("{cid}/messages/{seq}")
  @Operation(summary = "Edit a message: its sender, within the edit window")
  public Uni<EditResult> edit(
      @PathParam("cid") String cid, @PathParam("seq") String seq, EditMessage edit) {
    return conversations.edit(
        user.id(), RequiredIds.conversationId(cid), paging.position("seq", seq, 0), edit);
  }

  @PUT
  @Path("{cid}/messages/{seq}/reactions/{reaction}")
  @Operation(summary = "React to a message (idempotent); answers its reactions")
  public Uni<Reactions> react(
      @PathParam("cid") String cid,
      @PathParam("seq") String seq,
      @PathParam("reaction") String reaction) {
    return conversations.react(
        user.id(), RequiredIds.conversationId(cid), paging.position("seq", seq, 0), reaction, true);
  }

  @DELETE
  @Path("{cid}/messages/{seq}/reactions/{reaction}")
  @Operation(summary = "Take back one's reaction to a message (idempotent); answers its reactions")
  public Uni<Reactions> unreact(
      @PathParam("cid") String cid,
      @PathParam("seq") String seq,
      @PathParam("reaction") String reaction) {
    return conversations.react(
        user.id(),
        RequiredIds.conversationId(cid),
        paging.position("seq", seq, 0),
        reaction,
        false);
  }

  @POST
  @Path("{cid}/typing")
  @Operation(summary = "Tell the other members that the caller is typing (ephemeral)")
  public Uni<Response> typing(@PathParam("cid") String cid) {
    return conversations
        .typing(user.id(), RequiredIds.conversationId(cid))
        .map(ignored -> Response.noContent().build());
  }

  @GET
  @Path("{cid}/receipts")
  @Operation(summary = "The other members' read positions, a page by user id")
  public Uni<Receipts> receipts(
      @PathParam("cid") String cid,
      @QueryParam("after") String after,
      @QueryParam("limit") String limit) {
    return conversations.receipts(
        user.id(),
        RequiredIds.conversationId(cid),
        after == null ? null : RequiredIds.userId(after),
        paging.limit(limit));
  }

  @PUT
  @Path("{cid}/settings")
  @Operation(summary = "Mute or unmute the conversation for the caller (offline notifications)")
  public Uni<ConversationSettings> settings(
      @PathParam("cid") String cid, ConversationSettings settings) {
    return conversations.settings(user.id(), RequiredIds.conversationId(cid), settings);
  }

  @POST
  @Path("{cid}/messages/{seq}/recall")
  @Operation(summary = "Recall a message for everyone: its sender in time, or the owner")
  public Uni<RecallResult> recall(@PathParam("cid") String cid, @PathParam("seq") String seq) {
    return conversations.recall(
        user.id(), RequiredIds.conversationId(cid), paging.position("seq", seq, 0));
  }

  @DELETE
  @Path("{cid}/messages/{seq}")
  @Operation(summary = "Hide a message for the caller only")
  public Uni<Response> delete(@PathParam("cid") String cid, @PathParam("seq") String seq) {
    return conversations
        .delete(user.id(), RequiredIds.conversationId(cid), paging.position("seq", seq, 0))
        .map(ignored -> Response.noContent().build());
  }
}
