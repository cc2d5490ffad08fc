package dev.myrq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The dashboard command's refusals, before anything connects or listens. */
class DashboardCommandTest {

  @Test
  void listening_off_loopback_without_an_auth_file_exits_2_naming_the_option() {
    Cli.Run run = Cli.run("dashboard", "--listen", "0.0.0.0:0");

    assertEquals(2, run.code());
    assertTrue(run.err().startsWith("myrq: listening on 0.0.0.0"), run.err());
    assertTrue(run.err().contains("--auth-file"), run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
  }

  @Test
  void a_malformed_address_or_a_missing_auth_file_exits_2() {
    assertEquals(2, Cli.run("dashboard", "--listen", "localhost").code());
    assertEquals(2, Cli.run("dashboard", "--listen", "127.0.0.1:99999").code());
    Cli.Run missing = Cli.run("dashboard", "--auth-file", "/nonexistent/auth");
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("cannot read the auth file"), missing.err());
  }
}
