// All 28 (quantization, overflow) mode pairs of fxp_requant at one format, side by side: one top
// for a lint and a synthesis run that cover every mode.
`timescale 1ns / 1ps
`default_nettype none

module lint_fxp_requant_modes #(
    parameter integer W_IN  = 16,
    parameter integer F_IN  = 8,
    parameter integer S_IN  = 1,
    parameter integer W_OUT = 8,
    parameter integer F_OUT = 4,
    parameter integer S_OUT = 1
) (
    input  wire [     W_IN-1:0] in,
    output wire [28*W_OUT-1:0] out,
    output wire [         27:0] ovf
);
  genvar m;
  generate
    for (m = 0; m < 28; m = m + 1) begin : g_mode
      fxp_requant #(
          .W_IN  (W_IN),
          .F_IN  (F_IN),
          .S_IN  (S_IN),
          .W_OUT (W_OUT),
          .F_OUT (F_OUT),
          .S_OUT (S_OUT),
          .Q_MODE(m / 4),
          .O_MODE(m % 4)
      ) u_rq (
          .in (in),
          .out(out[W_OUT*m+:W_OUT]),
          .ovf(ovf[m])
      );
    end
  endgenerate
endmodule

`default_nettype wire
