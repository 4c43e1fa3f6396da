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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
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
class WebViewBrowserIT {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /** Where the screenshot for review goes (the module's target folder: the test's working dir). */
  static final Path SCREENSHOT = Path.of("target", "web-view.png");

  /** The web view's line of the banner: the bot's address, ending with its slash. */
  private static final Pattern WEB_VIEW = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)(\\s|$)");

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path data;
  @TempDir Path profile;

  private final StringWriter output = new StringWriter();
  private PipedWriter keyboard;
  private CompletableFuture<Integer> exit;
  private ChromeDriver browser;

  @BeforeEach
  void chromiumIsHere() {
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

  @AfterEach
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
    String url = startLocal();
    browser = chromium();
    WebDriverWait wait = new WebDriverWait(browser, PATIENCE, Duration.ofMillis(200));
    browser.get(url);
    wait.until(b -> b.findElement(By.id("connection")).getText().contains("live"));
    assertThat(texts(By.cssSelector("#channels li"))).contains("# C0DEPLOYS");
    assertThat(browser.findElement(By.id("persona")).getDomProperty("value")).isEqualTo("U02BE1");

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
                b.findElements(By.cssSelector("#messages .message.message")).stream()
                    .filter(m -> text(m).contains("v1.2") && text(m).contains("staging"))
                    .findFirst()
                    .orElse(null));
    String cardTs = card.getDomAttribute("data-ts");

    // And it turns to succeeded, live, as the bot updates it
    By theCard = By.cssSelector("#messages .message[data-ts='" + cardTs + "']");
    wait.until(b -> text(b.findElement(theCard)).contains("succeeded"));

    // When its thread is opened
    wait.until(b -> !b.findElement(theCard).findElements(By.className("thread-link")).isEmpty());
    browser.findElement(theCard).findElement(By.className("thread-link")).click();

    // Then the thread opens beside the channel, with the card first and the run's replies
    WebElement thread = browser.findElement(By.id("thread-pane"));
    wait.until(b -> thread.isDisplayed());
    wait.until(b -> b.findElements(By.cssSelector("#thread-messages .message.message")).size() > 1);

    // When Roll back is clicked there (confirming, if the card asks)
    WebElement rollBack =
        browser.findElements(By.cssSelector("#thread-messages .bk-button")).stream()
            .filter(button -> button.getText().equals("Roll back"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Roll back button: " + text(thread)));
    rollBack.click();
    List<WebElement> dialog = browser.findElements(By.cssSelector("dialog#confirm[open]"));
    if (!dialog.isEmpty()) {
      browser.findElement(By.id("confirm-ok")).click();
    }

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
            b.findElements(By.cssSelector("#messages .message.message")).stream()
                .map(WebViewBrowserIT::text)
                .anyMatch(m -> m.contains(rollback) && m.contains("succeeded")));
    screenshot();
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
    Await.until("the banner's web view address", () -> WEB_VIEW.matcher(output()).find());
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
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.createDirectories(SCREENSHOT.toAbsolutePath().getParent());
    Files.copy(shot, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
    String docs = System.getProperty("shipmate.webview.screenshot", "");
    if (!docs.isBlank()) {
      Files.copy(shot, Path.of(docs), StandardCopyOption.REPLACE_EXISTING);
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
