// Test bench of lif_core: streams +beats=N input beats from in.hex through the core under random idle
// and back-pressure and compares every output beat (spikes, membranes, overflow flags and group), in
// order, with expect.hex. The thresholds come from theta.hex through the core's THETA_FILE; with
// +thwrite=1 the bench first writes theta_port.hex through the threshold write port (over the file's
// values) and only then streams.
`timescale 1ns / 1ps
`default_nettype none

module tb_lif_core #(
    parameter integer P = 4,
    parameter integer C = 16,
    parameter integer M = 16,
    parameter integer XW = 16,
    parameter integer TW = 15,
    parameter integer MAX_BEATS = 8192,
    parameter integer MAX_CYCLES = 200000
);
  `include "tb_common.vh"

  localparam integer GROUPS = C / P;
  localparam integer GW = (GROUPS > 1) ? $clog2(GROUPS) : 1;
  localparam integer IW = 1 + GW + P * XW;
  localparam integer OW = P + P * M + P + GW;
  localparam [7:0] M_BITS = M;

  initial begin
    if (OW > 256) $error("tb_lif_core: output beats of %0d bits exceed tb_check's 256", OW);
  end

  reg [IW-1:0] in_mem[0:MAX_BEATS-1];
  reg [OW-1:0] exp_mem[0:MAX_BEATS-1];
  reg [P*TW-1:0] theta_port_mem[0:GROUPS-1];
  integer n_beats = 0;
  integer thwrite = 0;
  integer sent = 0;
  integer received = 0;
  integer drain = 0;
  integer g;
  reg started = 1'b0;
  reg [31:0] rng_src_q, rng_snk_q;

  reg  [IW-1:0] s_data;
  reg           s_valid;
  wire          s_ready;
  wire [OW-1:0] m_data;
  wire          m_valid;
  reg           m_ready;
  reg           theta_wr_en;
  reg  [GW-1:0] theta_wr_group;
  reg  [P*TW-1:0] theta_wr_data;

  lif_core #(
      .P         (P),
      .C         (C),
      .M         (M),
      .XW        (XW),
      .TW        (TW),
      .THETA_FILE("theta.hex")
  ) u_dut (
      .clk           (clk),
      .rst           (rst),
      .cfg_membrane_bits(M_BITS),
      .cfg_theta_base({GW{1'b0}}),
      .s_in_data     (s_data),
      .s_in_valid    (s_valid),
      .s_in_ready    (s_ready),
      .m_out_data    (m_data),
      .m_out_valid   (m_valid),
      .m_out_ready   (m_ready),
      .theta_wr_en   (theta_wr_en),
      .theta_wr_addr (theta_wr_group),
      .theta_wr_data (theta_wr_data)
  );

  tb_stream_monitor #(
      .WIDTH(OW),
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
    if (!$value$plusargs("thwrite=%d", thwrite)) thwrite = 0;
    $readmemh("in.hex", in_mem);
    $readmemh("expect.hex", exp_mem);
    if (thwrite != 0) $readmemh("theta_port.hex", theta_port_mem);
    rng_src_q = tb_stream_seed(0);
    rng_snk_q = tb_stream_seed(1);
    s_valid = 1'b0;
    s_data = {IW{1'b0}};
    m_ready = 1'b0;
    theta_wr_en = 1'b0;
    theta_wr_group = {GW{1'b0}};
    theta_wr_data = {P * TW{1'b0}};
    repeat (3) @(posedge clk);
    rst <= 1'b0;
    if (thwrite != 0) begin
      for (g = 0; g < GROUPS; g = g + 1) begin
        theta_wr_en    <= 1'b1;
        theta_wr_group <= g[GW-1:0];
        theta_wr_data  <= theta_port_mem[g];
        @(posedge clk);
      end
      theta_wr_en <= 1'b0;
    end
    started <= 1'b1;
  end

  // Source: offers the next beat unless the idle generator holds it back; holds it until taken.
  always @(posedge clk) begin
    if (!rst && started) begin
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
        if (drain > 20) tb_finish;
      end
    end
  end
endmodule

`default_nettype wire
