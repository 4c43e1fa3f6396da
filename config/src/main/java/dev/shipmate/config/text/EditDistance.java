package dev.shipmate.config.text;

/**
 * How many typos apart two words are, for every "did you mean" Shipmate says (configuration keys,
 * command words, manifest placeholders). One home, so that a typo counts the same everywhere.
 */
public final class EditDistance {
  private EditDistance() {}

  /**
   * Optimal string alignment distance: Levenshtein (insert, delete, substitute) plus a swap of two
   * neighbours counted as one edit, because "stauts" is one slip of the fingers, not two.
   */
  public static int between(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
