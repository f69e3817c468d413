package org.spikescr.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.spikescr.errors.InputException;
import org.spikescr.fixed.SaturationCounter;
import org.spikescr.gen.verify.CycleBound;
import org.spikescr.gen.verify.DesignSim;
import org.spikescr.gen.verify.Mismatch;
import org.spikescr.gen.verify.Stimulus;
import org.spikescr.gen.verify.TraceCheck;
import org.spikescr.io.Directories;
import org.spikescr.io.hdf5.DatasetFile;
import org.spikescr.model.quantized.QuantizedInputs;
import org.spikescr.sim.ModelInputs;
import org.spikescr.sim.cycles.CycleModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spikescr verify}: runs a generated design on real utterances in Icarus Verilog and/or
 * Verilator and compares every recorded beat with the fixed-point simulator ({@code
 * docs/hardware.md}, section 7).
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify a generated design against the fixed-point simulator.",
      "Streams the first N utterances of the data through the design's test bench and compares every"
          + " LIF layer's spikes and membranes at every step, the attention scores, the head's"
          + " logits, the readout scores and the class. Exit 0 when bit-exact, 1 on any mismatch or"
          + " time-out."
    })
final class VerifyCommand implements Callable<Integer> {
  /** Which simulators run. */
  enum SimChoice {
    icarus,
    verilator,
    both
  }

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin CommonOptions common;

  @Mixin DataOption data;

  @Mixin FrameOption frame;

  @Option(
      names = "--design",
      required = true,
      description = "Design directory (spikescr generate).")
  Path design;

  @Option(
      names = "--samples",
      paramLabel = "N",
      defaultValue = "4",
      converter = Converters.Positive.class,
      description = "Utterances (the first N; default ${DEFAULT-VALUE}).")
  int samples;

  @Option(
      names = "--sim",
      defaultValue = "verilator",
      description = "Simulator: icarus, verilator or both (default ${DEFAULT-VALUE}).")
  SimChoice sim;

  @Option(names = "--wave", paramLabel = "F.vcd", description = "Write a VCD of the first run.")
  Path wave;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the random idle cycles and back-pressure (default ${DEFAULT-VALUE}).")
  int seed;

  @Option(
      names = "--idle",
      defaultValue = "0",
      paramLabel = "PCT",
      description = "Percent of cycles the input is idle (default ${DEFAULT-VALUE}).")
  int idle;

  @Option(
      names = "--stall",
      defaultValue = "0",
      paramLabel = "PCT",
      description = "Percent of cycles the output is not ready (default ${DEFAULT-VALUE}).")
  int stall;

  /** Beats left out at the end of the stimulus (a truncated input stream, for tests). */
  @Option(
      names = "--trace",
      paramLabel = "F",
      description = "Write the test bench's trace of the first run (one line per recorded beat).")
  Path traceOut;

  @Option(names = "--drop-beats", hidden = true, defaultValue = "0")
  int dropBeats;

  /** The cycle model's prediction for each utterance (reported, not checked, under stalls). */
  private static List<Long> predictedOnly(DesignDir d, List<long[][]> raw) {
    CycleModel model = d.cycleModel();
    List<Long> out = new ArrayList<>();
    for (long[][] u : raw) {
      out.add(model.predict(u, org.spikescr.gen.lower.Lowering.IN_LANES).total());
    }
    return out;
  }

  @Override
  public Integer call() throws IOException {
    if (idle < 0 || idle > 99 || stall < 0 || stall > 99) {
      throw new InputException("--idle/--stall", "", "percentages must be 0 to 99");
    }
    DesignDir d = DesignDir.read(design);
    Path file = data.data;
    ModelInputs in =
        ModelInputs.prepare(
            DatasetFile.read(file), file.toString(), d.model().config(), frame.frameMs, samples);
    List<long[][]> raw = new ArrayList<>();
    long bound = 0;
    for (double[][] frames : in.inputs()) {
      if (frames.length > d.options().maxTimeSteps()) {
        throw new InputException(
            file.toString(),
            "",
            "an utterance of "
                + frames.length
                + " frames exceeds the design's T_max of "
                + d.options().maxTimeSteps());
      }
      raw.add(
          QuantizedInputs.convert(
              frames, d.model().settings().inputFormat(), new SaturationCounter("input")));
      bound += CycleBound.of(d.model(), d.options(), frames.length);
    }
    int bits = d.model().settings().inputFormat().totalBits();
    String stim = Stimulus.text(raw, org.spikescr.gen.lower.Lowering.IN_LANES, bits, dropBeats);
    List<DesignSim.Kind> kinds =
        switch (sim) {
          case icarus -> List.of(DesignSim.Kind.ICARUS);
          case verilator -> List.of(DesignSim.Kind.VERILATOR);
          case both -> List.of(DesignSim.Kind.ICARUS, DesignSim.Kind.VERILATOR);
        };
    long mismatches = 0;
    Mismatch first = null;
    List<Long> cycles = null;
    List<Long> predicted = null;
    double seconds = 0;
    boolean finished = true;
    List<String> problems = new ArrayList<>();
    for (DesignSim.Kind k : kinds) {
      Path work = Files.createTempDirectory("spikescr-verify");
      try {
        DesignSim.Run r =
            DesignSim.run(
                k,
                design,
                d.name(),
                stim,
                raw.size(),
                bound,
                seed,
                idle,
                stall,
                wave,
                work,
                Duration.ofMinutes(60));
        seconds += r.seconds();
        if (traceOut != null && k == kinds.get(0)) {
          Files.writeString(traceOut, r.trace(), java.nio.charset.StandardCharsets.UTF_8);
        }
        if (!r.finished()) {
          finished = false;
          problems.add(k.name().toLowerCase(java.util.Locale.ROOT) + ": " + lastLines(r.output()));
        }
        // without idle input or stalled output the schedule is the cycle model's, pass by pass
        CycleModel model = idle == 0 && stall == 0 ? d.cycleModel() : null;
        TraceCheck check =
            new TraceCheck(
                d.model(), d.network().taps(), model, org.spikescr.gen.lower.Lowering.IN_LANES);
        check.check(raw, r.trace());
        mismatches += check.mismatchCount();
        if (first == null && !check.mismatches().isEmpty()) {
          first = check.mismatches().get(0);
        }
        if (predicted == null) {
          predicted = idle == 0 && stall == 0 ? check.predictedCycles() : predictedOnly(d, raw);
        }
        if (cycles == null) {
          cycles = check.cycles();
        } else if (!cycles.equals(check.cycles())) {
          problems.add(
              "the simulators count different cycles: " + cycles + " and " + check.cycles());
          mismatches++;
        }
      } finally {
        Directories.deleteTreeQuietly(work);
      }
    }
    List<Long> cyc = cycles == null ? List.of() : cycles;
    double mean = cyc.stream().mapToLong(Long::longValue).average().orElse(0);
    VerifyResult r =
        new VerifyResult(
            design.toString(),
            raw.size(),
            mismatches,
            first == null
                ? null
                : new VerifyResult.FirstMismatch(
                    first.sample(),
                    first.layer(),
                    first.step(),
                    first.lane(),
                    first.what(),
                    first.expected(),
                    first.got()),
            cyc,
            mean,
            predicted == null ? List.of() : predicted,
            sim.name(),
            Math.round(seconds * 1000) / 1000.0,
            finished);
    if (common.json) {
      JsonOutput.print(spec.commandLine().getOut(), r);
    } else {
      var out = spec.commandLine().getOut();
      out.printf(
          "verified %d utterances in %s: %d mismatches, %.1f cycles per utterance (mean), %.1f s%n",
          r.samples(), r.sim(), r.mismatches(), mean, r.sim_seconds());
      if (first != null) {
        out.printf(
            "first mismatch: utterance %d, layer %s, step %d, lane %d, %s: expected %s, got %s%n",
            first.sample(),
            first.layer(),
            first.step(),
            first.lane(),
            first.what(),
            first.expected(),
            first.got());
      }
    }
    for (String p : problems) {
      spec.commandLine().getErr().println("spikescr verify: " + p);
    }
    return mismatches == 0 && finished ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }

  private static String lastLines(String output) {
    String[] lines = output.strip().split("\n", -1);
    StringBuilder b = new StringBuilder();
    for (int i = Math.max(0, lines.length - 3); i < lines.length; i++) {
      b.append(lines[i].strip()).append(i + 1 < lines.length ? " | " : "");
    }
    return b.toString();
  }
}
