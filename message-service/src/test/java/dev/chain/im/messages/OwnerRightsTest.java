package dev.chain.im.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The owner removes other members, and only while a member (docs/decisions.md). */
@QuarkusTest
class OwnerRightsTest extends ApiTestBase {

  private static List<String> members(String userId, String conversationId) {
    return as(userId)
        .get("/v1/conversations/{cid}", conversationId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("members");
  }

  @Test
  void theOwnerRemovesAMember() {
    String owner = id("owner"), bob = id("bob"), carol = id("carol");
    String conversation = id("owned");
    create(owner, conversation, Map.of("members", List.of(bob, carol)));

    as(owner)
        .delete("/v1/conversations/{cid}/members/{uid}", conversation, carol)
        .then()
        .statusCode(200)
        .body("member", org.hamcrest.Matchers.equalTo(false));

    assertThat(members(bob, conversation)).containsExactly(bob, owner);
  }

  @Test
  void anOwnerWhoLeftMayNoLongerRemoveMembers() {
    String owner = id("owner"), bob = id("bob"), carol = id("carol");
    String conversation = id("left-owner");
    create(owner, conversation, Map.of("members", List.of(bob, carol)));
    leave(owner, conversation);
    int carolEntries = chain(carol).size();

    as(owner)
        .delete("/v1/conversations/{cid}/members/{uid}", conversation, carol)
        .then()
        .statusCode(403)
        .contentType("application/problem+json");

    assertThat(members(bob, conversation)).containsExactly(bob, carol);
    assertThat(chain(carol)).hasSize(carolEntries);
  }
}
