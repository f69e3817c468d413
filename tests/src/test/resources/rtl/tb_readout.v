// Test bench of readout: streams +beats=N logit beats from in.hex (z in bits [Z_W-1:0], the
// last-step flag in bit Z_W; PAR_DIV = 2: one beat a step, z_k in bits [k*Z_W +: Z_W], the flag in
// bit CLASSES*Z_W) under random idle, takes the score beats under random back-pressure and
// compares each, in order, with expect.hex (+outs=M lines: score in bits [SC_W-1:0], last in bit
// SC_W, class above). One run may hold several utterances back to back. The exp table is exp.hex.
`timescale 1ns / 1ps
`default_nettype none

module tb_readout #(
    parameter integer CLASSES = 10,
    parameter integer Z_W = 16,
    parameter integer EXP_LEN = 256,
    parameter integer E_F = 15,
    parameter integer P_F = 16,
    parameter integer R = 1,
    parameter integer T_MAX = 200,
    parameter integer PAR_DIV = 0,
    parameter integer MAX_BEATS = 65536,
    parameter integer MAX_CYCLES = 20000000
);
  `include "tb_common.vh"

  localparam integer KW = $clog2(CLASSES);
  localparam integer SC_W = P_F + 1 + $clog2(T_MAX);
  localparam integer OW = SC_W + 1 + KW;
  localparam integer IN_W = (PAR_DIV == 2) ? CLASSES * Z_W : Z_W;

  reg [IN_W:0] in_mem[0:MAX_BEATS-1];
  reg [OW-1:0] exp_mem[0:MAX_BEATS-1];
  integer n_beats = 0;
  integer n_outs = 0;
  integer sent = 0;
  integer received = 0;
  integer drain = 0;
  reg [31:0] rng_src_q, rng_snk_q;

  reg  [IN_W-1:0] s_logit_data;
  reg             s_logit_last;
  reg             s_logit_valid;
  wire            s_logit_ready;
  wire [SC_W-1:0] m_score_data;
  wire [  KW-1:0] m_score_class;
  wire            m_score_last;
  wire            m_score_valid;
  reg             m_score_ready;
  wire [  OW-1:0] m_score_all = {m_score_class, m_score_last, m_score_data};

  readout #(
      .CLASSES      (CLASSES),
      .Z_W          (Z_W),
      .EXP_LEN      (EXP_LEN),
      .E_F          (E_F),
      .P_F          (P_F),
      .R            (R),
      .T_MAX        (T_MAX),
      .PAR_DIV      (PAR_DIV),
      .EXP_INIT_FILE("exp.hex")
  ) u_dut (
      .clk          (clk),
      .rst          (rst),
      .s_logit_data (s_logit_data),
      .s_logit_last (s_logit_last),
      .s_logit_valid(s_logit_valid),
      .s_logit_ready(s_logit_ready),
      .m_score_data (m_score_data),
      .m_score_class(m_score_class),
      .m_score_last (m_score_last),
      .m_score_valid(m_score_valid),
      .m_score_ready(m_score_ready)
  );

  tb_stream_monitor #(
      .WIDTH(OW),
      .NAME ("score")
  ) u_mon_score (
      .clk  (clk),
      .rst  (rst),
      .data (m_score_all),
      .valid(m_score_valid),
      .ready(m_score_ready)
  );

  initial begin
    tb_init;
    if (!$value$plusargs("beats=%d", n_beats)) n_beats = 0;
    if (!$value$plusargs("outs=%d", n_outs)) n_outs = 0;
    $readmemh("in.hex", in_mem);
    $readmemh("expect.hex", exp_mem);
    rng_src_q = tb_stream_seed(0);
    rng_snk_q = tb_stream_seed(1);
    s_logit_valid = 1'b0;
    s_logit_data = {IN_W{1'b0}};
    s_logit_last = 1'b0;
    m_score_ready = 1'b0;
    repeat (3) @(posedge clk);
    rst <= 1'b0;
  end

  // Source: offers the next logit unless the idle generator holds it back; holds it until taken.
  always @(posedge clk) begin
    if (!rst) begin
      rng_src_q <= tb_next(rng_src_q);
      if (!s_logit_valid || s_logit_ready) begin
        if (s_logit_valid) sent = sent + 1;
        if (sent < n_beats && !tb_chance(rng_src_q, tb_idle_pct)) begin
          s_logit_valid <= 1'b1;
          s_logit_data  <= in_mem[sent][IN_W-1:0];
          s_logit_last  <= in_mem[sent][IN_W];
        end else begin
          s_logit_valid <= 1'b0;
        end
      end
    end
  end

  // Sink: random back-pressure; compares every beat; after the last beat waits for extra beats.
  always @(posedge clk) begin
    if (!rst) begin
      rng_snk_q <= tb_next(rng_snk_q);
      m_score_ready <= !tb_chance(rng_snk_q, tb_stall_pct);
      if (m_score_valid && m_score_ready) begin
        if (received < n_outs)
          tb_check("score", received, {{(256 - OW) {1'b0}}, exp_mem[received]},
                   {{(256 - OW) {1'b0}}, m_score_all});
        else tb_check("extra beat", received, 256'd0, 256'd1);
        received = received + 1;
      end
      if (received >= n_outs && sent >= n_beats) begin
        drain = drain + 1;
        if (drain > 40) tb_finish;
      end
    end
  end
endmodule

`default_nettype wire
