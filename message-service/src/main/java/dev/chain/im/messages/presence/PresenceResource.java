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
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who of the users the caller asks about is online, among those who share a conversation. */
@Path("/v1/presence")
@Authenticated
@SecurityRequirement(name = "bearer")
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
  @Tag(name = "Presence")
  @Operation(
      operationId = "presence",
      summary = "Whether these users (who share a conversation with the caller) are online",
      description = "Users who share no conversation with the caller are left out of the answer.")
  @APIResponse(
      responseCode = "200",
      description = "The asked users who share a conversation with the caller.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = PresenceList.class)))
  public Uni<PresenceList> presence(
      @Parameter(
              required = true,
              description = "User ids separated by commas, at most im.presence.max-users.",
              example = "alice,bob")
          @QueryParam("userIds")
          String userIds) {
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
