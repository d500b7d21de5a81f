package dev.chain.im.messages.chain;

import dev.chain.im.messages.identity.CurrentUser;
import dev.chain.im.protocol.chain.SyncPage;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Pulls the caller's own user chain. */
@Path("/v1/sync")
@Authenticated
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
  @Operation(summary = "Entries of the caller's chain with seq > after, in order")
  public Uni<SyncPage> sync(@QueryParam("after") String after, @QueryParam("limit") String limit) {
    return chains.page(user.id(), paging.position("after", after, 0), paging.limit(limit));
  }
}
