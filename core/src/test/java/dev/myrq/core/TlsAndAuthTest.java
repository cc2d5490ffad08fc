package dev.myrq.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.testing.RedisExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/**
 * rediss:// against a real TLS-enabled redis-server (the embedded binary is built with TLS), with a CA and server
 * certificate made by openssl in the test, and a password that only a password file carries.
 */
class TlsAndAuthTest {
  private static final String PASSWORD = "s3cret-pass";
  private static Path dir;
  private static RedisServer server;
  private static int tlsPort;

  @BeforeAll
  static void startTlsRedis() throws Exception {
    boolean haveOpenssl = new ProcessBuilder("sh", "-c", "command -v openssl").start().waitFor() == 0;
    if (System.getenv("CI") == null) {
      Assumptions.assumeTrue(haveOpenssl, "openssl is needed to make the test certificates");
    }
    dir = Files.createTempDirectory("myrq-tls");
    sh("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=myrq-test-ca -keyout ca.key -out ca.crt");
    sh("openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout server.key -out server.csr");
    Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    sh("openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile san.ext -out server.crt");
    Files.writeString(dir.resolve("password"), PASSWORD + "\n");
    tlsPort = RedisExtension.freePort();
    server =
        RedisServer.builder()
            .port(RedisExtension.freePort())
            .tlsPort(tlsPort)
            .bind("127.0.0.1")
            .setting("tls-cert-file " + dir.resolve("server.crt"))
            .setting("tls-key-file " + dir.resolve("server.key"))
            .setting("tls-ca-cert-file " + dir.resolve("ca.crt"))
            .setting("tls-auth-clients no")
            .setting("requirepass " + PASSWORD)
            .setting("save \"\"")
            .build();
    server.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private static void sh(String cmd) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, cmd + ": " + out);
  }

  private static RedisSettings tls() {
    return RedisSettings.of("rediss://127.0.0.1:" + tlsPort).withTimeout(Duration.ofSeconds(3));
  }

  @Test
  void tls_with_the_ca_and_a_password_file_enqueues_and_reads_back() {
    try (MyrqClient client = MyrqClient.connect(tls().withCaFile(dir.resolve("ca.crt")).withPasswordFile(dir.resolve("password")))) {
      String id = client.enqueue("com.acme.Task.add", 2, 3);
      assertEquals(JobStatus.QUEUED, client.status(id));
      assertEquals(List.of("default"), client.queues().stream().map(QueueInfo::name).toList());
    }
  }

  @Test
  void password_in_the_url_works_and_never_shows_in_the_display_form() {
    RedisSettings s = RedisSettings.of("rediss://:" + PASSWORD + "@127.0.0.1:" + tlsPort).withCaFile(dir.resolve("ca.crt"));
    try (MyrqClient client = MyrqClient.connect(s)) {
      assertEquals(JobStatus.QUEUED, client.status(client.enqueue("com.acme.Task.noop")));
    }
    assertFalse(s.redactedUrl().contains(PASSWORD));
  }

  @Test
  void untrusted_certificate_is_refused() {
    MyrqException e =
        assertThrows(MyrqException.class, () -> MyrqClient.connect(tls().withPasswordFile(dir.resolve("password"))));
    assertFalse(e.getMessage().contains(PASSWORD));
  }

  @Test
  void wrong_password_is_a_config_error_that_does_not_echo_the_password() {
    Path wrong = dir.resolve("wrong");
    try {
      Files.writeString(wrong, "not-it");
    } catch (java.io.IOException ex) {
      throw new java.io.UncheckedIOException(ex);
    }
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class,
            () -> MyrqClient.connect(tls().withCaFile(dir.resolve("ca.crt")).withPasswordFile(wrong)));
    assertTrue(e.getMessage().contains("refused the credentials"), e.getMessage());
    assertFalse(e.getMessage().contains("not-it"));
  }
}
