/**
 * A Java client of the messaging services, following the protocol's client rule.
 *
 * <ul>
 *   <li>{@link dev.chain.im.client.ChainFollower}: the rule itself — keep {@code (epoch, lastSeq)},
 *       apply each user-chain entry exactly once and in order, hold what comes after a gap until a
 *       pull fills it. Pure and synchronous.
 *   <li>{@link dev.chain.im.client.ChainConnection}: the I/O around it — WebSocket first, then pull
 *       to the head, pull on gaps, reconnect with back-off.
 *   <li>{@link dev.chain.im.client.RestApi}: message-service's REST calls.
 *   <li>{@link dev.chain.im.client.ImClient}: both for one user; {@link
 *       dev.chain.im.client.ImTransport}: what many clients share.
 * </ul>
 */
package dev.chain.im.client;
