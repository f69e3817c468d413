// rope_rotate: rotary position embedding of one binary q or k row slice (docs/fixed-point.md 5.1),
// with no multiplier: each channel pair selects one of four table sums.
//
// Parameters:
//   PAIRS  channel pairs (2j, 2j+1) rotated side by side (Dh/2 for one head)
//   RW     bits of a table entry and of a result: ap_fixed<RW, 2> with F_R = RW - 2 fraction bits
//
// Ports (combinational, no clock):
//   x   PAIRS*2 spikes; x[2j] and x[2j+1] form pair j
//   cs  the table row of the position: pair j's cosine C at bits [2j*RW +: RW] and its sine S at
//       [(2j+1)*RW +: RW], both raw ap_fixed<RW, 2> (two's complement)
//   r   the rotated values, raw ap_fixed<RW, 2>: channel c at bits [c*RW +: RW]
//
// Per pair:
//   (x[2j], x[2j+1]) = (0, 0) -> (0, 0)      (1, 0) -> (C, S)
//                      (0, 1) -> (-S, C)     (1, 1) -> (C - S, C + S)
// C - S and C + S are exact in RW bits because |C| + |S| < 2 for every table entry (the quantizer
// builds the table so; contract 5.1), so every result is the exact RoPE output.
//
// Latency: 0 cycles (a leaf of the spike_attention datapath).
`resetall
`timescale 1ns / 1ps
`default_nettype none

module rope_rotate #(
    parameter integer PAIRS = 8,
    parameter integer RW    = 26
) (
    input  wire [  PAIRS*2-1:0] x,
    input  wire [PAIRS*2*RW-1:0] cs,
    output wire [PAIRS*2*RW-1:0] r
);

  genvar j;
  generate
    for (j = 0; j < PAIRS; j = j + 1) begin : g_pair
      wire signed [RW-1:0] c = cs[(2*j)*RW+:RW];
      wire signed [RW-1:0] s = cs[(2*j+1)*RW+:RW];
      wire signed [RW-1:0] diff = c - s;
      wire signed [RW-1:0] sum = c + s;
      wire signed [RW-1:0] neg_s = -s;
      reg signed [RW-1:0] out0, out1;

      always @* begin
        case ({x[2*j+1], x[2*j]})
          2'b01: begin
            out0 = c;
            out1 = s;
          end
          2'b10: begin
            out0 = neg_s;
            out1 = c;
          end
          2'b11: begin
            out0 = diff;
            out1 = sum;
          end
          default: begin
            out0 = {RW{1'b0}};
            out1 = {RW{1'b0}};
          end
        endcase
      end

      assign r[(2*j)*RW+:RW]   = out0;
      assign r[(2*j+1)*RW+:RW] = out1;
    end
  endgenerate

endmodule

`resetall
