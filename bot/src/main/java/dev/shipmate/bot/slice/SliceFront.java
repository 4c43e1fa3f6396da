package dev.shipmate.bot.slice;

import dev.shipmate.bot.dispatch.ButtonHandlers;
import dev.shipmate.bot.dispatch.CommandHandlers;
import jakarta.servlet.http.HttpServlet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What the slices register as they open: handlers, endpoints, resources to close. */
public final class SliceFront {

  private final CommandHandlers commands;
  private final ButtonHandlers buttons;
  private final Map<String, HttpServlet> endpoints = new LinkedHashMap<>();
  private final List<AutoCloseable> resources = new ArrayList<>();

  public SliceFront(CommandHandlers commands, ButtonHandlers buttons) {
    this.commands = Objects.requireNonNull(commands, "commands");
    this.buttons = Objects.requireNonNull(buttons, "buttons");
  }

  public CommandHandlers commands() {
    return commands;
  }

  public ButtonHandlers buttons() {
    return buttons;
  }

  /** An HTTP endpoint beside {@code /slack/events} ({@code /github/webhook}). */
  public void endpoint(String path, HttpServlet servlet) {
    if (endpoints.putIfAbsent(path, servlet) != null) {
      throw new IllegalArgumentException("two endpoints at " + path);
    }
  }

  /** Closed when the bot stops, after the engine, in reverse order of registration. */
  public void closeLater(AutoCloseable resource) {
    resources.add(resource);
  }

  public Map<String, HttpServlet> endpoints() {
    return Collections.unmodifiableMap(endpoints);
  }

  public List<AutoCloseable> resources() {
    return List.copyOf(resources);
  }
}
