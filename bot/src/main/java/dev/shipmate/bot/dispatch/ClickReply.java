package dev.shipmate.bot.dispatch;

import java.util.Objects;

/** What a button handler answers: a value, never a call to Slack. */
public sealed interface ClickReply {

  /** One method per kind of reply, so that a new kind does not compile until it is handled. */
  interface Cases<T> {
    T refused(Refused refused);

    T told(Told told);

    T posted(Posted posted);

    T quiet(Quiet quiet);

    T later(Later later);
  }

  <T> T match(Cases<T> cases);

  /** Nothing was done: {@code text} is told to who clicked, and only to them. */
  record Refused(String text, Subject subject) implements ClickReply {
    public Refused {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(subject, "subject");
    }

    @Override
    public <T> T match(Cases<T> cases) {
      return cases.refused(this);
    }
  }

  /**
   * Done, and {@code text} is for who clicked alone.
   *
   * @param outcome what came of it, for the audit ledger
   */
  record Told(String text, Subject subject, String outcome) implements ClickReply {
    public Told {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(outcome, "outcome");
    }

    @Override
    public <T> T match(Cases<T> cases) {
      return cases.told(this);
    }
  }

  /**
   * Done, and {@code text} is for everyone who follows the message's thread (told to who clicked
   * when the button sits on no message).
   */
  record Posted(String text, Subject subject, String outcome) implements ClickReply {
    public Posted {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(outcome, "outcome");
    }

    @Override
    public <T> T match(Cases<T> cases) {
      return cases.posted(this);
    }
  }

  /** Done; the run's card shows it, and the engine has recorded it. */
  record Quiet() implements ClickReply {
    @Override
    public <T> T match(Cases<T> cases) {
      return cases.quiet(this);
    }
  }

  /**
   * Nothing decided yet: {@code reply} reads a cluster or a repository first, so it is worked out
   * after the click was acknowledged, then handled as if the handler had answered it at once. What
   * it throws is told to who clicked, in words.
   *
   * @param what what the click does, after "cannot": {@code extend pr-42}
   */
  record Later(java.util.function.Supplier<ClickReply> reply, String what) implements ClickReply {
    public Later {
      Objects.requireNonNull(reply, "reply");
      Objects.requireNonNull(what, "what");
    }

    @Override
    public <T> T match(Cases<T> cases) {
      return cases.later(this);
    }
  }

  static ClickReply refused(String text) {
    return new Refused(text, Subject.NONE);
  }

  static ClickReply quiet() {
    return new Quiet();
  }
}
