/**
 * The slash-command grammar: Slack's text to a typed {@link dev.shipmate.commands.Command}, or a
 * {@link dev.shipmate.commands.ParseResult.Rejected} that says what was wrong and what to type.
 *
 * <p>How it reads a command: {@code SlackText} turns the text into plain words; {@code Words} takes
 * out the options and checks their values; {@code Forms} lists every way of writing each command as
 * a sequence of slots (command words, configured names, typed values). {@code FormMatcher} tries
 * every reading of the words against every form — each slot filled by the next word, left out (a
 * name the configuration has only one of) or missing — scores how well each word fits its slot, and
 * takes the best valid reading. When no reading is valid, it looks for the same words in another
 * order, and otherwise {@code Diagnosis} reports the problem of the best reading. Scoring rather
 * than a fixed parse order is what lets {@code /cutover 25%}, {@code /deploy web prod v1.2} and
 * {@code /env upp 12} each get the answer a person expects.
 *
 * <p>{@code Usage} is the one place that holds each command's usage line, description and example;
 * the help text and every rejection's usage come from it.
 */
package dev.shipmate.commands;
