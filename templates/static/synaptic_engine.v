// synaptic_engine: spike-driven accumulation of weight rows for one group of P output channels
// (docs/fixed-point.md sections 4 and 7; docs/hw-units/synaptic_engine.md).
//
// For one time step and one group g of P output channels the engine takes a stream of input events
// (row i, value x); for every event it reads weight row i of group g (one block-RAM read of P*N bits)
// and adds q[j] * x into the P lane accumulators, exactly. The step's last event carries `last`; then
// the P exact sums leave as one output beat
//   X[j] = sat_A(acc[j]) * 2^G + beta[g*P + j]                       membrane units
// with one overflow flag per lane (sat_A acted: cast to ap_int<A>, TRN, SAT). An event with x = 0
// adds nothing, so a step with no input is one event with x = 0 and `last` set.
//
// Kinds (MODE), all computing the same integer q * x:
//   0 binary inputs (XB = 1): accumulate-only, q or 0;
//   1 small multi-level inputs (residual stream, x in ap_uint<XB>): an N x XB multiply-accumulate
//     per lane;
//   2 spike counts (x in ap_uint<XB>, XB = B_in): an N x XB multiply-accumulate per lane;
//   3 mel input (x in ap_int<XB>, the raw ap_fixed<12,8> value with XB = 12): signed multiply-
//     accumulate per lane;
//   5 either 1 or 4 per layer, for an engine shared by pointwise and depthwise layers (XB = max(P, XV)):
//     cfg_lane_inputs = 0 adds q * x with x = the low XV bits (as 1), 1 adds q[j] when bit j of x is
//     set (as 4, multiplying q[j] by that bit);
// The multiplying kinds (1, 2, 3, 5) map each lane onto one DSP48: its multiplier, its adder and its
// P register as the accumulator, the zero start of a step being the adder's operand select. The
// binary kinds (0, 4) add q or 0 in the fabric.
//   4 per-lane binary inputs (XB = P, bit j of x is lane j's input): lane j adds q[j] when bit j is
//     set; the depthwise temporal convolution (row = tap k, x = the spikes of the group's P channels
//     at step t + k - (K-1)/2).
// Pairs (PAIRS = 1): an event may carry a second row of the same (step, group) and input value,
// added in the same cycle: the lanes add (q_a[j] + q_b[j]) * x, the second row read through the weight
// memory's second read port. For binary inputs (x = 1; the pointwise passes that read spikes) two
// events become one; the sums are exact, so the pairing changes no bit. Not with per-lane inputs (MODE
// 4, and MODE 5 with cfg_lane_inputs = 1), whose events never carry a second row.
// Pairs of two values (PAIRS = 2, MODE 1, 2 and 3): the second row comes with its own input value,
// and the lanes add q_a[j] * x_a + q_b[j] * x_b (two multiplies a lane); the head's passes over the
// residual stream, whose values have several levels, take two inputs per event this way.
// The embedding convolution uses MODE 2 or 3 with ROWS = C_in * 3 and row = c * 3 + k: for output
// step t the controller sends the inputs of steps t - 1, t, t + 1 with k = t' - t + 1. Both schemes
// are described with their weight-image layout in docs/hw-units/synaptic_engine.md.
//
// Parameters:
//   MODE         kind of input, 0..5 as above
//   P            lanes: output channels per group (depthwise: channels per group), >= 1
//   N            weight width, ap_int<N>, 4..16
//   XB           input value width: 1 (MODE 0), R (MODE 1), B_in (MODE 2), 12 (MODE 3), WAYS * P
//                (MODE 4), max(WAYS * P, XV) (MODE 5)
//   XV           MODE 5: width of a multi-level input value; unused otherwise
//   ROWS         weight rows per group (fan-in, C_in * 3 for the embedding, K for depthwise), >= 2
//   GROUPS       channel groups of the output beats (C_out = GROUPS * P), >= 1
//   WAYS         output beats per event group, a power of two dividing GROUPS (default 1): the engine
//                accumulates WAYS * P lanes, the output channels of GROUPS / WAYS event groups, and
//                sends each (step, event group) as WAYS beats of P lanes, groups g * WAYS + k
//   A            accumulator width of the contract, ap_int<A>, >= 2
//   G            membrane fraction bits, 0..16
//   BW           bias width, ap_int<BW> (the layer's membrane width M), >= 2
//   PAIRS        1: events carry a second row (above); 2: a second row and its own value (MODE 1,
//                2, 3); 0 (default): one row per event
//   WORDS        words of the weight memory, at least GROUPS / WAYS * ROWS (default: one layer)
//   BIAS_WORDS   words of the bias memory, at least GROUPS (default: one layer)
//   WEIGHT_FILE  $readmemh image: WORDS words of WAYS*P*N bits; one layer's rows start at
//                cfg_weight_base, word cfg_weight_base + g * cfg_rows + i holds row i of event group g,
//                lane j (output channel g*WAYS*P + j) in bits [j*N +: N] (two's complement)
//   BIAS_FILE    $readmemh image: BIAS_WORDS words of P*BW bits; lane j of word cfg_bias_base + g is
//                beta[g*P + j]
//
// One engine can serve several layers in turn (the layers of a design that share it): the weight and
// bias images hold every layer, one after the other, and the cfg_* inputs select the running layer.
// A, BW, ROWS and GROUPS are then the largest of those layers and cfg_acc_bits the layer's own A.
// With one layer, tie cfg_acc_bits = A, cfg_rows = ROWS and the bases to 0.
//
// Formats: the exact sum of a step is held in ap_int<SUM_W>, SUM_W = PROD_W + ceil(log2 ROWS)
// (PROD_W = N for MODE 0 and 4, N + XV for MODE 5, N + XB otherwise), so it never wraps as long as a step has at most
// ROWS events per group (each row at most once). Output lane X is ap_int<XW>, XW = max(A + G, BW) + 1.
//
// Ports:
//   cfg_acc_bits     the layer's accumulator width A_l, 2 .. A: sat_A_l acts on the sums
//   cfg_lane_inputs  MODE 5: 1 when the layer's inputs are per-lane bits (depthwise); unused otherwise
//   cfg_rows         the layer's rows per group (the stride of its groups in the weight memory)
//   cfg_weight_base  the layer's first word in the weight memory
//   cfg_bias_base    the layer's first word in the bias memory
//                    all four hold while the layer's events flow and for one cycle before the first
//   s_ev_data   {group (GWE bits), row (RW bits), x (XB bits)}, GWE = max(1, ceil(log2(GROUPS /
//               WAYS))), RW = ceil(log2 ROWS); every event of a (step, group) carries the same group.
//               PAIRS = 1: {group, pair (1 bit), row_b (RW bits), row (RW bits), x}: with pair set
//               the event also adds row_b times x
//               PAIRS = 2: {group, pair, x_b (XB bits), row_b, row, x}: with pair set the event
//               also adds row_b times x_b
//   s_ev_last   the step's final event of that group
//   m_x_data    P lanes of X, lane j in bits [j*XW +: XW]
//   m_x_ovf     bit j: sat_A changed lane j's sum
//   m_x_group   the group of the beat (GW = max(1, ceil(log2 GROUPS)) bits)
//
// Handshake (both streams, AXI-Stream style): a beat moves when valid and ready are both high; valid
// never depends combinationally on ready; once valid is raised, valid and data hold until accepted.
// s_ev_ready is a function of registers only and m_x_valid is a register; the output leaves
// through a skid_buffer. The finished sums of a step stay in the accumulators until the skid buffer
// takes them: while they wait (the skid buffer full) the engine takes no event.
//
// Latency: 3 cycles from the cycle that accepts a step's last event to the first cycle its output
// beat is valid (weight read, accumulate, requantise into the output register); with WAYS > 1, 4
// cycles to the first of its beats (the sums are first copied into the beat register), the others
// following one per cycle. Throughput: one event per cycle (PAIRS = 1: of one or two rows); a (step,
// group) costs max(1, events) cycles, back to back, while m_x_ready stays high; with WAYS > 1,
// max(WAYS, events) cycles (fewer events stall the input until its WAYS beats have left).
//
// cycle        0       1       2       3       4       5       6
//            ___     ___     ___     ___     ___     ___     ___
// clk      _|   |___|   |___|   |___|   |___|   |___|   |___|   |_
// s_ev_valid ‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾\________________________________
// s_ev_data  X_e0____X_e1____X_e2____X________________________________
// s_ev_last  ________________/‾‾‾‾‾‾‾\________________________________
// m_x_valid  ________________________________________/‾‾‾‾‾‾‾\________
// m_x_data   ________________________________________X_X(t)__X________
`resetall
`timescale 1ns / 1ps
`default_nettype none

module synaptic_engine #(
    parameter integer MODE = 0,
    parameter integer P = 4,
    parameter integer N = 8,
    parameter integer XB = 1,
    parameter integer XV = 1,
    parameter integer ROWS = 16,
    parameter integer GROUPS = 1,
    parameter integer WAYS = 1,
    parameter integer A = 16,
    parameter integer G = 4,
    parameter integer BW = 16,
    parameter integer PAIRS = 0,
    parameter integer WORDS = GROUPS / WAYS * ROWS,
    parameter integer BIAS_WORDS = GROUPS,
    parameter WEIGHT_FILE = "weights.hex",
    parameter BIAS_FILE = "bias.hex"
) (
    input  wire                                                                    clk,
    input  wire                                                                    rst,
    input  wire [7:0]                                                              cfg_acc_bits,
    input  wire                                                                    cfg_lane_inputs,
    input  wire [$clog2(ROWS):0]                                                   cfg_rows,
    input  wire [(WORDS > 1 ? $clog2(WORDS) : 1) - 1:0]                            cfg_weight_base,
    input  wire [(BIAS_WORDS > 1 ? $clog2(BIAS_WORDS) : 1) - 1:0]                  cfg_bias_base,
    input  wire [(GROUPS / WAYS > 1 ? $clog2(GROUPS / WAYS) : 1) + (PAIRS != 0 ? 1 + $clog2(ROWS) : 0)
                 + (PAIRS == 2 ? XB : 0) + $clog2(ROWS) + XB - 1:0]                s_ev_data,
    input  wire                                                                    s_ev_last,
    input  wire                                                                    s_ev_valid,
    output wire                                                                    s_ev_ready,
    output wire [P * ((A + G > BW ? A + G : BW) + 1) - 1:0]                        m_x_data,
    output wire [P-1:0]                                                            m_x_ovf,
    output wire [(GROUPS > 1 ? $clog2(GROUPS) : 1) - 1:0]                          m_x_group,
    output wire                                                                    m_x_valid,
    input  wire                                                                    m_x_ready
);

  localparam integer GW = GROUPS > 1 ? $clog2(GROUPS) : 1;
  localparam integer PA = WAYS * P;  // accumulating lanes
  localparam integer GE = GROUPS / WAYS;  // groups of the events
  localparam integer GWE = GE > 1 ? $clog2(GE) : 1;
  localparam integer KW = WAYS > 1 ? $clog2(WAYS) : 1;
  localparam integer RW = $clog2(ROWS);
  localparam integer PROD_W = (MODE == 0 || MODE == 4) ? N : (MODE == 5) ? N + XV : N + XB;
  // a step adds each row at most once, in pairs or not: the sum's bound is the same
  localparam integer SUM_W = PROD_W + RW;
  localparam integer XBW = PAIRS == 2 ? XB : 0;  // the second value of an event
  localparam integer PRW = PAIRS != 0 ? 1 + RW + XBW : 0;  // the pair fields of an event
  localparam integer XW = (A + G > BW ? A + G : BW) + 1;
  localparam integer WAW = WORDS > 1 ? $clog2(WORDS) : 1;
  localparam integer BAW = BIAS_WORDS > 1 ? $clog2(BIAS_WORDS) : 1;
  localparam integer OUT_W = GW + P + P * XW;

  // Parameter checks: an impossible combination stops elaboration (the missing module names it).
  generate
    if (MODE < 0 || MODE > 5 || P < 1 || N < 4 || N > 16 || ROWS < 2 || GROUPS < 1 || A < 2
        || G < 0 || G > 16 || BW < 2 || (MODE == 0 && XB != 1) || (MODE == 4 && XB != PA)
        || (MODE == 1 && XB < 1) || (MODE == 2 && XB < 1) || (MODE == 3 && XB < 2)
        || (MODE == 5 && (XV < 1 || XB < PA || XB < XV))
        || WAYS < 1 || (WAYS & (WAYS - 1)) != 0 || GROUPS % WAYS != 0
        || PAIRS < 0 || PAIRS > 2 || (PAIRS == 1 && MODE == 4)
        || (PAIRS == 2 && (MODE == 0 || MODE == 4 || MODE == 5))
        || WORDS < GE * ROWS || BIAS_WORDS < GROUPS) begin : g_bad
      synaptic_engine_invalid_parameters u_invalid ();
    end
  endgenerate

  // Weight and bias images: the weights in block RAM; the bias words of one layer in logic, those of
  // several layers in block RAM.
  (* rom_style = "block" *) reg [PA*N-1:0] weight_mem[0:WORDS-1];
  initial $readmemh(WEIGHT_FILE, weight_mem);

  // cfg_lane_inputs matters in MODE 5 only.
  generate
    if (MODE != 5) begin : g_fixed_kind
      wire cfg_lane_inputs_unused = cfg_lane_inputs;
    end
  endgenerate

  // Event fields.
  wire [GWE-1:0] ev_group = s_ev_data[PRW+RW+XB+:GWE];
  wire [RW-1:0] ev_row = s_ev_data[XB+:RW];
  wire [XB-1:0] ev_x = s_ev_data[XB-1:0];

  // Stage 1: the event whose weight row is being read (valid with w_q one cycle after acceptance).
  reg ev_valid_q;
  reg ev_last_q;
  reg [XB-1:0] ev_x_q;
  reg [GWE-1:0] ev_group_q;
  reg [PA*N-1:0] w_q;
  // PAIRS = 1, 2: the second row (zero when the event has none)
  wire [PA*N-1:0] w_b;
  // Stage 2: the lane accumulators. open_q: they hold a partial sum of the step in progress (the next
  // event adds to it; otherwise it starts from zero).
  reg [PA*SUM_W-1:0] acc_q;
  reg open_q;
  // Stage 3 (below) presents one beat of P sums at a time: sums_valid, sums (P lanes), out_group,
  // and bias_q, the beat's bias word. advance: stage 1 and the accumulators move on.
  wire sums_valid;
  wire [P*SUM_W-1:0] sums;
  wire [GW-1:0] out_group;
  wire [P*BW-1:0] bias_q;
  wire advance;
  wire out_ready;
  // the step's last event is added into the accumulators on this edge
  wire last_in = ev_valid_q && ev_last_q && advance;

  assign s_ev_ready = advance;

  // base + q * x per lane, sign-extended to SUM_W, base = the lane's accumulator or zero on a step's
  // first event. The kinds with a multi-level x multiply (one DSP48 per lane: multiplier, adder and
  // the accumulator register, whose zero start is the adder's operand select); the binary kinds add
  // q or 0. Written as one loop over the lanes (not one continuous assignment per lane) so that
  // simulators update the wide vectors once.
  reg [PA*SUM_W-1:0] acc_next;
  generate
    if (MODE == 0 || MODE == 4) begin : g_binary
      reg [N-1:0] w, wb;
      reg [SUM_W-1:0] base;
      integer j;
      always @* begin
        for (j = 0; j < PA; j = j + 1) begin
          w = ev_x_q[MODE == 4 ? j : 0] ? w_q[j*N+:N] : {N{1'b0}};
          wb = ev_x_q[0] ? w_b[j*N+:N] : {N{1'b0}};
          base = open_q ? acc_q[j*SUM_W+:SUM_W] : {SUM_W{1'b0}};
          acc_next[j*SUM_W+:SUM_W] = base + {{RW{w[N-1]}}, w} + {{RW{wb[N-1]}}, wb};
        end
      end
    end else if (MODE == 5) begin : g_shared
      // per layer: the low XV bits of x (as MODE 1), or lane j's bit of x (as MODE 4).
      // PAIRS = 1: the two rows' sum (N + 1 bits) times x, the DSP48's pre-adder form (D + A) * B.
      reg [N-1:0] w, wb;
      reg [XV-1:0] xm;
      reg signed [PROD_W:0] w_ext, x_ext, prod;
      reg [SUM_W-1:0] base;
      integer j, b;
      always @* begin
        for (j = 0; j < PA; j = j + 1) begin
          w = w_q[j*N+:N];
          wb = w_b[j*N+:N];
          for (b = 0; b < XV; b = b + 1) xm[b] = cfg_lane_inputs ? (b == 0) && ev_x_q[j] : ev_x_q[b];
          w_ext = {{(PROD_W + 1 - N) {w[N-1]}}, w} + {{(PROD_W + 1 - N) {wb[N-1]}}, wb};
          x_ext = {{(PROD_W + 1 - XV) {1'b0}}, xm};
          prod = w_ext * x_ext;
          base = open_q ? acc_q[j*SUM_W+:SUM_W] : {SUM_W{1'b0}};
          acc_next[j*SUM_W+:SUM_W] = base + {{(RW - 1) {prod[PROD_W]}}, prod};
        end
      end
    end else if (PAIRS == 2) begin : g_multiply_two
      // MODE 1 and 2: unsigned x; MODE 3: signed x. Two products a lane, q_a * x_a + q_b * x_b;
      // x_b, the second value, is taken with the event like x.
      reg [XB-1:0] x_b;
      always @(posedge clk) if (advance) x_b <= s_ev_data[XB+RW+RW+:XB];
      reg [N-1:0] w, wb;
      reg signed [PROD_W:0] w_ext, wb_ext, x_ext, xb_ext, prod, prod_b;
      reg [SUM_W-1:0] base;
      integer j;
      always @* begin
        for (j = 0; j < PA; j = j + 1) begin
          w = w_q[j*N+:N];
          wb = w_b[j*N+:N];
          w_ext = {{(PROD_W + 1 - N) {w[N-1]}}, w};
          wb_ext = {{(PROD_W + 1 - N) {wb[N-1]}}, wb};
          x_ext = {{(PROD_W + 1 - XB) {(MODE == 3) && ev_x_q[XB-1]}}, ev_x_q};
          xb_ext = {{(PROD_W + 1 - XB) {(MODE == 3) && x_b[XB-1]}}, x_b};
          prod = w_ext * x_ext;
          prod_b = wb_ext * xb_ext;
          base = open_q ? acc_q[j*SUM_W+:SUM_W] : {SUM_W{1'b0}};
          acc_next[j*SUM_W+:SUM_W] = base + {{(RW - 1) {prod[PROD_W]}}, prod}
              + {{(RW - 1) {prod_b[PROD_W]}}, prod_b};
        end
      end
    end else begin : g_multiply
      // MODE 1 and 2: unsigned x; MODE 3: signed x. PAIRS = 1: (q_a + q_b) * x.
      reg [N-1:0] w, wb;
      reg signed [PROD_W:0] w_ext, x_ext, prod;
      reg [SUM_W-1:0] base;
      integer j;
      always @* begin
        for (j = 0; j < PA; j = j + 1) begin
          w = w_q[j*N+:N];
          wb = w_b[j*N+:N];
          w_ext = {{(PROD_W + 1 - N) {w[N-1]}}, w} + {{(PROD_W + 1 - N) {wb[N-1]}}, wb};
          x_ext = {{(PROD_W + 1 - XB) {(MODE == 3) && ev_x_q[XB-1]}}, ev_x_q};
          prod = w_ext * x_ext;
          base = open_q ? acc_q[j*SUM_W+:SUM_W] : {SUM_W{1'b0}};
          acc_next[j*SUM_W+:SUM_W] = base + {{(RW - 1) {prod[PROD_W]}}, prod};
        end
      end
    end
  endgenerate

  always @(posedge clk) begin
    if (rst) begin
      ev_valid_q <= 1'b0;
      open_q     <= 1'b0;
    end else if (advance) begin
      ev_valid_q <= s_ev_valid;
      if (ev_valid_q) open_q <= !ev_last_q;
    end
    if (advance) begin
      ev_last_q  <= s_ev_last;
      ev_x_q     <= ev_x;
      ev_group_q <= ev_group;
    end
    if (advance && ev_valid_q) acc_q <= acc_next;
  end

  // Bias words: the engine's own (GROUPS words, one layer) in logic, those of several layers in
  // block RAM; rd_q is the word of the beat stage 3 presents, read on the edge that moves to it.
  wire bias_rd;
  wire [31:0] bias_word;
  wire [31-BAW:0] bias_word_high_unused = bias_word[31:BAW];
  generate
    if (BIAS_WORDS == GROUPS) begin : g_bias_logic
      (* rom_style = "logic" *) reg [P*BW-1:0] bias_mem[0:BIAS_WORDS-1];
      reg [P*BW-1:0] rd_q;
      initial $readmemh(BIAS_FILE, bias_mem);
      always @(posedge clk) if (bias_rd) rd_q <= bias_mem[bias_word[BAW-1:0]];
      assign bias_q = rd_q;
    end else begin : g_bias_block
      (* rom_style = "block" *) reg [P*BW-1:0] bias_mem[0:BIAS_WORDS-1];
      reg [P*BW-1:0] rd_q;
      initial $readmemh(BIAS_FILE, bias_mem);
      always @(posedge clk) if (bias_rd) rd_q <= bias_mem[bias_word[BAW-1:0]];
      assign bias_q = rd_q;
    end
  endgenerate

  generate
    if (WAYS == 1) begin : g_one_beat
      // The finished sums stay in the accumulators (fin_valid_q) until the output slice takes them;
      // everything moves on unless they wait.
      reg fin_valid_q;
      reg [GW-1:0] fin_group_q;
      assign advance = !fin_valid_q || out_ready;
      always @(posedge clk) begin
        if (rst) fin_valid_q <= 1'b0;
        else if (advance) fin_valid_q <= ev_valid_q && ev_last_q;
        if (last_in) fin_group_q <= ev_group_q;
      end
      assign sums_valid = fin_valid_q;
      assign sums = acc_q;
      assign out_group = fin_group_q;
      assign bias_rd = last_in;
      assign bias_word = {{(32 - BAW) {1'b0}}, cfg_bias_base} + {{(32 - GWE) {1'b0}}, ev_group_q};
    end else begin : g_ways
      // done_q: the accumulators hold a finished (step, group) of WAYS * P sums, copied into fin_q
      // on the first edge at which fin_q is free (empty, or its last beat leaving); the accumulators
      // take no event while they wait. fin_q leaves as WAYS beats of P lanes, beat k holding lanes
      // k*P .. k*P+P-1, output group g * WAYS + k.
      reg done_q;
      reg [GWE-1:0] done_group_q;
      reg [PA*SUM_W-1:0] fin_q;
      reg fin_valid_q;
      reg [KW-1:0] fin_k_q;
      reg [GWE-1:0] fin_group_q;
      // the beat being presented, fin_q's beat fin_k_q, loaded with it (the output stage starts at
      // a register, not at a WAYS-way select)
      reg [P*SUM_W-1:0] beat_q;
      wire [KW-1:0] k_next = fin_k_q + 1'b1;
      localparam integer K_LAST_I = WAYS - 1;
      localparam [KW-1:0] K_LAST = K_LAST_I[KW-1:0];
      wire beat_taken = fin_valid_q && out_ready;
      wire fin_free = !fin_valid_q || (beat_taken && fin_k_q == K_LAST);
      wire copy = done_q && fin_free;
      wire next_beat = beat_taken && fin_k_q != K_LAST;
      assign advance = !done_q || copy;
      always @(posedge clk) begin
        if (rst) begin
          done_q      <= 1'b0;
          fin_valid_q <= 1'b0;
        end else begin
          if (last_in) done_q <= 1'b1;
          else if (copy) done_q <= 1'b0;
          if (copy) fin_valid_q <= 1'b1;
          else if (beat_taken && fin_k_q == K_LAST) fin_valid_q <= 1'b0;
        end
        if (last_in) done_group_q <= ev_group_q;
        if (copy) begin
          fin_q       <= acc_q;
          fin_group_q <= done_group_q;
          fin_k_q     <= {KW{1'b0}};
          beat_q      <= acc_q[P*SUM_W-1:0];
        end else if (next_beat) begin
          fin_k_q <= k_next;
          beat_q  <= fin_q[k_next*P*SUM_W+:P*SUM_W];
        end
      end
      assign sums_valid = fin_valid_q;
      assign sums = beat_q;
      wire [31:0] group_of_fin = ({{(32 - GWE) {1'b0}}, fin_group_q} << KW) + {{(32 - KW) {1'b0}}, fin_k_q};
      assign out_group = group_of_fin[GW-1:0];
      assign bias_rd = copy || next_beat;
      assign bias_word = {{(32 - BAW) {1'b0}}, cfg_bias_base} + (copy ?
          ({{(32 - GWE) {1'b0}}, done_group_q} << KW) : (group_of_fin + 32'd1));
    end
  endgenerate

  // Block-RAM read: the weight row of the event being accepted. Word addresses are computed in 32
  // bits (the memories' depths fit them). The group's offset g * cfg_rows is a sum of shifted
  // copies of cfg_rows (GWE is small): no multiplier.
  reg [31:0] g_off;
  integer b;
  always @* begin
    g_off = 32'd0;
    for (b = 0; b < GWE; b = b + 1) begin
      if (ev_group[b]) g_off = g_off + ({{(31 - RW) {1'b0}}, cfg_rows} << b);
    end
  end
  always @(posedge clk) begin
    if (advance)
      w_q <= weight_mem[{{(32 - WAW) {1'b0}}, cfg_weight_base} + g_off + {{(32 - RW) {1'b0}}, ev_row}];
  end

  // PAIRS = 1, 2: the second row through the memory's second read port, zero without a pair
  generate
    if (PAIRS != 0) begin : g_pairs
      wire ev_pair = s_ev_data[XB+RW+RW+XBW];
      wire [RW-1:0] ev_row_b = s_ev_data[XB+RW+:RW];
      reg [PA*N-1:0] wb_q;
      reg pair_q;
      always @(posedge clk) begin
        if (advance) begin
          wb_q   <= weight_mem[{{(32 - WAW) {1'b0}}, cfg_weight_base} + g_off +
                               {{(32 - RW) {1'b0}}, ev_row_b}];
          pair_q <= ev_pair;
        end
      end
      assign w_b = pair_q ? wb_q : {(PA * N) {1'b0}};
    end else begin : g_single
      assign w_b = {(PA * N) {1'b0}};
    end
  endgenerate

  // Stage 3: sat_A of every sum, then X = sat * 2^G + beta (one loop over the lanes). The sum is
  // compared in SW2 = max(SUM_W, A) + 1 bits with the ends of ap_int<A_l>, registered from
  // cfg_acc_bits (a constant A_l folds them to constants).
  localparam integer SW2 = (SUM_W > A ? SUM_W : A) + 1;
  localparam [SW2-1:0] ONE = {{(SW2 - 1) {1'b0}}, 1'b1};
  reg [SW2-1:0] max_a_q;
  always @(posedge clk) max_a_q <= (ONE << (cfg_acc_bits - 8'd1)) - ONE;
  wire [SW2-1:0] min_a = ~max_a_q;
  reg [OUT_W-1:0] out_data;
  reg [SW2-1:0] o_s;
  reg [A-1:0] o_sat;
  reg o_ovf;
  reg [BW-1:0] o_beta;
  reg [XW-1:0] o_sat_ext, o_beta_ext;
  integer j;
  always @* begin
    for (j = 0; j < P; j = j + 1) begin
      o_s = {{(SW2 - SUM_W) {sums[j*SUM_W+SUM_W-1]}}, sums[j*SUM_W+:SUM_W]};
      o_ovf = ($signed(o_s) > $signed(max_a_q)) || ($signed(o_s) < $signed(min_a));
      o_sat = !o_ovf ? o_s[A-1:0] : o_s[SW2-1] ? min_a[A-1:0] : max_a_q[A-1:0];
      o_beta = bias_q[j*BW+:BW];
      o_sat_ext = {{(XW - A) {o_sat[A-1]}}, o_sat};
      o_beta_ext = {{(XW - BW) {o_beta[BW-1]}}, o_beta};
      out_data[j*XW+:XW] = (o_sat_ext << G) + o_beta_ext;
      out_data[P*XW+j] = o_ovf;
    end
    out_data[OUT_W-1-:GW] = out_group;
  end

  wire [OUT_W-1:0] m_data;
  skid_buffer #(
      .WIDTH(OUT_W)
  ) u_out (
      .clk    (clk),
      .rst    (rst),
      .s_data (out_data),
      .s_valid(sums_valid),
      .s_ready(out_ready),
      .m_data (m_data),
      .m_valid(m_x_valid),
      .m_ready(m_x_ready)
  );

  assign m_x_data  = m_data[P*XW-1:0];
  assign m_x_ovf   = m_data[P*XW+:P];
  assign m_x_group = m_data[OUT_W-1-:GW];

endmodule

`resetall
