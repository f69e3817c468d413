// spike_attention: the spiking self-attention of one block after the first q/k/v LIFs
// (docs/fixed-point.md section 5): RoPE from a table ROM, the second q/k LIF in either layout,
// scores A[h,i,j] = popcount(Q[h,i,:] AND K[h,j,:]), Y[h,i,d] = sum_j A[h,i,j] V[h,j,d], the 1/4
// scale as a threshold shift and the attention LIF. One utterance at a time, layer-sequential.
//
// Parameters (formats in the contract's notation):
//   D          channels (model width); channel c = h*DH + d
//   H          heads; DH = D / H channels per head, even
//   T_MAX      longest utterance in steps (RoPE positions, buffer depth), at least 2
//   F_R        RoPE fraction bits; table entries are ap_fixed<F_R+2, 2>
//   G          membrane fraction bits of both LIFs
//   M_QK       second q/k LIF membrane width, ap_int<M_QK> (contract: F_R + G + 3)
//   M_ATT      attention LIF membrane width, ap_int<M_ATT> (contract 7: holds
//              [0, 2^(G+1) + T_MAX*DH*2^G])
//   TRACE      1: the m_qk and m_ay trace streams carry beats; 0: they never raise valid (their
//              data registers are then left out by synthesis)
//   HEADS_PAR  0: the score phase takes one key of one head per cycle; 1: one key of every head
//              per cycle (one second-LIF spike memory per head, D sums of Y; needs H <= T_MAX)
//   KEYS_PAR   1: one key per cycle; 2 (only with HEADS_PAR = 1): two keys, 2j and 2j + 1, of every
//              head per cycle (a second K read per head and a copy of the v rows)
//   ROPE_INIT  $readmemh file of the RoPE table: T_MAX lines (position p = 0 .. T_MAX-1), each one
//              word of DH*(F_R+2) bits whose entry 2j is C[p, j] and 2j+1 is S[p, j]; entry e at bits
//              [e*(F_R+2) +: F_R+2], two's complement
// Derived: Y_BITS = ceil(log2(T_MAX*DH + 1)), Y in ap_uint<Y_BITS>.
//
// Streams (valid/ready; a beat moves when both are high; valid never depends combinationally on
// ready; once raised, valid and data hold until accepted; every output comes from a register):
//   s_qkv   input, one beat per time step t = 0 .. T-1: data = {v[D-1:0], k[D-1:0], q[D-1:0]}, the
//           first q/k LIF spikes and the v LIF spikes of step t (bit c = channel c); last = 1 on step
//           T-1 (a beat at step T_MAX-1 ends the utterance even without last). `official` selects
//           the second LIF's layout (0: time, 1: official) and is sampled with every beat; hold it
//           for the whole utterance.
//   m_att   output, one beat per step i = 0 .. T-1: the attention LIF spikes of step i (bit c =
//           channel h*DH + d); last = 1 on step T-1.
//   m_qk    trace, one beat per position (h, t), h outer, t inner: the second LIF's results for the
//           DH channels of head h at true time t: data = {k_mem, q_mem, k_spk, q_spk}, spikes
//           DH bits (bit d = channel d), membranes after the step DH x ap_int<M_QK> (lane d at
//           [d*M_QK +: M_QK]). In the official layout these are the membranes of lanes
//           ((h*T + t) mod H)*DH + d at step (h*T + t) div H.
//   m_ay    trace, one beat per (i, h), i outer, h inner: data = {att_mem, att_spk, y}: Y DH x
//           ap_uint<Y_BITS>, spikes DH bits, membranes after the step DH x ap_int<M_ATT>.
// A user that does not need the traces sets TRACE = 0 (or ties their ready high).
//
// Schedule without stalls, cycles counted from the first input beat (input beats back to back):
//   load               cycles 0 .. T-1             one row per cycle
//   RoPE + second LIF  issue T .. T+H*T-1          one position (h, t) per cycle; m_qk beat of the
//                                                  n-th position valid at cycle T + 3 + n
//   drain              3 cycles
//   scores + att. LIF  issue A .. A+T*T*H-1,       A = T + H*T + 3; one key j of one (i, h) per
//                                                  cycle; m_att beat of step i valid at cycle
//                                                  A + (i+1)*T*H + 2
//   drain              3 cycles, then the next utterance's first beat is accepted
// Total for one utterance, first input beat to last output beat: T + H*T + T*T*H + 6 cycles.
// HEADS_PAR = 1: per query i, P = max(T, H) cycles (KEYS_PAR = 2: P = max(ceil(T/2), H)), each the
// scores of one key (two keys) for every head, added into every head's Y; a key past T - 1 adds
// nothing, and P >= H leaves the attention LIF, which takes the previous query's Y from a snapshot
// one head per cycle, time for all H heads. The score phase is T*P cycles and the total
// T + H*T + T*P + H + 6 (the m_ay and m_att beats and their order are the same).
//
// Pipeline (one enable, adv, for every stage: it stops while an output register is full and not
// taken): stage 0 issues the counters' addresses to the block memories; stage 1 rotates (q/k phase)
// or adds A[h,i,j] V[h,j,:] into Y (score phase); stage 2 runs the LIF of the position and loads the
// output registers. Membranes live in H-word memories with asynchronous read (LUT RAM); each lane's
// first step of an utterance reads 0 instead, so they need no reset.
//
// Example, T = 2, H = 2, no stalls (cycle numbers as above):
//   cycles  0-1   s_qkv beats t0, t1 (last)
//   cycles  2-5   issue (h, t) = (0,0) (0,1) (1,0) (1,1); m_qk beats valid at 5, 6, 7, 8
//   cycles  6-8   drain
//   cycles  9-16  issue (i, h, j) = (0,0,0) (0,0,1) (0,1,0) (0,1,1) (1,0,0) ... (1,1,1)
//   cycles 13-19  m_ay beats (i, h) valid at 13, 15, 17, 19; m_att step 0 at 15, step 1 (last) at 19
`resetall
`timescale 1ns / 1ps
`default_nettype none

module spike_attention #(
    parameter integer D         = 8,
    parameter integer H         = 2,
    parameter integer T_MAX     = 8,
    parameter integer F_R       = 24,
    parameter integer G         = 4,
    parameter integer M_QK      = F_R + G + 3,
    parameter integer M_ATT     = $clog2(T_MAX * (D / H) * (1 << G) + (1 << (G + 1)) + 1) + 1,
    parameter integer TRACE     = 1,
    parameter integer HEADS_PAR = 0,
    parameter integer KEYS_PAR  = 1,
    parameter         ROPE_INIT = "rope_table.hex"
) (
    input wire clk,
    input wire rst,

    input  wire [3*D-1:0] s_qkv_data,
    input  wire           s_qkv_last,
    input  wire           s_qkv_valid,
    output wire           s_qkv_ready,
    input  wire           official,

    output wire [D-1:0] m_att_data,
    output wire         m_att_last,
    output wire         m_att_valid,
    input  wire         m_att_ready,

    output wire [2*(D/H)*(M_QK+1)-1:0] m_qk_data,
    output wire                        m_qk_valid,
    input  wire                        m_qk_ready,

    output wire [(D/H)*(M_ATT+1+$clog2(T_MAX*(D/H)+1))-1:0] m_ay_data,
    output wire                                             m_ay_valid,
    input  wire                                             m_ay_ready
);

  // ---------------------------------------------------------------------------------------------
  // Derived sizes
  localparam integer DH = D / H;
  localparam integer RW = F_R + 2;  // table entry and RoPE output, ap_fixed<F_R+2, 2>
  localparam integer ROM_W = DH * RW;
  localparam integer Y_BITS = $clog2(T_MAX * DH + 1);
  localparam integer TW = (T_MAX > 1) ? $clog2(T_MAX) : 1;  // a step index
  localparam integer HW = (H > 1) ? $clog2(H) : 1;  // a head index
  localparam integer BW = (H * T_MAX > 1) ? $clog2(H * T_MAX) : 1;  // a (head, step) address
  localparam integer QK_W = 2 * DH * (M_QK + 1);
  localparam integer AY_W = DH * (M_ATT + 1 + Y_BITS);

  localparam integer H_LAST_I = H - 1;
  localparam integer T_MAX_LAST_I = T_MAX - 1;
  localparam [HW-1:0] H_LAST = H_LAST_I[HW-1:0];
  localparam [TW-1:0] T_MAX_LAST = T_MAX_LAST_I[TW-1:0];
  localparam [BW-1:0] T_STRIDE = T_MAX[BW-1:0];
  localparam [TW-1:0] H_LAST_T = H_LAST_I[TW-1:0];  // HEADS_PAR: H - 1 as a step (H <= T_MAX)

  generate
    if (D % H != 0 || DH % 2 != 0) begin : g_bad_heads
      spike_attention_error_d_must_be_h_times_an_even_head_width u_error ();
    end
    if (T_MAX < 2) begin : g_bad_t_max
      spike_attention_error_t_max_must_be_at_least_2 u_error ();
    end
    if (HEADS_PAR != 0 && H > T_MAX) begin : g_bad_heads_par
      spike_attention_error_heads_par_needs_h_at_most_t_max u_error ();
    end
    if (KEYS_PAR != 1 && (KEYS_PAR != 2 || HEADS_PAR == 0)) begin : g_bad_keys_par
      spike_attention_error_keys_par_must_be_1_or_2_with_heads_par u_error ();
    end
  endgenerate

  // ---------------------------------------------------------------------------------------------
  // Control state
  localparam [2:0] ST_LOAD = 3'd0;  // accept the utterance's rows
  localparam [2:0] ST_QK = 3'd1;  // issue the (h, t) positions of RoPE and the second LIF
  localparam [2:0] ST_DRAIN_QK = 3'd2;  // wait until the last second-LIF spikes are stored
  localparam [2:0] ST_ATT = 3'd3;  // issue the (i, h, j) score terms
  localparam [2:0] ST_DRAIN_ATT = 3'd4;  // wait until the last attention step left the pipeline

  reg [2:0] state_q, state_d;
  reg [TW-1:0] t_last_q, t_last_d;  // T - 1 of the current utterance
  reg official_q, official_d;
  reg [TW-1:0] ti_q, ti_d;  // load step / RoPE position t / query step i
  reg [HW-1:0] h_q, h_d;  // head
  reg [BW-1:0] hbase_q, hbase_d;  // h * T_MAX
  reg [TW-1:0] j_q, j_d;  // key step (KEYS_PAR = 2: key pair, keys 2*j and 2*j + 1)
  reg [HW-1:0] lane_grp_q, lane_grp_d;  // official layout: (h*T + t) mod H
  reg [TW-1:0] lane_step_q, lane_step_d;  // official layout: (h*T + t) div H
  // HEADS_PAR: the heads of a query's Y wait in ysnap for the attention LIF, one head per cycle
  reg dr_valid_q, dr_valid_d, dr_first_q, dr_first_d, dr_li_q, dr_li_d;
  reg [HW-1:0] dr_h_q, dr_h_d;

  // Pipeline registers: stage 1 and stage 2 control.
  reg v1_q, v1_d, att1_q, att1_d;
  reg [HW-1:0] h1_q, h1_d, grp1_q, grp1_d;
  reg [BW-1:0] addr1_q, addr1_d;
  reg first1_q, first1_d, fj1_q, fj1_d, lj1_q, lj1_d, lh1_q, lh1_d, li1_q, li1_d;
  reg key1_q, key1_d;  // HEADS_PAR: the (first) key of the cycle is one of the utterance (<= T - 1)
  reg keyb1_q, keyb1_d;  // KEYS_PAR = 2: the second key of the cycle, 2*j + 1, is one (<= T - 1)
  reg [TW-1:0] t1_q, t1_d, t2_q, t2_d;  // the step of a (h, t) position
  reg v2_q, v2_d, att2_q, att2_d;
  reg [HW-1:0] h2_q, h2_d, grp2_q, grp2_d;
  reg [BW-1:0] addr2_q, addr2_d;
  reg first2_q, first2_d, lh2_q, lh2_d, li2_q, li2_d;
  // Pipeline datapath registers (no reset).
  reg [2*DH*RW-1:0] rot2_q, rot2_d;  // {k, q} RoPE outputs of stage 2
  reg [DH*Y_BITS-1:0] acc_q, acc_d;  // Y being summed over j (stage 1)
  reg [D*Y_BITS-1:0] acc_all_q, acc_all_d;  // HEADS_PAR: Y of every head being summed over j
  reg [D*Y_BITS-1:0] ysnap_q, ysnap_d;  // HEADS_PAR: every head's finished Y of a query
  reg [DH*Y_BITS-1:0] y2_q, y2_d;  // finished Y of stage 2
  reg [D-1:0] att_row_q, att_row_d;  // attention spikes of the current step, filled head by head

  // Output registers.
  reg att_valid_q, att_valid_d, att_last_q, att_last_d;
  reg [D-1:0] att_data_q, att_data_d;
  reg qk_valid_q, qk_valid_d;
  reg [QK_W-1:0] qk_data_q, qk_data_d;
  reg ay_valid_q, ay_valid_d;
  reg [AY_W-1:0] ay_data_q, ay_data_d;

  // Every stage moves together, unless an output register holds a beat that is not taken.
  wire adv = (!att_valid_q || m_att_ready) && (!qk_valid_q || m_qk_ready) &&
      (!ay_valid_q || m_ay_ready);

  assign s_qkv_ready = (state_q == ST_LOAD);
  assign m_att_data = att_data_q;
  assign m_att_last = att_last_q;
  assign m_att_valid = att_valid_q;
  assign m_qk_data = qk_data_q;
  assign m_qk_valid = qk_valid_q;
  assign m_ay_data = ay_data_q;
  assign m_ay_valid = ay_valid_q;

  // ---------------------------------------------------------------------------------------------
  // Memories: the utterance's rows, the RoPE table, the second LIF's spikes, the membranes.
  reg [3*D-1:0] qkv_mem[0:T_MAX-1];
  reg [ROM_W-1:0] rope_mem[0:T_MAX-1];
  reg [DH*M_QK-1:0] memq_mem[0:H-1];
  reg [DH*M_QK-1:0] memk_mem[0:H-1];
  reg [DH*M_ATT-1:0] mema_mem[0:H-1];

  initial $readmemh(ROPE_INIT, rope_mem);

  reg [3*D-1:0] qkv_rd_q;
  reg [ROM_W-1:0] rope_rd_q;

  wire load_beat = s_qkv_valid && (state_q == ST_LOAD);
  wire issue_qk = (state_q == ST_QK);
  wire issue_att = (state_q == ST_ATT);
  // HEADS_PAR: the last key index of a query, max(T, H) - 1; KEYS_PAR = 2: the last key pair,
  // max(ceil(T/2), H) - 1
  wire [TW-1:0] j_top = (KEYS_PAR == 2) ? (t_last_q >> 1) : t_last_q;
  wire [TW-1:0] j_last = (j_top < H_LAST_T) ? H_LAST_T : j_top;
  // the keys of the cycle: j, or 2*j and 2*j + 1 (one bit wider: past T_MAX - 1 the address wraps,
  // and the key flags, formed from the full index, make such a key add nothing)
  wire [TW:0] key_a_full = (KEYS_PAR == 2) ? {j_q, 1'b0} : {1'b0, j_q};
  wire [TW:0] key_b_full = {j_q, 1'b1};
  wire [TW-1:0] key_a = key_a_full[TW-1:0];
  wire [TW-1:0] key_b = key_b_full[TW-1:0];
  wire [TW-1:0] row_addr = issue_att ? key_a : ti_q;
  // Step counters widened to (head, step) addresses.
  wire [BW-1:0] ti_wide, j_wide;
  generate
    if (BW > TW) begin : g_wide
      assign ti_wide = {{(BW - TW) {1'b0}}, ti_q};
      assign j_wide  = {{(BW - TW) {1'b0}}, j_q};
    end else begin : g_same
      assign ti_wide = ti_q;
      assign j_wide  = j_q;
    end
  endgenerate

  always @(posedge clk) begin
    if (load_beat) qkv_mem[ti_q] <= s_qkv_data;
    if (adv) begin
      qkv_rd_q  <= qkv_mem[row_addr];
      rope_rd_q <= rope_mem[ti_q];
    end
  end

  // KEYS_PAR = 2: a copy of the v rows, read at the cycle's second key.
  wire [D-1:0] vb_row;
  generate
    if (KEYS_PAR == 2) begin : g_v_second
      reg [D-1:0] vb_mem[0:T_MAX-1];
      reg [D-1:0] vb_rd_q;
      always @(posedge clk) begin
        if (load_beat) vb_mem[ti_q] <= s_qkv_data[2*D+:D];
        if (adv) vb_rd_q <= vb_mem[key_b];
      end
      assign vb_row = vb_rd_q;
    end else begin : g_v_one
      assign vb_row = {D{1'b0}};
      wire [TW-1:0] key_b_unused = key_b;  // the second key's address
      wire [D-1:0] vb_row_unused = vb_row;  // read only by the second key's sums
    end
  endgenerate

  // ---------------------------------------------------------------------------------------------
  // Stage 1: RoPE of head h1's slices of the q and k rows.
  wire [D-1:0] q_row = qkv_rd_q[0+:D];
  wire [D-1:0] k_row = qkv_rd_q[D+:D];
  wire [D-1:0] v_row = qkv_rd_q[2*D+:D];
  wire [DH-1:0] q_head = q_row[h1_q*DH+:DH];
  wire [DH-1:0] k_head = k_row[h1_q*DH+:DH];
  wire [DH*RW-1:0] rot_q, rot_k;

  rope_rotate #(
      .PAIRS(DH / 2),
      .RW   (RW)
  ) u_rope_q (
      .x (q_head),
      .cs(rope_rd_q),
      .r (rot_q)
  );

  rope_rotate #(
      .PAIRS(DH / 2),
      .RW   (RW)
  ) u_rope_k (
      .x (k_head),
      .cs(rope_rd_q),
      .r (rot_k)
  );

  // ---------------------------------------------------------------------------------------------
  // Stage 2: the LIFs.
  wire [DH*M_QK-1:0] memq_rd = memq_mem[grp2_q];
  wire [DH*M_QK-1:0] memk_rd = memk_mem[grp2_q];
  wire [DH*M_ATT-1:0] mema_rd = mema_mem[h2_q];
  wire [DH*M_QK-1:0] memq_new, memk_new;
  wire [DH*M_ATT-1:0] mema_new;
  wire [DH-1:0] spk_q, spk_k, spk_a;
  // the finished row when the last head's spikes arrive: that head's slice is the top one (lh2_q
  // holds only when h2_q = H_LAST), so the row needs no decoding of h2_q on this path
  wire [D-1:0] att_row_last;
  generate
    if (H > 1) begin : g_row_last
      assign att_row_last = {spk_a, att_row_q[D-DH-1:0]};
    end else begin : g_row_one
      assign att_row_last = spk_a;
    end
  endgenerate
  wire [DH*(Y_BITS+1)-1:0] y_signed;

  genvar gi;
  generate
    for (gi = 0; gi < DH; gi = gi + 1) begin : g_y
      assign y_signed[gi*(Y_BITS+1)+:(Y_BITS+1)] = {1'b0, y2_q[gi*Y_BITS+:Y_BITS]};
    end
  endgenerate

  spike_attention_lif #(
      .LANES      (DH),
      .XW         (RW),
      .G          (G),
      .M          (M_QK),
      .THETA_SHIFT(F_R + G)
  ) u_lif_q (
      .v_in (memq_rd),
      .clear(first2_q),
      .x    (rot2_q[0+:DH*RW]),
      .v_out(memq_new),
      .spike(spk_q)
  );

  spike_attention_lif #(
      .LANES      (DH),
      .XW         (RW),
      .G          (G),
      .M          (M_QK),
      .THETA_SHIFT(F_R + G)
  ) u_lif_k (
      .v_in (memk_rd),
      .clear(first2_q),
      .x    (rot2_q[DH*RW+:DH*RW]),
      .v_out(memk_new),
      .spike(spk_k)
  );

  spike_attention_lif #(
      .LANES      (DH),
      .XW         (Y_BITS + 1),
      .G          (G),
      .M          (M_ATT),
      .THETA_SHIFT(G + 2)
  ) u_lif_att (
      .v_in (mema_rd),
      .clear(first2_q),
      .x    (y_signed),
      .v_out(mema_new),
      .spike(spk_a)
  );

  wire write_qk = adv && v2_q && !att2_q;
  wire write_att = adv && v2_q && att2_q;

  always @(posedge clk) begin
    if (write_qk) begin
      memq_mem[grp2_q] <= memq_new;
      memk_mem[grp2_q] <= memk_new;
    end
    if (write_att) mema_mem[h2_q] <= mema_new;
  end

  // ---------------------------------------------------------------------------------------------
  // The second LIF's spikes and the scores. Serial heads: one (h, t) word per position, and per
  // cycle the score A[h,i,j] = popcount(Q[h,i,:] AND K[h,j,:]) of one head added to Y[h,i,:].
  // HEADS_PAR: one memory per head, and per cycle the scores of key j for every head at once.
  wire [DH*Y_BITS-1:0] acc_next;
  wire [D*Y_BITS-1:0] acc_all_next;
  genvar hi;
  generate
    if (HEADS_PAR == 0) begin : g_serial_heads
      reg [DH-1:0] q2_mem[0:H*T_MAX-1];
      reg [DH-1:0] k2_mem[0:H*T_MAX-1];
      reg [DH-1:0] q2_rd_q, k2_rd_q;
      always @(posedge clk) begin
        if (write_qk) begin
          q2_mem[addr2_q] <= spk_q;
          k2_mem[addr2_q] <= spk_k;
        end
        if (adv) begin
          q2_rd_q <= q2_mem[hbase_q+ti_wide];
          k2_rd_q <= k2_mem[hbase_q+j_wide];
        end
      end

      reg [Y_BITS-1:0] score;
      integer b;
      always @* begin
        score = {Y_BITS{1'b0}};
        for (b = 0; b < DH; b = b + 1) begin
          score = score + {{(Y_BITS - 1) {1'b0}}, q2_rd_q[b] & k2_rd_q[b]};
        end
      end

      wire [DH-1:0] v_head = v_row[h1_q*DH+:DH];
      reg [DH*Y_BITS-1:0] sum;
      integer e;
      always @* begin
        for (e = 0; e < DH; e = e + 1) begin
          sum[e*Y_BITS+:Y_BITS] = (fj1_q ? {Y_BITS{1'b0}} : acc_q[e*Y_BITS+:Y_BITS]) +
              (v_head[e] ? score : {Y_BITS{1'b0}});
        end
      end
      assign acc_next = sum;
      assign acc_all_next = {(D * Y_BITS) {1'b0}};
    end else begin : g_parallel_heads
      for (hi = 0; hi < H; hi = hi + 1) begin : g_head
        reg [DH-1:0] q2_mem[0:T_MAX-1];
        reg [DH-1:0] k2_mem[0:T_MAX-1];
        reg [DH-1:0] q2_rd_q, k2_rd_q;
        always @(posedge clk) begin
          if (write_qk && h2_q == hi) begin
            q2_mem[t2_q] <= spk_q;
            k2_mem[t2_q] <= spk_k;
          end
          if (adv) begin
            q2_rd_q <= q2_mem[ti_q];
            k2_rd_q <= k2_mem[key_a];
          end
        end

        reg [Y_BITS-1:0] score;
        integer b;
        always @* begin
          score = {Y_BITS{1'b0}};
          for (b = 0; b < DH; b = b + 1) begin
            score = score + {{(Y_BITS - 1) {1'b0}}, q2_rd_q[b] & k2_rd_q[b]};
          end
        end

        reg [DH*Y_BITS-1:0] sum;
        integer e;
        if (KEYS_PAR == 2) begin : g_two_keys
          // the second key: its K word, score A[h,i,2j+1], and the sum of both scores, so that
          // each lane adds one of 0, A_a, A_b, A_a + A_b (its two v bits select) to its Y
          reg [DH-1:0] kb_rd_q;
          always @(posedge clk) begin
            if (adv) kb_rd_q <= k2_mem[key_b];
          end

          reg [Y_BITS-1:0] score_b;
          integer bb;
          always @* begin
            score_b = {Y_BITS{1'b0}};
            for (bb = 0; bb < DH; bb = bb + 1) begin
              score_b = score_b + {{(Y_BITS - 1) {1'b0}}, q2_rd_q[bb] & kb_rd_q[bb]};
            end
          end
          wire [Y_BITS-1:0] score_ab = score + score_b;

          reg sel_a, sel_b;
          reg [Y_BITS-1:0] term;
          always @* begin
            sel_a = 1'b0;
            sel_b = 1'b0;
            term  = {Y_BITS{1'b0}};
            for (e = 0; e < DH; e = e + 1) begin
              sel_a = key1_q && v_row[hi*DH+e];
              sel_b = keyb1_q && vb_row[hi*DH+e];
              term  = sel_a ? (sel_b ? score_ab : score) : (sel_b ? score_b : {Y_BITS{1'b0}});
              sum[e*Y_BITS+:Y_BITS] =
                  (fj1_q ? {Y_BITS{1'b0}} : acc_all_q[(hi*DH+e)*Y_BITS+:Y_BITS]) + term;
            end
          end
        end else begin : g_one_key
          always @* begin
            for (e = 0; e < DH; e = e + 1) begin
              sum[e*Y_BITS+:Y_BITS] =
                  (fj1_q ? {Y_BITS{1'b0}} : acc_all_q[(hi*DH+e)*Y_BITS+:Y_BITS]) +
                  ((key1_q && v_row[hi*DH+e]) ? score : {Y_BITS{1'b0}});
            end
          end
        end
        assign acc_all_next[hi*DH*Y_BITS+:DH*Y_BITS] = sum;
      end
      assign acc_next = {(DH * Y_BITS) {1'b0}};
      wire [BW-1:0] j_wide_unused = j_wide;  // the serial heads' key address
    end
  endgenerate

  // ---------------------------------------------------------------------------------------------
  // Next state.
  integer hs;
  always @* begin
    hs = 0;
    state_d = state_q;
    t_last_d = t_last_q;
    official_d = official_q;
    ti_d = ti_q;
    h_d = h_q;
    hbase_d = hbase_q;
    j_d = j_q;
    lane_grp_d = lane_grp_q;
    lane_step_d = lane_step_q;
    dr_valid_d = dr_valid_q;
    dr_first_d = dr_first_q;
    dr_li_d = dr_li_q;
    dr_h_d = dr_h_q;
    key1_d = key1_q;
    keyb1_d = keyb1_q;
    t1_d = t1_q;
    t2_d = t2_q;
    acc_all_d = acc_all_q;
    ysnap_d = ysnap_q;
    v1_d = v1_q;
    att1_d = att1_q;
    h1_d = h1_q;
    grp1_d = grp1_q;
    addr1_d = addr1_q;
    first1_d = first1_q;
    fj1_d = fj1_q;
    lj1_d = lj1_q;
    lh1_d = lh1_q;
    li1_d = li1_q;
    v2_d = v2_q;
    att2_d = att2_q;
    h2_d = h2_q;
    grp2_d = grp2_q;
    addr2_d = addr2_q;
    first2_d = first2_q;
    lh2_d = lh2_q;
    li2_d = li2_q;
    rot2_d = rot2_q;
    acc_d = acc_q;
    y2_d = y2_q;
    att_row_d = att_row_q;
    // An output beat that is taken leaves its register; adv may refill it below.
    att_valid_d = att_valid_q && !m_att_ready;
    att_last_d = att_last_q;
    att_data_d = att_data_q;
    qk_valid_d = qk_valid_q && !m_qk_ready;
    qk_data_d = qk_data_q;
    ay_valid_d = ay_valid_q && !m_ay_ready;
    ay_data_d = ay_data_q;

    // Loading: one row per beat.
    if (load_beat) begin
      official_d = official;
      if (s_qkv_last || ti_q == T_MAX_LAST) begin
        t_last_d = ti_q;
        state_d = ST_QK;
        ti_d = {TW{1'b0}};
        h_d = {HW{1'b0}};
        hbase_d = {BW{1'b0}};
        lane_grp_d = {HW{1'b0}};
        lane_step_d = {TW{1'b0}};
      end else begin
        ti_d = ti_q + 1'b1;
      end
    end

    if (adv) begin
      // Stage 0 -> 1: issue the position (h, t) or the score term (i, h, j).
      v1_d = issue_qk || issue_att;
      att1_d = issue_att;
      h1_d = h_q;
      grp1_d = official_q ? lane_grp_q : h_q;
      addr1_d = hbase_q + ti_wide;
      first1_d = issue_att ? (ti_q == {TW{1'b0}}) :
          (official_q ? (lane_step_q == {TW{1'b0}}) : (ti_q == {TW{1'b0}}));
      fj1_d = (j_q == {TW{1'b0}});
      lj1_d = (HEADS_PAR != 0) ? (j_q == j_last) : (j_q == t_last_q);
      key1_d = (key_a_full <= {1'b0, t_last_q});
      keyb1_d = (KEYS_PAR == 2) && (key_b_full <= {1'b0, t_last_q});
      t1_d = ti_q;
      lh1_d = (h_q == H_LAST);
      li1_d = (ti_q == t_last_q);
      if (issue_qk) begin
        if (lane_grp_q == H_LAST) begin
          lane_grp_d  = {HW{1'b0}};
          lane_step_d = lane_step_q + 1'b1;
        end else begin
          lane_grp_d = lane_grp_q + 1'b1;
        end
        if (ti_q == t_last_q) begin
          ti_d = {TW{1'b0}};
          h_d = h_q + 1'b1;
          hbase_d = hbase_q + T_STRIDE;
          if (h_q == H_LAST) begin
            state_d = ST_DRAIN_QK;
            h_d = {HW{1'b0}};
            hbase_d = {BW{1'b0}};
          end
        end else begin
          ti_d = ti_q + 1'b1;
        end
      end
      if (issue_att && HEADS_PAR != 0) begin
        // one key j (KEYS_PAR = 2: two keys 2j, 2j + 1) of query i for every head per cycle; j
        // runs to max(T, H) - 1 (max(ceil(T/2), H) - 1) so that the attention LIF has drained the
        // previous query's heads
        if (j_q == j_last) begin
          j_d = {TW{1'b0}};
          if (ti_q == t_last_q) begin
            state_d = ST_DRAIN_ATT;
            ti_d = {TW{1'b0}};
          end else begin
            ti_d = ti_q + 1'b1;
          end
        end else begin
          j_d = j_q + 1'b1;
        end
      end
      if (issue_att && HEADS_PAR == 0) begin
        if (j_q == t_last_q) begin
          j_d = {TW{1'b0}};
          if (h_q == H_LAST) begin
            h_d = {HW{1'b0}};
            hbase_d = {BW{1'b0}};
            if (ti_q == t_last_q) begin
              state_d = ST_DRAIN_ATT;
              ti_d = {TW{1'b0}};
            end else begin
              ti_d = ti_q + 1'b1;
            end
          end else begin
            h_d = h_q + 1'b1;
            hbase_d = hbase_q + T_STRIDE;
          end
        end else begin
          j_d = j_q + 1'b1;
        end
      end

      // Stage 1 -> 2.
      t2_d = t1_q;
      v2_d = v1_q && (!att1_q || lj1_q);
      att2_d = att1_q;
      h2_d = h1_q;
      grp2_d = grp1_q;
      addr2_d = addr1_q;
      first2_d = first1_q;
      lh2_d = lh1_q;
      li2_d = li1_q;
      if (v1_q && !att1_q) rot2_d = {rot_k, rot_q};
      if (v1_q && att1_q && HEADS_PAR == 0) begin
        acc_d = acc_next;
        y2_d  = acc_next;
      end
      if (HEADS_PAR != 0 && (att1_q || dr_valid_q)) begin
        // the attention LIF takes the heads of the snapshot one per cycle
        v2_d = dr_valid_q;
        att2_d = 1'b1;
        h2_d = dr_h_q;
        first2_d = dr_first_q;
        lh2_d = (dr_h_q == H_LAST);
        li2_d = dr_li_q;
        y2_d = ysnap_q[dr_h_q*DH*Y_BITS+:DH*Y_BITS];
        if (dr_valid_q) begin
          if (dr_h_q == H_LAST) dr_valid_d = 1'b0;
          else dr_h_d = dr_h_q + 1'b1;
        end
        if (v1_q) begin
          acc_all_d = acc_all_next;
          if (lj1_q) begin
            ysnap_d = acc_all_next;
            dr_valid_d = 1'b1;
            dr_h_d = {HW{1'b0}};
            dr_first_d = first1_q;
            dr_li_d = li1_q;
          end
        end
      end

      // Stage 2 -> outputs.
      if (v2_q && !att2_q && TRACE != 0) begin
        qk_valid_d = 1'b1;
        qk_data_d  = {memk_new, memq_new, spk_k, spk_q};
      end
      if (v2_q && att2_q) begin
        // one comparator per slice (a shifted part-select would be a barrel shifter)
        for (hs = 0; hs < H; hs = hs + 1) begin
          if (h2_q == hs[HW-1:0]) att_row_d[hs*DH+:DH] = spk_a;
        end
        if (TRACE != 0) begin
          ay_valid_d = 1'b1;
          ay_data_d  = {mema_new, spk_a, y2_q};
        end
        if (lh2_q) begin
          att_valid_d = 1'b1;
          att_last_d  = li2_q;
          att_data_d  = att_row_last;
        end
      end
    end

    // Phase changes once the pipeline is empty.
    if (state_q == ST_DRAIN_QK && !v1_q && !v2_q) begin
      state_d = ST_ATT;
      ti_d = {TW{1'b0}};
      h_d = {HW{1'b0}};
      hbase_d = {BW{1'b0}};
      j_d = {TW{1'b0}};
    end
    if (state_q == ST_DRAIN_ATT && !v1_q && !v2_q && !dr_valid_q) begin
      state_d = ST_LOAD;
      ti_d = {TW{1'b0}};
    end
  end

  always @(posedge clk) begin
    if (rst) begin
      state_q <= ST_LOAD;
      t_last_q <= {TW{1'b0}};
      official_q <= 1'b0;
      ti_q <= {TW{1'b0}};
      h_q <= {HW{1'b0}};
      hbase_q <= {BW{1'b0}};
      j_q <= {TW{1'b0}};
      lane_grp_q <= {HW{1'b0}};
      lane_step_q <= {TW{1'b0}};
      v1_q <= 1'b0;
      v2_q <= 1'b0;
      dr_valid_q <= 1'b0;
      att_valid_q <= 1'b0;
      qk_valid_q <= 1'b0;
      ay_valid_q <= 1'b0;
      att_row_q <= {D{1'b0}};
    end else begin
      state_q <= state_d;
      t_last_q <= t_last_d;
      official_q <= official_d;
      ti_q <= ti_d;
      h_q <= h_d;
      hbase_q <= hbase_d;
      j_q <= j_d;
      lane_grp_q <= lane_grp_d;
      lane_step_q <= lane_step_d;
      v1_q <= v1_d;
      v2_q <= v2_d;
      dr_valid_q <= dr_valid_d;
      att_valid_q <= att_valid_d;
      qk_valid_q <= qk_valid_d;
      ay_valid_q <= ay_valid_d;
      att_row_q <= att_row_d;
    end
    att1_q <= att1_d;
    dr_first_q <= dr_first_d;
    dr_li_q <= dr_li_d;
    dr_h_q <= dr_h_d;
    key1_q <= key1_d;
    keyb1_q <= keyb1_d;
    t1_q <= t1_d;
    t2_q <= t2_d;
    acc_all_q <= acc_all_d;
    ysnap_q <= ysnap_d;
    h1_q <= h1_d;
    grp1_q <= grp1_d;
    addr1_q <= addr1_d;
    first1_q <= first1_d;
    fj1_q <= fj1_d;
    lj1_q <= lj1_d;
    lh1_q <= lh1_d;
    li1_q <= li1_d;
    att2_q <= att2_d;
    h2_q <= h2_d;
    grp2_q <= grp2_d;
    addr2_q <= addr2_d;
    first2_q <= first2_d;
    lh2_q <= lh2_d;
    li2_q <= li2_d;
    rot2_q <= rot2_d;
    acc_q <= acc_d;
    y2_q <= y2_d;
    att_last_q <= att_last_d;
    att_data_q <= att_data_d;
    qk_data_q <= qk_data_d;
    ay_data_q <= ay_data_d;
  end

endmodule

`resetall
