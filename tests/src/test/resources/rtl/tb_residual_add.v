// Test bench of residual_add: streams +beats=N residual beats from res.hex and N spike beats from
// spike.hex (each stream with its own random idle cycles) through the unit under random
// back-pressure and compares every output beat, in order, with expect.hex.
`timescale 1ns / 1ps
`default_nettype none

module tb_residual_add #(
    parameter integer P = 4,
    parameter integer R = 3,
    parameter integer UW = 1,
    parameter integer MAX_BEATS = 4096,
    parameter integer MAX_CYCLES = 100000
);
  `include "tb_common.vh"

  localparam integer AW = UW + P * R;
  localparam integer BW = P;

  initial begin
    if (AW > 256) $error("tb_residual_add: beats of %0d bits exceed tb_check's 256", AW);
  end

  reg [AW-1:0] a_mem[0:MAX_BEATS-1];
  reg [BW-1:0] b_mem[0:MAX_BEATS-1];
  reg [AW-1:0] exp_mem[0:MAX_BEATS-1];
  integer n_beats = 0;
  integer sent_a = 0;
  integer sent_b = 0;
  integer received = 0;
  integer drain = 0;
  reg [31:0] rng_a_q, rng_b_q, rng_snk_q;

  reg  [AW-1:0] a_data;
  reg           a_valid;
  wire          a_ready;
  reg  [BW-1:0] b_data;
  reg           b_valid;
  wire          b_ready;
  wire [AW-1:0] m_data;
  wire          m_valid;
  reg           m_ready;

  residual_add #(
      .P (P),
      .R (R),
      .UW(UW)
  ) u_dut (
      .clk          (clk),
      .rst          (rst),
      .s_res_data   (a_data),
      .s_res_valid  (a_valid),
      .s_res_ready  (a_ready),
      .s_spike_data (b_data),
      .s_spike_valid(b_valid),
      .s_spike_ready(b_ready),
      .m_out_data   (m_data),
      .m_out_valid  (m_valid),
      .m_out_ready  (m_ready)
  );

  tb_stream_monitor #(
      .WIDTH(AW),
      .NAME ("out")
  ) u_mon_out (
      .clk  (clk),
      .rst  (rst),
      .data (m_data),
      .valid(m_valid),
      .ready(m_ready)
  );

  initial begin
    tb_init;
    if (!$value$plusargs("beats=%d", n_beats)) n_beats = 0;
    $readmemh("res.hex", a_mem);
    $readmemh("spike.hex", b_mem);
    $readmemh("expect.hex", exp_mem);
    rng_a_q = tb_stream_seed(0);
    rng_b_q = tb_stream_seed(2);
    rng_snk_q = tb_stream_seed(1);
    a_valid = 1'b0;
    a_data = {AW{1'b0}};
    b_valid = 1'b0;
    b_data = {BW{1'b0}};
    m_ready = 1'b0;
    repeat (3) @(posedge clk);
    rst <= 1'b0;
  end

  // Sources: each offers its next beat unless its idle generator holds it back; holds it until taken.
  always @(posedge clk) begin
    if (!rst) begin
      rng_a_q <= tb_next(rng_a_q);
      if (!a_valid || a_ready) begin
        if (a_valid) sent_a = sent_a + 1;
        if (sent_a < n_beats && !tb_chance(rng_a_q, tb_idle_pct)) begin
          a_valid <= 1'b1;
          a_data  <= a_mem[sent_a];
        end else begin
          a_valid <= 1'b0;
        end
      end
      rng_b_q <= tb_next(rng_b_q);
      if (!b_valid || b_ready) begin
        if (b_valid) sent_b = sent_b + 1;
        if (sent_b < n_beats && !tb_chance(rng_b_q, tb_idle_pct)) begin
          b_valid <= 1'b1;
          b_data  <= b_mem[sent_b];
        end else begin
          b_valid <= 1'b0;
        end
      end
    end
  end

  // Sink: random back-pressure; compares every beat; after the last beat waits for extra beats.
  always @(posedge clk) begin
    if (!rst) begin
      rng_snk_q <= tb_next(rng_snk_q);
      m_ready   <= !tb_chance(rng_snk_q, tb_stall_pct);
      if (m_valid && m_ready) begin
        if (received < n_beats) tb_check("out", received, exp_mem[received], m_data);
        else tb_check("extra beat", received, 256'd0, 256'd1);
        received = received + 1;
      end
      if (received >= n_beats) begin
        drain = drain + 1;
        if (drain > 20) tb_finish;
      end
    end
  end
endmodule

`default_nettype wire
