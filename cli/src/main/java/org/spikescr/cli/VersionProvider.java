package org.spikescr.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * Reports the version from the jar manifest ("dev" when run from classes) and the commit the
 * launcher found ({@code SPIKESCR_COMMIT}, set by {@code ./spikescr} from git).
 */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    String commit = System.getenv("SPIKESCR_COMMIT");
    return new String[] {
      "spikescr "
          + (v == null ? "dev" : v)
          + (commit == null || commit.isBlank() ? "" : " (commit " + commit.strip() + ")"),
      "Java " + System.getProperty("java.version")
    };
  }
}
