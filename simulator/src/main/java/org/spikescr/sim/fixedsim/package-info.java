/**
 * Bit-accurate integer step functions of the layers of {@code docs/fixed-point.md}: the golden
 * model that the generated RTL must equal. Integer arithmetic only.
 */
package org.spikescr.sim.fixedsim;
