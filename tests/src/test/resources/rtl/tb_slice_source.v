// Test bench of slice_source: a buffer of T_MAX rows from rows.hex behind a synchronous read port, one
// pass over +steps=S steps started once, every beat compared, in order, with expect.hex (+beats=N) under
// random back-pressure. Between its reads the bench inverts rd_data, so a row taken from a stale read
// port shows as wrong beats. After the last beat it waits 20 cycles for an extra one. It prints
// "PASS cycles=<n>": the cycles from the edge that takes the start pulse to the edge that takes the
// last beat.
`timescale 1ns / 1ps
`default_nettype none

module tb_slice_source #(
    parameter integer P = 4,
    parameter integer GROUPS = 2,
    parameter integer T_MAX = 8,
    parameter integer MAX_BEATS = 65536,
    parameter integer MAX_CYCLES = 400000
);
  `include "tb_common.vh"

  localparam integer AW = (T_MAX > 1) ? $clog2(T_MAX) : 1;
  localparam integer TW = $clog2(T_MAX + 1);

  reg [P*GROUPS-1:0] rows[0:T_MAX-1];
  reg [P-1:0] exp_mem[0:MAX_BEATS-1];
  integer n_beats = 0;
  integer n_steps = 1;
  integer received = 0;
  integer drain = 0;
  integer pass_cycles = 0;
  reg [31:0] rng_snk_q;

  reg start;
  reg [TW-1:0] steps;
  wire rd_en;
  wire [AW-1:0] rd_addr;
  reg [P*GROUPS-1:0] rd_data;
  wire [P-1:0] m_data;
  wire m_valid;
  reg m_ready;

  always @(posedge clk) begin
    if (rd_en) rd_data <= rows[rd_addr];
    else rd_data <= ~rd_data;
  end

  slice_source #(
      .P     (P),
      .GROUPS(GROUPS),
      .T_MAX (T_MAX)
  ) u_dut (
      .clk    (clk),
      .rst    (rst),
      .start  (start),
      .steps  (steps),
      .rd_en  (rd_en),
      .rd_addr(rd_addr),
      .rd_data(rd_data),
      .m_data (m_data),
      .m_valid(m_valid),
      .m_ready(m_ready)
  );

  tb_stream_monitor #(
      .WIDTH(P),
      .NAME ("slices")
  ) u_mon (
      .clk  (clk),
      .rst  (rst),
      .data (m_data),
      .valid(m_valid),
      .ready(m_ready)
  );

  initial begin
    tb_init;
    if (!$value$plusargs("beats=%d", n_beats)) n_beats = 0;
    if (!$value$plusargs("steps=%d", n_steps)) n_steps = 1;
    $readmemh("rows.hex", rows);
    $readmemh("expect.hex", exp_mem);
    rng_snk_q = tb_stream_seed(1);
    start = 1'b0;
    steps = n_steps[TW-1:0];
    m_ready = 1'b0;
    repeat (3) @(posedge clk);
    rst <= 1'b0;
    @(posedge clk);
    start <= 1'b1;
    @(posedge clk);
    start <= 1'b0;
  end

  // Sink: random back-pressure; compares every beat; counts the pass's cycles up to its last beat.
  always @(posedge clk) begin
    if (!rst) begin
      if (start) pass_cycles = 1;
      else if (received < n_beats) pass_cycles = pass_cycles + 1;
      rng_snk_q <= tb_next(rng_snk_q);
      m_ready   <= !tb_chance(rng_snk_q, tb_stall_pct);
      if (m_valid && m_ready) begin
        if (received < n_beats) tb_check("slice", received, exp_mem[received], m_data);
        else tb_check("extra slice", received, 256'd0, 256'd1);
        received = received + 1;
        if (received == n_beats) $display("PASS cycles=%0d", pass_cycles);
      end
      if (received >= n_beats && !start) begin
        drain = drain + 1;
        if (drain > 20) tb_finish;
      end
    end
  end
endmodule

`default_nettype wire
