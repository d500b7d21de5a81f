package dev.chain.im.client;

/** An RFC 9457 problem body, as the services answer errors. */
public record Problem(String type, String title, int status, String detail, String instance) {}
