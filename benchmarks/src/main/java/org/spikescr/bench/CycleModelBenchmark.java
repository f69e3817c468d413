package org.spikescr.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
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
import org.spikescr.sim.cycles.CycleModel;
import org.spikescr.sim.fixedsim.FixedLayerTrace;
import org.spikescr.sim.fixedsim.FixedSimulator;

/**
 * Utterances per second of the cycle model on one thread, with and without the fixed-point
 * simulator run that gives it the activity (in {@code spikescr verify} that run is shared with the
 * bit-exact check): SHD configuration, random weights quantized with the default settings, T = 40,
 * Poisson input counts with mean 0.43, 32 lanes. Compare with Verilator's utterances per second in
 * {@code docs/results.md}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class CycleModelBenchmark {
  private CycleModel model;
  private long[][] raw;
  private Map<String, FixedLayerTrace> traces;

  /** Builds the model, one utterance and its traces. */
  @Setup
  public void setUp() {
    ModelConfig config = ModelConfig.shdStudent(QkLayout.TIME);
    SpikeScrModel m = RandomModel.create(config, 1, 1.0);
    QuantizedModel q = Quantizer.quantize(m, QuantSettings.defaults(config));
    model = new CycleModel(q, 32);
    raw =
        QuantizedInputs.convert(
            RandomModel.counts(40, 140, 0.43, 2),
            q.settings().inputFormat(),
            new SaturationCounter("input"));
    traces = new LinkedHashMap<>();
    new FixedSimulator(q).run(raw, traces);
  }

  /** The prediction from traces at hand. */
  @Benchmark
  public long predictFromTraces() {
    return model.predict(raw, 8, traces).total();
  }

  /** The prediction including the fixed-point simulator run. */
  @Benchmark
  public long predictWithSimulator() {
    return model.predict(raw, 8).total();
  }
}
