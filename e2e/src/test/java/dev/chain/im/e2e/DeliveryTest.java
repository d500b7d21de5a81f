package dev.chain.im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chain.im.client.AppliedEntry;
import dev.chain.im.client.RestApi;
import dev.chain.im.protocol.chain.ChainEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Real-time delivery through Kafka and the gateway, as devices following the client rule see it.
 */
class DeliveryTest extends StackTestBase {

  @Test
  void everyDeviceOfEveryMemberGetsEveryEntryOnceInOrderByPush() {
    String alice = id("alice"), bob = id("bob"), carol = id("carol");
    Device aliceDevice = connect(alice);
    Device bobPhone = connect(bob);
    Device bobLaptop = connect(bob);
    Device carolDevice = connect(carol);
    String conversation = id("group");
    await(api(alice).createConversation(conversation, List.of(bob, carol), null, null));
    List<RestApi> senders = List.of(api(alice), api(bob), api(carol));
    for (int n = 1; n <= 30; n++) {
      send(senders.get(n % 3), conversation, "m" + n);
    }

    for (Device device : List.of(aliceDevice, bobPhone, bobLaptop, carolDevice)) {
      assertHoldsItsChain(device);
      assertThat(device.recorder().entries())
          .as("every entry of %s came by push, each after its prevSeq", device.userId())
          .extracting(AppliedEntry::source)
          .containsOnly(AppliedEntry.Source.PUSH);
      assertThat(device.client().stats().gaps()).isZero();
      assertThat(device.recorder().messages().stream().map(message -> message.text()).toList())
          .hasSize(30)
          .startsWith("m1", "m2", "m3")
          .endsWith("m30");
    }
  }

  @Test
  void editsAndReactionsReachEveryDeviceInOrder() {
    String alice = id("alice"), bob = id("bob");
    Device aliceDevice = connect(alice);
    Device bobPhone = connect(bob);
    Device bobLaptop = connect(bob);
    String conversation = id("edits");
    await(api(alice).createConversation(conversation, List.of(bob), null, null));
    long seq = send(api(alice), conversation, "draft");
    await(api(alice).edit(conversation, seq, Map.of("text", "final")));
    await(api(bob).react(conversation, seq, "\uD83D\uDC4D"));
    assertThat(await(api(alice).react(conversation, seq, "\uD83D\uDC4D")).reactions())
        .extracting(reaction -> reaction.count())
        .containsExactly(2L);
    await(api(bob).unreact(conversation, seq, "\uD83D\uDC4D"));

    for (Device device : List.of(aliceDevice, bobPhone, bobLaptop)) {
      assertHoldsItsChain(device);
      List<ChainEntry> entries =
          device.recorder().entries().stream().map(AppliedEntry::entry).toList();
      assertThat(entries)
          .extracting(ChainEntry::kind)
          .containsExactly("membership", "message", "edit", "reaction", "reaction", "reaction");
      ChainEntry edit = entries.get(2);
      assertThat(edit.content()).isEqualTo(Map.of("text", "final"));
      assertThat(edit.editedAt()).isNotNull();
      assertThat(entries.subList(3, 6))
          .extracting(entry -> entry.userId() + " " + entry.change())
          .containsExactly(bob + " added", alice + " added", bob + " removed");
    }
  }

  @Test
  void aDeviceThatConnectsLateCatchesUpByPullThenByPush() {
    String alice = id("alice"), bob = id("bob");
    String conversation = id("late");
    await(api(alice).createConversation(conversation, List.of(bob), null, null));
    for (int n = 1; n <= 12; n++) {
      send(api(alice), conversation, "m" + n);
    }
    Device bobLate = connect(bob);
    assertHoldsItsChain(bobLate);
    // The last sends may still be on their way through Kafka when bob connects: those entries can
    // come by push, before the pull brings them. The old ones can only have been pulled.
    assertThat(bobLate.recorder().entries())
        .extracting(AppliedEntry::source)
        .hasSize(13)
        .first()
        .isEqualTo(AppliedEntry.Source.PULL);

    long before = bobLate.client().lastSeq();
    send(api(alice), conversation, "live");
    assertHoldsItsChain(bobLate);
    assertThat(appliedAfter(bobLate, before))
        .extracting(AppliedEntry::source)
        .containsExactly(AppliedEntry.Source.PUSH);
  }

  @Test
  void readOnOneDeviceReachesTheOthersAndRecallReachesEveryMember() {
    String alice = id("alice"), bob = id("bob");
    Device alicePhone = connect(alice);
    Device bobPhone = connect(bob);
    Device bobLaptop = connect(bob);
    String conversation = id("sync");
    await(api(alice).createConversation(conversation, List.of(bob), null, null));
    long first = send(api(alice), conversation, "one");
    send(api(alice), conversation, "two");

    await(api(bob).markRead(conversation, 2));
    await(api(alice).recall(conversation, first));

    for (Device device : List.of(bobPhone, bobLaptop)) {
      assertHoldsItsChain(device);
      assertThat(kinds(device))
          .containsExactly("membership", "message", "message", "read", "recall");
      ChainEntry read = device.recorder().entries().get(3).entry();
      assertThat(read.readSeq()).isEqualTo(2);
    }
    assertHoldsItsChain(alicePhone);
    assertThat(kinds(alicePhone)).containsExactly("membership", "message", "message", "recall");
  }

  @Test
  void deleteReachesOnlyTheDeletersDevices() {
    String alice = id("alice"), bob = id("bob");
    Device alicePhone = connect(alice);
    Device bobPhone = connect(bob);
    Device bobLaptop = connect(bob);
    String conversation = id("delete");
    await(api(alice).createConversation(conversation, List.of(bob), null, null));
    long seq = send(api(alice), conversation, "secret");
    await(api(bob).deleteForMe(conversation, seq));
    send(api(alice), conversation, "after");

    for (Device device : List.of(bobPhone, bobLaptop)) {
      assertHoldsItsChain(device);
      assertThat(kinds(device)).containsExactly("membership", "message", "delete", "message");
    }
    assertHoldsItsChain(alicePhone);
    assertThat(kinds(alicePhone)).containsExactly("membership", "message", "message");
  }

  private static List<String> kinds(Device device) {
    return device.recorder().entries().stream().map(entry -> entry.entry().kind()).toList();
  }
}
