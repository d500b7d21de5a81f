package dev.chain.im.e2e.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page in one browser window, driven as a user would: typing and clicking. Reads go
 * through small scripts that take the whole state at once, so a re-render never leaves a test
 * holding a stale element. Every call first switches the driver to this page's window.
 */
final class ChatPage {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static final String MESSAGES =
      "return [...document.querySelectorAll('[data-testid=message]')].map(m => "
          + "m.dataset.sender + '|' + m.dataset.state + '|' + "
          + "m.querySelector('[data-testid=message-text]').textContent)";
  private static final String BADGE =
      "const item = [...document.querySelectorAll('[data-testid=conversation-item]')]"
          + ".find(i => i.dataset.conversationId === arguments[0]);"
          + "if (!item) return null;"
          + "const badge = item.querySelector('[data-testid=unread-badge]');"
          + "return badge ? badge.textContent : '';";
  private static final String PREVIEW =
      "const item = [...document.querySelectorAll('[data-testid=conversation-item]')]"
          + ".find(i => i.dataset.conversationId === arguments[0]);"
          + "return item ? item.querySelector('[data-testid=conversation-preview]').textContent"
          + " : null;";

  private static final String LIST_MARKS =
      "const item = [...document.querySelectorAll('[data-testid=conversation-item]')]"
          + ".find(i => i.dataset.conversationId === arguments[0]);"
          + "if (!item) return null;"
          + "const dot = item.querySelector('[data-testid=presence-dot]');"
          + "return (dot ? (dot.dataset.online === 'true' ? 'online' : 'offline') : 'no dot')"
          + " + (item.querySelector('[data-testid=muted-mark]') ? '|muted' : '');";

  private static final String NAME =
      "const item = [...document.querySelectorAll('[data-testid=conversation-item]')]"
          + ".find(i => i.dataset.conversationId === arguments[0]);"
          + "return item ? item.querySelector('[data-testid=conversation-name]').textContent : null;";

  private final ChromeDriver driver;
  private final String window;
  private final WebDriverWait wait;

  private ChatPage(ChromeDriver driver, String window) {
    this.driver = driver;
    this.window = window;
    this.wait = new WebDriverWait(driver, TIMEOUT, Duration.ofMillis(50));
    wait.ignoring(StaleElementReferenceException.class);
  }

  /** Opens the page in a new window of this browser: its own sessionStorage, so its own user. */
  static ChatPage open(ChromeDriver driver, URI baseUri) {
    driver.switchTo().newWindow(WindowType.WINDOW);
    driver.get(baseUri.resolve("/").toString());
    ChatPage page = new ChatPage(driver, driver.getWindowHandle());
    page.await("the page to load", () -> page.visible("sign-in") || page.visible("app"));
    return page;
  }

  ChatPage focus() {
    if (!window.equals(driver.getWindowHandle())) {
      driver.switchTo().window(window);
    }
    return this;
  }

  /** Closes this window; the driver moves to one still open (each browser keeps its first). */
  void close() {
    focus();
    driver.close();
    driver.switchTo().window(driver.getWindowHandles().iterator().next());
  }

  void reload() {
    focus();
    driver.navigate().refresh();
  }

  void resize(int width, int height) {
    focus();
    driver.manage().window().setSize(new Dimension(width, height));
  }

  // ---- actions

  /**
   * Signs this tab in as the user. A tab opens signed in as the browser's last sign-in: if that is
   * someone else, it first chooses "Use another account".
   */
  ChatPage signIn(String userId) {
    focus();
    if (visible("app")) {
      if (userId.equals(text("current-user"))) {
        awaitOnline();
        return this;
      }
      switchAccount();
    }
    type("user-id-input", userId);
    click(By.cssSelector(testId("sign-in-button")));
    await("signed in as " + userId, () -> userId.equals(text("current-user")));
    awaitOnline();
    return this;
  }

  /** "Use another account": this tab shows the sign-in form; the others keep their accounts. */
  void switchAccount() {
    focus();
    click(By.cssSelector(testId("switch-account-button")));
    await("the sign-in form", () -> visible("sign-in"));
  }

  /** Signs out, of every tab of this browser. */
  void signOut() {
    focus();
    click(By.cssSelector(testId("sign-out-button")));
    await("the sign-in form", () -> visible("sign-in"));
  }

  /** Who this tab is signed in as, or null while it shows the sign-in form. */
  String signedInAs() {
    focus();
    return visible("app") ? text("current-user") : null;
  }

  void awaitOnline() {
    await("the live connection", () -> "online".equals(connectionState()));
  }

  ChatPage join(String conversationId) {
    focus();
    type("conversation-id-input", conversationId);
    click(By.cssSelector(testId("join-button")));
    await("conversation " + conversationId + " open", () -> isOpen(conversationId));
    return this;
  }

  /** Types into the join form and submits, for calls that are expected to fail. */
  void tryJoin(String conversationId) {
    focus();
    type("conversation-id-input", conversationId);
    click(By.cssSelector(testId("join-button")));
  }

  ChatPage openConversation(String conversationId) {
    focus();
    click(By.cssSelector(item(conversationId) + " button"));
    await("conversation " + conversationId + " open", () -> isOpen(conversationId));
    return this;
  }

  void back() {
    focus();
    click(By.cssSelector(testId("back-button")));
    await("the conversation list", () -> visible("conversation-list"));
  }

  /** Sends from the composer and waits until the server confirmed it (it has a seq). */
  ChatPage send(String text) {
    focus();
    type("message-input", text);
    click(By.cssSelector(testId("send-button")));
    await(
        "'" + text + "' sent",
        () -> messages().stream().anyMatch(m -> m.endsWith("|normal|" + text)));
    return this;
  }

  /** Sends with the Enter key. */
  ChatPage sendWithEnter(String text) {
    focus();
    WebElement input = driver.findElement(By.cssSelector(testId("message-input")));
    input.sendKeys(text, Keys.ENTER);
    await(
        "'" + text + "' sent",
        () -> messages().stream().anyMatch(m -> m.endsWith("|normal|" + text)));
    return this;
  }

  /** Taps a message, as on a phone: it shows its actions. */
  void select(String text) {
    focus();
    By message = By.xpath(messageXpath(text));
    click(new By.ByXPath(messageXpath(text) + "//*[@data-testid='message-bubble']"));
    await(
        "'" + text + "' selected",
        () ->
            Objects.requireNonNullElse(driver.findElement(message).getDomAttribute("class"), "")
                .contains("selected"));
  }

  /** Recalls one's message: the first click asks "Recall for everyone?", the second recalls. */
  void recall(String text) {
    confirmed(text, "recall-button");
  }

  void deleteForMe(String text) {
    confirmed(text, "delete-button");
  }

  /** What the recalled messages say of who recalled them, in order. */
  List<String> recalledBy() {
    focus();
    return driver.findElements(By.cssSelector(testId("recalled-by"))).stream()
        .map(found -> found.getAttribute("textContent").trim())
        .toList();
  }

  /** The actions a selected message offers: its buttons' test ids. */
  List<String> actionsOffered(String text) {
    focus();
    return driver.findElements(By.xpath(messageXpath(text) + "//button[@data-testid]")).stream()
        .map(button -> button.getDomAttribute("data-testid"))
        .toList();
  }

  /** Moves the page's clock (Date.now) on, as time passing would; the server's clock stays. */
  void advanceClock(Duration by) {
    focus();
    driver.executeScript(
        "const shift = arguments[0]; const now = Date.now; Date.now = () => now.call(Date) + shift;",
        by.toMillis());
  }

  /** Clicks a recall or delete button once, and answers what it asks then. */
  String ask(String text, String button) {
    messageAction(text, button);
    await("'" + text + "' asking before " + button, () -> asking(text, button) != null);
    return asking(text, button);
  }

  /** Asks (unless asked already) and answers with a second click. */
  private void confirmed(String text, String button) {
    if (asking(text, button) == null) {
      ask(text, button);
    }
    messageAction(text, button);
  }

  /** The question a button asks after its first click, or null while it has not been clicked. */
  String asking(String text, String button) {
    focus();
    List<WebElement> asked =
        driver.findElements(
            By.xpath(
                messageXpath(text)
                    + "//button[@data-testid='"
                    + button
                    + "'][@data-armed='true']"));
    return asked.isEmpty() ? null : asked.get(0).getAttribute("textContent").trim();
  }

  /** Edits one's own message through the composer, and waits until it shows the new text. */
  void edit(String text, String newText) {
    messageAction(text, "edit-button");
    await("the composer editing '" + text + "'", () -> visible("editing-banner"));
    type("message-input", newText);
    click(By.cssSelector(testId("send-button")));
    await("'" + newText + "' saved", () -> texts().contains(newText) && !visible("editing-banner"));
  }

  /** Starts (or opens again) the direct chat with {@code peer} from the sidebar. */
  ChatPage startChat(String conversationId, String peer) {
    focus();
    openNewConversation();
    type("new-chat-user", peer);
    click(By.cssSelector(testId("new-chat-button")));
    await("chat " + conversationId + " open", () -> isOpen(conversationId));
    return this;
  }

  /**
   * Creates a group from the sidebar: members by id, access and history as the server names them.
   */
  ChatPage createGroup(String conversationId, List<String> members, String access, String history) {
    focus();
    openNewConversation();
    type("new-group-members", String.join(", ", members));
    type("new-group-id", conversationId);
    new Select(driver.findElement(By.cssSelector(testId("new-group-access"))))
        .selectByValue(access);
    new Select(driver.findElement(By.cssSelector(testId("new-group-history"))))
        .selectByValue(history);
    click(By.cssSelector(testId("new-group-button")));
    await("group " + conversationId + " open", () -> isOpen(conversationId));
    return this;
  }

  private void openNewConversation() {
    if (!Boolean.TRUE.equals(
        driver.executeScript(
            "return document.querySelector('[data-testid=new-conversation]').open"))) {
      click(By.cssSelector(testId("new-conversation") + " summary"));
    }
  }

  /** Adds a member to the open conversation from its header's menu. */
  void addMember(String userId) {
    openMenu();
    type("add-member-input", userId);
    click(By.cssSelector(testId("add-member-button")));
    await("the menu closed", () -> !visible("conversation-menu"));
  }

  /** Leaves the open conversation from its menu: the item asks for a second click. */
  void leave() {
    openMenu();
    click(By.cssSelector(testId("leave-button")));
    await("leaving asked again", () -> text("leave-button").equals("Click again to leave"));
    click(By.cssSelector(testId("leave-button")));
  }

  /** As the owner, removes a member with the × beside their name in the header. */
  void removeMember(String userId) {
    focus();
    click(
        By.cssSelector(
            "[data-testid=member][data-user-id='" + userId + "'] [data-testid=remove-member]"));
  }

  /** The name the list shows for a conversation, or null when it is not listed. */
  String conversationName(String conversationId) {
    focus();
    return (String) driver.executeScript(NAME, conversationId);
  }

  private void openMenu() {
    focus();
    if (!visible("conversation-menu")) {
      click(By.cssSelector(testId("conversation-menu-button")));
      await("the conversation menu", () -> visible("conversation-menu"));
    }
  }

  /** Mutes or unmutes the open conversation from its header's menu. */
  void toggleMute() {
    openMenu();
    click(By.cssSelector(testId("mute-toggle")));
    await("the menu closed", () -> !visible("conversation-menu"));
  }

  /** The label the header's menu offers for the notification setting. */
  String muteChoice() {
    focus();
    return (String)
        driver.executeScript(
            "return document.querySelector('[data-testid=mute-toggle]').textContent");
  }

  /**
   * What the list shows beside a conversation's name: "online", "offline" or "no dot" for the peer
   * of a conversation of two, then "|muted" when it is muted; null when it is not listed.
   */
  String listMarks(String conversationId) {
    focus();
    return (String) driver.executeScript(LIST_MARKS, conversationId);
  }

  /** Types into the composer without sending, as a user in the middle of a message. */
  void typeDraft(String text) {
    focus();
    driver.findElement(By.cssSelector(testId("message-input"))).sendKeys(text);
  }

  /** The "… is typing" line, or "" when it is hidden. */
  String typingLine() {
    return visible("typing-indicator") ? text("typing-indicator") : "";
  }

  /** What the header says of a 1:1 peer's presence ("online", "last seen …"), or "". */
  String peerPresence() {
    return visible("peer-presence") ? text("peer-presence") : "";
  }

  /** The "Seen" line under one's last message, or "" when there is none. */
  String seenLine() {
    return visible("seen") ? text("seen") : "";
  }

  /** Whether the conversation's list item shows the "@" of unread mentions. */
  boolean mentionBadge(String conversationId) {
    focus();
    return !driver
        .findElements(
            By.xpath(
                "//li[@data-testid='conversation-item'][@data-conversation-id='"
                    + conversationId
                    + "']//*[@data-testid='mention-badge']"))
        .isEmpty();
  }

  /** The highlighted mentions in a message, with " me" for those that name the signed-in user. */
  List<String> mentions(String text) {
    focus();
    return driver
        .findElements(By.xpath(messageXpath(text) + "//*[@data-testid='mention']"))
        .stream()
        .map(
            span ->
                span.getText()
                    + (Objects.requireNonNullElse(span.getDomAttribute("class"), "").contains("me")
                        ? " me"
                        : ""))
        .toList();
  }

  /** Reacts to a message through its picker. */
  void react(String text, String reaction) {
    messageAction(text, "react-button");
    click(
        By.xpath(
            messageXpath(text)
                + "//*[@data-testid='pick-reaction'][@data-reaction='"
                + reaction
                + "']"));
  }

  /** Presses a reaction chip under a message: adds or takes back one's own. */
  void toggleChip(String text, String reaction) {
    focus();
    click(
        By.xpath(
            messageXpath(text)
                + "//*[@data-testid='reaction-chip'][@data-reaction='"
                + reaction
                + "']"));
  }

  /** The chips under a message, each "reaction count", with " me" when one's own is in it. */
  List<String> chips(String text) {
    focus();
    return driver
        .findElements(By.xpath(messageXpath(text) + "//*[@data-testid='reaction-chip']"))
        .stream()
        .map(
            chip ->
                chip.getDomAttribute("data-reaction")
                    + " "
                    + chip.getDomAttribute("data-count")
                    + ("true".equals(chip.getDomAttribute("aria-pressed")) ? " me" : ""))
        .toList();
  }

  void awaitChips(String text, String... expected) {
    List<String> want = List.of(expected);
    await(
        "reactions " + want + " on '" + text + "'",
        () -> want.equals(chips(text)),
        () -> chips(text));
  }

  /** The texts of the messages that show the "edited" mark, in order. */
  List<String> editedTexts() {
    focus();
    return driver
        .findElements(By.xpath("//li[@data-testid='message'][.//*[@data-testid='edited-mark']]"))
        .stream()
        .map(li -> li.findElement(By.cssSelector(testId("message-text"))).getText())
        .toList();
  }

  /** Whether the message offers the action, shown or on hover. */
  boolean offers(String text, String button) {
    focus();
    return !driver
        .findElements(By.xpath(messageXpath(text) + "//*[@data-testid='" + button + "']"))
        .isEmpty();
  }

  void loadOlder() {
    focus();
    click(By.cssSelector(testId("load-older")));
  }

  // ---- reads

  /** The shown messages in order, each as {@code sender|state|text}. */
  @SuppressWarnings("unchecked")
  List<String> messages() {
    focus();
    return (List<String>) js().executeScript(MESSAGES);
  }

  /** The texts of the shown messages in order ({@code message recalled} for a recalled one). */
  List<String> texts() {
    return messages().stream()
        .map(m -> m.substring(m.indexOf('|', m.indexOf('|') + 1) + 1))
        .toList();
  }

  /** The unread badge of a conversation: "" for none, null when it is not in the list. */
  String badge(String conversationId) {
    focus();
    return (String) js().executeScript(BADGE, conversationId);
  }

  String preview(String conversationId) {
    focus();
    return (String) js().executeScript(PREVIEW, conversationId);
  }

  String connectionState() {
    focus();
    return driver
        .findElement(By.cssSelector(testId("connection-state")))
        .getDomAttribute("data-state");
  }

  String errorText() {
    return visible("error") ? text("error-text") : null;
  }

  String bodyText() {
    focus();
    return driver.findElement(By.tagName("body")).getText();
  }

  boolean visible(String testId) {
    focus();
    List<WebElement> found = driver.findElements(By.cssSelector(testId(testId)));
    return !found.isEmpty() && found.get(0).isDisplayed();
  }

  /**
   * Whether the conversation is open: its header names it (the title shows a direct chat's peer).
   */
  boolean isOpen(String conversationId) {
    return visible("chat-title")
        && conversationId.equals(
            driver.executeScript(
                "return document.querySelector('[data-testid=chat-title]').title"));
  }

  /** The texts of every element with this test id, in page order. */
  @SuppressWarnings("unchecked")
  List<String> allTexts(String testId) {
    focus();
    return (List<String>)
        driver.executeScript(
            "return [...document.querySelectorAll('[data-testid=\"' + arguments[0] + '\"]')]"
                + ".map(e => e.textContent)",
            testId);
  }

  /** Scrolls the message list to its top, as a user reading back. */
  void scrollMessagesToTop() {
    focus();
    driver.executeScript("document.querySelector('[data-testid=message-list]').scrollTop = 0");
  }

  /** The text of the message right after the "New messages" divider, or null without one. */
  String firstUnread() {
    focus();
    return (String)
        driver.executeScript(
            "const d = document.querySelector('[data-testid=unread-divider]');"
                + "const m = d && d.nextElementSibling;"
                + "return m ? m.querySelector('[data-testid=message-text]').textContent : null;");
  }

  /** The time the list shows beside a conversation, or null without one. */
  String conversationTime(String conversationId) {
    focus();
    return (String)
        driver.executeScript(
            "const item = [...document.querySelectorAll('[data-testid=conversation-item]')]"
                + ".find(i => i.dataset.conversationId === arguments[0]);"
                + "const t = item && item.querySelector('[data-testid=conversation-time]');"
                + "return t ? t.textContent : null;",
            conversationId);
  }

  void clickNewMessages() {
    focus();
    click(By.cssSelector(testId("new-messages-button")));
  }

  /** Runs a script in the page and answers what it returns. */
  Object script(String script) {
    focus();
    return driver.executeScript(script);
  }

  String currentUrl() {
    focus();
    return driver.getCurrentUrl();
  }

  /** Goes to an address in this window, as a link followed. */
  void visit(String url) {
    focus();
    driver.get(url);
    await("the page to load", () -> visible("sign-in") || visible("app"));
  }

  // ---- waits

  void awaitTexts(String... expected) {
    List<String> want = List.of(expected);
    await("messages " + want, () -> want.equals(texts()), this::texts);
  }

  void awaitBadge(String conversationId, String expected) {
    await(
        "badge '" + expected + "' on " + conversationId,
        () -> expected.equals(badge(conversationId)),
        () -> badge(conversationId));
  }

  void await(String what, Supplier<Boolean> condition) {
    await(what, condition, () -> "(not shown)");
  }

  <T> void await(String what, Supplier<Boolean> condition, Supplier<T> actual) {
    await(what, condition, actual, TIMEOUT);
  }

  <T> void await(String what, Supplier<Boolean> condition, Supplier<T> actual, Duration timeout) {
    focus();
    try {
      new WebDriverWait(driver, timeout, Duration.ofMillis(50))
          .ignoring(StaleElementReferenceException.class)
          .ignoring(NoSuchElementException.class)
          .until(d -> condition.get());
    } catch (TimeoutException e) {
      Object seen;
      try {
        seen = actual.get();
      } catch (RuntimeException failure) {
        seen = failure.toString();
      }
      throw new AssertionError(
          "Timed out after "
              + timeout.toSeconds()
              + " s waiting for "
              + what
              + "; shown: "
              + seen
              + "; error banner: "
              + errorText()
              + "; connection: "
              + connectionState(),
          e);
    }
  }

  void screenshot(Path file) {
    focus();
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.copy(
          driver.getScreenshotAs(OutputType.FILE).toPath(),
          file,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- helpers

  private void messageAction(String text, String button) {
    focus();
    String message = messageXpath(text);
    RuntimeException[] last = {null};
    try {
      wait.until(
          d -> {
            try {
              WebElement li = d.findElement(By.xpath(message));
              WebElement action = li.findElement(By.cssSelector(testId(button)));
              if (!action.isDisplayed()) {
                // Shown on hover, or on a tap that selects the message (phones).
                String classes = Objects.requireNonNullElse(li.getDomAttribute("class"), "");
                if (!classes.contains("selected")) {
                  li.findElement(By.cssSelector(testId("message-bubble"))).click();
                }
                return false;
              }
              action.click();
              return true;
            } catch (NoSuchElementException
                | ElementNotInteractableException
                | StaleElementReferenceException e) {
              last[0] = e;
              return false;
            }
          });
    } catch (TimeoutException e) {
      List<WebElement> found = driver.findElements(By.xpath(message));
      throw new AssertionError(
          "Could not press "
              + button
              + " on '"
              + text
              + "': "
              + (found.isEmpty() ? "no such message" : found.get(0).getDomProperty("outerHTML"))
              + "; last failure: "
              + last[0],
          e);
    }
  }

  private void type(String testId, String text) {
    WebElement input = driver.findElement(By.cssSelector(testId(testId)));
    input.clear();
    input.sendKeys(text);
  }

  private void click(By locator) {
    wait.until(
        d -> {
          try {
            d.findElement(locator).click();
            return true;
          } catch (NoSuchElementException
              | ElementNotInteractableException
              | StaleElementReferenceException e) {
            return false;
          }
        });
  }

  String text(String testId) {
    return driver.findElement(By.cssSelector(testId(testId))).getText();
  }

  private JavascriptExecutor js() {
    return driver;
  }

  private static String testId(String id) {
    return "[data-testid='" + id + "']";
  }

  private static String item(String conversationId) {
    return "[data-testid='conversation-item'][data-conversation-id='" + conversationId + "']";
  }

  private static String messageXpath(String text) {
    return "//li[@data-testid='message'][.//*[@data-testid='message-text'][normalize-space(.)="
        + xpathLiteral(text)
        + "]]";
  }

  private static String xpathLiteral(String text) {
    if (!text.contains("'")) {
      return "'" + text + "'";
    }
    return "concat('" + text.replace("'", "', \"'\", '") + "')";
  }

  WebDriver driver() {
    return driver;
  }
}
