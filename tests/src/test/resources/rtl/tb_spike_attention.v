// Test bench of spike_attention: streams +rows=N input rows from in.hex (each {official, last, v, k,
// q}, so one run holds several utterances, each with its own layout and length) under random idle,
// and compares every beat of the three outputs, in order and under random back-pressure, with
// exp_att.hex ({last, spikes}), exp_qk.hex and exp_ay.hex (the second LIF and attention LIF traces).
// The RoPE table is rope_table.hex in the working directory. Each utterance's span, from the cycle
// its first row is taken to the cycle its last attention beat is taken (both counted), is printed as
// "SPAN utterance=<n> cycles=<span>" (the unit's schedule when nothing stalls).
`timescale 1ns / 1ps
`default_nettype none

module tb_spike_attention #(
    parameter integer D = 8,
    parameter integer H = 2,
    parameter integer T_MAX = 8,
    parameter integer F_R = 24,
    parameter integer G = 4,
    parameter integer M_QK = 31,
    parameter integer M_ATT = 11,
    parameter integer TRACE = 1,
    parameter integer HEADS_PAR = 0,
    parameter integer KEYS_PAR = 1,
    parameter integer MAX_ROWS = 1024,
    parameter integer MAX_OUT = 4096,
    parameter integer MAX_CYCLES = 2000000
);
  `include "tb_common.vh"

  localparam integer DH = D / H;
  localparam integer Y_BITS = $clog2(T_MAX * DH + 1);
  localparam integer IN_W = 3 * D + 2;
  localparam integer QK_W = 2 * DH * (M_QK + 1);
  localparam integer AY_W = DH * (M_ATT + 1 + Y_BITS);
  localparam integer CW = (QK_W > AY_W ? QK_W : AY_W) > D + 1 ? (QK_W > AY_W ? QK_W : AY_W) : D + 1;

  reg [IN_W-1:0] in_mem[0:MAX_ROWS-1];
  reg [D:0] exp_att_mem[0:MAX_OUT-1];
  reg [QK_W-1:0] exp_qk_mem[0:MAX_OUT-1];
  reg [AY_W-1:0] exp_ay_mem[0:MAX_OUT-1];
  integer n_rows = 0, n_att = 0, n_qk = 0, n_ay = 0;
  integer sent = 0, got_att = 0, got_qk = 0, got_ay = 0;
  integer drain = 0;
  integer span_start = 0, n_span = 0;
  reg span_open = 1'b0;
  reg [31:0] rng_src_q, rng_att_q, rng_qk_q, rng_ay_q;

  reg  [3*D-1:0] s_data;
  reg            s_last;
  reg            s_valid;
  reg            s_official;
  wire           s_ready;
  wire [D-1:0] att_data;
  wire att_last, att_valid;
  reg att_ready;
  wire [QK_W-1:0] qk_data;
  wire qk_valid;
  reg qk_ready;
  wire [AY_W-1:0] ay_data;
  wire ay_valid;
  reg ay_ready;

  spike_attention #(
      .D        (D),
      .H        (H),
      .T_MAX    (T_MAX),
      .F_R      (F_R),
      .G        (G),
      .M_QK     (M_QK),
      .M_ATT    (M_ATT),
      .TRACE    (TRACE),
      .HEADS_PAR(HEADS_PAR),
      .KEYS_PAR (KEYS_PAR),
      .ROPE_INIT("rope_table.hex")
  ) u_dut (
      .clk        (clk),
      .rst        (rst),
      .s_qkv_data (s_data),
      .s_qkv_last (s_last),
      .s_qkv_valid(s_valid),
      .s_qkv_ready(s_ready),
      .official   (s_official),
      .m_att_data (att_data),
      .m_att_last (att_last),
      .m_att_valid(att_valid),
      .m_att_ready(att_ready),
      .m_qk_data  (qk_data),
      .m_qk_valid (qk_valid),
      .m_qk_ready (qk_ready),
      .m_ay_data  (ay_data),
      .m_ay_valid (ay_valid),
      .m_ay_ready (ay_ready)
  );

  tb_stream_monitor #(
      .WIDTH(D + 1),
      .NAME ("att")
  ) u_mon_att (
      .clk  (clk),
      .rst  (rst),
      .data ({att_last, att_data}),
      .valid(att_valid),
      .ready(att_ready)
  );

  tb_stream_monitor #(
      .WIDTH(QK_W),
      .NAME ("qk")
  ) u_mon_qk (
      .clk  (clk),
      .rst  (rst),
      .data (qk_data),
      .valid(qk_valid),
      .ready(qk_ready)
  );

  tb_stream_monitor #(
      .WIDTH(AY_W),
      .NAME ("ay")
  ) u_mon_ay (
      .clk  (clk),
      .rst  (rst),
      .data (ay_data),
      .valid(ay_valid),
      .ready(ay_ready)
  );

  // Compares one wide output beat (tb_check compares up to 256 bits).
  task check_wide;
    input [8*8-1:0] what;
    input integer index;
    input [CW-1:0] expected;
    input [CW-1:0] got;
    begin
      if (expected !== got) begin
        tb_mismatches = tb_mismatches + 1;
        if (tb_mismatches <= 10)
          $display("MISMATCH %0s beat=%0d expected=%h got=%h", what, index, expected, got);
      end
      tb_beats = tb_beats + 1;
    end
  endtask

  initial begin
    tb_init;
    if (!$value$plusargs("rows=%d", n_rows)) n_rows = 0;
    if (!$value$plusargs("att=%d", n_att)) n_att = 0;
    if (!$value$plusargs("qk=%d", n_qk)) n_qk = 0;
    if (!$value$plusargs("ay=%d", n_ay)) n_ay = 0;
    $readmemh("in.hex", in_mem);
    $readmemh("exp_att.hex", exp_att_mem);
    $readmemh("exp_qk.hex", exp_qk_mem);
    $readmemh("exp_ay.hex", exp_ay_mem);
    rng_src_q = tb_stream_seed(0);
    rng_att_q = tb_stream_seed(1);
    rng_qk_q = tb_stream_seed(2);
    rng_ay_q = tb_stream_seed(3);
    s_valid = 1'b0;
    s_last = 1'b0;
    s_official = 1'b0;
    s_data = {(3 * D) {1'b0}};
    att_ready = 1'b0;
    qk_ready = 1'b0;
    ay_ready = 1'b0;
    repeat (3) @(posedge clk);
    rst <= 1'b0;
  end

  // Source: offers the next row unless the idle generator holds it back; holds it until taken. The
  // layout input changes only together with a new row.
  always @(posedge clk) begin
    if (!rst) begin
      rng_src_q <= tb_next(rng_src_q);
      if (!s_valid || s_ready) begin
        if (s_valid) sent = sent + 1;
        if (sent < n_rows && !tb_chance(rng_src_q, tb_idle_pct)) begin
          s_valid <= 1'b1;
          {s_official, s_last, s_data} <= in_mem[sent];
        end else begin
          s_valid <= 1'b0;
        end
      end
    end
  end

  // Sinks: random back-pressure on each output; every beat is compared in order.
  always @(posedge clk) begin
    if (!rst) begin
      rng_att_q <= tb_next(rng_att_q);
      rng_qk_q  <= tb_next(rng_qk_q);
      rng_ay_q  <= tb_next(rng_ay_q);
      att_ready <= !tb_chance(rng_att_q, tb_stall_pct);
      qk_ready  <= !tb_chance(rng_qk_q, tb_stall_pct);
      ay_ready  <= !tb_chance(rng_ay_q, tb_stall_pct);
      if (att_valid && att_ready) begin
        if (got_att < n_att) check_wide("att", got_att, exp_att_mem[got_att], {att_last, att_data});
        else tb_check("extra att", got_att, 256'd0, 256'd1);
        got_att = got_att + 1;
      end
      if (qk_valid && qk_ready) begin
        if (got_qk < n_qk) check_wide("qk", got_qk, exp_qk_mem[got_qk], qk_data);
        else tb_check("extra qk", got_qk, 256'd0, 256'd1);
        got_qk = got_qk + 1;
      end
      if (ay_valid && ay_ready) begin
        if (got_ay < n_ay) check_wide("ay", got_ay, exp_ay_mem[got_ay], ay_data);
        else tb_check("extra ay", got_ay, 256'd0, 256'd1);
        got_ay = got_ay + 1;
      end
      if (got_att >= n_att && got_qk >= n_qk && got_ay >= n_ay) begin
        drain = drain + 1;
        if (drain > 20) tb_finish;
      end
    end
  end

  // Spans: the last attention beat of an utterance is taken before the next one's first row.
  always @(posedge clk) begin
    if (!rst) begin
      if (att_valid && att_ready && att_last) begin
        $display("SPAN utterance=%0d cycles=%0d", n_span, tb_cycles - span_start + 1);
        n_span = n_span + 1;
        span_open = 1'b0;
      end
      if (s_valid && s_ready && !span_open) begin
        span_start = tb_cycles;
        span_open  = 1'b1;
      end
    end
  end
endmodule

`default_nettype wire
