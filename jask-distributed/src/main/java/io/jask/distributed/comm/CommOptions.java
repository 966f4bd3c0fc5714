package io.jask.distributed.comm;

import java.time.Duration;
import java.util.Objects;

/**
 * How comms connect, listen, authenticate and serialise. Immutable; made with {@link
 * #builder(AuthToken)}, because no connection goes without a token:
 *
 * <pre>{@code
 * CommOptions options = CommOptions.builder(token)
 *     .serializer(serializerConfig.newSerializer())
 *     .tls(TlsConfig.fromPem(cert, key, ca))       // needed for tls:// only
 *     .build();
 * }</pre>
 */
public final class CommOptions {
  /** Default {@link #maxFrameSize()}: 512 MiB, room for large array chunks. */
  public static final int DEFAULT_MAX_FRAME_SIZE = 512 * 1024 * 1024;

  /** Largest {@link #maxFrameSize()} the 4-byte length prefix allows. */
  public static final int LARGEST_MAX_FRAME_SIZE = Integer.MAX_VALUE - 8;

  /** Smallest {@link #maxFrameSize()}: a handshake frame must always fit. */
  public static final int SMALLEST_MAX_FRAME_SIZE = Frames.PRE_AUTH_MAX_FRAME;

  private final AuthToken token;
  private final Serializer serializer;
  private final TlsConfig tls;
  private final int maxFrameSize;
  private final Duration connectTimeout;
  private final Duration handshakeTimeout;

  private CommOptions(Builder builder) {
    this.token = builder.token;
    this.serializer = builder.serializer != null ? builder.serializer : DefaultSerializer.INSTANCE;
    this.tls = builder.tls;
    this.maxFrameSize = builder.maxFrameSize;
    this.connectTimeout = builder.connectTimeout;
    this.handshakeTimeout = builder.handshakeTimeout;
  }

  /** A builder for options that authenticate with {@code token}. */
  public static Builder builder(AuthToken token) {
    return new Builder(Objects.requireNonNull(token, "token"));
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return new Builder(token)
        .serializer(serializer)
        .tls(tls)
        .maxFrameSize(maxFrameSize)
        .connectTimeout(connectTimeout)
        .handshakeTimeout(handshakeTimeout);
  }

  /** The shared secret that connections present and listeners require. */
  public AuthToken token() {
    return token;
  }

  /** Serialises message headers; by default Fory with {@link SerializerConfig#defaults()}. */
  public Serializer serializer() {
    return serializer;
  }

  /** The certificates for {@code tls://}; {@code null} if none were given. */
  public TlsConfig tls() {
    return tls;
  }

  /**
   * The largest frame, in bytes, that is sent or accepted once a connection has authenticated: a
   * serialised header, or one raw buffer of an {@link Envelope}. Before authentication the limit is
   * a fixed 4 KiB, so an unauthenticated peer cannot make this side buffer more than that.
   */
  public int maxFrameSize() {
    return maxFrameSize;
  }

  /** How long a connect may take to reach the peer, before the handshake. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * How long the handshake (the TLS handshake, if any, then the token exchange) may take. A
   * listener closes connections that have not authenticated by then; a client gives up.
   */
  public Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  @Override
  public String toString() {
    return "CommOptions[token="
        + token
        + ", serializer="
        + serializer
        + ", tls="
        + tls
        + ", maxFrameSize="
        + maxFrameSize
        + ", connectTimeout="
        + connectTimeout
        + ", handshakeTimeout="
        + handshakeTimeout
        + "]";
  }

  /** Builds {@link CommOptions}; each setter fails fast on a bad value. */
  public static final class Builder {
    private final AuthToken token;
    private Serializer serializer;
    private TlsConfig tls;
    private int maxFrameSize = DEFAULT_MAX_FRAME_SIZE;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration handshakeTimeout = Duration.ofSeconds(10);

    private Builder(AuthToken token) {
      this.token = token;
    }

    /** Serialises message headers; both sides need equal {@link SerializerConfig}s. */
    public Builder serializer(Serializer serializer) {
      this.serializer = Objects.requireNonNull(serializer, "serializer");
      return this;
    }

    /** The certificates for {@code tls://}; {@code null} for none. */
    public Builder tls(TlsConfig tls) {
      this.tls = tls;
      return this;
    }

    /**
     * See {@link CommOptions#maxFrameSize()}.
     *
     * @throws IllegalArgumentException if {@code bytes} is below {@link #SMALLEST_MAX_FRAME_SIZE}
     *     or above {@link #LARGEST_MAX_FRAME_SIZE}
     */
    public Builder maxFrameSize(int bytes) {
      if (bytes < SMALLEST_MAX_FRAME_SIZE || bytes > LARGEST_MAX_FRAME_SIZE) {
        throw new IllegalArgumentException(
            "maxFrameSize must be "
                + SMALLEST_MAX_FRAME_SIZE
                + " to "
                + LARGEST_MAX_FRAME_SIZE
                + " bytes, got "
                + bytes);
      }
      this.maxFrameSize = bytes;
      return this;
    }

    /**
     * See {@link CommOptions#connectTimeout()}.
     *
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive("connectTimeout", timeout);
      return this;
    }

    /**
     * See {@link CommOptions#handshakeTimeout()}.
     *
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public Builder handshakeTimeout(Duration timeout) {
      this.handshakeTimeout = positive("handshakeTimeout", timeout);
      return this;
    }

    /** The options. */
    public CommOptions build() {
      return new CommOptions(this);
    }

    private static Duration positive(String what, Duration timeout) {
      Objects.requireNonNull(timeout, what);
      if (timeout.isZero() || timeout.isNegative() || timeout.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            what + " must be positive and below 24 days, got " + timeout);
      }
      return timeout;
    }
  }

  /** Built on first use: making a Fory instance takes tens of milliseconds. */
  private static final class DefaultSerializer {
    static final Serializer INSTANCE = SerializerConfig.defaults().newSerializer();
  }
}
