package dev.myrq.dashboard;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Cross-site request forgery guard for the action forms. Each browser gets a random id in a same-site, HTTP-only
 * cookie; its forms carry HMAC(process secret, id) in a hidden field. A POST passes only with a cookie, the
 * matching field, and (when the browser sends one) an Origin header naming this host. Another site can neither
 * read the field nor set a cookie whose HMAC it knows.
 */
final class Csrf {
  static final String COOKIE = "myrq_csrf";
  static final String FIELD = "csrf";
  private static final String ATTRIBUTE = "myrq.csrf";

  private final SecureRandom random = new SecureRandom();
  private final byte[] secret = new byte[32];

  Csrf() {
    random.nextBytes(secret);
  }

  /** Return the form token of this browser, giving it a cookie first if it has none. */
  String token(Context ctx) {
    String cached = ctx.attribute(ATTRIBUTE);
    if (cached != null) {
      return cached;
    }
    String id = ctx.cookie(COOKIE);
    if (id == null || id.length() < 16) {
      byte[] b = new byte[24];
      random.nextBytes(b);
      id = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
      Cookie c = new Cookie(COOKIE, id);
      c.setHttpOnly(true);
      c.setSameSite(SameSite.STRICT);
      c.setPath("/");
      ctx.cookie(c);
    }
    String token = mac(id);
    ctx.attribute(ATTRIBUTE, token);
    return token;
  }

  /** Return null when this POST may act, else the reason it may not. */
  String refusal(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin != null && !origin.equals(ctx.scheme() + "://" + ctx.host())) {
      return "the request came from another site (" + origin + ")";
    }
    String id = ctx.cookie(COOKIE);
    String given = ctx.formParam(FIELD);
    if (id == null || given == null) {
      return "the form has no CSRF token or the browser no dashboard cookie; reload the page and try again";
    }
    boolean ok = MessageDigest.isEqual(
        mac(id).getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    return ok ? null : "the CSRF token does not match; reload the page and try again";
  }

  private String mac(String id) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(secret, "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(m.doFinal(id.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
