/**
 * Bit-accurate fixed-point arithmetic on raw {@code long} values: formats ({@link
 * org.spikescr.fixed.FixedFormat}), quantization and overflow modes with the ap/ac names, exact
 * operations with full-precision result formats ({@link org.spikescr.fixed.ResultFormats}) and
 * narrowing casts with one rounding kernel ({@link org.spikescr.fixed.FixedMath#cast}).
 *
 * <p>Nothing in this package uses binary floating point; conversions to and from reals for
 * quantization and reporting live elsewhere. {@code docs/fixed-point.md} is the contract built on
 * these types.
 */
package org.spikescr.fixed;
