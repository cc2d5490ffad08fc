package dev.myrq.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.InvalidConfigException;
import dev.myrq.core.JobRequest;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.testing.RedisExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard over plain HTTP: pages, escaping, CSRF and auth. */
@ExtendWith(RedisExtension.class)
class DashboardHttpTest {
  private static final String SCRIPT = "<script>window.pwned=1</script>";

  @Test
  void pages_show_the_queues_and_a_queued_job(MyrqClient client) {
    String id = client.enqueue(JobRequest.of("com.acme.Task.add", 2, 3).withQueue("mail"));
    try (DashboardServer s = DashboardServer.start(client, DashboardConfig.of("127.0.0.1:0", null))) {
      Http http = new Http("http://127.0.0.1:" + s.port());

      HttpResponse<String> queues = http.get("/queues");
      HttpResponse<String> list = http.get("/queues/mail/queued");
      HttpResponse<String> job = http.get("/jobs/" + id);

      assertEquals(200, queues.statusCode());
      assertTrue(queues.body().contains("data-queue=\"mail\""), queues.body());
      assertTrue(queues.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
      assertEquals(200, list.statusCode());
      assertTrue(list.body().contains(id));
      assertEquals(200, job.statusCode());
      assertTrue(job.body().contains("com.acme.Task.add"));
      assertEquals(404, http.get("/jobs/no-such-job").statusCode());
      assertEquals(404, http.get("/queues/mail/sleeping").statusCode());
    }
  }

  @Test
  void job_args_are_escaped(MyrqClient client) {
    String id = client.enqueue(JobRequest.of("com.acme.Task.run", SCRIPT));
    try (DashboardServer s = DashboardServer.start(client, DashboardConfig.of("127.0.0.1:0", null))) {
      Http http = new Http("http://127.0.0.1:" + s.port());

      String page = http.get("/jobs/" + id).body();
      String list = http.get("/queues/default/queued").body();

      assertFalse(page.contains("<script>window"), page);
      assertTrue(page.contains("&lt;script&gt;window.pwned=1&lt;/script&gt;"), page);
      assertFalse(list.contains("<script>window"), list);
    }
  }

  @Test
  void a_post_without_the_form_token_or_from_another_site_is_refused(MyrqClient client) {
    String id = client.enqueue("com.acme.Task.noop");
    try (DashboardServer s = DashboardServer.start(client, DashboardConfig.of("127.0.0.1:0", null))) {
      String base = "http://127.0.0.1:" + s.port();
      Http http = new Http(base);
      String token = Http.token(http.get("/jobs/" + id).body());

      HttpResponse<String> none = http.post("/jobs/" + id + "/requeue", "");
      HttpResponse<String> wrong = http.post("/jobs/" + id + "/requeue", "csrf=" + token + "x");
      HttpResponse<String> foreign = http.post("/jobs/" + id + "/requeue", "csrf=" + token,
          "Origin", "http://evil.example");
      HttpResponse<String> otherBrowser = new Http(base).post("/jobs/" + id + "/requeue", "csrf=" + token);
      HttpResponse<String> good = http.post("/jobs/" + id + "/requeue", "csrf=" + token, "Origin", base);

      assertEquals(403, none.statusCode(), none.body());
      assertEquals(403, wrong.statusCode());
      assertEquals(403, foreign.statusCode());
      assertEquals(403, otherBrowser.statusCode());
      assertEquals(303, good.statusCode());
      assertEquals("/jobs/" + id + "?done=not-failed", good.headers().firstValue("Location").orElseThrow());
    }
  }

  @Test
  void off_loopback_needs_an_auth_file(@TempDir Path dir) throws Exception {
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> DashboardConfig.of("0.0.0.0:0", null));
    assertTrue(e.getMessage().contains("--auth-file"), e.getMessage());

    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    assertThrows(InvalidConfigException.class, () -> DashboardConfig.of("0.0.0.0:0", empty));
    assertThrows(InvalidConfigException.class, () -> DashboardConfig.of("0.0.0.0:0", dir.resolve("missing")));
    assertThrows(InvalidConfigException.class, () -> DashboardConfig.of("localhost", null));
  }

  @Test
  void with_an_auth_file_every_request_needs_the_credentials(MyrqClient client, @TempDir Path dir)
      throws Exception {
    Path basic = Files.writeString(dir.resolve("basic"), "admin:s3cret\n");
    Path token = Files.writeString(dir.resolve("token"), "\n  t0ken-abc\n");
    try (DashboardServer s = DashboardServer.start(client, DashboardConfig.of("0.0.0.0:0", basic));
        DashboardServer t = DashboardServer.start(client, DashboardConfig.of("127.0.0.1:0", token))) {
      Http http = new Http("http://127.0.0.1:" + s.port());
      Http tokenHttp = new Http("http://127.0.0.1:" + t.port());

      HttpResponse<String> anonymous = http.get("/queues");
      assertEquals(401, anonymous.statusCode());
      assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
      assertEquals(401, http.get("/queues", "Authorization", basicAuth("admin", "wrong")).statusCode());
      assertEquals(401, http.get("/static/dashboard.css").statusCode());
      assertEquals(401, http.post("/jobs/x/requeue", "csrf=x").statusCode());
      assertEquals(200, http.get("/queues", "Authorization", basicAuth("admin", "s3cret")).statusCode());

      assertEquals(401, tokenHttp.get("/queues").statusCode());
      assertEquals(401, tokenHttp.get("/queues", "Authorization", "Bearer nope").statusCode());
      assertEquals(200, tokenHttp.get("/queues", "Authorization", "Bearer t0ken-abc").statusCode());
      assertEquals(200, tokenHttp.get("/queues", "Authorization", basicAuth("anyone", "t0ken-abc")).statusCode());
    }
  }

  private static String basicAuth(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
