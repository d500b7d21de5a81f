package dev.chain.im.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An error answer, {@code application/problem+json} (RFC 9457).
 *
 * @param detail what went wrong, written for the person who can fix the request
 * @param instance the path of the request
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance) {
  public static final String MEDIA_TYPE = "application/problem+json";
}
