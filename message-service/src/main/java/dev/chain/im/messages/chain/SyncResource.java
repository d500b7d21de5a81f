package dev.chain.im.messages.chain;

import dev.chain.im.messages.identity.CurrentUser;
import dev.chain.im.protocol.chain.SyncPage;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Pulls the caller's own user chain. */
@Path("/v1/sync")
@Authenticated
@SecurityRequirement(name = "bearer")
public class SyncResource {
  private final UserChainStore chains;
  private final CurrentUser user;
  private final Paging paging;

  public SyncResource(UserChainStore chains, CurrentUser user, Paging paging) {
    this.chains = chains;
    this.user = user;
    this.paging = paging;
  }

  @GET
  @Tag(name = "Sync")
  @Operation(
      operationId = "sync",
      summary = "Entries of the caller's chain with seq > after, in order",
      description =
          "What a device pulls at start, after a reconnect, and when a push shows a gap"
              + " (prevSeq ≠ the last seq it applied).")
  @APIResponse(
      responseCode = "200",
      description = "The page.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SyncPage.class)))
  public Uni<SyncPage> sync(
      @Parameter(
              description = "The last seq the device applied (0 at first).",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
          @QueryParam("after")
          String after,
      @Parameter(ref = "PageLimit") @QueryParam("limit") String limit) {
    return chains.page(user.id(), paging.position("after", after, 0), paging.limit(limit));
  }
}
