package dev.chain.im.protocol.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code GET /v1/conversations}: a page of the caller's conversations, the latest activity first.
 *
 * @param next the {@code after} value for the following page; left out on the last page
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(requiredProperties = {"conversations", "hasMore"})
public record ConversationList(
    List<ConversationSummary> conversations, boolean hasMore, String next) {}
