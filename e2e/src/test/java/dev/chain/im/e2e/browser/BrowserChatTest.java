package dev.chain.im.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chain.im.e2e.SharedStack;
import dev.chain.im.stack.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The chat page in real headless Chromium against the whole system: two browsers (two browser
 * contexts with separate storage), each window of which is one signed-in user, as in a browser
 * where every tab keeps its own session.
 */
class BrowserChatTest {
  private static final Path SCREENSHOTS =
      Path.of(System.getProperty("im.screenshots", "target/browser-screenshots"));
  private static final AtomicInteger RUN = new AtomicInteger();

  private static LocalStack stack;
  private static URI baseUri;
  private static Chromium first;
  private static Chromium second;

  private final List<ChatPage> pages = new ArrayList<>();
  private String suffix;

  @BeforeAll
  static void start() {
    assumeTrue(
        Chromium.available(),
        "Browser tests need "
            + Chromium.BINARY
            + " and "
            + Chromium.DRIVER
            + " (apt-get install"
            + " chromium chromium-driver)");
    stack = SharedStack.get();
    baseUri = stack.messageService().baseUri();
    first = Chromium.start();
    second = Chromium.start();
  }

  @AfterAll
  static void stop() {
    for (Chromium browser : new Chromium[] {first, second}) {
      if (browser != null) {
        browser.close();
      }
    }
  }

  @BeforeEach
  void names(TestInfo test) {
    suffix = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36) + RUN.incrementAndGet();
  }

  @AfterEach
  void closePages() {
    for (ChatPage page : pages) {
      try {
        page.close();
      } catch (RuntimeException e) {
        System.err.println("closing a window: " + e);
      }
    }
    pages.clear();
  }

  @Test
  void twoUsersChatInAGroupAndAThirdJoinsAndSeesTheHistory() {
    String alice = user("alice");
    String bob = user("bob");
    String carol = user("carol");
    String group = id("team");

    ChatPage alicePage = open(first).signIn(alice).join(group);
    ChatPage bobPage = open(second).signIn(bob).join(group);

    alicePage.send("Hi Bob");
    bobPage.awaitTexts("Hi Bob");
    bobPage.sendWithEnter("Hi Alice");
    alicePage.send("Lunch at noon?");

    List<String> conversation = List.of("Hi Bob", "Hi Alice", "Lunch at noon?");
    for (ChatPage page : List.of(alicePage, bobPage)) {
      page.awaitTexts(conversation.toArray(String[]::new));
      assertThat(page.messages())
          .containsExactly(
              alice + "|normal|Hi Bob", bob + "|normal|Hi Alice", alice + "|normal|Lunch at noon?");
    }

    // Carol, in another window of the second browser, joins and reads the history.
    ChatPage carolPage = open(second).signIn(carol).join(group);
    carolPage.awaitTexts(conversation.toArray(String[]::new));
    alicePage.await(
        "the notice that " + carol + " joined",
        () -> alicePage.bodyText().contains(carol + " joined"));

    carolPage.send("Count me in");
    List<String> all = List.of("Hi Bob", "Hi Alice", "Lunch at noon?", "Count me in");
    for (ChatPage page : List.of(alicePage, bobPage, carolPage)) {
      page.awaitTexts(all.toArray(String[]::new));
    }
    assertThat(carolPage.messages())
        .containsExactly(
            alice + "|normal|Hi Bob",
            bob + "|normal|Hi Alice",
            alice + "|normal|Lunch at noon?",
            carol + "|normal|Count me in");

    // A reload keeps the session of the window and shows the same conversation, once each.
    bobPage.reload();
    bobPage.awaitOnline();
    bobPage.openConversation(group);
    bobPage.awaitTexts(all.toArray(String[]::new));

    alicePage.screenshot(SCREENSHOTS.resolve("desktop-chat.png"));
  }

  @Test
  void aSecondTabClearsItsUnreadBadgeWhenTheFirstTabReads() {
    String alice = user("alice");
    String bob = user("bob");
    String group = id("reads");
    String elsewhere = id("lobby");

    ChatPage alicePage = open(first).signIn(alice).join(group);
    ChatPage bobTab1 = open(second).signIn(bob).join(group).join(elsewhere);
    ChatPage bobTab2 = open(second).signIn(bob);
    bobTab2.awaitBadge(group, "");

    alicePage.send("Are you there?");
    alicePage.send("Ping");
    bobTab1.awaitBadge(group, "2");
    bobTab2.awaitBadge(group, "2");
    assertThat(bobTab2.preview(group)).isEqualTo(alice + ": Ping");
    bobTab2.screenshot(SCREENSHOTS.resolve("desktop-unread.png"));

    bobTab1.openConversation(group);
    bobTab1.awaitTexts("Are you there?", "Ping");
    bobTab1.awaitBadge(group, "");
    bobTab2.await(
        "the badge cleared by the read in the other tab",
        () -> "".equals(bobTab2.badge(group)),
        () -> bobTab2.badge(group),
        Duration.ofSeconds(5));

    // A new message makes both badges come back; reading it in tab 2 clears tab 1's.
    bobTab1.openConversation(elsewhere);
    alicePage.send("Hello?");
    bobTab1.awaitBadge(group, "1");
    bobTab2.awaitBadge(group, "1");
    bobTab2.openConversation(group);
    bobTab2.awaitTexts("Are you there?", "Ping", "Hello?");
    bobTab1.awaitBadge(group, "");
  }

  @Test
  void aRecalledMessageDisappearsOnTheOtherSide() {
    String alice = user("alice");
    String bob = user("bob");
    String group = id("recall");

    ChatPage alicePage = open(first).signIn(alice).join(group);
    ChatPage bobPage = open(second).signIn(bob).join(group);
    alicePage.send("Keep this");
    alicePage.send("Oops, wrong chat");
    bobPage.awaitTexts("Keep this", "Oops, wrong chat");

    // One click asks first and changes nothing; the second recalls.
    assertThat(alicePage.ask("Oops, wrong chat", "recall-button"))
        .isEqualTo("Recall for everyone?");
    assertThat(bobPage.messages()).contains(alice + "|normal|Oops, wrong chat");
    alicePage.recall("Oops, wrong chat");

    alicePage.awaitTexts("Keep this", "message recalled");
    bobPage.awaitTexts("Keep this", "message recalled");
    assertThat(bobPage.messages())
        .containsExactly(alice + "|normal|Keep this", alice + "|recalled|message recalled");
    assertThat(bobPage.bodyText()).doesNotContain("Oops, wrong chat");
    // Who recalled it is said, to the others by name and to the one who did as "you".
    assertThat(bobPage.recalledBy()).containsExactly("by " + alice);
    assertThat(alicePage.recalledBy()).containsExactly("by you");

    // Recalled stays recalled after a reload: the server erased the content, and kept who.
    bobPage.reload();
    bobPage.awaitOnline();
    bobPage.openConversation(group);
    bobPage.awaitTexts("Keep this", "message recalled");
    assertThat(bobPage.bodyText()).doesNotContain("Oops, wrong chat");
    assertThat(bobPage.recalledBy()).containsExactly("by " + alice);

    // Past the recall window the page no longer offers recall to the sender (the server would
    // refuse it); the owner may still recall.
    bobPage.send("A late thought");
    alicePage.awaitTexts("Keep this", "message recalled", "A late thought");
    bobPage.advanceClock(Duration.ofDays(1));
    bobPage.select("A late thought");
    assertThat(bobPage.actionsOffered("A late thought"))
        .contains("delete-button")
        .doesNotContain("recall-button");
    alicePage.advanceClock(Duration.ofDays(1));
    alicePage.select("A late thought");
    assertThat(alicePage.actionsOffered("A late thought")).contains("recall-button");
  }

  @Test
  void theSenderEditsAMessageAndEveryoneSeesItMarkedEdited() {
    String alice = user("alice");
    String bob = user("bob");
    String group = id("edit");

    ChatPage alicePage = open(first).signIn(alice).join(group);
    ChatPage bobPage = open(second).signIn(bob).join(group);
    alicePage.send("Lunch at 12?");
    bobPage.send("Sure");
    alicePage.awaitTexts("Lunch at 12?", "Sure");
    assertThat(alicePage.offers("Sure", "edit-button")).as("only one's own messages").isFalse();

    alicePage.edit("Lunch at 12?", "Lunch at 1?");

    bobPage.awaitTexts("Lunch at 1?", "Sure");
    assertThat(bobPage.editedTexts()).containsExactly("Lunch at 1?");
    assertThat(alicePage.editedTexts()).containsExactly("Lunch at 1?");
    assertThat(bobPage.offers("Lunch at 1?", "edit-button")).isFalse();

    // The edit is the server's: a reload shows it, marked.
    bobPage.reload();
    bobPage.awaitOnline();
    bobPage.openConversation(group);
    bobPage.awaitTexts("Lunch at 1?", "Sure");
    assertThat(bobPage.editedTexts()).containsExactly("Lunch at 1?");
  }

  @Test
  void reactionsShowAsChipsWithCountsOnBothSides() {
    String alice = user("alice");
    String bob = user("bob");
    String group = id("react");
    String thumbsUp = "\uD83D\uDC4D";

    ChatPage alicePage = open(first).signIn(alice).join(group);
    ChatPage bobPage = open(second).signIn(bob).join(group);
    alicePage.send("Pizza tonight?");
    bobPage.awaitTexts("Pizza tonight?");

    bobPage.react("Pizza tonight?", thumbsUp);
    bobPage.awaitChips("Pizza tonight?", thumbsUp + " 1 me");
    alicePage.awaitChips("Pizza tonight?", thumbsUp + " 1");

    alicePage.toggleChip("Pizza tonight?", thumbsUp);
    alicePage.awaitChips("Pizza tonight?", thumbsUp + " 2 me");
    bobPage.awaitChips("Pizza tonight?", thumbsUp + " 2 me");

    bobPage.toggleChip("Pizza tonight?", thumbsUp);
    bobPage.awaitChips("Pizza tonight?", thumbsUp + " 1");
    alicePage.awaitChips("Pizza tonight?", thumbsUp + " 1 me");

    // The counts are the server's: a reload shows the same.
    bobPage.reload();
    bobPage.awaitOnline();
    bobPage.openConversation(group);
    bobPage.awaitChips("Pizza tonight?", thumbsUp + " 1");
  }

  @Test
  void aMentionIsHighlightedAndBadgedUntilRead() {
    String alice = user("alice");
    String bob = user("bob");
    String group = id("mention");

    ChatPage alicePage = open(first).signIn(alice).join(group);
    ChatPage bobPage = open(second).signIn(bob).join(group);
    String elsewhere = id("elsewhere");
    bobPage.join(elsewhere); // bob looks at another conversation
    alicePage.await("bob among the members", () -> alicePage.text("chat-members").contains(bob));
    alicePage.send("hey @" + bob + ", lunch?");

    bobPage.await("the @ badge", () -> bobPage.mentionBadge(group));
    assertThat(alicePage.mentionBadge(group)).isFalse();
    bobPage.openConversation(group);
    bobPage.awaitTexts("hey @" + bob + ", lunch?");
    assertThat(bobPage.mentions("hey @" + bob + ", lunch?")).containsExactly("@" + bob + " me");
    bobPage.openConversation(elsewhere);
    bobPage.await("the @ badge gone once read", () -> !bobPage.mentionBadge(group));
  }

  @Test
  void theSenderSeesSeenAndTheOthersTyping() {
    String alice = user("alice");
    String bob = user("bob");
    String chat = id("seen");

    ChatPage alicePage = open(first).signIn(alice).join(chat);
    ChatPage bobPage = open(second).signIn(bob).join(chat);
    alicePage.await("bob among the members", () -> alicePage.text("chat-members").contains(bob));
    alicePage.send("Did you see this?");
    bobPage.awaitTexts("Did you see this?");

    alicePage.await("'Seen' once bob read it", () -> alicePage.seenLine().equals("Seen"));
    assertThat(bobPage.seenLine()).as("bob sent nothing").isEmpty();

    bobPage.typeDraft("Yes, I");
    alicePage.await(
        "bob typing",
        () -> alicePage.typingLine().equals(bob + " is typing…"),
        alicePage::typingLine);
    assertThat(bobPage.typingLine()).as("not to the typist").isEmpty();
    bobPage.send("Yes, I did");
    alicePage.awaitTexts("Did you see this?", "Yes, I did");
    alicePage.await(
        "the typing line gone with the message", () -> alicePage.typingLine().isEmpty());
  }

  @Test
  void aOneToOnePeerShowsOnlineUntilTheirLastPageCloses() throws Exception {
    String alice = user("alice");
    String bob = user("bob");
    String chat = id("pair");

    ChatPage alicePage = open(first).signIn(alice).join(chat);
    ChatPage bobPage = open(second).signIn(bob).join(chat);
    bobPage.awaitOnline();
    alicePage.await("bob among the members", () -> alicePage.text("chat-members").contains(bob));
    alicePage.await(
        "bob online",
        () -> {
          alicePage.openConversation(chat); // asks again; the frames keep it current after
          return alicePage.peerPresence().equals("online");
        },
        alicePage::peerPresence);

    alicePage.await("bob's dot in the list", () -> "online".equals(alicePage.listMarks(chat)));
    // Of two members, a group is a conversation of two too; with a third it has no peer.
    String group = id("trio");
    alicePage.join(group);
    bobPage.join(group);
    String carol = user("carol");
    Rest rest = new Rest(baseUri);
    rest.call(rest.token(carol), "PUT", "/v1/conversations/" + group + "/members/" + carol, null);
    alicePage.await(
        "no dot once a third member joined",
        () -> "no dot".equals(alicePage.listMarks(group)),
        () -> alicePage.listMarks(group));

    bobPage.close();
    alicePage.await(
        "bob gone",
        () -> alicePage.listMarks(chat).equals("offline"),
        () -> alicePage.listMarks(chat));
    alicePage.openConversation(chat);
    alicePage.await(
        "bob last seen",
        () -> alicePage.peerPresence().startsWith("last seen"),
        alicePage::peerPresence);
  }

  @Test
  void aChatIsStartedWithSomeoneAndAGroupIsMadeGrownShrunkAndLeft() {
    String alice = user("alice");
    String bob = user("bob");
    String carol = user("carol");
    String direct = "dm:" + String.join(":", new java.util.TreeSet<>(List.of(alice, bob)));

    ChatPage alicePage = open(first).signIn(alice);
    ChatPage bobPage = open(second).signIn(bob);
    alicePage.startChat(direct, bob);
    assertThat(alicePage.text("chat-title")).as("named after the other one").isEqualTo(bob);
    alicePage.send("just you and me");
    bobPage.await(
        "the chat in bob's list, named after alice",
        () -> alice.equals(bobPage.conversationName(direct)));
    bobPage.startChat(direct, alice); // the same chat, not a second one
    bobPage.awaitTexts("just you and me");

    String group = id("crew");
    alicePage.createGroup(group, List.of(bob), "invite", "since_join");
    bobPage.await("the group in bob's list", () -> group.equals(bobPage.conversationName(group)));
    ChatPage carolPage = open(second).signIn(carol);
    assertThat(carolPage.conversationName(group)).as("invite-only").isNull();

    alicePage.addMember(carol);
    carolPage.await("the group in carol's list", () -> carolPage.conversationName(group) != null);
    alicePage.await(
        "carol among the members", () -> alicePage.text("chat-members").contains(carol));
    alicePage.removeMember(carol);
    alicePage.await("carol removed", () -> !alicePage.text("chat-members").contains(carol));
    carolPage.await("gone from carol's list", () -> carolPage.conversationName(group) == null);

    bobPage.openConversation(group);
    bobPage.leave();
    bobPage.await("gone from bob's list", () -> bobPage.conversationName(group) == null);
    alicePage.await("the notice that bob left", () -> alicePage.bodyText().contains(bob + " left"));
    assertThat(alicePage.text("chat-members")).doesNotContain(bob);
  }

  @Test
  void theTabsOfABrowserShareTheSignInAndSignOutTogether() {
    String alice = user("alice");
    String bob = user("bob");

    ChatPage aliceTab = open(first).signIn(alice);
    // A new tab opens signed in as the browser's last sign-in, and live.
    ChatPage secondTab = open(first);
    secondTab.awaitOnline();
    assertThat(secondTab.signedInAs()).isEqualTo(alice);

    // Another account in one tab leaves the other tabs as they are, also after a reload.
    secondTab.switchAccount();
    secondTab.signIn(bob);
    aliceTab.reload();
    aliceTab.awaitOnline();
    assertThat(aliceTab.signedInAs()).isEqualTo(alice);
    secondTab.reload();
    secondTab.awaitOnline();
    assertThat(secondTab.signedInAs()).isEqualTo(bob);

    // New tabs open as the last sign-in.
    ChatPage thirdTab = open(first);
    thirdTab.awaitOnline();
    assertThat(thirdTab.signedInAs()).isEqualTo(bob);

    // Signing out signs that user out of every tab of the browser; another user's tab stays, and
    // a new tab asks who you are.
    thirdTab.signOut();
    secondTab.await("bob's other tab signed out too", () -> secondTab.signedInAs() == null);
    assertThat(aliceTab.signedInAs()).isEqualTo(alice);
    assertThat(aliceTab.connectionState()).isEqualTo("online");
    assertThat(open(first).signedInAs()).isNull();
  }

  @Test
  void aLinkOpensItsConversationAndAReloadKeepsItOpen() {
    String alice = user("alice");
    String group = id("linked");

    ChatPage alicePage = open(first).signIn(alice).join(group);
    alicePage.send("follow the link");
    assertThat(alicePage.currentUrl()).endsWith("#/c/" + group.replace(":", "%3A"));
    alicePage.reload();
    alicePage.awaitOnline();
    alicePage.await("open again after the reload", () -> alicePage.isOpen(group));
    alicePage.awaitTexts("follow the link");

    // In another browser, where alice has not signed in yet.
    ChatPage linked = open(second);
    linked.visit(baseUri.resolve("/#/c/" + group).toString());
    linked.signIn(alice);
    linked.await("the linked conversation open once signed in", () -> linked.isOpen(group));
    linked.awaitTexts("follow the link");
  }

  @Test
  void contentThePageCannotShowIsSaidToBeUnsupportedAndThePageHasAnIcon() throws Exception {
    String alice = user("alice");
    String bob = user("bob");
    String group = id("cards");

    ChatPage alicePage = open(first).signIn(alice).join(group);
    Rest rest = new Rest(baseUri);
    String bobToken = rest.token(bob);
    rest.call(bobToken, "PUT", "/v1/conversations/" + group + "/members/" + bob, null);
    rest.call(
        bobToken,
        "POST",
        "/v1/conversations/" + group + "/messages",
        "{\"content\":{\"card\":{\"title\":\"Lunch poll\"}}}");
    alicePage.await(
        "the card shown as unsupported",
        () -> alicePage.messages().contains(bob + "|normal|unsupported message"),
        alicePage::messages);
    assertThat(alicePage.bodyText()).doesNotContain("Lunch poll");

    String icon = (String) alicePage.script("return document.querySelector('link[rel=icon]').href");
    assertThat(rest.call(null, "GET", URI.create(icon).getPath(), null)).contains("<svg");
  }

  @Test
  void unreadIsMarkedAndWhatArrivesWhileScrolledUpWaitsBelow() throws Exception {
    String alice = user("alice");
    String bob = user("bob");
    String group = id("scroll");
    Rest rest = new Rest(baseUri);
    String aliceToken = rest.token(alice);
    rest.call(aliceToken, "PUT", "/v1/conversations/" + group + "/members/" + alice, null);
    rest.call(aliceToken, "PUT", "/v1/conversations/" + group + "/members/" + bob, null);
    for (int i = 1; i <= 30; i++) {
      rest.call(
          aliceToken,
          "POST",
          "/v1/conversations/" + group + "/messages",
          "{\"content\":{\"text\":\"early " + i + "\"}}");
    }

    ChatPage bobPage = open(second).signIn(bob);
    bobPage.awaitBadge(group, "30");
    assertThat(bobPage.conversationTime(group)).matches("\\d{2}:\\d{2}.*");
    bobPage.openConversation(group);
    bobPage.awaitTexts(
        IntStream.rangeClosed(1, 30).mapToObj(i -> "early " + i).toArray(String[]::new));
    assertThat(bobPage.firstUnread())
        .as("the divider before the first unread")
        .isEqualTo("early 1");
    assertThat(bobPage.allTexts("day-separator")).containsExactly("Today");
    assertThat(bobPage.allTexts("message-sender"))
        .as("one name over a sender's run of messages")
        .containsExactly(alice);
    bobPage.awaitBadge(group, "");

    bobPage.scrollMessagesToTop();
    rest.call(
        aliceToken,
        "POST",
        "/v1/conversations/" + group + "/messages",
        "{\"content\":{\"text\":\"while you were up\"}}");
    bobPage.await("New messages offered", () -> bobPage.visible("new-messages-button"));
    bobPage.awaitBadge(group, "1");
    bobPage.clickNewMessages();
    bobPage.awaitBadge(group, "");
    bobPage.await("the offer gone", () -> !bobPage.visible("new-messages-button"));
  }

  @Test
  void aConversationIsMutedFromItsMenuAndStaysMutedAfterAReload() {
    String alice = user("alice");
    String chat = id("quiet");

    ChatPage alicePage = open(first).signIn(alice).join(chat);
    assertThat(alicePage.muteChoice()).isEqualTo("Mute notifications");
    assertThat(alicePage.listMarks(chat)).isEqualTo("no dot");

    alicePage.toggleMute();
    alicePage.await("the muted mark", () -> "no dot|muted".equals(alicePage.listMarks(chat)));
    assertThat(alicePage.muteChoice()).isEqualTo("Unmute notifications");

    alicePage.reload();
    alicePage.awaitOnline();
    alicePage.await(
        "muted, as the server keeps it", () -> "no dot|muted".equals(alicePage.listMarks(chat)));
    alicePage.openConversation(chat);
    alicePage.toggleMute();
    alicePage.await("unmuted", () -> "no dot".equals(alicePage.listMarks(chat)));
    assertThat(alicePage.muteChoice()).isEqualTo("Mute notifications");
  }

  @Test
  void aDeleteHidesTheMessageOnlyForTheDeleter() {
    String alice = user("alice");
    String bob = user("bob");
    String group = id("delete");

    ChatPage alicePage = open(first).signIn(alice).join(group);
    ChatPage bobPage = open(second).signIn(bob).join(group);
    ChatPage bobOtherTab = open(second).signIn(bob).openConversation(group);
    alicePage.send("one");
    alicePage.send("two");
    alicePage.send("three");
    bobPage.awaitTexts("one", "two", "three");
    bobOtherTab.awaitTexts("one", "two", "three");

    // Asked, then another message selected: it asks no more, and nothing was deleted.
    assertThat(bobPage.ask("two", "delete-button")).isEqualTo("Delete for me?");
    bobPage.select("one");
    assertThat(bobPage.asking("two", "delete-button")).isNull();
    assertThat(bobPage.texts()).contains("two");
    bobPage.deleteForMe("two");

    bobPage.awaitTexts("one", "three");
    // The delete entry is on Bob's own chain: his other tab hides it too.
    bobOtherTab.awaitTexts("one", "three");
    // Alice still has it, also after a later message and a reload.
    alicePage.send("four");
    bobPage.awaitTexts("one", "three", "four");
    alicePage.awaitTexts("one", "two", "three", "four");
    alicePage.reload();
    alicePage.awaitOnline();
    alicePage.openConversation(group);
    alicePage.awaitTexts("one", "two", "three", "four");
  }

  @Test
  void historyPagesBackwardAndUnreadCountsWhatArrivedWhileAway() throws Exception {
    String alice = user("alice");
    String bob = user("bob");
    String group = id("history");
    Rest rest = new Rest(baseUri);
    String aliceToken = rest.token(alice);
    rest.call(aliceToken, "PUT", "/v1/conversations/" + group + "/members/" + alice, null);
    rest.call(aliceToken, "PUT", "/v1/conversations/" + group + "/members/" + bob, null);
    for (int i = 1; i <= 60; i++) {
      rest.call(
          aliceToken,
          "POST",
          "/v1/conversations/" + group + "/messages",
          "{\"clientMsgId\":\"m-" + i + "\",\"content\":{\"text\":\"message " + i + "\"}}");
    }

    ChatPage bobPage = open(second).signIn(bob);
    bobPage.awaitBadge(group, "60");
    bobPage.openConversation(group);
    String[] latest =
        IntStream.rangeClosed(11, 60).mapToObj(i -> "message " + i).toArray(String[]::new);
    bobPage.awaitTexts(latest);
    bobPage.awaitBadge(group, "");

    bobPage.loadOlder();
    String[] all =
        IntStream.rangeClosed(1, 60).mapToObj(i -> "message " + i).toArray(String[]::new);
    bobPage.awaitTexts(all);
    bobPage.await("no older page", () -> !bobPage.visible("load-older"));

    // A live message lands after the history, once.
    rest.call(
        aliceToken,
        "POST",
        "/v1/conversations/" + group + "/messages",
        "{\"clientMsgId\":\"m-61\",\"content\":{\"text\":\"message 61\"}}");
    String[] more =
        IntStream.rangeClosed(1, 61).mapToObj(i -> "message " + i).toArray(String[]::new);
    bobPage.awaitTexts(more);
  }

  @Test
  void onAPhoneOnePaneAtATimeAndErrorsAreShown() {
    String alice = user("alice");
    String bob = user("bob");
    String group = id("phone");

    ChatPage bobPage = open(second).signIn(bob).join(group);
    ChatPage alicePage = open(first);
    alicePage.resize(390, 844);
    alicePage.signIn(alice).join(group);
    assertThat(alicePage.visible("conversation-list")).isFalse();
    bobPage.send("Hi from the desk");
    alicePage.send("Hi from the phone");
    alicePage.awaitTexts("Hi from the desk", "Hi from the phone");
    alicePage.select("Hi from the desk");
    alicePage.screenshot(SCREENSHOTS.resolve("phone-chat.png"));

    alicePage.back();
    assertThat(alicePage.visible("chat-title")).isFalse();
    assertThat(alicePage.preview(group)).isEqualTo("You: Hi from the phone");

    alicePage.tryJoin("not a valid id!");
    alicePage.await("the error banner", () -> alicePage.errorText() != null);
    assertThat(alicePage.errorText()).contains("conversation id").contains("400");
    alicePage.screenshot(SCREENSHOTS.resolve("phone-list.png"));
  }

  @Test
  void aPageReconnectsAfterTheGatewayRestartsAndCatchesUp() {
    String alice = user("alice");
    String bob = user("bob");
    String group = id("reconnect");

    ChatPage alicePage = open(first).signIn(alice).join(group);
    ChatPage bobPage = open(second).signIn(bob).join(group);
    alicePage.send("before");
    bobPage.awaitTexts("before");

    stack.pushGateway().stop();
    try {
      bobPage.await(
          "the page to show it is reconnecting",
          () -> "reconnecting".equals(bobPage.connectionState()));
      alicePage.send("while the gateway was down");
    } finally {
      stack.pushGateway().start();
      stack.pushGateway().awaitReady(Duration.ofSeconds(120));
    }
    // Pulled on reconnect, then pushed live again.
    bobPage.await(
        "the page to reconnect",
        () -> "online".equals(bobPage.connectionState()),
        bobPage::connectionState,
        Duration.ofSeconds(60));
    bobPage.awaitTexts("before", "while the gateway was down");
    alicePage.awaitOnline();
    alicePage.send("after");
    bobPage.awaitTexts("before", "while the gateway was down", "after");
  }

  // ---- helpers

  private ChatPage open(Chromium browser) {
    ChatPage page = ChatPage.open(browser.driver, baseUri);
    pages.add(page);
    return page;
  }

  private String user(String name) {
    return name + "-" + suffix;
  }

  private String id(String name) {
    return name + ":" + suffix;
  }

  /** Plain REST calls for setting up what would take long to click. */
  private record Rest(URI baseUri) {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    String token(String userId) throws IOException, InterruptedException {
      String body = call(null, "POST", "/v1/dev/tokens", "{\"userId\":\"" + userId + "\"}");
      Matcher matcher = TOKEN.matcher(body);
      assertThat(matcher.find()).as("token in %s", body).isTrue();
      return matcher.group(1);
    }

    String call(String token, String method, String path, String json)
        throws IOException, InterruptedException {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(baseUri.resolve(path))
              .timeout(Duration.ofSeconds(20))
              .header("Content-Type", "application/json")
              .method(
                  method,
                  json == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(json));
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode())
          .as("%s %s: %s", method, path, response.body())
          .isLessThan(300);
      return response.body();
    }
  }
}
