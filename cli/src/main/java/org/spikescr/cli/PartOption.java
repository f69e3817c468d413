package org.spikescr.cli;

import org.spikescr.errors.InputException;
import org.spikescr.gen.tools.FpgaPart;
import picocli.CommandLine.Option;

/** {@code --part PART}: the FPGA whose budget a design must fit. */
final class PartOption {
  @Option(
      names = "--part",
      paramLabel = "PART",
      defaultValue = FpgaPart.DEFAULT,
      description =
          "Part whose budget the design must fit: xc7z020, xc7z010, xc7a35t or xc7a100t"
              + " (default ${DEFAULT-VALUE}); the LUTs that LUT-as-memory cells occupy count"
              + " against its LUTs.")
  String part;

  /** The part named; an unknown name is an input error listing the known ones. */
  FpgaPart resolve() {
    return FpgaPart.named(part)
        .orElseThrow(
            () ->
                new InputException(
                    "--part", "", "unknown part '" + part + "'; known: " + FpgaPart.names()));
  }
}
