// Test bench of event_source and event_source_pipelined (PIPELINED selects the unit): a buffer of
// T_MAX rows from rows.hex behind a synchronous read port, one pass over +steps=S steps started once,
// every event compared, in order, with expect.hex ({last, group, row, x} per line, +beats=N of them)
// under random back-pressure on the event stream. PAIRS sets the pipelined unit's parameter and
// +pairs=1 its cfg_pairs (events {last, group, pair, row_b, row, x}; with PAIRS = 2 {last, group,
// pair, x_b, row_b, row, x}). The event source has no input
// stream, so +idle has no effect. After the last event the bench checks that busy falls and no
// further event comes. It prints "PASS cycles=<n>": the cycles from the edge that takes the start
// pulse to the first edge with busy low.
// +fill=F (event_source only): the buffer is written while the pass reads it, as by frame_loader: row r
// is written F * (r + 1) cycles after the start pulse (rows counts them, steps is T_MAX until loaded
// rises with the last one); a read of a row not yet written fails, and returns the row inverted.
// +ahead=1 shows the source one row more than has been written (a wrong input, which the read check
// must catch).
`timescale 1ns / 1ps
`default_nettype none

module tb_event_source #(
    parameter integer PIPELINED = 1,
    parameter integer KIND = 0,
    parameter integer CIN = 8,
    parameter integer VW = 1,
    parameter integer P = 4,
    parameter integer GROUPS = 2,
    parameter integer TAPS = 1,
    parameter integer T_MAX = 8,
    parameter integer XB = (KIND == 2) ? P : VW,
    parameter integer WAYS = 1,
    parameter integer AHEAD = 0,
    parameter integer PAIRS = 0,
    parameter integer MAX_BEATS = 65536,
    parameter integer MAX_CYCLES = 400000
);
  `include "tb_common.vh"

  localparam integer GW = (GROUPS > 1) ? $clog2(GROUPS) : 1;
  localparam integer ROWS = (KIND == 0) ? CIN : ((KIND == 1) ? CIN * TAPS : TAPS);
  localparam integer RW = $clog2(ROWS);
  localparam integer EW = GW + (PAIRS != 0 ? 1 + RW : 0) + (PAIRS == 2 ? XB : 0) + RW + XB;
  localparam integer AW = (T_MAX > 1) ? $clog2(T_MAX) : 1;
  localparam integer TW = $clog2(T_MAX + 1);

  initial begin
    if (EW + 1 > 256) $error("tb_event_source: events of %0d bits exceed tb_check's 256", EW + 1);
  end

  reg [CIN*VW-1:0] rows[0:T_MAX-1];
  reg [EW:0] exp_mem[0:MAX_BEATS-1];
  integer n_beats = 0;
  integer n_steps = 1;
  integer n_pairs = 0;
  integer received = 0;
  integer drain = 0;
  reg [31:0] rng_snk_q;

  reg start;
  reg cfg_pairs;
  reg [TW-1:0] steps;
  reg [TW-1:0] rows_in;
  reg loaded;
  integer fill = 0;
  integer fill_count = 0;
  integer ahead = 0;
  wire [TW-1:0] rows_shown = rows_in + ahead[TW-1:0];
  wire busy;
  wire rd_en;
  wire [AW-1:0] rd_addr;
  reg [CIN*VW-1:0] rd_data;
  wire [EW-1:0] m_data;
  wire m_last;
  wire m_valid;
  reg m_ready;

  // the pipelined source may use rd_data only in the cycle after its read: in between the bench
  // inverts it, so a row taken from a stale read port shows as wrong events
  always @(posedge clk) begin
    if (rd_en) rd_data <= (!loaded && rd_addr >= rows_in) ? ~rows[rd_addr] : rows[rd_addr];
    else if (PIPELINED != 0) rd_data <= ~rd_data;
    if (!rst && rd_en && !loaded && rd_addr >= rows_in)
      tb_check("row read early", rd_addr, {256{1'b0}}, {{255{1'b0}}, 1'b1});
  end

  // the writer of the buffer (+fill): a row every `fill` cycles from the start pulse
  always @(posedge clk) begin
    if (fill > 0 && !loaded) begin
      if (start || fill_count > 0) fill_count = fill_count + 1;
      if (fill_count == fill + 1) begin
        fill_count = 1;
        rows_in <= rows_in + 1'b1;
        if (rows_in + 1 == n_steps) begin
          loaded <= 1'b1;
          steps  <= n_steps[TW-1:0];
        end
      end
    end
  end

  generate
    if (PIPELINED != 0) begin : g_pipelined
      event_source_pipelined #(
          .KIND  (KIND),
          .CIN   (CIN),
          .VW    (VW),
          .P     (P),
          .GROUPS(GROUPS),
          .TAPS  (TAPS),
          .T_MAX (T_MAX),
          .XB    (XB),
          .WAYS  (WAYS),
          .PAIRS (PAIRS)
      ) u_dut (
          .clk       (clk),
          .rst       (rst),
          .start     (start),
          .steps     (steps),
          .cfg_pairs (cfg_pairs),
          .busy      (busy),
          .rd_en     (rd_en),
          .rd_addr   (rd_addr),
          .rd_data   (rd_data),
          .m_ev_data (m_data),
          .m_ev_last (m_last),
          .m_ev_valid(m_valid),
          .m_ev_ready(m_ready)
      );
    end else begin : g_sequential
      event_source #(
          .KIND  (KIND),
          .CIN   (CIN),
          .VW    (VW),
          .P     (P),
          .GROUPS(GROUPS),
          .TAPS  (TAPS),
          .T_MAX (T_MAX),
          .XB    (XB),
          .AHEAD (AHEAD)
      ) u_dut (
          .clk       (clk),
          .rst       (rst),
          .start     (start),
          .steps     (steps),
          .rows      (rows_shown),
          .loaded    (loaded),
          .busy      (busy),
          .rd_en     (rd_en),
          .rd_addr   (rd_addr),
          .rd_data   (rd_data),
          .m_ev_data (m_data),
          .m_ev_last (m_last),
          .m_ev_valid(m_valid),
          .m_ev_ready(m_ready)
      );
    end
  endgenerate

  tb_stream_monitor #(
      .WIDTH(EW + 1),
      .NAME ("events")
  ) u_mon (
      .clk  (clk),
      .rst  (rst),
      .data ({m_last, m_data}),
      .valid(m_valid),
      .ready(m_ready)
  );

  initial begin
    tb_init;
    if (!$value$plusargs("beats=%d", n_beats)) n_beats = 0;
    if (!$value$plusargs("steps=%d", n_steps)) n_steps = 1;
    if (!$value$plusargs("fill=%d", fill)) fill = 0;
    if (!$value$plusargs("ahead=%d", ahead)) ahead = 0;
    if (!$value$plusargs("pairs=%d", n_pairs)) n_pairs = 0;
    cfg_pairs = n_pairs != 0;
    $readmemh("rows.hex", rows);
    $readmemh("expect.hex", exp_mem);
    rng_snk_q = tb_stream_seed(1);
    start = 1'b0;
    steps = fill > 0 ? T_MAX[TW-1:0] : n_steps[TW-1:0];
    rows_in = {TW{1'b0}};
    loaded = fill == 0;
    m_ready = 1'b0;
    repeat (3) @(posedge clk);
    rst <= 1'b0;
    @(posedge clk);
    start <= 1'b1;
    @(posedge clk);
    start <= 1'b0;
  end

  // The pass's cycles: from the edge that takes the start pulse to the first edge that sees busy low.
  integer pass_cycles = 0;
  reg pass_on = 1'b0;
  always @(posedge clk) begin
    if (!rst) begin
      if (start) begin
        pass_on <= 1'b1;
        pass_cycles = 1;
      end else if (pass_on) begin
        if (busy) pass_cycles = pass_cycles + 1;
        else begin
          pass_on <= 1'b0;
          $display("PASS cycles=%0d", pass_cycles);
        end
      end
    end
  end

  // Sink: random back-pressure; compares every event; after the last one waits for extra events and
  // for busy to fall.
  always @(posedge clk) begin
    if (!rst) begin
      rng_snk_q <= tb_next(rng_snk_q);
      m_ready   <= !tb_chance(rng_snk_q, tb_stall_pct);
      if (m_valid && m_ready) begin
        if (received < n_beats) tb_check("event", received, exp_mem[received], {m_last, m_data});
        else tb_check("extra event", received, 256'd0, 256'd1);
        received = received + 1;
      end
      if (received >= n_beats && !start) begin
        drain = drain + 1;
        if (drain == 20 && busy) tb_check("busy after the pass", received, 256'd0, 256'd1);
        if (drain > 20) tb_finish;
      end
    end
  end
endmodule

`default_nettype wire
