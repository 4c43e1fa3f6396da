package dev.shipmate.bot.dispatch;

import dev.shipmate.bot.auth.Guard;
import dev.shipmate.engine.StartRequest;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a command handler answers: a value, never a call to Slack. The {@link CommandDispatcher}
 * does the rest the same way for every command — the audit line, the wording of the standard
 * replies, the slow work off the ack's thread, the classification of its errors.
 */
public sealed interface Reply {

  /** One method per kind of reply, so that a new kind does not compile until it is handled. */
  interface Cases<T> {
    T answer(Answer answer);

    T refusal(Refusal refusal);

    T later(Later later);

    T start(Start start);

    T deferred(Deferred deferred);

    T confirm(Confirm confirm);
  }

  <T> T match(Cases<T> cases);

  /** Done, and answered in the ack. */
  record Answer(String text, Subject subject) implements Reply {
    @Override
    public <T> T match(Cases<T> cases) {
      return cases.answer(this);
    }

    public Answer {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(subject, "subject");
    }
  }

  /** Nothing was done, and {@code text} says why and what to type instead. */
  record Refusal(String text, Subject subject) implements Reply {
    @Override
    public <T> T match(Cases<T> cases) {
      return cases.refusal(this);
    }

    public Refusal {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(subject, "subject");
    }
  }

  /**
   * An ack now, and the answer once {@code answer} has it, off the ack's thread (it reads a
   * cluster, Route53, a repository), told only to who asked.
   *
   * @param what what the answer does, after "cannot": {@code plan a deploy of web to prod}
   */
  record Later(String ack, Supplier<String> answer, String what) implements Reply {
    @Override
    public <T> T match(Cases<T> cases) {
      return cases.later(this);
    }

    public Later {
      Objects.requireNonNull(ack, "ack");
      Objects.requireNonNull(answer, "answer");
      Objects.requireNonNull(what, "what");
    }
  }

  /**
   * An ack now, and the reply once {@code reply} has worked it out, off the ack's thread: for a
   * command that must read a cluster or a repository before it knows whether to start a run ({@code
   * /env up} asks GitHub for the head commit and counts the previews). The reply it comes to is
   * handled as if the handler had answered it at once — a {@link Start} goes through the {@link
   * RunStarter} and gets its audit line — and its text is told only to who asked.
   *
   * @param what what the reply does, after "cannot": {@code start a preview of pr-42}
   */
  record Deferred(String ack, Supplier<Reply> reply, String what) implements Reply {
    @Override
    public <T> T match(Cases<T> cases) {
      return cases.deferred(this);
    }

    public Deferred {
      Objects.requireNonNull(ack, "ack");
      Objects.requireNonNull(reply, "reply");
      Objects.requireNonNull(what, "what");
    }
  }

  /**
   * Start a run: the {@link RunStarter} checks the guard (who may, how many approvals), lets the
   * pipeline validate the parameters, takes the lock and words the answer.
   *
   * @param guard the rules of the target, or empty where anyone may start it (a preview)
   * @param verb what starting it means, for a refusal: {@code deploy}, {@code upgrade}
   * @param note said after "Started …" (what the run checks first, where to follow it)
   * @param whenBusy said after the lock's holder when the target is busy (how to see or stop it)
   * @param breakGlassLine the command that would start it through a freeze, {@code /deploy web v1.2
   *     prod --break-glass "<reason>"}; empty where it cannot be asked for
   * @param queueLine the command that would queue it on a busy or frozen target, {@code /deploy web
   *     v1.2 staging --queue}; empty where it cannot be queued
   */
  record Start(
      StartRequest request,
      Optional<Guard> guard,
      String verb,
      Optional<String> note,
      Optional<String> whenBusy,
      Optional<String> breakGlassLine,
      Optional<String> queueLine)
      implements Reply {
    @Override
    public <T> T match(Cases<T> cases) {
      return cases.start(this);
    }

    public Start {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(guard, "guard");
      Objects.requireNonNull(verb, "verb");
      Objects.requireNonNull(note, "note");
      Objects.requireNonNull(whenBusy, "whenBusy");
      Objects.requireNonNull(breakGlassLine, "breakGlassLine");
      Objects.requireNonNull(queueLine, "queueLine");
    }

    public Start withNote(String text) {
      return new Start(
          request, guard, verb, Optional.of(text), whenBusy, breakGlassLine, queueLine);
    }

    public Start whenBusy(String text) {
      return new Start(request, guard, verb, note, Optional.of(text), breakGlassLine, queueLine);
    }

    /**
     * The same start, waiting its turn on a busy or frozen target when {@code asked} ({@code
     * --queue}); a refusal for a busy or frozen target says it may be queued with {@code line}.
     */
    public Start queue(boolean asked, String line) {
      return new Start(
          request.queue(asked), guard, verb, note, whenBusy, breakGlassLine, Optional.of(line));
    }

    /**
     * The same start, through a freeze when {@code reason} is given ({@code --break-glass
     * "reason"}); a refusal for a freeze says it may be asked for with {@code line}.
     */
    public Start breakGlass(Optional<String> reason, String line) {
      StartRequest through = reason.map(request::breakGlass).orElse(request);
      return new Start(through, guard, verb, note, whenBusy, Optional.of(line), queueLine);
    }
  }

  /**
   * A {@link Start} with what its target runs now, for the confirmation its requester is asked for
   * first when the target says {@code confirm: true} (Slack: a modal showing current → new). On a
   * target that asks for none, the run starts as a plain {@link Start}. A {@code Start} on a target
   * that asks for one is confirmed too, only without this reading.
   *
   * @param currently what the target runs now, in a line ({@code web runs v1.1 in prod}): it may
   *     read a cluster, so it is only called off the ack's thread
   */
  record Confirm(Start start, Supplier<String> currently) implements Reply {
    @Override
    public <T> T match(Cases<T> cases) {
      return cases.confirm(this);
    }

    public Confirm {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(currently, "currently");
    }
  }

  static Reply confirm(Start start, Supplier<String> currently) {
    return new Confirm(start, currently);
  }

  static Reply answer(String text) {
    return new Answer(text, Subject.NONE);
  }

  static Reply answer(String text, Subject subject) {
    return new Answer(text, subject);
  }

  static Reply refusal(String text) {
    return new Refusal(text, Subject.NONE);
  }

  static Reply refusal(String text, Subject subject) {
    return new Refusal(text, subject);
  }

  /** The standard refusal: {@code Nothing was started: <why>}. */
  static Reply notStarted(String why) {
    return new Refusal(RunStarter.NOT_STARTED + why, Subject.NONE);
  }

  static Reply later(String ack, Supplier<String> answer, String what) {
    return new Later(ack, answer, what);
  }

  static Reply deferred(String ack, Supplier<Reply> reply, String what) {
    return new Deferred(ack, reply, what);
  }

  static Start start(StartRequest request, Guard guard, String verb) {
    return new Start(
        request,
        Optional.of(guard),
        verb,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** A run anyone may start: only its requester (and no approver) may steer it. */
  static Start startUnguarded(StartRequest request) {
    return new Start(
        request,
        Optional.empty(),
        "start",
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
