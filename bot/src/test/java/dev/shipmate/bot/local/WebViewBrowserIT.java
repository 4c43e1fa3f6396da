package dev.shipmate.bot.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.engine.testing.Await;
import java.io.File;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine;

/**
 * The web view of {@code shipmate local} in a real browser: Debian's headless Chromium, driven by
 * Selenium through Debian's chromedriver (never a downloaded browser), against the bot and the
 * simulated world in this JVM. What a person does there reaches the bot as Slack's signed requests
 * do, and what they see is what the bot sent to the Slack stand-in.
 *
 * <p>Skipped when {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver} is missing, unless
 * {@code -Dshipmate.browser-tests=required} (CI sets it): then their absence fails the build, so
 * that CI cannot pass without running these tests. {@code -Dshipmate.webview.screenshot=PATH}
 * copies the screenshot there too (the README's, {@code docs/img/web-view.png}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebViewBrowserIT {

  /** Debian's chromium, unless {@code -Dshipmate.chromium} names another build of it. */
  static final Path CHROMIUM =
      Path.of(System.getProperty("shipmate.chromium", "/usr/bin/chromium"));

  /** Debian's chromium-driver, unless {@code -Dshipmate.chromedriver} names another. */
  static final Path CHROMEDRIVER =
      Path.of(System.getProperty("shipmate.chromedriver", "/usr/bin/chromedriver"));

  /** Where the screenshot for review goes (the module's target folder: the test's working dir). */
  static final Path SCREENSHOT = Path.of("target", "web-view.png");

  /** The web view's line of the banner: the bot's address, ending with its slash. */
  private static final Pattern WEB_VIEW = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)(\\s|$)");

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir static Path data;
  @TempDir static Path profile;

  private final StringWriter output = new StringWriter();
  private PipedWriter keyboard;
  private CompletableFuture<Integer> exit;
  private ChromeDriver browser;
  private WebDriverWait wait;
  private String url;

  /** One bot and one browser for the class: each test works in a channel and a run of its own. */
  @BeforeAll
  void start() throws Exception {
    chromiumIsHere();
    url = startLocal();
    browser = chromium();
    wait = new WebDriverWait(browser, PATIENCE, Duration.ofMillis(200));
    // A card the bot updates is drawn again: an element found a moment ago may have gone.
    wait.ignoring(StaleElementReferenceException.class);
    // A timeout says what the page showed, and what the bot sent to the Slack stand-in.
    wait.withMessage(
        () ->
            "the page showed:\n"
                + text(browser.findElement(By.id("app")))
                + "\nthe stand-in's state: "
                + state());
  }

  private String state() {
    try {
      return java.net.http.HttpClient.newHttpClient()
          .send(
              java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "web/state")).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (Exception unreadable) {
      return unreadable.toString();
    }
  }

  @BeforeEach
  void openTheWebView() {
    browser.get(url);
    wait.until(b -> b.findElement(By.id("connection")).getText().contains("live"));
  }

  private void chromiumIsHere() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    String missing =
        "The web view's browser tests need Debian's chromium and chromium-driver ("
            + CHROMIUM
            + ", "
            + CHROMEDRIVER
            + "): apt-get install -y chromium chromium-driver";
    if (!present && "required".equals(System.getProperty("shipmate.browser-tests"))) {
      fail(missing + ". They are required here (-Dshipmate.browser-tests=required).");
    }
    Assumptions.assumeTrue(present, missing + "; skipped.");
  }

  @AfterAll
  void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (keyboard != null) {
      keyboard.close();
      assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
    }
  }

  @Test
  @DisplayName(
      "a staging deploy typed in the web view: its card appears and succeeds, its thread opens,"
          + " Roll back is clicked and the rollback's result shows")
  void deployAndRollBackInTheBrowser() throws Exception {
    // Given shipmate local on the example configuration, and its web view open in Chromium
    actAs("U02BE1");
    assertThat(texts(By.cssSelector("#channels li"))).contains("# C0DEPLOYS");

    // When /deploy is typed, the commands are offered as one types; then the command is sent
    WebElement box = browser.findElement(By.id("message-box"));
    box.sendKeys("/dep");
    wait.until(b -> b.findElement(By.id("suggestions")).isDisplayed());
    assertThat(browser.findElement(By.id("suggestions")).getText())
        .contains("/deploy <service> <version> <environment>");
    box.sendKeys("loy web v1.2 staging", Keys.ENTER);

    // Then the bot's answer is shown to the user alone, and the run's card appears in the channel
    wait.until(b -> text(b.findElement(By.id("messages"))).contains("Started d-"));
    assertThat(
            browser.findElement(By.cssSelector("#messages .message.ack .ephemeral-note")).getText())
        .isEqualTo("👁 Only visible to you");
    WebElement card =
        wait.until(
            b ->
                b.findElements(By.cssSelector("#messages .message.posted")).stream()
                    .filter(m -> text(m).contains("v1.2") && text(m).contains("staging"))
                    .findFirst()
                    .orElse(null));
    String cardTs = card.getDomAttribute("data-ts");

    // And it turns to succeeded, live, as the bot updates it
    By theCard = By.cssSelector("#messages .message[data-ts='" + cardTs + "']");
    wait.until(b -> text(b.findElement(theCard)).contains("succeeded"));

    // When its thread is opened
    wait.until(b -> !b.findElement(theCard).findElements(By.className("thread-link")).isEmpty());
    wait.until(
        b -> {
          b.findElement(theCard).findElement(By.className("thread-link")).click();
          return true;
        });

    // Then the thread opens beside the channel, with the card first and the run's replies
    WebElement thread = browser.findElement(By.id("thread-pane"));
    wait.until(b -> thread.isDisplayed());
    wait.until(b -> b.findElements(By.cssSelector("#thread-messages .message.posted")).size() > 1);

    // When Roll back is clicked there (confirming, if the card asks)
    press(By.cssSelector("#thread-messages .message[data-ts='" + cardTs + "']"), "Roll back");

    // Then the rollback is announced in the thread, and its own card ends succeeded
    Matcher started =
        Pattern.compile("\\b(r-[a-z0-9]{4})\\b")
            .matcher(
                wait.until(
                    b -> {
                      String seen = text(b.findElement(By.id("thread-messages")));
                      return seen.matches("(?s).*\\br-[a-z0-9]{4}\\b.*") ? seen : null;
                    }));
    assertThat(started.find()).isTrue();
    String rollback = started.group(1);
    wait.until(
        b ->
            b.findElements(By.cssSelector("#messages .message.posted")).stream()
                .map(WebViewBrowserIT::text)
                .anyMatch(m -> m.contains(rollback) && m.contains("succeeded")));
    screenshot();
  }

  @Test
  @DisplayName(
      "a prod deploy that needs another's approval: personas, a refusal only its clicker sees,"
          + " and Cancel's confirm dialog")
  void approvalsPersonasAndConfirmDialogs() {
    // Given U01SRE1 asks for a prod deploy, which someone else from sre must approve
    actAs("U01SRE1");
    type("/deploy web v1.2 prod");

    // Then prod's confirmation opens in front (confirm: true), showing what prod runs now
    WebElement modal =
        wait.until(
            b ->
                b.findElements(By.cssSelector("dialog#modal[open]")).stream()
                    .findFirst()
                    .orElse(null));
    wait.until(b -> text(modal).contains("Now: prod: v1.0"));
    assertThat(text(modal)).contains("Deploy web v1.2 to prod?", "1 approval from group:sre");
    assertThat(browser.findElement(By.id("modal-submit")).getText()).isEqualTo("Deploy");
    assertThat(browser.findElement(By.id("modal-close")).getText()).isEqualTo("Cancel");
    save(Path.of("target", "web-view-modal.png"));

    // When it is submitted, the modal closes and the start is told privately
    browser.findElement(By.id("modal-submit")).click();
    wait.until(b -> b.findElements(By.cssSelector("dialog#modal[open]")).isEmpty());
    String runId = runStartedPrivately();

    // Then its card goes to the prod channel, which is marked unread until opened
    By prod = By.cssSelector("#channels li[data-channel='C0PROD']");
    wait.until(b -> b.findElement(prod).getDomAttribute("class").contains("unread"));
    browser.findElement(prod).click();
    By card = cardOf(runId);
    WebElement approve = wait.until(b -> button(b.findElement(card), "Approve"));
    assertThat(approve.getDomAttribute("class")).contains("bk-primary");
    assertThat(button(browser.findElement(card), "Cancel").getDomAttribute("class"))
        .contains("bk-danger");

    // When the requester clicks Approve, prod's confirm dialog asks first, as Slack's would
    press(card, "Approve");
    WebElement dialog = wait.until(b -> openDialog());
    assertThat(text(dialog)).contains("Approve " + runId + "?", "This changes production.");
    assertThat(browser.findElement(By.id("confirm-ok")).getText()).isEqualTo("Yes, approve");
    save(Path.of("target", "web-view-confirm.png"));
    browser.findElement(By.id("confirm-ok")).click();

    // Then the requester alone is told they cannot approve their own run
    By ephemeral = By.cssSelector("#messages .message.ephemeral");
    WebElement refusal =
        wait.until(
            b ->
                b.findElements(ephemeral).stream()
                    .filter(e -> text(e).contains("cannot approve"))
                    .findFirst()
                    .orElse(null));
    assertThat(text(refusal)).contains("Only visible to you");
    actAs("U01SRE2");
    assertThat(browser.findElements(ephemeral)).isEmpty();

    // When another sre clicks Cancel and answers the dialog "No", nothing changes
    press(card, "Cancel");
    wait.until(b -> openDialog());
    browser.findElement(By.id("confirm-deny")).click();
    wait.until(b -> openDialog() == null);
    assertThat(text(browser.findElement(card))).contains("awaiting approval");

    // And "Yes, cancel" cancels the run: its card says so, live
    press(card, "Cancel");
    wait.until(b -> openDialog());
    browser.findElement(By.id("confirm-ok")).click();
    wait.until(b -> text(b.findElement(card)).contains("cancelled"));
  }

  /** Clicks a button of a message, again if the message was drawn anew meanwhile. */
  private void press(By message, String label) {
    wait.until(
        b -> {
          WebElement found = button(b.findElement(message), label);
          if (found == null) {
            return false;
          }
          found.click();
          return true;
        });
  }

  private WebElement openDialog() {
    return browser.findElements(By.cssSelector("dialog#confirm[open]")).stream()
        .findFirst()
        .orElse(null);
  }

  private void actAs(String user) {
    new Select(browser.findElement(By.id("persona"))).selectByValue(user);
    assertThat(browser.findElement(By.id("persona")).getDomProperty("value")).isEqualTo(user);
  }

  private void type(String command) {
    browser.findElement(By.id("message-box")).sendKeys(command, Keys.ENTER);
  }

  /** The id of the run the last command started, from the bot's answer. */
  private String runStarted() {
    String answer =
        wait.until(
            b -> {
              List<WebElement> acks = b.findElements(By.cssSelector("#messages .message.ack"));
              return acks.isEmpty() ? null : text(acks.get(acks.size() - 1));
            });
    Matcher started = Pattern.compile("Started ([a-z]-[a-z0-9]{4})").matcher(answer);
    assertThat(started.find()).as("the bot's answer: %s", answer).isTrue();
    return started.group(1);
  }

  /** The id of the run a confirmation started, from the private answer that followed. */
  private String runStartedPrivately() {
    String answer =
        wait.until(
            b ->
                b.findElements(By.cssSelector("#messages .message.ephemeral")).stream()
                    .map(WebViewBrowserIT::text)
                    .filter(t -> t.contains("Started "))
                    .reduce((first, second) -> second)
                    .orElse(null));
    Matcher started = Pattern.compile("Started ([a-z]-[a-z0-9]{4})").matcher(answer);
    assertThat(started.find()).as("the bot's answer: %s", answer).isTrue();
    return started.group(1);
  }

  private static By cardOf(String runId) {
    return By.xpath(
        "//div[@id='messages']/div[contains(@class,'posted') and contains(., '" + runId + "')]");
  }

  private static WebElement button(WebElement message, String label) {
    return message.findElements(By.cssSelector(".bk-button")).stream()
        .filter(button -> text(button).equals(label))
        .findFirst()
        .orElse(null);
  }

  private String startLocal() throws Exception {
    PipedReader stdin = new PipedReader();
    keyboard = new PipedWriter(stdin);
    CommandLine local = new CommandLine(new LocalCommand(Map.of(), Clock.systemUTC(), stdin));
    local.setOut(new PrintWriter(output, true));
    local.setErr(new PrintWriter(output, true));
    exit =
        CompletableFuture.supplyAsync(
            () ->
                local.execute(
                    "--config",
                    ExampleConfig.FILE.toString(),
                    "--port",
                    "0",
                    "--data",
                    data.toString()));
    try {
      Await.until(
          "the banner's web view address",
          () -> WEB_VIEW.matcher(output()).find() || exit.isDone());
    } catch (AssertionError noBanner) {
      throw new AssertionError(noBanner.getMessage() + "; shipmate local said:\n" + output());
    }
    Matcher found = WEB_VIEW.matcher(output());
    assertThat(found.find()).isTrue();
    return found.group(1);
  }

  private ChromeDriver chromium() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=" + profile,
        "--window-size=1400,860");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  private void screenshot() throws Exception {
    Path shot = save(SCREENSHOT);
    String docs = System.getProperty("shipmate.webview.screenshot", "");
    if (!docs.isBlank()) {
      Files.copy(shot, Path.of(docs), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** A screenshot of the page as it is now, for review. */
  private Path save(Path file) {
    try {
      Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
      return shot;
    } catch (java.io.IOException unwritable) {
      throw new java.io.UncheckedIOException(unwritable);
    }
  }

  private List<String> texts(By selector) {
    return browser.findElements(selector).stream().map(WebViewBrowserIT::text).toList();
  }

  /** What an element shows; Chromium drops the text of elements scrolled out of view otherwise. */
  private static String text(WebElement element) {
    String content = element.getDomProperty("textContent");
    return content == null ? "" : content;
  }

  private synchronized String output() {
    return output.toString();
  }
}
