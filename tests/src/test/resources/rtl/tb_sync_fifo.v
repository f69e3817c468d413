// Test bench of sync_fifo: streams +beats=N words from in.hex through the queue under random idle
// and back-pressure and compares every output beat, in order, with expect.hex (the same words, unless a
// test corrupts one on purpose). It also counts the words inside the queue and checks both flags every
// cycle: s_ready must be high exactly when fewer than DEPTH words are stored, m_valid exactly when at
// least one is (a "MISMATCH flag" line otherwise); it prints "OCCUPANCY max=<n>" before the RESULT
// line.
`timescale 1ns / 1ps
`default_nettype none

module tb_sync_fifo #(
    parameter integer WIDTH = 8,
    parameter integer DEPTH = 16,
    parameter integer MAX_BEATS = 4096,
    parameter integer MAX_CYCLES = 100000
);
  `include "tb_common.vh"

  reg [WIDTH-1:0] in_mem[0:MAX_BEATS-1];
  reg [WIDTH-1:0] exp_mem[0:MAX_BEATS-1];
  integer n_beats = 0;
  integer sent = 0;
  integer received = 0;
  integer drain = 0;
  reg [31:0] rng_src_q, rng_snk_q;

  reg  [WIDTH-1:0] s_data;
  reg              s_valid;
  wire             s_ready;
  wire [WIDTH-1:0] m_data;
  wire             m_valid;
  reg              m_ready;

  sync_fifo #(
      .WIDTH(WIDTH),
      .DEPTH(DEPTH)
  ) u_dut (
      .clk    (clk),
      .rst    (rst),
      .s_data (s_data),
      .s_valid(s_valid),
      .s_ready(s_ready),
      .m_data (m_data),
      .m_valid(m_valid),
      .m_ready(m_ready)
  );

  tb_stream_monitor #(
      .WIDTH(WIDTH),
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
    $readmemh("in.hex", in_mem);
    $readmemh("expect.hex", exp_mem);
    rng_src_q = tb_stream_seed(0);
    rng_snk_q = tb_stream_seed(1);
    s_valid = 1'b0;
    s_data = {WIDTH{1'b0}};
    m_ready = 1'b0;
    repeat (3) @(posedge clk);
    rst <= 1'b0;
  end

  // Occupancy: words accepted and not yet delivered; checks the two flags against it.
  integer occ = 0;
  integer occ_max = 0;
  always @(posedge clk) begin
    if (!rst) begin
      // (s_ready rises one cycle after reset ends)
      if (tb_cycles > 5 && (s_ready !== (occ < DEPTH) || m_valid !== (occ > 0))) begin
        tb_mismatches = tb_mismatches + 1;
        if (tb_mismatches <= 10)
          $display("MISMATCH flag cycle=%0d words=%0d s_ready=%b m_valid=%b", tb_cycles, occ, s_ready,
                   m_valid);
      end
      occ = occ + ((s_valid && s_ready) ? 1 : 0) - ((m_valid && m_ready) ? 1 : 0);
      if (occ > occ_max) occ_max = occ;
    end
  end

  // Source: offers the next word unless the idle generator holds it back; holds it until taken.
  always @(posedge clk) begin
    if (!rst) begin
      rng_src_q <= tb_next(rng_src_q);
      if (!s_valid || s_ready) begin
        if (s_valid) sent = sent + 1;
        if (sent < n_beats && !tb_chance(rng_src_q, tb_idle_pct)) begin
          s_valid <= 1'b1;
          s_data  <= in_mem[sent];
        end else begin
          s_valid <= 1'b0;
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
        if (drain > 20) begin
          $display("OCCUPANCY max=%0d", occ_max);
          tb_finish;
        end
      end
    end
  end
endmodule

`default_nettype wire
