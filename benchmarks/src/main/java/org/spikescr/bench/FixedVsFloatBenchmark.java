package org.spikescr.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.spikescr.fixed.SaturationCounter;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.QkLayout;
import org.spikescr.model.RandomModel;
import org.spikescr.model.SpikeScrModel;
import org.spikescr.model.quantized.QuantSettings;
import org.spikescr.model.quantized.QuantizedInputs;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.quant.Quantizer;
import org.spikescr.sim.FloatPrecision;
import org.spikescr.sim.Inference;
import org.spikescr.sim.fixedsim.FixedInference;
import org.spikescr.sim.fixedsim.FixedSimulator;
import org.spikescr.sim.floatsim.FloatSimulator;

/**
 * Utterances per second of the fixed-point golden simulator against the float simulator (double
 * precision) on one thread, same model and same utterance: SHD configuration (D=128, 8 heads, depth
 * 1, F=128, K=31, 20 classes), random weights quantized with the default settings, Poisson input
 * counts with mean 0.43 per frame and channel group.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class FixedVsFloatBenchmark {
  @Param({"40", "100"})
  public int timeSteps;

  private FloatSimulator floatSimulator;
  private FixedSimulator fixedSimulator;
  private double[][] input;
  private long[][] raw;

  /** Builds the model, its quantized form and one utterance. */
  @Setup
  public void setUp() {
    ModelConfig config = ModelConfig.shdStudent(QkLayout.TIME);
    SpikeScrModel model = RandomModel.create(config, 1, 1.0);
    floatSimulator = new FloatSimulator(model, FloatPrecision.DOUBLE);
    QuantSettings d = QuantSettings.defaults(config);
    QuantizedModel q = Quantizer.quantize(model, withMaxTimeSteps(d, timeSteps));
    fixedSimulator = new FixedSimulator(q);
    input = RandomModel.counts(timeSteps, 140, 0.43, 2);
    raw =
        QuantizedInputs.convert(input, q.settings().inputFormat(), new SaturationCounter("input"));
  }

  /**
   * The default settings, with {@code T_max} raised to the utterance length where the default
   * ({@code 2 * 40 = 80} frames for the SHD configuration) is shorter; {@code T_max} sets only the
   * RoPE table length and the attention widths.
   */
  static QuantSettings withMaxTimeSteps(QuantSettings s, int steps) {
    return new QuantSettings(
        s.weightBits(),
        s.membraneFracBits(),
        s.scaleSpanBits(),
        Math.max(s.maxTimeSteps(), steps),
        s.inputFormat(),
        s.ropeFracBits(),
        s.expTableLength(),
        s.expFracBits(),
        s.probFracBits());
  }

  /** One utterance through the float simulator. */
  @Benchmark
  public Inference floatDouble() {
    return floatSimulator.run(input);
  }

  /** One utterance through the fixed-point simulator. */
  @Benchmark
  public FixedInference fixed() {
    return fixedSimulator.run(raw);
  }
}
