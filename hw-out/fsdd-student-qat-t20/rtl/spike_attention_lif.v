// spike_attention_lif: one step of LANES integer LIF neurons with a power-of-two threshold
// (docs/fixed-point.md 3.1): the two LIF kinds of the attention, the q/k second LIF (5.2) and the
// attention LIF (5.3).
//
// Parameters:
//   LANES        neurons updated side by side
//   XW           bits of an input X in input units, signed (ap_int<XW>)
//   G            membrane fraction bits: the membrane receives X * 2^G (a wire shift)
//   M            membrane width, signed (ap_int<M>); sat_M clamps the charge to it
//   THETA_SHIFT  the threshold is 2^THETA_SHIFT membrane units (F_R + G for q/k, G + 2 for the
//                attention LIF); needs M >= THETA_SHIFT + 2
//
// Ports (combinational, no clock):
//   v_in   membranes before the step, lane l at [l*M +: M], raw ap_int<M>
//   clear  1 on a lane's first step of an utterance: the membrane is taken as 0 (v_in ignored)
//   x      inputs in input units, lane l at [l*XW +: XW], raw ap_int<XW>
//   v_out  membranes after the step (0 where the lane fired)
//   spike  one bit per lane
//
// Rule per lane: V = clear ? 0 : v_in; H = sat_M(V - asr(V, 1) + X * 2^G); spike = H >= 2^THETA_SHIFT;
// v_out = spike ? 0 : H. The sum is formed one bit wider than its operands, so it is exact; sat_M
// clamps to the range of ap_int<M> (TRN, SAT) and never acts while inputs stay in their proven
// ranges (contract 7).
//
// Latency: 0 cycles (a leaf of the spike_attention datapath).
`resetall
`timescale 1ns / 1ps
`default_nettype none

module spike_attention_lif #(
    parameter integer LANES       = 16,
    parameter integer XW          = 26,
    parameter integer G           = 4,
    parameter integer M           = 31,
    parameter integer THETA_SHIFT = 28
) (
    input  wire [LANES*M-1:0]  v_in,
    input  wire                clear,
    input  wire [LANES*XW-1:0] x,
    output wire [LANES*M-1:0]  v_out,
    output wire [  LANES-1:0]  spike
);

  // Width of the exact sum: one bit above the wider of the kept membrane and the shifted input.
  localparam integer SW = ((M > XW + G) ? M : XW + G) + 1;
  localparam [SW-1:0] MAX_M = {{(SW - M + 1) {1'b0}}, {(M - 1) {1'b1}}};
  localparam [SW-1:0] MIN_M = {{(SW - M + 1) {1'b1}}, {(M - 1) {1'b0}}};
  localparam [M-1:0] THETA = {{(M - 1) {1'b0}}, 1'b1} << THETA_SHIFT;

  generate
    if (M < THETA_SHIFT + 2) begin : g_bad_width
      spike_attention_lif_error_membrane_too_narrow_for_threshold u_error ();
    end
  endgenerate

  genvar l;
  generate
    for (l = 0; l < LANES; l = l + 1) begin : g_lane
      wire signed [ M-1:0] v = clear ? {M{1'b0}} : v_in[l*M+:M];
      wire signed [ M-1:0] half = v >>> 1;
      // ceil(V / 2): V minus the floor of its half.
      wire signed [ M-1:0] keep = v - half;
      wire        [XW-1:0] xl = x[l*XW+:XW];
      wire signed [SW-1:0] x_mem = $signed({{(SW - XW) {xl[XW-1]}}, xl}) <<< G;
      wire signed [SW-1:0] charge = $signed({{(SW - M) {keep[M-1]}}, keep}) + x_mem;
      wire signed [ M-1:0] h =
          (charge > $signed(MAX_M)) ? MAX_M[M-1:0] :
          (charge < $signed(MIN_M)) ? MIN_M[M-1:0] : charge[M-1:0];
      // the same as h >= THETA (THETA <= MAX_M, and MIN_M < 0 < THETA), without the clamp in the path
      wire fire = charge >= $signed({{(SW - M) {1'b0}}, THETA});

      assign spike[l] = fire;
      assign v_out[l*M+:M] = fire ? {M{1'b0}} : h;
    end
  endgenerate

endmodule

`resetall
