// Test bench of synaptic_engine: streams +events=N input events from events.hex (one per line:
// {last, group, row, x}; with PAIRS = 1 {last, group, pair, row_b, row, x}; with PAIRS = 2
// {last, group, pair, x_b, row_b, row, x}) into the engine under random idle and back-pressure and
// compares every output beat ({group, overflow flags, X lanes}), in order, with expect.hex
// (+beats=M lines). The engine reads weights.hex and bias.hex. Besides RESULT it prints
//   SPAN cycles=<from the first accepted event to the last output beat, inclusive>
// for the throughput check.
`timescale 1ns / 1ps
`default_nettype none

module tb_synaptic_engine #(
    parameter integer MODE = 0,
    parameter integer P = 4,
    parameter integer N = 8,
    parameter integer XB = 1,
    parameter integer ROWS = 16,
    parameter integer GROUPS = 1,
    parameter integer WAYS = 1,
    parameter integer A = 16,
    parameter integer G = 4,
    parameter integer BW = 16,
    parameter integer XV = 1,
    parameter integer LANE_INPUTS = 0,
    parameter integer PAIRS = 0,
    parameter integer MAX_EVENTS = 65536,
    parameter integer MAX_BEATS = 16384,
    parameter integer MAX_CYCLES = 2000000
);
  `include "tb_common.vh"

  localparam integer GW = GROUPS > 1 ? $clog2(GROUPS) : 1;
  localparam integer GWE = GROUPS / WAYS > 1 ? $clog2(GROUPS / WAYS) : 1;
  localparam integer WORDS = GROUPS / WAYS * ROWS;
  localparam integer RW = $clog2(ROWS);
  localparam integer EV_W = GWE + (PAIRS != 0 ? 1 + RW : 0) + (PAIRS == 2 ? XB : 0) + RW + XB;
  localparam integer XW = (A + G > BW ? A + G : BW) + 1;
  localparam integer OUT_W = GW + P + P * XW;
  localparam [7:0] A_BITS = A;
  localparam [RW:0] ROWS_CFG = ROWS;

  reg [EV_W:0] ev_mem[0:MAX_EVENTS-1];
  reg [OUT_W-1:0] exp_mem[0:MAX_BEATS-1];
  integer n_events = 0;
  integer n_beats = 0;
  integer sent = 0;
  integer received = 0;
  integer drain = 0;
  integer first_accept = -1;
  integer last_beat = 0;
  reg [31:0] rng_src_q, rng_snk_q;

  reg  [  EV_W-1:0] s_ev_data;
  reg               s_ev_last;
  reg               s_ev_valid;
  wire              s_ev_ready;
  wire [P*XW-1:0]   m_x_data;
  wire [   P-1:0]   m_x_ovf;
  wire [  GW-1:0]   m_x_group;
  wire              m_x_valid;
  reg               m_x_ready;
  wire [OUT_W-1:0]  m_word = {m_x_group, m_x_ovf, m_x_data};

  synaptic_engine #(
      .MODE       (MODE),
      .P          (P),
      .N          (N),
      .XB         (XB),
      .ROWS       (ROWS),
      .GROUPS     (GROUPS),
      .WAYS       (WAYS),
      .A          (A),
      .G          (G),
      .BW         (BW),
      .XV         (XV),
      .PAIRS      (PAIRS),
      .WEIGHT_FILE("weights.hex"),
      .BIAS_FILE  ("bias.hex")
  ) u_dut (
      .clk       (clk),
      .rst       (rst),
      .cfg_acc_bits(A_BITS),
      .cfg_lane_inputs(LANE_INPUTS != 0),
      .cfg_rows  (ROWS_CFG),
      .cfg_weight_base({(WORDS > 1 ? $clog2(WORDS) : 1) {1'b0}}),
      .cfg_bias_base({GW{1'b0}}),
      .s_ev_data (s_ev_data),
      .s_ev_last (s_ev_last),
      .s_ev_valid(s_ev_valid),
      .s_ev_ready(s_ev_ready),
      .m_x_data  (m_x_data),
      .m_x_ovf   (m_x_ovf),
      .m_x_group (m_x_group),
      .m_x_valid (m_x_valid),
      .m_x_ready (m_x_ready)
  );

  tb_stream_monitor #(
      .WIDTH(EV_W + 1),
      .NAME ("events")
  ) u_mon_in (
      .clk  (clk),
      .rst  (rst),
      .data ({s_ev_last, s_ev_data}),
      .valid(s_ev_valid),
      .ready(s_ev_ready)
  );

  tb_stream_monitor #(
      .WIDTH(OUT_W),
      .NAME ("x")
  ) u_mon_out (
      .clk  (clk),
      .rst  (rst),
      .data (m_word),
      .valid(m_x_valid),
      .ready(m_x_ready)
  );

  initial begin
    tb_init;
    if (!$value$plusargs("events=%d", n_events)) n_events = 0;
    if (!$value$plusargs("beats=%d", n_beats)) n_beats = 0;
    $readmemh("events.hex", ev_mem);
    $readmemh("expect.hex", exp_mem);
    rng_src_q = tb_stream_seed(0);
    rng_snk_q = tb_stream_seed(1);
    s_ev_valid = 1'b0;
    s_ev_data = {EV_W{1'b0}};
    s_ev_last = 1'b0;
    m_x_ready = 1'b0;
    repeat (3) @(posedge clk);
    rst <= 1'b0;
  end

  // Source: offers the next event unless the idle generator holds it back; holds it until taken.
  always @(posedge clk) begin
    if (!rst) begin
      rng_src_q <= tb_next(rng_src_q);
      if (s_ev_valid && s_ev_ready && first_accept < 0) first_accept = tb_cycles;
      if (!s_ev_valid || s_ev_ready) begin
        if (s_ev_valid) sent = sent + 1;
        if (sent < n_events && !tb_chance(rng_src_q, tb_idle_pct)) begin
          s_ev_valid <= 1'b1;
          {s_ev_last, s_ev_data} <= ev_mem[sent];
        end else begin
          s_ev_valid <= 1'b0;
        end
      end
    end
  end

  // Sink: random back-pressure; compares every beat; after the last beat waits for extra beats.
  always @(posedge clk) begin
    if (!rst) begin
      rng_snk_q <= tb_next(rng_snk_q);
      m_x_ready <= !tb_chance(rng_snk_q, tb_stall_pct);
      if (m_x_valid && m_x_ready) begin
        if (received < n_beats) tb_check("x", received, exp_mem[received], m_word);
        else tb_check("extra beat", received, 256'd0, 256'd1);
        received  = received + 1;
        last_beat = tb_cycles;
      end
      if (received >= n_beats && sent >= n_events) begin
        drain = drain + 1;
        if (drain > 20) begin
          $display("SPAN cycles=%0d", last_beat - first_accept + 1);
          tb_finish;
        end
      end
    end
  end
endmodule

`default_nettype wire
