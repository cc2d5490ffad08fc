package com.acme.testjobs;

import com.google.gson.JsonObject;

/** A job class whose public method names a class the jobs jars lack: listing its methods fails. */
public class NeedsGson {
  public static int run(JsonObject o) {
    return o.size();
  }
}
