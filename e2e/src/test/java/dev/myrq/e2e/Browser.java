package dev.myrq.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium through chromedriver, both from the system (Debian's chromium and chromium-driver; .ci/run
 * installs them). $MYRQ_CHROMIUM and $MYRQ_CHROMEDRIVER point elsewhere.
 */
final class Browser implements AutoCloseable {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Kept referenced: java.util.logging holds loggers weakly, and a collected one forgets its level. */
  private static final java.util.logging.Logger CDP_LOG =
      java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  static Browser start() throws IOException {
    // the tests use no DevTools protocol; Selenium's warning that it lacks one for this Chromium is noise
    CDP_LOG.setLevel(java.util.logging.Level.OFF);
    String chromium = System.getenv().getOrDefault("MYRQ_CHROMIUM", "/usr/bin/chromium");
    String chromedriver = System.getenv().getOrDefault("MYRQ_CHROMEDRIVER", "/usr/bin/chromedriver");
    for (String f : new String[] {chromium, chromedriver}) {
      if (!new File(f).canExecute()) {
        throw new IllegalStateException(f + " is missing: install Debian's chromium and chromium-driver");
      }
    }
    Path profile = Files.createTempDirectory("myrq-chromium");
    ChromeOptions o = new ChromeOptions();
    o.setBinary(chromium);
    o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1280,860", "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, o);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    return new Browser(driver, profile);
  }

  /** Save what the window shows to target/screenshots/NAME.png. */
  void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteQuietly(profile);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a leftover temporary profile is harmless
    }
  }
}
