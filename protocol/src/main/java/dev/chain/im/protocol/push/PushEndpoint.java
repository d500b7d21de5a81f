package dev.chain.im.protocol.push;

/**
 * Where and how a device opens its WebSocket on push-gateway. The token goes in the {@code
 * Authorization: Bearer} header; a client that cannot set headers (a browser) sends it as the
 * {@link #ACCESS_TOKEN_PARAMETER} query parameter or through the {@link #TOKEN_SUBPROTOCOL}
 * carrier.
 */
public final class PushEndpoint {
  public static final String PATH = "/v1/ws";

  public static final String ACCESS_TOKEN_PARAMETER = "access_token";

  /** Offered as {@code Sec-WebSocket-Protocol: bearer-token-carrier, quarkus-http-upgrade#…}. */
  public static final String TOKEN_SUBPROTOCOL = "bearer-token-carrier";

  /**
   * How the subprotocol next to {@link #TOKEN_SUBPROTOCOL} begins: the rest, once URL-decoded, is
   * the {@code Authorization} header's value ({@code Bearer <token>}). The name is Quarkus's, whose
   * clients and earlier gateways use the same form.
   */
  public static final String TOKEN_SUBPROTOCOL_HEADER = "quarkus-http-upgrade#Authorization#";

  private PushEndpoint() {}
}
