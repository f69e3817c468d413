package org.spikescr.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spikescr.model.InputKind;

class RecordsTest {
  @Test
  void spikeEventsCopyTheirArrays() {
    double[] t = {0.1, 0.2};
    int[] u = {1, 2};
    SpikeEvents e = new SpikeEvents(t, u);
    t[0] = 9;
    u[0] = 9;
    assertEquals(0.1, e.time(0));
    assertEquals(1, e.unit(0));
    e.timesS()[1] = 7;
    assertEquals(0.2, e.time(1));
    assertNotSame(e.units(), e.units());
    assertEquals(new SpikeEvents(new double[] {0.1, 0.2}, new int[] {1, 2}), e);
    assertThrows(IllegalArgumentException.class, () -> new SpikeEvents(new double[1], new int[2]));
  }

  @Test
  void sampleHoldsExactlyOneKind() {
    SpikeEvents e = new SpikeEvents(new double[] {0}, new int[] {0});
    assertThrows(IllegalArgumentException.class, () -> new Sample(0, 0, "", null, null));
    assertThrows(
        IllegalArgumentException.class, () -> new Sample(0, 0, "", e, new float[][] {{1}}));
    assertThrows(IllegalArgumentException.class, () -> Sample.ofSpikes(-1, 0, "", e));
    float[][] f = {{1, 2}};
    Sample m = Sample.ofFrames(0, 0, "", f);
    f[0][0] = 5;
    assertEquals(1, m.frameValue(0, 0));
  }

  @Test
  void datasetChecksSamplesAndCountsClasses() {
    Sample s = Sample.ofSpikes(4, 0, "", new SpikeEvents(new double[] {0}, new int[] {699}));
    Dataset d = new Dataset(InputKind.SPIKES, 700, List.of(s), List.of(), 0, 0);
    assertEquals(5, d.classes());
    assertEquals(1, d.size());
    assertThrows(
        IllegalArgumentException.class,
        () -> new Dataset(InputKind.SPIKES, 600, List.of(s), List.of(), 0, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Dataset(InputKind.MEL, 700, List.of(s), List.of(), 0, 80));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Dataset(InputKind.SPIKES, 700, List.of(s), List.of("a", "b"), 0, 0));
  }
}
