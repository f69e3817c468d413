package org.spikescr.gen.pass;

/**
 * One problem a {@link Check} found.
 *
 * @param where the module, instance, port or memory concerned
 * @param message what is wrong and what was expected
 */
public record Diagnostic(String where, String message) {

  @Override
  public String toString() {
    return where + ": " + message;
  }
}
