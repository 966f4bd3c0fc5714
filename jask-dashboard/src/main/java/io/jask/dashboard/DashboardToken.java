package io.jask.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * The dashboard's secret: 32 random bytes, URL-safe. It is not the cluster's token: a dashboard
 * link grants a view of the cluster, never the right to run code on it.
 */
final class DashboardToken {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final String value;
  private final byte[] digest;

  private DashboardToken(String value) {
    this.value = value;
    this.digest = sha256(value);
  }

  static DashboardToken generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return new DashboardToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  static DashboardToken of(String value) {
    Objects.requireNonNull(value, "token");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("the dashboard token is empty");
    }
    return new DashboardToken(value);
  }

  String value() {
    return value;
  }

  /**
   * Whether {@code candidate} is the token. The comparison takes the same time whatever the
   * candidate (digests of equal length, compared in constant time), so timing reveals nothing.
   */
  boolean matches(String candidate) {
    return candidate != null && MessageDigest.isEqual(digest, sha256(candidate));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "DashboardToken[hidden]";
  }
}
