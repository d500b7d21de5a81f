package dev.chain.im.messages.conversation;

import static dev.chain.im.messages.problem.ProblemException.badRequest;
import static dev.chain.im.messages.problem.ProblemException.conflict;
import static dev.chain.im.messages.problem.ProblemException.forbidden;
import static dev.chain.im.messages.problem.ProblemException.notFound;

import dev.chain.im.messages.chain.ChainWrite;
import dev.chain.im.messages.chain.MessageRows;
import dev.chain.im.messages.config.ImConfig;
import dev.chain.im.messages.delivery.DeliveryPublisher;
import dev.chain.im.messages.delivery.Outbound;
import dev.chain.im.messages.delivery.TraceHeaders;
import dev.chain.im.messages.identity.RequiredIds;
import dev.chain.im.messages.limits.WriteLimits;
import dev.chain.im.messages.limits.WriteLimits.Write;
import dev.chain.im.messages.metrics.MessageMetrics;
import dev.chain.im.messages.signal.SignalFrames;
import dev.chain.im.protocol.chain.ChainEntry;
import dev.chain.im.protocol.chain.Message;
import dev.chain.im.protocol.chain.Reaction;
import dev.chain.im.protocol.conversation.Access;
import dev.chain.im.protocol.conversation.Conversation;
import dev.chain.im.protocol.conversation.ConversationList;
import dev.chain.im.protocol.conversation.ConversationPage;
import dev.chain.im.protocol.conversation.ConversationSettings;
import dev.chain.im.protocol.conversation.CreateConversation;
import dev.chain.im.protocol.conversation.EditMessage;
import dev.chain.im.protocol.conversation.EditResult;
import dev.chain.im.protocol.conversation.History;
import dev.chain.im.protocol.conversation.MarkRead;
import dev.chain.im.protocol.conversation.Membership;
import dev.chain.im.protocol.conversation.Reactions;
import dev.chain.im.protocol.conversation.ReadPosition;
import dev.chain.im.protocol.conversation.RecallResult;
import dev.chain.im.protocol.conversation.Receipts;
import dev.chain.im.protocol.conversation.SendMessage;
import dev.chain.im.protocol.push.ReceiptFrame;
import dev.chain.im.protocol.push.TypingFrame;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The operations of the protocol: checks the input, runs the store's function, turns a refusal into
 * a problem and hands what was written on user chains to the publisher.
 */
@ApplicationScoped
public class Conversations {
  private static final Set<String> ACCESS = wireValues(Access.values(), Access::wire);
  private static final Set<String> HISTORY = wireValues(History.values(), History::wire);

  private final ConversationStore store;
  private final DeliveryPublisher publisher;
  private final ImConfig config;
  private final Clock clock;
  private final WriteLimits limits;
  private final SignalFrames signals;
  private final TypingThrottle typing;
  private final MessageMetrics metrics;
  private final TraceHeaders traceHeaders;

  public Conversations(
      ConversationStore store,
      DeliveryPublisher publisher,
      ImConfig config,
      Clock clock,
      WriteLimits limits,
      SignalFrames signals,
      MessageMetrics metrics,
      TraceHeaders traceHeaders) {
    this.store = store;
    this.metrics = metrics;
    this.traceHeaders = traceHeaders;
    this.publisher = publisher;
    this.config = config;
    this.clock = clock;
    this.limits = limits;
    this.signals = signals;
    this.typing = new TypingThrottle(config.typing());
  }

  /** A message and whether this call stored it (false: a retry of an earlier send). */
  public record SendResult(Message message, boolean created) {}

  public Uni<Conversation> create(String owner, CreateConversation request) {
    if (request == null) {
      throw badRequest("Send a body such as {\"id\":\"team-1\",\"members\":[\"bob\"]}.");
    }
    String id =
        request.id() == null ? "c-" + UUID.randomUUID() : RequiredIds.conversationId(request.id());
    String access = oneOf("access", request.access(), ACCESS, Access.OPEN.wire());
    String history = oneOf("history", request.history(), HISTORY, History.FULL.wire());
    Set<String> members = new TreeSet<>();
    members.add(owner);
    if (request.members() != null) {
      if (request.members().size() > config.limits().createMembers()) {
        throw badRequest(
            "At most " + config.limits().createMembers() + " members may be named at creation.");
      }
      request.members().forEach(member -> members.add(RequiredIds.userId(member)));
    }
    List<String> memberList = List.copyOf(members);
    limits.take(owner, Write.CREATE);
    return store
        .create(id, owner, memberList, access, history)
        .map(
            row -> {
              if ("exists".equals(row.getString("outcome"))) {
                throw conflict(
                    "Conversation '" + id + "' already exists; join it or pick another id.");
              }
              publish(
                  row, (member, seq) -> ChainEntry.membership(seq, id, member, ChainEntry.JOINED));
              return new Conversation(id, owner, access, history, 0, memberList);
            });
  }

  /** A page of the caller's conversations after {@code after} (null: from the newest). */
  public Uni<ConversationList> summaries(String userId, ListCursor after, int limit) {
    return store
        .summaries(userId, after, limit + 1)
        .map(
            rows -> {
              boolean hasMore = rows.size() > limit;
              List<ConversationStore.Summary> page = hasMore ? rows.subList(0, limit) : rows;
              return new ConversationList(
                  page.stream().map(ConversationStore.Summary::summary).toList(),
                  hasMore,
                  hasMore ? page.get(limit - 1).cursor().encode() : null);
            });
  }

  public Uni<Conversation> describe(String userId, String conversationId) {
    return visibleView(userId, conversationId)
        .chain(
            view ->
                store
                    .members(conversationId)
                    .map(
                        members ->
                            new Conversation(
                                conversationId,
                                view.ownerId(),
                                view.access(),
                                view.history(),
                                view.lastSeq(),
                                members)));
  }

  public Uni<Membership> join(String actor, String conversationId, String userId) {
    RequiredIds.userId(userId);
    limits.take(actor, Write.MEMBERSHIP);
    return store
        .join(conversationId, actor, userId, config.conversations().createOnJoin())
        .map(
            row -> {
              String outcome = refuseOn(row, conversationId);
              publish(
                  row,
                  (user, seq) ->
                      ChainEntry.membership(seq, conversationId, userId, ChainEntry.JOINED));
              return new Membership(conversationId, userId, true, changed(outcome));
            });
  }

  public Uni<Membership> leave(String actor, String conversationId, String userId) {
    RequiredIds.userId(userId);
    String change = actor.equals(userId) ? ChainEntry.LEFT : ChainEntry.REMOVED;
    limits.take(actor, Write.MEMBERSHIP);
    return store
        .leave(conversationId, actor, userId)
        .map(
            row -> {
              String outcome = refuseOn(row, conversationId);
              publish(
                  row, (user, seq) -> ChainEntry.membership(seq, conversationId, userId, change));
              return new Membership(conversationId, userId, false, changed(outcome));
            });
  }

  public Uni<SendResult> send(String sender, String conversationId, SendMessage request) {
    long began = System.nanoTime();
    if (request == null || request.content() == null) {
      throw badRequest("Send {\"content\":{\"text\":\"…\"}} with an optional \"clientMsgId\".");
    }
    String clientMsgId = request.clientMsgId();
    SendRules.checkClientMsgId(clientMsgId, config.limits());
    String content = SendRules.checkedContent(request.content(), config.limits());
    SendRules.Mentions mentions = SendRules.mentions(request.content(), config.limits());
    limits.take(sender, Write.SEND);
    return store
        .send(conversationId, sender, clientMsgId, content, mentions)
        .map(
            row -> {
              refuseMentions(row, conversationId);
              String outcome = refuseOn(row, conversationId);
              boolean created = "created".equals(outcome);
              Map<String, Object> stored =
                  created ? request.content() : MessageRows.content(row.getString("content"));
              if (stored != null && !stored.equals(request.content())) {
                throw conflict(
                    "clientMsgId '"
                        + clientMsgId
                        + "' was already used for another message; a new message needs a new"
                        + " clientMsgId.");
              }
              Message message =
                  new Message(
                      row.getUUID("msg_id").toString(),
                      conversationId,
                      row.getLong("msg_seq"),
                      sender,
                      clientMsgId,
                      row.getOffsetDateTime("sent_at"),
                      stored,
                      row.getString("state"),
                      null,
                      null,
                      null);
              Set<String> mentioned =
                  mentions.any() && created ? Set.of(row.getArrayOfStrings("mentioned")) : Set.of();
              publish(
                  row, (user, seq) -> ChainEntry.message(seq, message, mentioned.contains(user)));
              metrics.sent(created, System.nanoTime() - began);
              return new SendResult(message, created);
            });
  }

  public Uni<ConversationPage> page(
      String userId, String conversationId, Long after, Long before, int limit) {
    if (after != null && before != null) {
      throw badRequest("Give 'after' or 'before', not both.");
    }
    return visibleView(userId, conversationId)
        .chain(
            view -> {
              Uni<List<Message>> fetched =
                  after != null
                      ? store.after(userId, conversationId, after, limit + 1)
                      : store.before(
                          userId,
                          conversationId,
                          before != null ? before : view.lastSeq() + 1,
                          limit + 1);
              return fetched.map(
                  messages -> {
                    boolean hasMore = messages.size() > limit;
                    List<Message> page =
                        new ArrayList<>(hasMore ? messages.subList(0, limit) : messages);
                    if (after == null) {
                      Collections.reverse(page);
                    }
                    return new ConversationPage(
                        conversationId, page, view.readSeq(), view.lastSeq(), hasMore);
                  });
            });
  }

  public Uni<ReadPosition> markRead(String userId, String conversationId, MarkRead read) {
    if (read == null || read.seq() == null || read.seq() < 0) {
      throw badRequest("Send {\"seq\": n} with the seq read up to (0 or more).");
    }
    limits.take(userId, Write.READ);
    return store
        .markRead(conversationId, userId, read.seq(), config.receipts().pushMaxMembers())
        .map(
            row -> {
              boolean moved = "changed".equals(refuseOn(row, conversationId));
              long readSeq = row.getLong("read_seq");
              publish(row, (user, seq) -> ChainEntry.read(seq, conversationId, readSeq));
              if (moved) {
                metrics.read();
              }
              String[] recipients = row.getArrayOfStrings("recipients");
              if (recipients != null && recipients.length > 0) {
                signals.send(
                    new ReceiptFrame(conversationId, userId, readSeq), List.of(recipients));
              }
              return new ReadPosition(conversationId, readSeq);
            });
  }

  public Uni<EditResult> edit(
      String userId, String conversationId, long messageSeq, EditMessage request) {
    if (request == null || request.content() == null) {
      throw badRequest("Send {\"content\":{\"text\":\"…\"}}, the message's new content.");
    }
    String content = SendRules.checkedContent(request.content(), config.limits());
    limits.take(userId, Write.EDIT);
    return store
        .edit(
            conversationId,
            userId,
            messageSeq,
            content,
            config.edit().window(),
            OffsetDateTime.now(clock))
        .map(
            row -> {
              refuseOn(row, conversationId);
              Message message = MessageRows.message(row, conversationId);
              publish(
                  row,
                  (user, seq) ->
                      ChainEntry.edit(
                          seq, conversationId, messageSeq, message.content(), message.editedAt()));
              metrics.edited();
              return new EditResult(message);
            });
  }

  /** Adds ({@code add}) or removes the caller's reaction; either is idempotent. */
  public Uni<Reactions> react(
      String userId, String conversationId, long messageSeq, String reaction, boolean add) {
    SendRules.checkReaction(reaction);
    limits.take(userId, Write.REACTION);
    return store
        .react(conversationId, userId, messageSeq, reaction, add, config.reactions().perMessage())
        .map(
            row -> {
              refuseOn(row, conversationId);
              String change = add ? ChainEntry.ADDED : ChainEntry.REMOVED;
              publish(
                  row,
                  (user, seq) ->
                      ChainEntry.reaction(
                          seq, conversationId, messageSeq, userId, reaction, change));
              metrics.reacted();
              List<Reaction> shown = MessageRows.reactions(row.getString("shown"));
              return new Reactions(shown == null ? List.of() : shown);
            });
  }

  public Uni<ConversationSettings> settings(
      String userId, String conversationId, ConversationSettings settings) {
    if (settings == null || settings.muted() == null) {
      throw badRequest("Send {\"muted\": true} or {\"muted\": false}.");
    }
    limits.take(userId, Write.SETTINGS);
    boolean muted = settings.muted();
    return store
        .setMuted(conversationId, userId, muted)
        .map(
            row -> {
              refuseOn(row, conversationId);
              return new ConversationSettings(conversationId, muted);
            });
  }

  /** The other members' read positions, a page by user id after {@code after}. */
  public Uni<Receipts> receipts(String userId, String conversationId, String after, int limit) {
    return visibleView(userId, conversationId)
        .chain(view -> store.receipts(conversationId, userId, after, limit + 1))
        .map(
            found ->
                found.size() > limit
                    ? new Receipts(found.subList(0, limit), true)
                    : new Receipts(found, false));
  }

  /**
   * Tells the other members that the caller is typing, at most once per {@code im.typing.interval}
   * and conversation; calls in between answer the same and send nothing.
   */
  public Uni<Void> typing(String userId, String conversationId) {
    limits.take(userId, Write.TYPING);
    Instant now = clock.instant();
    if (!typing.due(userId, conversationId, now)) {
      return Uni.createFrom().voidItem();
    }
    return store
        .roster(conversationId)
        .map(
            roster -> {
              if (roster.isEmpty()) {
                throw notFound("Conversation '" + conversationId + "' does not exist.");
              }
              List<String> members = roster.get();
              if (!members.contains(userId)) {
                throw forbidden("You are not a member of '" + conversationId + "'.");
              }
              typing.forwarded(userId, conversationId, now);
              OffsetDateTime expiresAt =
                  now.plus(config.typing().expiresAfter()).atOffset(ZoneOffset.UTC);
              signals.send(
                  new TypingFrame(conversationId, userId, expiresAt),
                  members.stream().filter(member -> !member.equals(userId)).toList());
              return null;
            });
  }

  public Uni<RecallResult> recall(String userId, String conversationId, long messageSeq) {
    return store
        .recall(
            conversationId, userId, messageSeq, config.recall().window(), OffsetDateTime.now(clock))
        .map(
            row -> {
              refuseOn(row, conversationId);
              publish(
                  row, (user, seq) -> ChainEntry.recall(seq, conversationId, messageSeq, userId));
              metrics.recalled();
              return new RecallResult(conversationId, messageSeq, Message.RECALLED);
            });
  }

  public Uni<Void> delete(String userId, String conversationId, long messageSeq) {
    return store
        .delete(conversationId, userId, messageSeq)
        .map(
            row -> {
              refuseOn(row, conversationId);
              publish(row, (user, seq) -> ChainEntry.delete(seq, conversationId, messageSeq));
              metrics.deleted();
              return null;
            });
  }

  private Uni<ConversationStore.View> visibleView(String userId, String conversationId) {
    return store
        .view(userId, conversationId)
        .map(
            view -> {
              if (view.isEmpty()) {
                throw notFound("Conversation '" + conversationId + "' does not exist.");
              }
              if (!view.get().member()) {
                throw forbidden(
                    "You are not a member of '" + conversationId + "'; join it to read it.");
              }
              return view.get();
            });
  }

  private void publish(Row row, ChainWrite.EntryAt entryAt) {
    ChainWrite write = ChainWrite.from(row);
    metrics.entriesWritten(write.users().length);
    if (write.users().length > 0) {
      Map<String, String> trace = traceHeaders.current();
      publisher.publish(
          write.deliveries(entryAt).stream()
              .map(
                  delivery ->
                      new Outbound(delivery, write.muted().contains(delivery.userId()), trace))
              .toList());
    }
  }

  private static void refuseMentions(Row row, String conversationId) {
    switch (row.getString("outcome")) {
      case "mention_not_member" ->
          throw badRequest(
              "'"
                  + row.getArrayOfStrings("mentioned")[0]
                  + "' is not a member of '"
                  + conversationId
                  + "': mention members only.");
      case "not_owner" ->
          throw forbidden("Only the owner of '" + conversationId + "' may mention @all.");
      default -> {}
    }
  }

  private static String oneOf(String name, String value, Set<String> allowed, String fallback) {
    if (value == null) {
      return fallback;
    }
    if (!allowed.contains(value)) {
      throw badRequest(
          "'" + name + "' is one of " + new TreeSet<>(allowed) + ", got '" + value + "'.");
    }
    return value;
  }

  private static <T> Set<String> wireValues(T[] values, Function<T, String> wire) {
    return Stream.of(values).map(wire).collect(Collectors.toUnmodifiableSet());
  }

  private static boolean changed(String outcome) {
    return "changed".equals(outcome);
  }

  /** Throws the problem for a refusal; returns the outcome of a call that went through. */
  private String refuseOn(Row row, String conversationId) {
    String outcome = row.getString("outcome");
    String quoted = "'" + conversationId + "'";
    switch (outcome) {
      case "no_conversation" -> throw notFound("Conversation " + quoted + " does not exist.");
      case "not_member" ->
          throw forbidden(
              "You are not a member of " + quoted + "; a member must add you, or join it if open.");
      case "invite_only" ->
          throw forbidden("Conversation " + quoted + " is invite-only: a member must add you.");
      case "not_owner" ->
          throw forbidden("Only the owner of " + quoted + " may remove other members.");
      case "no_message" ->
          throw notFound("No message with that seq is visible to you in " + quoted + ".");
      case "not_sender" ->
          throw forbidden("Only the sender or the owner of " + quoted + " may recall a message.");
      case "not_editor" ->
          throw forbidden("Only the sender of a message may edit it in " + quoted + ".");
      case "recalled" ->
          throw conflict("The message was recalled: it can no longer be edited or reacted to.");
      case "too_many_reactions" ->
          throw conflict(
              "The message has "
                  + config.reactions().perMessage()
                  + " different reactions, the most it may have (im.reactions.per-message);"
                  + " add one of those.");
      case "edit_window_passed" ->
          throw forbidden(
              "The sender may edit a message only within "
                  + config.edit().window().toMinutes()
                  + " min of sending it (im.edit.window).");
      case "window_passed" ->
          throw forbidden(
              "The sender may recall a message only within "
                  + config.recall().window().toSeconds()
                  + " s of sending it (im.recall.window).");
      default -> {
        return outcome;
      }
    }
  }
}
