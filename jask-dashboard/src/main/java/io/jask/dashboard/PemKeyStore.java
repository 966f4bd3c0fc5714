package io.jask.dashboard;

import io.jask.core.JaskException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;

/**
 * A key store for HTTPS from the PEM files a {@code tls://} cluster already uses: a certificate
 * chain and an unencrypted PKCS#8 private key (RSA or EC).
 */
final class PemKeyStore {
  /** The in-memory store's password; it never leaves this process. */
  static final String PASSWORD = "jask-dashboard";

  private PemKeyStore() {}

  static KeyStore load(Path certificateChain, Path privateKey) {
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      Collection<? extends Certificate> chain;
      try (var in = Files.newInputStream(certificateChain)) {
        chain = cf.generateCertificates(in);
      }
      if (chain.isEmpty()) {
        throw new JaskException("no certificate in " + certificateChain);
      }
      PrivateKey key = privateKey(privateKey);
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("dashboard", key, PASSWORD.toCharArray(), chain.toArray(new Certificate[0]));
      return store;
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new JaskException("the dashboard cannot use the certificate " + certificateChain + " and key "
          + privateKey + ": " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(Path file) throws IOException, java.security.GeneralSecurityException {
    String pem = Files.readString(file, StandardCharsets.US_ASCII);
    int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = pem.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new JaskException("the dashboard needs an unencrypted PKCS#8 key (BEGIN PRIVATE KEY) in " + file);
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (java.security.spec.InvalidKeySpecException e) {
        // try the next algorithm
      }
    }
    throw new JaskException("the key in " + file + " is neither RSA, EC nor Ed25519");
  }

}
