package dev.shipmate.pipelines.github;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GitHub's webhook signature: the {@code X-Hub-Signature-256} header, {@code sha256=} and the
 * HMAC-SHA256 of the raw body under the webhook's secret ({@code GITHUB_WEBHOOK_SECRET}), in hex.
 */
public final class WebhookSignature {
  /** The header GitHub signs deliveries in. */
  public static final String HEADER = "X-Hub-Signature-256";

  private static final String PREFIX = "sha256=";
  private static final String ALGORITHM = "HmacSHA256";

  private WebhookSignature() {}

  /**
   * Whether {@code header} is the signature of exactly these bytes under {@code secret}. A missing,
   * malformed or wrong header is simply not valid. Compared in constant time, so that the answer's
   * timing tells nothing about how much of a forged signature was right.
   */
  public static boolean verify(String secret, byte[] body, String header) {
    if (secret == null || secret.isEmpty() || body == null || header == null) {
      return false;
    }
    String trimmed = header.trim();
    if (!trimmed.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return false;
    }
    String hex = trimmed.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
    if (hex.length() != 64) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(hmac(secret, body), given);
  }

  /** The header value for these bytes under {@code secret}: what GitHub sends. */
  public static String sign(String secret, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
  }

  private static byte[] hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Every Java runtime has HmacSHA256 and takes any non-empty key.
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
