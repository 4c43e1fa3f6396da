package dev.shipmate.pipelines.preview;

import java.util.regex.Pattern;

/**
 * The labels and annotations that mark what belongs to a preview. Labels are what Shipmate selects
 * by; annotations carry what a label value cannot hold (instants, URLs, a GitHub bot's login).
 */
public final class PreviewLabels {
  /** {@code true} on a preview's namespace and on every object Shipmate applies into it. */
  public static final String PREVIEW = "shipmate.dev/preview";

  /** The pull request number, on the namespace and on every object. */
  public static final String PR = "shipmate.dev/pr";

  /** The Pod Security Standard the namespace enforces ({@code previews.podSecurity}). */
  public static final String POD_SECURITY_ENFORCE = "pod-security.kubernetes.io/enforce";

  /** Who asked for the preview, made fit for a label value; the exact value is an annotation. */
  public static final String OWNER = "shipmate.dev/owner";

  /** When the preview is to be removed, an ISO-8601 instant. */
  public static final String EXPIRES_AT = "shipmate.dev/expires-at";

  /** The git ref (sha or tag) the preview runs. */
  public static final String REF = "shipmate.dev/ref";

  /** Where the preview answers. */
  public static final String URL = "shipmate.dev/url";

  /**
   * When Shipmate made the preview, by its own clock (the API server's creationTimestamp is a
   * fallback).
   */
  public static final String CREATED_AT = "shipmate.dev/created-at";

  /** The expiry that the "expires in an hour" warning was last sent for. */
  public static final String WARNED_FOR = "shipmate.dev/warned-for";

  /**
   * The kinds ({@code apps/v1/Deployment}) last applied, so that an object whose kind left the
   * manifests is still found and pruned.
   */
  public static final String APPLIED_KINDS = "shipmate.dev/applied-kinds";

  private static final Pattern NOT_LABEL = Pattern.compile("[^A-Za-z0-9._-]");
  private static final int MAX_LABEL = 63;

  private PreviewLabels() {}

  /**
   * {@code text} as a label value: characters a label cannot hold become {@code _}, at most 63
   * characters, starting and ending with a letter or digit ({@code dependabot[bot]} becomes {@code
   * dependabot_bot}).
   */
  public static String labelValue(String text) {
    String value = NOT_LABEL.matcher(text).replaceAll("_");
    if (value.length() > MAX_LABEL) {
      value = value.substring(0, MAX_LABEL);
    }
    value = value.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
    return value.isEmpty() ? "unknown" : value;
  }
}
