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
import org.spikescr.model.ModelConfig;
import org.spikescr.model.QkLayout;
import org.spikescr.model.RandomModel;
import org.spikescr.sim.FloatPrecision;
import org.spikescr.sim.Inference;
import org.spikescr.sim.floatsim.FloatSimulator;

/**
 * Utterances per second of the float simulator on one thread: SHD configuration (D=128, 8 heads,
 * depth 1, F=128, K=31, 20 classes), random weights with realistic firing rates (5-20 % per layer),
 * Poisson input counts with mean 0.43 per frame and channel group (the statistics of the
 * conformance case inputs).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class FloatSimulatorBenchmark {
  @Param({"40", "100"})
  public int timeSteps;

  @Param({"DOUBLE", "FLOAT32"})
  public FloatPrecision precision;

  private FloatSimulator simulator;
  private double[][] input;

  /** Builds the model and one utterance. */
  @Setup
  public void setUp() {
    simulator =
        new FloatSimulator(
            RandomModel.create(ModelConfig.shdStudent(QkLayout.TIME), 1, 1.0), precision);
    input = RandomModel.counts(timeSteps, 140, 0.43, 2);
  }

  /** One utterance. */
  @Benchmark
  public Inference utterance() {
    return simulator.run(input);
  }
}
