package dev.chain.im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chain.im.client.AppliedEntry;
import dev.chain.im.client.ChainRecorder;
import dev.chain.im.client.ImClient;
import dev.chain.im.client.ImTransport;
import dev.chain.im.client.RestApi;
import dev.chain.im.protocol.chain.ChainEntry;
import dev.chain.im.stack.LocalStack;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the end-to-end tests: the shared running system, devices that follow the client rule, and
 * the check that a device holds exactly its user's chain as the server has it.
 */
abstract class StackTestBase {
  protected static LocalStack stack;
  protected static ImTransport transport;

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final List<ImClient> clients = new ArrayList<>();

  /** One connected device of a user, and everything it applied. */
  protected record Device(String userId, ImClient client, ChainRecorder recorder) {}

  @BeforeAll
  static void startStack() {
    stack = SharedStack.get();
    transport = SharedStack.transport();
  }

  @AfterEach
  void closeDevices() {
    clients.forEach(ImClient::close);
  }

  protected String id(String name) {
    return name + "-" + run;
  }

  protected static RestApi api(String userId) {
    return transport.api(await(transport.devToken(userId)));
  }

  protected Device connect(String userId) {
    ChainRecorder recorder = new ChainRecorder();
    ImClient client = await(ImClient.connectDev(transport, userId, recorder));
    clients.add(client);
    return new Device(userId, client, recorder);
  }

  protected static long send(RestApi api, String conversationId, String text) {
    return await(api.sendText(conversationId, UUID.randomUUID().toString(), text)).message().seq();
  }

  /** The user's whole chain as the server has it. */
  protected static List<ChainEntry> serverChain(String userId) {
    return await(api(userId).chainAfter(0, 200));
  }

  /**
   * Waits until the device has caught up with the server's chain, then checks that it applied every
   * entry exactly once, in order, with the server's content.
   */
  protected static void assertHoldsItsChain(Device device) {
    List<ChainEntry> server = serverChain(device.userId());
    long head = server.isEmpty() ? 0 : server.get(server.size() - 1).seq();
    await(device.client().awaitSeq(head));
    List<AppliedEntry> applied = device.recorder().entries();
    assertThat(applied)
        .extracting(AppliedEntry::seq)
        .as("seqs applied by a device of %s", device.userId())
        .containsExactlyElementsOf(LongStream.rangeClosed(1, head).boxed().toList());
    assertThat(applied)
        .extracting(entry -> entry.entry().kind() + ":" + messageId(entry.entry()))
        .containsExactlyElementsOf(
            server.stream().map(entry -> entry.kind() + ":" + messageId(entry)).toList());
  }

  protected static List<AppliedEntry> appliedAfter(Device device, long seq) {
    return device.recorder().entries().stream().filter(entry -> entry.seq() > seq).toList();
  }

  protected static long head(String userId) {
    return await(api(userId).sync(0, 1)).headSeq();
  }

  private static String messageId(ChainEntry entry) {
    return entry.message() == null ? "-" : entry.message().id();
  }

  protected static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("a call did not complete: " + RestApi.unwrap(e), e);
    }
  }
}
