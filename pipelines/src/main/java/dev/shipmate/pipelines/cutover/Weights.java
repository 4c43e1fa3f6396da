package dev.shipmate.pipelines.cutover;

/**
 * The Route53 weights of the blue and the green record, each 0–255 and never both 0: with both at 0
 * Route53 splits the traffic evenly, which is never what a cutover means.
 */
public record Weights(int blue, int green) {

  /** Percentages are written as weights out of this total, so that the weights read as percent. */
  public static final int TOTAL = 100;

  public static final int MAX = 255;

  public Weights {
    if (blue < 0 || blue > MAX || green < 0 || green > MAX) {
      throw new CutoverRefusedException(
          "Route53 weights go from 0 to "
              + MAX
              + "; got blue "
              + blue
              + " and green "
              + green
              + ". Ask for a percentage instead, e.g. `/cutover www 25%`.");
    }
    if (blue == 0 && green == 0) {
      throw new CutoverRefusedException(
          "that would leave both blue and green at weight 0, and Route53 then splits the traffic"
              + " evenly between them: ask for 0% to send everything to blue, or 100% for green.");
    }
  }

  /** {@code greenPercent}% of the traffic to green, the rest to blue. */
  public static Weights ofGreenPercent(int greenPercent) {
    if (greenPercent < 0 || greenPercent > 100) {
      throw new CutoverRefusedException(
          "a cutover goes from 0% to 100% green; got "
              + greenPercent
              + "%. Type e.g. `/cutover www 25%`.");
    }
    return new Weights(TOTAL - greenPercent, greenPercent);
  }

  /** The share of traffic green receives, in percent (not rounded). */
  public double greenPercent() {
    return 100.0 * green / (blue + green);
  }

  public double bluePercent() {
    return 100.0 - greenPercent();
  }

  /** Whether both send the same shares of traffic, whatever their totals (75/25 and 150/50). */
  public boolean sameSharesAs(Weights other) {
    return (long) blue * other.green == (long) green * other.blue;
  }

  @Override
  public String toString() {
    return "blue " + blue + " / green " + green;
  }
}
