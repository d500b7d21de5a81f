package dev.chain.im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chain.im.protocol.push.Presence;
import dev.chain.im.protocol.push.PresenceFrame;
import dev.chain.im.protocol.push.PushFrame;
import dev.chain.im.protocol.push.ReceiptFrame;
import dev.chain.im.protocol.push.TypingFrame;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Ephemeral frames through both packaged services: a typing signal and a read receipt reach the
 * other members' devices, not the sender's, and never become chain entries.
 */
class SignalTest extends StackTestBase {
  @Test
  void typingAndReceiptsReachTheOthersAndNotTheSender() {
    String alice = id("alice"), bob = id("bob"), carol = id("carol");
    Device aliceDevice = connect(alice);
    Device bobPhone = connect(bob);
    Device bobLaptop = connect(bob);
    Device carolDevice = connect(carol);
    String conversation = id("signals");
    await(api(alice).createConversation(conversation, List.of(bob, carol), null, null));
    long seq = send(api(alice), conversation, "are you there?");
    for (Device device : List.of(aliceDevice, bobPhone, bobLaptop, carolDevice)) {
      assertHoldsItsChain(device);
    }

    await(api(alice).typing(conversation));
    await(api(bob).markRead(conversation, seq));

    TypingFrame typing = new TypingFrame(conversation, alice, null);
    ReceiptFrame receipt = new ReceiptFrame(conversation, bob, seq);
    awaitSignals(bobPhone, List.of(typing));
    awaitSignals(bobLaptop, List.of(typing));
    awaitSignals(carolDevice, List.of(typing, receipt));
    awaitSignals(aliceDevice, List.of(receipt));
    for (Device device : List.of(aliceDevice, bobPhone, bobLaptop, carolDevice)) {
      assertHoldsItsChain(device);
    }
    assertThat(bobPhone.recorder().entries())
        .extracting(entry -> entry.entry().kind())
        .as("no entry for the typing signal; bob's own read mark is an entry")
        .containsExactly("membership", "message", "read");
  }

  @Test
  void presenceTurnsOffWhenTheLastSocketCloses() {
    String alice = id("alice"), bob = id("bob");
    Device aliceDevice = connect(alice);
    Device bobPhone = connect(bob);
    Device bobLaptop = connect(bob);
    await(api(alice).createConversation(id("pair"), List.of(bob), null, null));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> await(api(alice).presence(List.of(bob))).presence().get(0).online());

    bobPhone.client().close();
    bobLaptop.client().close();

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(aliceDevice.recorder().signals())
                    .filteredOn(frame -> frame instanceof PresenceFrame)
                    .map(frame -> ((PresenceFrame) frame).online())
                    .as("one change: offline once both of bob's sockets closed")
                    .containsExactly(false));
    Presence now = await(api(alice).presence(List.of(bob))).presence().get(0);
    assertThat(now.online()).isFalse();
    assertThat(now.lastSeenAt()).isNotNull();
  }

  /** Waits for exactly these signals (typing compared without its expiry), in order. */
  private static void awaitSignals(Device device, List<PushFrame> expected) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(device.recorder().signals())
                    .as("signals of a device of %s", device.userId())
                    .map(SignalTest::withoutExpiry)
                    .containsExactlyElementsOf(expected));
  }

  private static PushFrame withoutExpiry(PushFrame frame) {
    return frame instanceof TypingFrame typing
        ? new TypingFrame(typing.conversationId(), typing.userId(), null)
        : frame;
  }
}
