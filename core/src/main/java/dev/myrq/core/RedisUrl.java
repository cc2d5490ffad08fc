package dev.myrq.core;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redaction of Redis URLs by parsing, not by pattern: the user-info part is everything between {@code ://} and
 * the last {@code @}, whatever characters the password holds ({@code /}, {@code :}, {@code @}, {@code %2F}), and a
 * user-info without a colon is a password ({@code redis://s3cret@host}, as Lettuce reads it). Works for every
 * scheme Lettuce accepts (redis, rediss, redis+ssl, redis+tls, redis-socket, redis-sentinel, rediss-sentinel) and
 * for strings that are no valid URL at all, so error messages about a bad URL leak nothing either.
 */
public final class RedisUrl {
  private static final String MASK = "***";
  private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&](?:sentinel_)?password=)[^&#]*");

  private RedisUrl() {}

  /** The URL with its password (in the user-info or a {@code password=} parameter) replaced by {@code ***}. */
  public static String redact(String url) {
    if (url == null) {
      return null;
    }
    int scheme = url.indexOf("://");
    int start = scheme < 0 ? 0 : scheme + 3;
    int at = url.lastIndexOf('@');
    String out = url;
    if (at >= start) {
      String userInfo = url.substring(start, at);
      int colon = userInfo.indexOf(':');
      String kept = colon < 0 ? MASK : userInfo.substring(0, colon) + ":" + MASK;
      out = url.substring(0, start) + kept + url.substring(at);
    }
    return PASSWORD_PARAM.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MASK));
  }

  /** The secrets a URL holds (its password, raw and URL-decoded), longest first; empty if none. */
  static List<String> secrets(String url) {
    List<String> out = new ArrayList<>();
    if (url == null) {
      return out;
    }
    int scheme = url.indexOf("://");
    int start = scheme < 0 ? 0 : scheme + 3;
    int at = url.lastIndexOf('@');
    if (at >= start) {
      String userInfo = url.substring(start, at);
      int colon = userInfo.indexOf(':');
      add(out, colon < 0 ? userInfo : userInfo.substring(colon + 1));
    }
    Matcher m = PASSWORD_PARAM.matcher(url);
    while (m.find()) {
      add(out, m.group().substring(m.group(1).length()));
    }
    out.sort((a, b) -> Integer.compare(b.length(), a.length()));
    return out;
  }

  /** {@code text} (an error message, say) with every secret of {@code url} replaced by {@code ***}. */
  public static String scrub(String text, String url) {
    if (text == null) {
      return null;
    }
    String out = text.replace(url, redact(url));
    for (String secret : secrets(url)) {
      out = out.replace(secret, MASK);
    }
    return out;
  }

  private static void add(List<String> out, String secret) {
    if (secret.isEmpty()) {
      return;
    }
    out.add(secret);
    try {
      String decoded = URLDecoder.decode(secret, StandardCharsets.UTF_8);
      if (!decoded.equals(secret) && !decoded.isEmpty()) {
        out.add(decoded);
      }
    } catch (IllegalArgumentException e) {
      // not %-encoded: the raw form is enough
    }
  }
}
