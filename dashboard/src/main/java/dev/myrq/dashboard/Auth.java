package dev.myrq.dashboard;

import dev.myrq.core.InvalidConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Who may use the dashboard, from an auth file whose first non-blank line is either {@code USER:PASSWORD} (HTTP
 * basic auth) or a token without a colon, sent as {@code Authorization: Bearer TOKEN} or as the password of
 * basic auth with any user name (so a browser can log in with it).
 */
public final class Auth {
  private final String user;
  private final byte[] secret;

  private Auth(String user, String secret) {
    this.user = user;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Read an auth file.
   *
   * @throws InvalidConfigException when it cannot be read or holds no credentials
   */
  public static Auth read(Path file) {
    String line;
    try {
      line = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
          .filter(l -> !l.isEmpty()).findFirst().orElse("");
    } catch (IOException e) {
      throw new InvalidConfigException("cannot read the auth file " + file + ": " + e.getMessage());
    }
    int colon = line.indexOf(':');
    if (line.isEmpty() || colon == 0 || colon == line.length() - 1) {
      throw new InvalidConfigException(
          "auth file " + file + " must hold USER:PASSWORD or a token on its first line");
    }
    return colon < 0 ? new Auth(null, line) : new Auth(line.substring(0, colon), line.substring(colon + 1));
  }

  /** Return true when this Authorization header value carries the credentials; compares in constant time. */
  public boolean accepts(String authorization) {
    if (authorization == null) {
      return false;
    }
    if (user == null && authorization.startsWith("Bearer ")) {
      return same(authorization.substring(7).strip(), secret);
    }
    if (!authorization.startsWith("Basic ")) {
      return false;
    }
    String pair;
    try {
      pair = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = pair.indexOf(':');
    if (colon < 0) {
      return false;
    }
    boolean userOk = user == null || same(pair.substring(0, colon), user.getBytes(StandardCharsets.UTF_8));
    return same(pair.substring(colon + 1), secret) & userOk;
  }

  private static boolean same(String given, byte[] expected) {
    return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected);
  }
}
