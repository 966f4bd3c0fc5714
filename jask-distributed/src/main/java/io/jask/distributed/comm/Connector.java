package io.jask.distributed.comm;

import java.util.concurrent.CompletableFuture;

/**
 * Opens comms to addresses. {@link Transports#connector(CommOptions)} gives the real one, choosing
 * the transport by the address's scheme; code that dials peers (schedulers, workers, clients) takes
 * a {@code Connector} so tests can hand it another.
 */
@FunctionalInterface
public interface Connector {
  /**
   * Dials {@code address} and authenticates.
   *
   * @return completes with the comm once the peer has accepted the token; fails with {@link
   *     ConnectFailedException} if the peer cannot be reached or hangs up, with {@link
   *     AuthenticationException} if it refuses the token or a certificate, with {@link
   *     ProtocolException} if it does not speak this protocol; every message names {@code address}
   * @throws IllegalArgumentException if {@code address} does not parse, or is {@code tls://}
   *     without a {@link TlsConfig}
   */
  CompletableFuture<Comm> connect(String address);
}
