package dev.myrq.dashboard;

import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;

/**
 * Runs before every request: asks for credentials when the dashboard has an auth file, and sets the headers that
 * keep pages from being framed, sniffed or made to run scripts other than the dashboard's own.
 */
final class Guard {
  /** Only the dashboard's own script and style; no inline script, no frames, forms post only here. */
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
      + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final Auth auth;

  Guard(Auth auth) {
    this.auth = auth;
  }

  void check(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("Cache-Control", "no-store");
    if (auth != null && !auth.accepts(ctx.header("Authorization"))) {
      ctx.header("WWW-Authenticate", "Basic realm=\"myrq dashboard\", charset=\"UTF-8\"");
      throw new UnauthorizedResponse("myrq dashboard: credentials required");
    }
  }
}
