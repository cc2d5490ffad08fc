package dev.myrq.core.storage;

import dev.myrq.core.InvalidConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for {@link DirectConnection}s, as Lettuce does it for {@code rediss://}: the server's certificate must chain
 * to the CA file's certificates (or, without one, to the JDK's trusted CAs) and name the host connected to
 * (hostname verification, Lettuce's default).
 */
final class DirectTls {
  private final SSLSocketFactory factory;

  private DirectTls(SSLSocketFactory factory) {
    this.factory = factory;
  }

  /**
   * The TLS of a target, or null when it has none.
   *
   * @throws InvalidConfigException when the CA file cannot be read as PEM certificates
   */
  static DirectTls of(DirectTarget t) {
    if (!t.tls()) {
      return null;
    }
    try {
      if (t.caFile() == null) {
        return new DirectTls(SSLContext.getDefault().getSocketFactory());
      }
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      try (InputStream in = Files.newInputStream(t.caFile())) {
        int i = 0;
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          trusted.setCertificateEntry("ca-" + i++, c);
        }
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return new DirectTls(context.getSocketFactory());
    } catch (IOException | GeneralSecurityException e) {
      throw new InvalidConfigException("cannot read the Redis CA file " + t.caFile() + ": " + e.getMessage());
    }
  }

  /** Start TLS on a connected socket and finish the handshake, checking the server's certificate and name. */
  SSLSocket wrap(Socket plain, DirectTarget t) throws IOException {
    SSLSocket s = (SSLSocket) factory.createSocket(plain, t.host(), t.port(), true);
    SSLParameters p = s.getSSLParameters();
    p.setEndpointIdentificationAlgorithm("HTTPS");
    s.setSSLParameters(p);
    s.setSoTimeout(plain.getSoTimeout());
    s.startHandshake();
    return s;
  }
}
