package org.spikescr.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.spikescr.sim.Inference;
import org.spikescr.sim.OpCounts;

/** Runs a simulator over labelled utterances and gathers an {@link EvaluationReport}. */
public final class Evaluation {
  private Evaluation() {}

  /**
   * Evaluates.
   *
   * @param simulator one utterance {@code [T][channels]} to its inference
   * @param inputs the utterances
   * @param labels the true class of each
   * @param classes number of classes of the model
   * @param progress called with the number of utterances done
   */
  public static EvaluationReport run(
      Function<double[][], Inference> simulator,
      List<double[][]> inputs,
      int[] labels,
      int classes,
      IntConsumer progress) {
    int n = inputs.size();
    if (labels.length != n) {
      throw new IllegalArgumentException(labels.length + " labels for " + n + " utterances");
    }
    int[] predictions = new int[n];
    List<double[]> scores = new ArrayList<>(n);
    long[][] confusion = new long[classes][classes];
    Map<String, long[]> activity = new LinkedHashMap<>();
    double acs = 0;
    double macs = 0;
    double attention = 0;
    double steps = 0;
    for (int i = 0; i < n; i++) {
      Inference inf = simulator.apply(inputs.get(i));
      predictions[i] = inf.prediction();
      scores.add(inf.scores());
      if (labels[i] >= 0 && labels[i] < classes) {
        confusion[labels[i]][inf.prediction()]++;
      }
      OpCounts c = inf.counts();
      for (Map.Entry<String, Long> e : c.spikes().entrySet()) {
        long[] a = activity.computeIfAbsent(e.getKey(), k -> new long[2]);
        a[0] += e.getValue();
        a[1] += c.neuronSteps().get(e.getKey());
      }
      acs += c.accumulates();
      macs += c.multiplyAccumulates();
      attention += c.attentionAccumulates();
      steps += c.timeSteps();
      progress.accept(i + 1);
    }
    Map<String, Double> rates = new LinkedHashMap<>();
    for (Map.Entry<String, long[]> e : activity.entrySet()) {
      rates.put(e.getKey(), e.getValue()[1] == 0 ? 0 : (double) e.getValue()[0] / e.getValue()[1]);
    }
    double div = Math.max(1, n);
    return new EvaluationReport(
        n,
        classes,
        predictions,
        labels,
        scores,
        confusion,
        rates,
        acs / div,
        macs / div,
        attention / div,
        steps / div);
  }
}
