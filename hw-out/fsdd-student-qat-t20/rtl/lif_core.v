// lif_core: P lanes of the integer LIF neuron of docs/fixed-point.md section 3, time-multiplexed over
// C channels in C/P channel groups.
//
//   H = sat_M(V - asr(V, 1) + X)      leak (V keeps ceil(V/2)), then input, saturated to M bits
//   S = (H >= theta_c)                fire on greater-or-equal
//   V = S ? 0 : H                     hard reset
//
// One input beat is one time step of one channel group g: lane l is channel c = g*P + l. The
// membranes live in a memory of C/P words of P*M bits (word g, lane l at bits [l*M +: M]); the beat's
// `first` flag takes V as 0 instead of the stored word (the first step of an utterance), so
// utterances follow each other with no reset and no clearing pass. The memory itself is not reset.
//
// Parameters (formats in the contract's notation):
//   P            lanes, channels updated per beat (>= 1)
//   C            channels (a multiple of P); the memories hold C/P words
//   M            membrane width: V and H are ap_int<M> (2 .. 62)
//   XW           input width: X is ap_int<XW>, in membrane units
//   TW           threshold width: theta_c is ap_uint<TW>, at least 1 (docs/fixed-point.md 2.3)
//   THETA_WORDS  words of the threshold memory, at least C/P (default: one layer)
//   THETA_FILE   $readmemh image of the thresholds, THETA_WORDS lines of P*TW bits (lane 0 in the low
//                bits), word cfg_theta_base + g for group g; "" loads nothing (then write them through
//                the theta_wr port)
//
// One core can serve several layers in turn (the layers that share a synaptic_engine): the threshold
// image holds every layer, one after the other, and M, XW, TW and C are the largest of those layers.
// Membranes need no saving between layers: every layer's first step starts from V = 0.
//
// Ports:
//   cfg_membrane_bits  the layer's membrane width M_l, 2 .. M: sat_M_l acts on H
//   cfg_theta_base     the layer's first word in the threshold memory
//                      both hold while the layer's beats flow and for one cycle before the first
//   s_in_data    {first, g (GW bits), X[P-1], ..., X[0]} with X[l] at bits [l*XW +: XW];
//                g must be below C/P, and each group's steps come in time order
//   m_out_data   {ovf[P-1:0], V[P-1], ..., V[0], S[P-1:0], g} with V[l] ap_int<M> after the update,
//                S[l] the spike, ovf[l] = 1 when sat_M changed H of lane l in this beat (one overflow
//                event of the contract, section 9; per beat, not sticky)
//   theta_wr_*   a write port of the threshold memory (word theta_wr_addr); a write takes effect for
//                beats accepted at least one cycle later: load thresholds before streaming the
//                channel groups they belong to
//   GW = max(1, ceil(log2(C/P))) bits of group index, TAW = max(1, ceil(log2 THETA_WORDS)).
//
// Handshake (both streams, AXI-Stream style): a beat moves when valid and ready are both high; valid
// never depends combinationally on ready; once valid is raised, valid and data hold until accepted.
// s_in_ready and m_out_valid come from registers (no combinational path from m_out_ready).
//
// Pipeline: the accepting edge reads the membrane and threshold words of g (synchronous read, block
// RAM style); the next cycle computes the update and writes the membrane word back on the edge that
// moves the beat into the output register slice. When a beat's group equals the group being written
// on its accepting edge (the same group back to back, always the case when C == P), the new word is
// forwarded from a register instead of the memory, so the memory's read-during-write behaviour does
// not matter.
//
// Latency: 2 cycles from an accepted input beat to its output beat. Throughput: one beat per cycle,
// any group order.
//
//               ___     ___     ___     ___     ___
// clk         _|   |___|   |___|   |___|   |___|   |_
// s_in_valid  _/‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾\___________________
// s_in_data   =X_A_____X_B_____X___________________
// m_out_valid _________________/‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾\___
// m_out_data  _________________X_A'____X_B'____X___
`resetall
`timescale 1ns / 1ps
`default_nettype none

module lif_core #(
    parameter integer P = 4,
    parameter integer C = 16,
    parameter integer M = 16,
    parameter integer XW = 16,
    parameter integer TW = 15,
    parameter integer THETA_WORDS = C / P,
    parameter THETA_FILE = "",
    // derived (do not set): group index and threshold address widths
    parameter integer GW = (C / P > 1) ? $clog2(C / P) : 1,
    parameter integer TAW = (THETA_WORDS > 1) ? $clog2(THETA_WORDS) : 1
) (
    input  wire                    clk,
    input  wire                    rst,
    input  wire [7:0]              cfg_membrane_bits,
    input  wire [TAW-1:0]          cfg_theta_base,
    input  wire [1+GW+P*XW-1:0]    s_in_data,
    input  wire                    s_in_valid,
    output wire                    s_in_ready,
    output wire [P+P*M+P+GW-1:0]   m_out_data,
    output wire                    m_out_valid,
    input  wire                    m_out_ready,
    input  wire                    theta_wr_en,
    input  wire [TAW-1:0]          theta_wr_addr,
    input  wire [P*TW-1:0]         theta_wr_data
);

  localparam integer GROUPS = C / P;
  // width of the exact charge: |ceil(V/2)| <= 2^(M-2), |X| <= 2^(XW-1)
  localparam integer SW = ((M > XW) ? M : XW) + 1;
  // width of the threshold comparison: the unclamped charge signed, theta unsigned
  localparam integer KW = ((SW > TW + 1) ? SW : TW + 1) + 1;
  localparam integer OW = P + P * M + P + GW;

  initial begin
    if (P < 1 || C < P || C % P != 0)
      $error("lif_core: C (%0d) must be a multiple of P (%0d) %m", C, P);
    if (M < 2 || M > 62) $error("lif_core: M must be 2..62, got %0d %m", M);
    if (XW < 1 || TW < 1) $error("lif_core: XW and TW must be at least 1 %m");
    if (THETA_WORDS < C / P) $error("lif_core: THETA_WORDS must be at least C/P %m");
  end

  // Memories: membranes and thresholds, one word per channel group.
  reg [P*M-1:0] mem_v[0:GROUPS-1];
  reg [P*TW-1:0] mem_theta[0:THETA_WORDS-1];

  generate
    if (THETA_FILE != "") begin : g_theta_init
      initial $readmemh(THETA_FILE, mem_theta);
    end
  endgenerate

  // Input fields.
  wire          in_first = s_in_data[1+GW+P*XW-1];
  wire [GW-1:0] in_group = s_in_data[GW+P*XW-1:P*XW];

  // Stage 1: the accepted beat and the words read for it.
  reg s1_valid_q, s1_valid_d;
  reg s1_first_q, s1_first_d, s1_fwd_q, s1_fwd_d;
  reg [GW-1:0] s1_group_q, s1_group_d;
  reg [P*XW-1:0] s1_x_q, s1_x_d;
  reg [P*M-1:0] s1_v_fwd_q, s1_v_fwd_d;
  // memory read ports (registered, block-RAM style)
  reg [P*M-1:0] s1_v_rd_q;
  reg [P*TW-1:0] s1_theta_q;

  // Output register slice.
  wire out_ready;
  wire accept = s_in_valid && s_in_ready;
  wire advance = s1_valid_q && out_ready;

  assign s_in_ready = !s1_valid_q || out_ready;

  // Stage 1 datapath: every lane's update.
  reg signed [M-1:0] v_old;
  reg signed [SW-1:0] h_wide;
  reg signed [M-1:0] h_sat;
  reg over_hi, over_lo;
  reg [KW-1:0] theta_l;
  reg [P*M-1:0] v_new;
  reg [P-1:0] spikes, ovf;
  reg [P*M-1:0] v_src;
  integer l;

  // ends of ap_int<M_l>, registered from cfg_membrane_bits (a constant M_l folds them to constants)
  localparam [SW-1:0] ONE = {{(SW - 1) {1'b0}}, 1'b1};
  reg [SW-1:0] sat_max_q;
  always @(posedge clk) sat_max_q <= (ONE << (cfg_membrane_bits - 8'd1)) - ONE;
  wire [SW-1:0] sat_min = ~sat_max_q;

  always @* begin
    s1_valid_d = s1_valid_q;
    if (accept) s1_valid_d = 1'b1;
    else if (advance) s1_valid_d = 1'b0;

    v_src = s1_fwd_q ? s1_v_fwd_q : s1_v_rd_q;
    v_new = {P * M{1'b0}};
    spikes = {P{1'b0}};
    ovf = {P{1'b0}};
    v_old = {M{1'b0}};
    h_wide = {SW{1'b0}};
    h_sat = {M{1'b0}};
    over_hi = 1'b0;
    over_lo = 1'b0;
    theta_l = {KW{1'b0}};
    for (l = 0; l < P; l = l + 1) begin
      v_old = s1_first_q ? {M{1'b0}} : v_src[l*M+:M];
      // ceil(V/2) = V - asr(V, 1) = asr(V, 1) + V[0], then + X: one adder whose carry-in is V[0];
      // exact in SW bits
      h_wide = {{(SW - M + 1) {v_old[M-1]}}, v_old[M-1:1]}
             + {{(SW - XW) {s1_x_q[l*XW+XW-1]}}, s1_x_q[l*XW+:XW]}
             + {{(SW - 1) {1'b0}}, v_old[0]};
      // sat_M: clamp to -2^(M-1) .. 2^(M-1)-1 and flag the overflow event
      over_hi = h_wide > $signed(sat_max_q);
      over_lo = h_wide < $signed(sat_min);
      if (over_hi) begin
        h_sat  = sat_max_q[M-1:0];
        ovf[l] = 1'b1;
      end else if (over_lo) begin
        h_sat  = sat_min[M-1:0];
        ovf[l] = 1'b1;
      end else begin
        h_sat = h_wide[M-1:0];
      end
      // S = (h_sat >= theta), compared beside the clamp rather than after it: a clamped H is the
      // largest value (fires when that reaches theta) or a negative one (never fires, theta >= 0)
      theta_l = {{(KW - TW) {1'b0}}, s1_theta_q[l*TW+:TW]};
      spikes[l] = over_hi ? ($signed({{(KW - SW) {1'b0}}, sat_max_q}) >= $signed(theta_l))
                : (!over_lo && ($signed({{(KW - SW) {h_wide[SW-1]}}, h_wide}) >= $signed(theta_l)));
      v_new[l*M+:M] = spikes[l] ? {M{1'b0}} : h_sat;
    end

    s1_first_d = s1_first_q;
    s1_group_d = s1_group_q;
    s1_x_d     = s1_x_q;
    s1_fwd_d   = s1_fwd_q;
    s1_v_fwd_d = s1_v_fwd_q;
    if (accept) begin
      s1_first_d = in_first;
      s1_group_d = in_group;
      s1_x_d     = s_in_data[P*XW-1:0];
      // the beat ahead writes this group on this edge: take its word from the forward register
      s1_fwd_d   = advance && (s1_group_q == in_group);
      s1_v_fwd_d = v_new;
    end
  end

  always @(posedge clk) begin
    if (rst) begin
      s1_valid_q <= 1'b0;
    end else begin
      s1_valid_q <= s1_valid_d;
    end
    s1_first_q <= s1_first_d;
    s1_group_q <= s1_group_d;
    s1_x_q     <= s1_x_d;
    s1_fwd_q   <= s1_fwd_d;
    s1_v_fwd_q <= s1_v_fwd_d;
  end

  // Memory ports: synchronous reads with enable, one write port each.
  always @(posedge clk) begin
    if (accept) begin
      s1_v_rd_q  <= mem_v[in_group];
      s1_theta_q <= mem_theta[{{(32 - TAW) {1'b0}}, cfg_theta_base} + {{(32 - GW) {1'b0}}, in_group}];
    end
  end

  always @(posedge clk) begin
    if (advance) mem_v[s1_group_q] <= v_new;
  end

  always @(posedge clk) begin
    if (theta_wr_en) mem_theta[theta_wr_addr] <= theta_wr_data;
  end

  skid_buffer #(
      .WIDTH(OW)
  ) u_out (
      .clk    (clk),
      .rst    (rst),
      .s_data ({ovf, v_new, spikes, s1_group_q}),
      .s_valid(s1_valid_q),
      .s_ready(out_ready),
      .m_data (m_out_data),
      .m_valid(m_out_valid),
      .m_ready(m_out_ready)
  );

endmodule

`resetall
