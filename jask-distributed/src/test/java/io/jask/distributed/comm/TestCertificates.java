package io.jask.distributed.comm;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for TLS tests, made at test time into a temporary folder, so no private key is ever
 * committed. Two certificate authorities: {@code ca} signs the {@code server}'s and the {@code
 * client}'s certificates, {@code other-ca} signs a {@code stranger}'s.
 *
 * <p>Made in process with BouncyCastle's certificate builder (keys and signatures come from the
 * JDK): the same with {@code keytool} took five JVM starts and several seconds.
 */
public final class TestCertificates {
  private static final char[] PASSWORD = "jask-test".toCharArray();
  private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

  private final Path dir;
  private final Map<String, KeyPair> keys = new HashMap<>();
  private final Map<String, X509Certificate[]> chains = new HashMap<>();

  private TestCertificates(Path dir) {
    this.dir = dir;
  }

  /** Makes the two CAs and the three certificates, and writes them as PEM files in {@code dir}. */
  public static TestCertificates generate(Path dir) throws Exception {
    TestCertificates certs = new TestCertificates(dir);
    certs.authority("ca");
    certs.authority("other-ca");
    certs.signed("server", "ca");
    certs.signed("client", "ca");
    certs.signed("stranger", "other-ca");
    return certs;
  }

  /** A config from the PEM files of {@code identity}, trusting the CA {@code authority}. */
  TlsConfig pem(String identity, String authority) {
    return TlsConfig.fromPem(
        dir.resolve(identity + "-chain.pem"),
        dir.resolve(identity + "-key.pem"),
        dir.resolve(authority + ".pem"));
  }

  /** A config from JSSE factories holding the same key and trust. */
  TlsConfig factories(String identity, String authority) throws Exception {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    keyStore.load(null, null);
    keyStore.setKeyEntry(identity, keys.get(identity).getPrivate(), PASSWORD, chains.get(identity));
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keyStore, PASSWORD);
    KeyStore trustStore = KeyStore.getInstance("PKCS12");
    trustStore.load(null, null);
    trustStore.setCertificateEntry(authority, chains.get(authority)[0]);
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trustStore);
    return TlsConfig.of(keyManagers, trustManagers);
  }

  private void authority(String name) throws Exception {
    KeyPair pair = newKeyPair();
    X500Name subject = new X500Name("CN=jask-test-" + name);
    X509v3CertificateBuilder builder = builder(subject, subject, pair);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    builder.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    X509Certificate certificate = sign(builder, pair);
    keys.put(name, pair);
    chains.put(name, new X509Certificate[] {certificate});
    Files.writeString(dir.resolve(name + ".pem"), pem("CERTIFICATE", certificate.getEncoded()));
  }

  private void signed(String name, String authority) throws Exception {
    KeyPair pair = newKeyPair();
    X509Certificate issuer = chains.get(authority)[0];
    X509v3CertificateBuilder builder =
        builder(
            new X500Name(issuer.getSubjectX500Principal().getName()),
            new X500Name("CN=jask-test-" + name),
            pair);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    builder.addExtension(
        Extension.extendedKeyUsage,
        false,
        new ExtendedKeyUsage(
            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
    // Names the loopback address, so clients that verify host names accept it.
    builder.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
              new GeneralName(GeneralName.dNSName, "localhost")
            }));
    X509Certificate certificate = sign(builder, keys.get(authority));
    X509Certificate[] chain = {certificate, issuer};
    keys.put(name, pair);
    chains.put(name, chain);
    StringBuilder chainPem = new StringBuilder();
    for (X509Certificate link : chain) {
      chainPem.append(pem("CERTIFICATE", link.getEncoded()));
    }
    Files.writeString(dir.resolve(name + "-chain.pem"), chainPem);
    // getEncoded() of a private key is PKCS#8, which is what "BEGIN PRIVATE KEY" holds.
    Files.writeString(
        dir.resolve(name + "-key.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
  }

  private static KeyPair newKeyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair pair) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(SERIALS.incrementAndGet()),
        Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(2))),
        subject,
        pair.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
      throws Exception {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
