package dev.chain.im.messages.presence;

import static dev.chain.im.messages.problem.ProblemException.badRequest;

import dev.chain.im.messages.config.ImConfig;
import dev.chain.im.messages.identity.CurrentUser;
import dev.chain.im.messages.identity.RequiredIds;
import dev.chain.im.protocol.conversation.PresenceList;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Who of the users the caller asks about is online, among those who share a conversation. */
@Path("/v1/presence")
@Authenticated
public class PresenceResource {
  private final PresenceTable table;
  private final PresenceStore store;
  private final CurrentUser user;
  private final int maxUsers;

  public PresenceResource(
      PresenceTable table, PresenceStore store, CurrentUser user, ImConfig config) {
    this.table = table;
    this.store = store;
    this.user = user;
    this.maxUsers = config.presence().maxUsers();
  }

  @GET
  @Operation(summary = "Whether these users (who share a conversation with the caller) are online")
  public Uni<PresenceList> presence(@QueryParam("userIds") String userIds) {
    if (userIds == null || userIds.isBlank()) {
      throw badRequest("Name the users: ?userIds=alice,bob (at most " + maxUsers + ").");
    }
    List<String> asked = Arrays.stream(userIds.split(",")).map(String::trim).distinct().toList();
    if (asked.size() > maxUsers) {
      throw badRequest(
          "At most " + maxUsers + " users per call (im.presence.max-users); ask in pages.");
    }
    asked.forEach(RequiredIds::userId);
    return store
        .sharedWith(user.id(), asked)
        .map(
            shared ->
                new PresenceList(asked.stream().filter(shared::contains).map(table::of).toList()));
  }
}
