// Test bench of act_sink: a buffer of T_MAX rows from rows.hex behind a synchronous read port and a
// write port, one pass over +steps=S steps started once, the LIF beats {ovf, spikes} from beats.hex
// (+beats=N, GROUPS a step) offered with random idle cycles. Every row write ({addr, row} per line of
// writes.hex, in order) and, after `done`, every row of the buffer (final.hex) and the overflow flag
// (+ovf=0/1) are compared. Between its reads the bench inverts rd_data, so a row taken from a stale read
// port shows as a wrong sum. It prints "PASS cycles=<n>": the cycles from the edge that takes the start
// pulse to the edge that sees `done`.
`timescale 1ns / 1ps
`default_nettype none

module tb_act_sink #(
    parameter integer P = 4,
    parameter integer GROUPS = 2,
    parameter integer VW = 1,
    parameter integer ADD = 0,
    parameter integer T_MAX = 8,
    parameter integer MAX_BEATS = 65536,
    parameter integer MAX_CYCLES = 400000
);
  `include "tb_common.vh"

  localparam integer C = P * GROUPS;
  localparam integer RW = C * VW;
  localparam integer AW = (T_MAX > 1) ? $clog2(T_MAX) : 1;
  localparam integer TW = $clog2(T_MAX + 1);

  initial begin
    if (AW + RW > 256) $error("tb_act_sink: writes of %0d bits exceed tb_check's 256", AW + RW);
  end

  reg [RW-1:0] mem[0:T_MAX-1];
  reg [RW-1:0] final_mem[0:T_MAX-1];
  reg [2*P-1:0] beat_mem[0:MAX_BEATS-1];
  reg [AW+RW-1:0] write_mem[0:T_MAX-1];
  integer n_beats = 0;
  integer n_steps = 1;
  integer exp_ovf = 0;
  integer sent = 0;
  integer writes = 0;
  integer pass_cycles = 0;
  integer t;
  reg pass_on = 1'b0;
  reg [31:0] rng_src_q;

  reg start;
  reg [TW-1:0] steps;
  wire done;
  wire ovf;
  wire rd_en;
  wire [AW-1:0] rd_addr;
  reg [RW-1:0] rd_data;
  wire wr_en;
  wire [AW-1:0] wr_addr;
  wire [RW-1:0] wr_data;
  reg [P-1:0] s_spk, s_ovf;
  reg s_valid;
  wire s_ready;

  always @(posedge clk) begin
    if (rd_en) rd_data <= mem[rd_addr];
    else rd_data <= ~rd_data;
    if (wr_en) mem[wr_addr] <= wr_data;
  end

  act_sink #(
      .P     (P),
      .GROUPS(GROUPS),
      .VW    (VW),
      .ADD   (ADD),
      .T_MAX (T_MAX),
      .FLAGS (1)
  ) u_dut (
      .clk     (clk),
      .rst     (rst),
      .start   (start),
      .steps   (steps),
      .done    (done),
      .flag_sel(1'b1),
      .ovf     (ovf),
      .rd_en   (rd_en),
      .rd_addr (rd_addr),
      .rd_data (rd_data),
      .wr_en   (wr_en),
      .wr_addr (wr_addr),
      .wr_data (wr_data),
      .s_spk   (s_spk),
      .s_ovf   (s_ovf),
      .s_valid (s_valid),
      .s_ready (s_ready)
  );

  initial begin
    tb_init;
    if (!$value$plusargs("beats=%d", n_beats)) n_beats = 0;
    if (!$value$plusargs("steps=%d", n_steps)) n_steps = 1;
    if (!$value$plusargs("ovf=%d", exp_ovf)) exp_ovf = 0;
    $readmemh("rows.hex", mem);
    $readmemh("final.hex", final_mem);
    $readmemh("beats.hex", beat_mem);
    $readmemh("writes.hex", write_mem);
    rng_src_q = tb_stream_seed(0);
    start = 1'b0;
    steps = n_steps[TW-1:0];
    s_valid = 1'b0;
    s_spk = {P{1'b0}};
    s_ovf = {P{1'b0}};
    repeat (3) @(posedge clk);
    rst <= 1'b0;
    @(posedge clk);
    start <= 1'b1;
    @(posedge clk);
    start <= 1'b0;
  end

  // Source: offers its next beat unless the idle generator holds it back; holds it until taken.
  always @(posedge clk) begin
    if (!rst) begin
      rng_src_q <= tb_next(rng_src_q);
      if (!s_valid || s_ready) begin
        if (s_valid) sent = sent + 1;
        if (sent < n_beats && !tb_chance(rng_src_q, tb_idle_pct)) begin
          s_valid <= 1'b1;
          {s_ovf, s_spk} <= beat_mem[sent];
        end else begin
          s_valid <= 1'b0;
        end
      end
    end
  end

  // Every write in order; after `done` the buffer and the flag, then the end.
  always @(posedge clk) begin
    if (!rst) begin
      if (start) begin
        pass_on <= 1'b1;
        pass_cycles = 1;
      end else if (pass_on) pass_cycles = pass_cycles + 1;
      if (wr_en) begin
        if (writes < n_steps) tb_check("write", writes, write_mem[writes], {wr_addr, wr_data});
        else tb_check("extra write", writes, 256'd0, 256'd1);
        writes = writes + 1;
      end
      if (done) begin
        pass_on <= 1'b0;
        $display("PASS cycles=%0d", pass_cycles);
        if (writes != n_steps) tb_check("writes before done", writes, n_steps, writes);
        if (sent != n_beats) tb_check("beats before done", sent, n_beats, sent);
        tb_check("ovf", 0, exp_ovf, ovf);
        // the last row is written in the cycle before done
        for (t = 0; t < T_MAX; t = t + 1) tb_check("row", t, final_mem[t], mem[t]);
        tb_finish;
      end
    end
  end
endmodule

`default_nettype wire
