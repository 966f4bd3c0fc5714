package io.jask.distributed.comm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * The shared secret every connection presents before anything it sends is deserialised. The
 * scheduler makes one with {@link #generate()} and hands its {@link #value()} to workers and
 * clients (command line, environment, dashboard link); all of them use {@link #of(String)}.
 *
 * <p>{@link #toString()} never shows the secret, so a token logged by accident stays secret. Over
 * {@code tcp://} the token travels in clear text: use {@code tls://} on networks you do not trust.
 */
public final class AuthToken {
  /** Longest token accepted, in UTF-8 bytes: the auth frame must fit in 4 KiB. */
  public static final int MAX_BYTES = 1024;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String value;
  private final byte[] bytes;
  private final byte[] digest;

  private AuthToken(String value) {
    this.value = value;
    this.bytes = value.getBytes(StandardCharsets.UTF_8);
    this.digest = sha256(bytes);
  }

  /** A new random token: 32 bytes from {@link SecureRandom}, written in URL-safe Base64. */
  public static AuthToken generate() {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    return new AuthToken(Base64.getUrlEncoder().withoutPadding().encodeToString(random));
  }

  /**
   * The token written {@code value}.
   *
   * @throws IllegalArgumentException if {@code value} is empty or longer than {@link #MAX_BYTES}
   *     UTF-8 bytes (the message does not repeat the value)
   */
  public static AuthToken of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("an auth token must not be empty");
    }
    if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "an auth token must be at most " + MAX_BYTES + " UTF-8 bytes long");
    }
    return new AuthToken(value);
  }

  /** The secret itself, to hand to the processes that should be let in. */
  public String value() {
    return value;
  }

  /** The secret as sent in the auth frame. */
  byte[] bytes() {
    return bytes.clone();
  }

  /**
   * Whether {@code presented} is this token, in time that depends on neither its content nor its
   * length: both sides are hashed first, then compared with {@link MessageDigest#isEqual}.
   */
  boolean matches(byte[] presented) {
    return MessageDigest.isEqual(digest, sha256(presented));
  }

  /**
   * Whether {@code other} is the same secret, compared as {@link #matches} compares a presented
   * one.
   */
  public boolean sameSecret(AuthToken other) {
    Objects.requireNonNull(other, "other");
    return MessageDigest.isEqual(digest, other.digest);
  }

  private static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Shows that a token is set, never its value. */
  @Override
  public String toString() {
    return "AuthToken[****]";
  }
}
