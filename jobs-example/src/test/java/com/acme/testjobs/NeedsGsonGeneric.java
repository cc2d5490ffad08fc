package com.acme.testjobs;

import com.google.gson.JsonObject;
import java.util.List;

/** A job whose generic parameter type names a class the jobs jars lack: binding its args fails. */
public class NeedsGsonGeneric {
  public static int count(List<JsonObject> objects) {
    return objects.size();
  }
}
