/**
 * The fixed-point simulator ({@code --mode fixed}): bit-accurate integer step functions of the
 * layers of {@code docs/fixed-point.md}, the golden model that the generated RTL must equal.
 * Integer arithmetic only.
 *
 * <p>Each layer kind has a plain public reference, written as the contract states it, for reading
 * and for the hardware unit tests: {@link org.spikescr.sim.fixedsim.FixedSynapseReference} (the
 * synaptic layers, section 4) and {@link org.spikescr.sim.fixedsim.FixedLif#run} (the LIF, section
 * 3). The simulator runs fast paths that tests hold equal to them bit for bit.
 */
package org.spikescr.sim.fixedsim;
