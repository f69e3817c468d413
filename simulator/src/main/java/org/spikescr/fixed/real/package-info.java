/**
 * Conversions between reals (binary floating point) and fixed-point raw values, for the quantizer,
 * the front-end cast of input frames and reports. Kept apart from {@link org.spikescr.fixed} so
 * that package stays integer-only; depends on nothing of ours but that package.
 */
package org.spikescr.fixed.real;
