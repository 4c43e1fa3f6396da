package dev.shipmate.bot.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipmate.sandbox.slack.SlackActivity;
import dev.shipmate.sandbox.slack.SlackActivity.EphemeralPosted;
import dev.shipmate.sandbox.slack.SlackActivity.MessagePosted;
import dev.shipmate.sandbox.slack.SlackActivity.MessageUpdated;
import dev.shipmate.sandbox.slack.SlackActivity.ViewChanged;
import dev.shipmate.sandbox.slack.SlackClientSimulator;
import dev.shipmate.sandbox.slack.SlackClientSimulator.BotResponse;
import dev.shipmate.sandbox.slack.SlackMessage;
import dev.shipmate.sandbox.slack.SlackView;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The terminal side of {@code shipmate local}: each line typed is sent to the bot as Slack would
 * send it (a slash command, or a click on a button of a card), and what the bot posts to the Slack
 * stand-in is printed as it arrives. A card is printed again when its words change, and when only
 * its figures do at most every few seconds ({@link CardReprints}); never for its elapsed time
 * alone. A modal the bot opens (the confirmation of a run on a {@code confirm: true} target) is
 * printed with its buttons; {@code confirm} submits it and {@code cancel} closes it, as its Submit
 * and Cancel would.
 *
 * <p>Registered as a listener of the Slack stand-in; its callbacks come on the stand-in's threads
 * while {@link #run} reads on the caller's, so printing and the card list are guarded by this
 * object.
 */
public final class Console implements Consumer<SlackActivity> {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What {@code help} prints. */
  public static final String HELP =
      String.join(
          "\n",
          "Type a slash command as in Slack, or one of these:",
          "  /shipmate help              every command Shipmate knows",
          "  /deploy web v1.1 staging    a deploy; watch its card and thread below",
          "  /deploy web v1.2-crashloop staging",
          "                              a deploy that fails: tags -imagepull, -crashloop and"
              + " -unready",
          "                              make the sandbox fail that way",
          "  approve, cancel, …          press that button on the most recent card that has it",
          "  confirm, cancel             while a confirmation is open (prod asks for one): submit"
              + " it, or close it",
          "  as U01SRE2                  act as another Slack user (to approve someone else's run)",
          "  help                        this text",
          "  quit                        stop the bot and the simulated world (Ctrl-D too)");

  private final SlackClientSimulator client;
  private final String channel;
  private final ConsoleRenderer renderer;
  private final PrintWriter out;
  private final Function<String, Optional<String>> worldCommands;
  private final String worldHelp;
  private final Map<String, SlackMessage> cards = new LinkedHashMap<>();
  private final CardReprints reprints = new CardReprints();
  private String user;
  private boolean prompting;
  private SlackView modal;

  /**
   * @param client signs and sends requests to the bot
   * @param channel where slash commands are typed
   * @param user who types them, until {@code as USER}
   */
  public Console(
      SlackClientSimulator client,
      String channel,
      String user,
      ConsoleRenderer renderer,
      PrintWriter out) {
    this(client, channel, user, renderer, out, typed -> Optional.empty(), "");
  }

  /**
   * @param worldCommands answers words that act on the simulated world (empty for any other)
   * @param worldHelp their lines in {@code help}
   */
  public Console(
      SlackClientSimulator client,
      String channel,
      String user,
      ConsoleRenderer renderer,
      PrintWriter out,
      Function<String, Optional<String>> worldCommands,
      String worldHelp) {
    this.client = client;
    this.channel = channel;
    this.user = user;
    this.renderer = renderer;
    this.out = out;
    this.worldCommands = worldCommands;
    this.worldHelp = worldHelp;
  }

  /**
   * Reads and acts on lines until {@code quit} or the end of the input.
   *
   * @return the exit code: 0
   */
  public int run(Reader in) {
    BufferedReader lines = new BufferedReader(in);
    prompt();
    try {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        synchronized (this) {
          prompting = false;
        }
        String typed = line.strip();
        if (typed.equals("quit") || typed.equals("exit")) {
          break;
        }
        handle(typed);
        prompt();
      }
    } catch (IOException unreadable) {
      throw new UncheckedIOException("cannot read the console's input", unreadable);
    }
    print("Stopping.");
    return 0;
  }

  /** The user commands are sent as now. */
  public synchronized String user() {
    return user;
  }

  private void handle(String typed) {
    if (typed.isEmpty()) {
      return;
    }
    if (typed.equals("help")) {
      print(worldHelp.isEmpty() ? HELP : HELP + "\n" + worldHelp);
    } else if (typed.startsWith("/")) {
      slashCommand(typed);
    } else if (typed.startsWith("as ") || typed.equals("as")) {
      switchUser(typed.substring(2).strip());
    } else if (openModal().isPresent() && (typed.equals("confirm") || typed.equals("cancel"))) {
      answerModal(openModal().get(), typed.equals("confirm"));
    } else {
      worldCommands.apply(typed).ifPresentOrElse(this::print, () -> press(typed));
    }
  }

  private void slashCommand(String typed) {
    int space = typed.indexOf(' ');
    String command = space < 0 ? typed : typed.substring(0, space);
    String text = space < 0 ? "" : typed.substring(space + 1).strip();
    answer(typed, client.slashCommand(channel, user(), command, text));
  }

  private synchronized Optional<SlackView> openModal() {
    return Optional.ofNullable(modal).filter(view -> view.user().equals(user));
  }

  private void answerModal(SlackView view, boolean submit) {
    synchronized (this) {
      modal = null;
    }
    String button = button(view, submit ? "submit" : "close");
    print("(" + user() + " presses [" + button + "] on the confirmation)");
    if (submit) {
      answer("confirm", client.submitView(view.id()));
    } else {
      client.closeView(view.id()).ifPresent(response -> answer("cancel", response));
    }
  }

  private static String button(SlackView view, String which) {
    return view.view().path(which).path("text").asText(which);
  }

  private void switchUser(String id) {
    if (!id.matches("[UW][A-Z0-9]+")) {
      print("`as` needs a Slack user id, like: as U01SRE2");
      return;
    }
    synchronized (this) {
      user = id;
    }
    print("You are now " + id + ".");
  }

  private void press(String typed) {
    Optional<Press> found = latestCardWith(typed);
    if (found.isEmpty()) {
      print(
          "No card has a button '"
              + typed
              + "', and it is not a console command. Type help, or a slash command like"
              + " /shipmate help.");
      return;
    }
    Press press = found.get();
    print("(" + user() + " presses [" + press.button().label() + "] on " + press.card().ts() + ")");
    answer(
        typed,
        client.blockAction(
            press.card().channel(),
            user(),
            press.card().ts(),
            press.button().actionId(),
            press.button().value()));
  }

  private synchronized Optional<Press> latestCardWith(String typed) {
    List<SlackMessage> newestFirst = new ArrayList<>(cards.values());
    Collections.reverse(newestFirst);
    for (SlackMessage card : newestFirst) {
      for (CardButton button : renderer.buttons(card.blocks())) {
        if (button.isNamedBy(typed)) {
          return Optional.of(new Press(card, button));
        }
      }
    }
    return Optional.empty();
  }

  private void answer(String typed, BotResponse response) {
    if (response.status() != 200) {
      print(
          "The bot answered HTTP " + response.status() + " to '" + typed + "': " + response.body());
      return;
    }
    ackText(response.body()).ifPresent(text -> print(renderer.mrkdwn(text)));
  }

  private static Optional<String> ackText(String body) {
    if (body == null || body.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode ack = JSON.readTree(body);
      return Optional.ofNullable(ack.get("text")).map(JsonNode::asText);
    } catch (IOException notJson) {
      return Optional.of(body);
    }
  }

  @Override
  public void accept(SlackActivity activity) {
    if (activity instanceof MessagePosted posted) {
      show(posted.message());
    } else if (activity instanceof MessageUpdated updated) {
      show(updated.message());
    } else if (activity instanceof ViewChanged changed) {
      showModal(changed.view());
    } else if (activity instanceof EphemeralPosted ephemeral) {
      if (ephemeral.ephemeral().user().equals(user())) {
        print(
            "(only you) "
                + renderer.message(ephemeral.ephemeral().text(), ephemeral.ephemeral().blocks()));
      }
    }
  }

  /** An open modal of the user's, each time it reads differently; forgotten once it closes. */
  private synchronized void showModal(SlackView view) {
    if (!view.user().equals(user)) {
      return;
    }
    if (!view.isOpen()) {
      if (modal != null && modal.id().equals(view.id())) {
        modal = null;
      }
      return;
    }
    String text = renderer.message("", view.view().path("blocks"));
    boolean same = modal != null && modal.id().equals(view.id());
    String before = same ? renderer.message("", modal.view().path("blocks")) : null;
    modal = view;
    if (text.equals(before)) {
      return;
    }
    print(
        "╔ "
            + view.title()
            + "\n"
            + indent(text, "║ ", "║ ")
            + "\n╚ type confirm to press ["
            + button(view, "submit")
            + "], or cancel to press ["
            + button(view, "close")
            + "]");
  }

  private synchronized void show(SlackMessage message) {
    String key = message.channel() + "/" + message.ts();
    String text = renderer.message(message.text(), message.blocks());
    String substance = renderer.substance(message.text(), message.blocks());
    if (!reprints.shouldPrint(key, substance)) {
      return;
    }
    if (message.isReply()) {
      print(indent(text, "  ↳ ", "    "));
      return;
    }
    cards.put(key, message);
    print("┌ #" + message.channel() + " · " + message.ts() + "\n" + indent(text, "│ ", "│ "));
  }

  private static String indent(String text, String first, String rest) {
    StringBuilder indented = new StringBuilder();
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      indented.append(i == 0 ? first : "\n" + rest).append(lines.get(i));
    }
    return indented.toString();
  }

  private synchronized void prompt() {
    out.print(user + "> ");
    out.flush();
    prompting = true;
  }

  /** Prints a block of text; one arriving while the prompt waits goes below it, then re-prompts. */
  private synchronized void print(String text) {
    if (prompting) {
      out.println();
    }
    out.println(text);
    out.flush();
    if (prompting) {
      prompt();
    }
  }

  private record Press(SlackMessage card, CardButton button) {}
}
