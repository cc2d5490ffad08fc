package dev.myrq.core;

/** No recurring entry has this name. */
public class CronEntryNotFoundException extends MyrqException {
  private static final long serialVersionUID = 1L;
  private final String name;

  public CronEntryNotFoundException(String name) {
    super("no such recurring entry: " + name);
    this.name = name;
  }

  public String name() {
    return name;
  }
}
