// Test bench of fxp_requant: eight formats, each instantiated with all 28 (quantization, overflow)
// mode pairs, so one compiled simulation checks 224 requantizers on the same inputs.
//
// A format is one integer parameter FMT<f> = W_IN | (F_IN + 64) << 6 | S_IN << 13 | W_OUT << 14 |
// (F_OUT + 64) << 20 | S_OUT << 27. Requantizer j = 28 f + 4 q + o has format f, Q_MODE q and O_MODE
// o. Input n is the 64-bit word n of in.hex (format f reads its low W_IN bits); expect.hex holds, for
// input n and requantizer j, line 224 n + j: the overflow event in bit 63 and the output, zero-extended,
// below. Every comparison is one beat of the RESULT line.
`timescale 1ns / 1ps
`default_nettype none

module tb_fxp_requant #(
    parameter integer FMT0 = 0,
    parameter integer FMT1 = 0,
    parameter integer FMT2 = 0,
    parameter integer FMT3 = 0,
    parameter integer FMT4 = 0,
    parameter integer FMT5 = 0,
    parameter integer FMT6 = 0,
    parameter integer FMT7 = 0,
    parameter integer MAX_BEATS = 4096,
    parameter integer MAX_CYCLES = 1000000
);
  `include "tb_common.vh"

  localparam integer NF = 8;
  localparam integer NCHK = NF * 28;

  function integer fmt_of;
    input integer f;
    begin
      case (f)
        0: fmt_of = FMT0;
        1: fmt_of = FMT1;
        2: fmt_of = FMT2;
        3: fmt_of = FMT3;
        4: fmt_of = FMT4;
        5: fmt_of = FMT5;
        6: fmt_of = FMT6;
        default: fmt_of = FMT7;
      endcase
    end
  endfunction

  reg [63:0] in_mem[0:MAX_BEATS-1];
  reg [63:0] exp_mem[0:MAX_BEATS*NCHK-1];
  reg [63:0] in_word = 64'd0;
  wire [64*NCHK-1:0] results;
  integer n_beats = 0;
  integer n, j;

  genvar f, m;
  generate
    for (f = 0; f < NF; f = f + 1) begin : g_fmt
      localparam integer FMT = fmt_of(f);
      localparam integer WI = FMT % 64;
      localparam integer FI = (FMT / 64) % 128 - 64;
      localparam integer SI = (FMT / 8192) % 2;
      localparam integer WO = (FMT / 16384) % 64;
      localparam integer FO = (FMT / 1048576) % 128 - 64;
      localparam integer SO = (FMT / 134217728) % 2;
      for (m = 0; m < 28; m = m + 1) begin : g_mode
        wire [WO-1:0] out;
        wire ovf;
        fxp_requant #(
            .W_IN  (WI),
            .F_IN  (FI),
            .S_IN  (SI),
            .W_OUT (WO),
            .F_OUT (FO),
            .S_OUT (SO),
            .Q_MODE(m / 4),
            .O_MODE(m % 4)
        ) u_rq (
            .in (in_word[WI-1:0]),
            .out(out),
            .ovf(ovf)
        );
        assign results[64*(28*f+m)+:64] = {ovf, {(63 - WO) {1'b0}}, out};
      end
    end
  endgenerate

  initial begin
    tb_init;
    if (!$value$plusargs("beats=%d", n_beats)) n_beats = 0;
    $readmemh("in.hex", in_mem);
    $readmemh("expect.hex", exp_mem);
    repeat (3) @(posedge clk);
    rst <= 1'b0;
    for (n = 0; n < n_beats; n = n + 1) begin
      in_word = in_mem[n];
      #1;
      for (j = 0; j < NCHK; j = j + 1) begin
        tb_check("cast", n * NCHK + j, {192'd0, exp_mem[n*NCHK+j]}, {192'd0, results[64*j+:64]});
      end
    end
    tb_finish;
  end
endmodule

`default_nettype wire
