/**
 * Whole-design verification: the generated test bench, the input stream of an utterance, the run of
 * a design in Icarus Verilog or Verilator, and the comparison of every recorded beat with the
 * fixed-point simulator.
 */
package org.spikescr.gen.verify;
