package org.spikescr.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.spikescr.eval.FidelityCheck;

/** The JSON form of a fidelity report. */
final class FidelityJson {
  private FidelityJson() {}

  static Map<String, Object> of(FidelityCheck.Report r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("samples", r.samples());
    m.put("float_accuracy", r.floatAccuracy());
    m.put("fixed_accuracy", r.fixedAccuracy());
    m.put("label_agreement", r.labelAgreement());
    m.put("min_spike_agreement", r.minSpikeAgreement());
    m.put("spike_agreement", r.spikeAgreement());
    m.put("saturation_events", r.saturationEvents());
    m.put("saturations", r.saturations());
    return m;
  }
}
