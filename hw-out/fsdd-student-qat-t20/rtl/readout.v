// readout: the fixed-point readout of docs/fixed-point.md section 8 (FixedReadout): per time step a
// softmax of the integer logits through an exp table and an integer division, summed over the steps
// of an utterance; after the last step the time-summed scores and their argmax.
//
// Parameters (formats in the contract's notation):
//   CLASSES        classes k (>= 2); the logits of one step arrive as CLASSES beats, k = 0 first
//                  (PAR_DIV = 2: as one beat)
//   Z_W            logit width, z[t,k] is ap_int<Z_W>
//   EXP_LEN        L, entries of the exp table (>= 2)
//   E_F            table fraction bits; E[i] is ap_ufixed<E_F+1,1>, E[0] = 2^E_F
//   P_F            probability fraction bits; p_k is ap_uint<P_F+1>, 0 .. 2^P_F
//   R              index shift r: i_k = asr(d_k + h, r), h = 2^(r-1) (0 when r = 0)
//   T_MAX          most steps of an utterance; score_k is ap_uint<P_F+1+ceil(log2 T_MAX)>
//   PAR_DIV        0: one divider for the classes in turn; 1: one divider per class, all stepping
//                  in the same P_F + 1 cycles (the same quotients); 2: one beat of every class's
//                  logits a step, a front end (max tree, CLASSES copies of the table, sum tree) and
//                  one divider per class, the division of a step overlapping the next step's front
//                  end
//   EXP_INIT_FILE  $readmemh image of the table E, EXP_LEN lines of E_F+1 bits
//
// Per step: zmax = max_k z; d_k = zmax - z_k (ap_uint<Z_W>); i_k as above; e_k = E[i_k] if i_k < L,
// else 0 (ap_uint<E_F+1>); S = sum_k e_k (ap_uint<E_F+1+ceil(log2 CLASSES)>); p_k = floor(e_k 2^P_F / S)
// by a bit-serial restoring divider (dividend e_k 2^P_F of E_F+1+P_F bits, one quotient bit a
// cycle); score_k += p_k. The class is the lowest k with the largest score_k. All exact, unsigned
// after d_k.
//
// Streams (AXI-Stream style): a beat moves when valid and ready are both high; valid never depends
// combinationally on ready; once valid is raised, valid and data hold until accepted. Every output
// comes from a register.
//   s_logit: z[t,k], CLASSES beats a step (Z_W bits); s_logit_last, read on the beat of class
//            CLASSES-1, marks the last step of the utterance. PAR_DIV = 2: one beat a step of
//            CLASSES*Z_W bits, z[t,k] in bits [k*Z_W +: Z_W], s_logit_last on it.
//   m_score: after the last step, CLASSES beats score_0 .. score_{CLASSES-1}; m_score_last on the
//            last; m_score_class, the predicted class, holds the same value on every beat. The
//            scores restart from zero for the next utterance.
//
// Schedule (cycles, no stalls): CLASSES after reset to clear the scores; per step CLASSES to take the
// logits, CLASSES + 1 for the table look-ups, CLASSES * (P_F + 1) for the divisions (PAR_DIV:
// P_F + 1); per utterance CLASSES for the argmax and CLASSES + 1 for the scores. s_logit_ready is low outside the first
// phase, so steps are taken one at a time (initiation interval one step's schedule).
//
// PAR_DIV = 2 (cycles, no stalls): the front end takes a step's beat (cycle b), computes the lower
// levels of the max tree (b+1), the upper ones (b+2), every class's index and table address (b+3,
// the CLASSES table copies read together), and e_k and the sum tree S (b+4), which it hands to the
// dividers in b+4 if they have started the previous step (else it waits there); s_logit_ready rises
// again at b+5. The dividers start a step (compare e_k with S) the cycle after it is handed over,
// or when they finish the previous one, and take P_F further cycles, the last one adding every
// p_k to its score. Per step: max(P_F + 1, 5) cycles (17 at the defaults). With step t taken at
// b_t, handed over at f_t and started at d_t: b_t = max(logits valid, f_(t-1) + 1), f_t = max(b_t +
// 4, d_(t-1)), d_t = max(f_t + 1, d_(t-1) + P_F + 1); after the last step the argmax starts at
// d_(T-1) + P_F + 1. While the scores of an utterance leave, the front end already takes the next
// utterance's first step. Logic between registers: half the levels of the max tree (two of four
// for ten classes), the subtractor and the index adder of a class, the sum tree (four adders deep
// for ten classes), one divider step and the score adder.
//
//              ___     ___     ___         ___     ___     ___
// clk        _|   |___|   |___|   |_ ... _|   |___|   |___|   |_
// s_logit_v  _/‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾\________________________________
// s_logit_d  =X_z0____X_z1____X_________________________________
// s_logit_r  ‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾\_____ ... ______________________
// m_score_v  ________________________ ... __/‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾\___
// m_score_d  ________________________ ... __X_s0____X_s1____X___
// m_score_l  ________________________ ... __________/‾‾‾‾‾‾‾\___
`resetall
`timescale 1ns / 1ps
`default_nettype none

module readout #(
    parameter integer CLASSES = 10,
    parameter integer Z_W = 16,
    parameter integer EXP_LEN = 256,
    parameter integer E_F = 15,
    parameter integer P_F = 16,
    parameter integer R = 1,
    parameter integer T_MAX = 200,
    parameter integer PAR_DIV = 0,
    parameter EXP_INIT_FILE = "exp.hex"
) (
    input  wire                                        clk,
    input  wire                                        rst,
    input  wire [((PAR_DIV == 2) ? CLASSES * Z_W : Z_W)-1:0] s_logit_data,
    input  wire                                        s_logit_last,
    input  wire                                        s_logit_valid,
    output wire                                        s_logit_ready,
    output wire                      [P_F+$clog2(T_MAX):0] m_score_data,
    output wire                      [$clog2(CLASSES)-1:0] m_score_class,
    output wire                                        m_score_last,
    output wire                                        m_score_valid,
    input  wire                                        m_score_ready
);

  localparam integer KW = $clog2(CLASSES);  // class index
  localparam integer E_W = E_F + 1;  // e_k
  localparam integer S_W = E_F + 1 + $clog2(CLASSES);  // S
  localparam integer P_W = P_F + 1;  // p_k
  localparam integer SC_W = P_F + 1 + $clog2(T_MAX);  // score_k
  localparam integer AW = $clog2(EXP_LEN);  // table address
  localparam integer IW = ((Z_W + 1 > AW + 1) ? Z_W + 1 : AW + 1);  // d_k + h and i_k
  localparam integer BW = $clog2(P_F + 1);  // divider step counter
  localparam integer LAST_K_I = CLASSES - 1;
  localparam [KW-1:0] LAST_K = LAST_K_I[KW-1:0];
  localparam [BW-1:0] LAST_BIT = P_F[BW-1:0];
  localparam [IW-1:0] ONE_I = 1;
  localparam [IW-1:0] HALF = (R == 0) ? {IW{1'b0}} : ONE_I << (R - 1);
  localparam [IW-1:0] TABLE_LEN = EXP_LEN[IW-1:0];
  // PAR_DIV = 2: the max and sum trees, padded to NP leaves; the max tree is registered after its
  // lower levels (nodes MID .. 2*MID-1 of the heap, node 1 the root, node i = op(2i, 2i+1)).
  localparam integer NP = 1 << KW;
  localparam integer MID = 1 << ($clog2(NP) / 2);
  localparam [2:0] F_IN = 3'd0;  // wait for a step's logits
  localparam [2:0] F_LOW = 3'd1;  // lower levels of the max tree
  localparam [2:0] F_HIGH = 3'd2;  // upper levels: zmax
  localparam [2:0] F_INDEX = 3'd3;  // every class's table address at once
  localparam [2:0] F_SUM = 3'd4;  // the table words: e_k and S, handed to the dividers

  localparam [2:0] S_CLEAR = 3'd0;  // write zero to every score
  localparam [2:0] S_IN = 3'd1;  // take the logits of one step, track zmax
  localparam [2:0] S_EXP = 3'd2;  // table look-ups, S
  localparam [2:0] S_DIV = 3'd3;  // p_k and score_k += p_k, one class after the other (PAR_DIV:
                                  // every class at once)
  localparam [2:0] S_ARG = 3'd4;  // argmax over the scores
  localparam [2:0] S_OUT = 3'd5;  // emit the scores, clearing them
  localparam [2:0] S_RUN = 3'd6;  // PAR_DIV = 2: steps flow through the front end and the dividers

  initial begin
    if (CLASSES < 2) $error("readout: CLASSES must be at least 2 %m");
    if (EXP_LEN < 2) $error("readout: EXP_LEN must be at least 2 %m");
    if (P_F < 1 || E_F < 1) $error("readout: E_F and P_F must be at least 1 %m");
    if (PAR_DIV < 0 || PAR_DIV > 2) $error("readout: PAR_DIV must be 0, 1 or 2 %m");
  end

  // Per-class memories: the step's logits and table values, and the running scores.
  reg [Z_W-1:0] z_mem[0:CLASSES-1];
  reg [E_W-1:0] e_mem[0:CLASSES-1];
  reg [SC_W-1:0] score_mem[0:CLASSES-1];

  reg [2:0] state_q, state_d;
  reg [KW-1:0] k_q, k_d;  // the class of the current phase
  reg in_ready_q, in_ready_d;
  reg last_step_q, last_step_d;
  reg signed [Z_W-1:0] zmax_q, zmax_d;
  reg issue_q, issue_d;  // table addresses still to issue
  reg pend_q, pend_d;  // a table word arrives this cycle
  reg [KW-1:0] pend_k_q, pend_k_d;
  reg beyond_q, beyond_d;  // its index was beyond the table
  reg [S_W-1:0] sum_q, sum_d;
  reg [BW-1:0] bit_q, bit_d;
  reg [S_W:0] rem_q, rem_d;
  reg [P_W-1:0] quo_q, quo_d;
  reg [SC_W-1:0] best_q, best_d;
  reg [KW-1:0] class_q, class_d;
  reg [SC_W-1:0] out_data_q, out_data_d;
  reg out_last_q, out_last_d;
  reg out_valid_q, out_valid_d;
  reg out_done_q, out_done_d;

  // Memory write ports and the table read port.
  reg z_we, e_we, sc_we;
  reg [E_W-1:0] e_wdata;
  reg [SC_W-1:0] sc_wdata;
  reg rom_en;
  wire [E_W-1:0] rom_data;

  // The table index of a logit z: d = zmax - z lies in 0 .. 2^Z_W - 1, so the difference modulo
  // 2^Z_W is exact; i = (d + h) >> r.
  function [IW-1:0] table_index;
    input [Z_W-1:0] zmax;
    input [Z_W-1:0] z;
    reg [Z_W-1:0] d;
    begin
      d = zmax - z;
      table_index = ({{(IW - Z_W) {1'b0}}, d} + HALF) >> R;
    end
  endfunction

  // One step of a restoring divider: {quotient bit, the remainder after the step} of trial / div.
  function [S_W+1:0] divide_step;
    input [S_W:0] trial;
    input [S_W:0] div;
    reg q;
    begin
      q = trial >= div;
      divide_step = {q, q ? trial - div : trial};
    end
  endfunction

  wire [Z_W-1:0] s_z0 = s_logit_data[Z_W-1:0];  // the logit of PAR_DIV 0 and 1
  wire signed [Z_W-1:0] z_rd = z_mem[k_q];
  wire [E_W-1:0] e_rd = e_mem[k_q];
  wire [SC_W-1:0] score_rd = score_mem[k_q];

  // Index of class k_q.
  wire [IW-1:0] index = table_index(zmax_q, z_rd);
  reg [CLASSES*AW-1:0] w_addr;  // PAR_DIV = 2: every class's table address
  wire [AW-1:0] rom_addr = (PAR_DIV == 2) ? w_addr[AW-1:0] : index[AW-1:0];

  // Divider step: the first compares e with S, each further one doubles the remainder.
  wire [S_W:0] e_ext = {{(S_W + 1 - E_W) {1'b0}}, e_rd};
  wire [S_W:0] sum_ext = {1'b0, sum_q};
  wire [S_W:0] trial = (bit_q == {BW{1'b0}}) ? e_ext : {rem_q[S_W-1:0], 1'b0};
  wire [S_W+1:0] serial_step = divide_step(trial, sum_ext);
  wire q_bit = serial_step[S_W+1];
  wire [P_W-1:0] quo_next = {quo_q[P_W-2:0], q_bit};

  // PAR_DIV: one divider per class, all stepping together.
  reg [CLASSES*(S_W+1)-1:0] rem_all_q, rem_all_d;
  reg [CLASSES*P_W-1:0] quo_all_q, quo_all_d;
  reg [CLASSES*P_W-1:0] quo_all_next;
  reg sc_all_we;
  integer cw;
  reg [S_W:0] trial_c, e_ext_c;
  reg [S_W-1:0] rem_c;  // the remainder's low bits, doubled by the next step
  reg q_bit_c;
  integer c;
  always @* begin
    for (c = 0; c < CLASSES; c = c + 1) begin
      e_ext_c = {{(S_W + 1 - E_W) {1'b0}}, e_mem[c]};
      rem_c = rem_all_q[c*(S_W+1)+:S_W];
      trial_c = (bit_q == {BW{1'b0}}) ? e_ext_c : {rem_c, 1'b0};
      {q_bit_c, rem_all_d[c*(S_W+1)+:(S_W+1)]} = divide_step(trial_c, sum_ext);
      quo_all_next[c*P_W+:P_W] = {quo_all_q[c*P_W+:P_W-1], q_bit_c};
    end
    quo_all_d = quo_all_next;
  end

  // PAR_DIV = 2: a front end takes one step at a time (its logits in one beat, zmax, every class's
  // table word, S) and hands it to one divider per class; the division of a step overlaps the
  // front end of the next.
  reg [2:0] f_q, f_d;  // the front end's phase
  reg [CLASSES*Z_W-1:0] wz_q, wz_d;  // the step's logits
  reg wlast_q, wlast_d;
  reg [MID*Z_W-1:0] wmid_q, wmid_d;  // the max tree's registered level
  reg signed [Z_W-1:0] wzmax_q, wzmax_d;
  reg [CLASSES-1:0] wbeyond_q, wbeyond_d;  // the class's index was beyond the table
  reg [CLASSES*E_W-1:0] we_q, we_d;  // e_k of the step handed to the dividers
  reg [S_W-1:0] ws_q, ws_d;  // its S
  reg ev_q, ev_d;  // we_q and ws_q hold a step the dividers have not started
  reg elast_q, elast_d;
  reg dact_q, dact_d;  // the dividers are busy
  reg [BW-1:0] dbit_q, dbit_d;  // their next step (1 .. P_F; step 0 starts them)
  reg [S_W-1:0] dsum_q, dsum_d;
  reg dlast_q, dlast_d;
  reg [CLASSES*S_W-1:0] wrem_q, wrem_d;
  reg [CLASSES*P_W-1:0] wquo_q, wquo_d;
  reg w_start;  // the dividers start the step in we_q
  reg w_sc_we;  // every score += its quotient
  wire [CLASSES*E_W-1:0] w_rom_data;
  wire [CLASSES*Z_W-1:0] s_zall;  // the input beat (PAR_DIV = 2)
  reg [2*NP*Z_W-1:0] w_mx;  // heap of the max tree
  reg [2*NP*S_W-1:0] w_sm;  // heap of the sum tree
  reg signed [Z_W-1:0] w_ma, w_mb;
  reg [IW-1:0] w_index;
  reg [E_W-1:0] w_e;
  reg [S_W:0] w_trial, w_div;
  reg w_rem_top_unused;  // the remainder is below S
  reg w_qb;
  integer j;

  assign s_logit_ready = in_ready_q;
  assign m_score_data  = out_data_q;
  assign m_score_class = class_q;
  assign m_score_last  = out_last_q;
  assign m_score_valid = out_valid_q;

  always @* begin
    state_d     = state_q;
    k_d         = k_q;
    in_ready_d  = in_ready_q;
    last_step_d = last_step_q;
    zmax_d      = zmax_q;
    issue_d     = issue_q;
    pend_d      = 1'b0;
    pend_k_d    = pend_k_q;
    beyond_d    = beyond_q;
    sum_d       = sum_q;
    bit_d       = bit_q;
    rem_d       = rem_q;
    quo_d       = quo_q;
    best_d      = best_q;
    class_d     = class_q;
    out_data_d  = out_data_q;
    out_last_d  = out_last_q;
    out_valid_d = out_valid_q;
    out_done_d  = out_done_q;
    z_we        = 1'b0;
    e_we        = 1'b0;
    e_wdata     = beyond_q ? {E_W{1'b0}} : rom_data;
    sc_we       = 1'b0;
    sc_all_we   = 1'b0;
    sc_wdata    = {SC_W{1'b0}};
    rom_en      = 1'b0;
    f_d         = f_q;
    wz_d        = wz_q;
    wlast_d     = wlast_q;
    wmid_d      = wmid_q;
    wzmax_d     = wzmax_q;
    wbeyond_d   = wbeyond_q;
    we_d        = we_q;
    ws_d        = ws_q;
    ev_d        = ev_q;
    elast_d     = elast_q;
    dact_d      = dact_q;
    dbit_d      = dbit_q;
    dsum_d      = dsum_q;
    dlast_d     = dlast_q;
    w_sc_we     = 1'b0;
    w_mx        = {(2 * NP * Z_W) {1'b0}};
    w_sm        = {(2 * NP * S_W) {1'b0}};
    w_ma        = {Z_W{1'b0}};
    w_mb        = {Z_W{1'b0}};
    w_e         = {E_W{1'b0}};
    // Every class's table address, from zmax and its logit (used in F_INDEX).
    for (j = 0; j < CLASSES; j = j + 1) begin
      w_index = table_index(wzmax_q, wz_q[j*Z_W+:Z_W]);
      w_addr[j*AW+:AW] = w_index[AW-1:0];
      if (f_q == F_INDEX) wbeyond_d[j] = w_index >= TABLE_LEN;
    end
    // The dividers: step 0 (the start) compares e_k with S, each further step doubles the remainder.
    w_start = (PAR_DIV == 2) && state_q == S_RUN && ev_q && !dact_q;
    w_div = dact_q ? {1'b0, dsum_q} : {1'b0, ws_q};
    for (j = 0; j < CLASSES; j = j + 1) begin
      w_trial = dact_q ? {wrem_q[j*S_W+:S_W], 1'b0} :
          {{(S_W + 1 - E_W) {1'b0}}, we_q[j*E_W+:E_W]};
      {w_qb, w_rem_top_unused, wrem_d[j*S_W+:S_W]} = divide_step(w_trial, w_div);
      wquo_d[j*P_W+:P_W] = {wquo_q[j*P_W+:P_W-1], w_qb};
    end
    if (PAR_DIV == 2) begin
      if (w_start) begin
        dact_d  = 1'b1;
        dbit_d  = {{(BW - 1) {1'b0}}, 1'b1};
        dsum_d  = ws_q;
        dlast_d = elast_q;
        ev_d    = 1'b0;
      end else if (dact_q) begin
        if (dbit_q == LAST_BIT) begin
          dact_d  = 1'b0;
          w_sc_we = 1'b1;
          if (dlast_q) begin
            k_d     = {KW{1'b0}};
            state_d = S_ARG;
          end
        end else begin
          dbit_d = dbit_q + 1'b1;
        end
      end
      case (f_q)
        F_IN: begin
          if (s_logit_valid && in_ready_q) begin
            wz_d       = s_zall;
            wlast_d    = s_logit_last;
            in_ready_d = 1'b0;
            f_d        = F_LOW;
          end
        end
        F_LOW: begin
          for (j = 0; j < CLASSES; j = j + 1) w_mx[(NP+j)*Z_W+:Z_W] = wz_q[j*Z_W+:Z_W];
          for (j = CLASSES; j < NP; j = j + 1) w_mx[(NP+j)*Z_W+:Z_W] = wz_q[Z_W-1:0];
          for (j = NP - 1; j >= MID; j = j - 1) begin
            w_ma = w_mx[(2*j)*Z_W+:Z_W];
            w_mb = w_mx[(2*j+1)*Z_W+:Z_W];
            w_mx[j*Z_W+:Z_W] = (w_mb > w_ma) ? w_mb : w_ma;
          end
          wmid_d = w_mx[MID*Z_W+:MID*Z_W];
          f_d    = F_HIGH;
        end
        F_HIGH: begin
          w_mx[MID*Z_W+:MID*Z_W] = wmid_q;
          for (j = MID - 1; j >= 1; j = j - 1) begin
            w_ma = w_mx[(2*j)*Z_W+:Z_W];
            w_mb = w_mx[(2*j+1)*Z_W+:Z_W];
            w_mx[j*Z_W+:Z_W] = (w_mb > w_ma) ? w_mb : w_ma;
          end
          wzmax_d = w_mx[Z_W+:Z_W];
          f_d     = F_INDEX;
        end
        F_INDEX: begin
          rom_en = 1'b1;
          f_d    = F_SUM;
        end
        F_SUM: begin
          // The words arrived; they hold until the dividers free the hand-off registers.
          for (j = 0; j < CLASSES; j = j + 1) begin
            w_e = wbeyond_q[j] ? {E_W{1'b0}} : w_rom_data[j*E_W+:E_W];
            w_sm[(NP+j)*S_W+:S_W] = {{(S_W - E_W) {1'b0}}, w_e};
          end
          for (j = NP - 1; j >= 1; j = j - 1) begin
            w_sm[j*S_W+:S_W] = w_sm[(2*j)*S_W+:S_W] + w_sm[(2*j+1)*S_W+:S_W];
          end
          if (!ev_q || w_start) begin
            for (j = 0; j < CLASSES; j = j + 1) begin
              we_d[j*E_W+:E_W] = w_sm[(NP+j)*S_W+:E_W];
            end
            ws_d       = w_sm[S_W+:S_W];
            ev_d       = 1'b1;
            elast_d    = wlast_q;
            in_ready_d = 1'b1;
            f_d        = F_IN;
          end
        end
        default: f_d = F_IN;
      endcase
    end
    case (state_q)
      S_CLEAR: begin
        sc_we = 1'b1;
        if (k_q == LAST_K) begin
          k_d        = {KW{1'b0}};
          state_d    = (PAR_DIV == 2) ? S_RUN : S_IN;
          in_ready_d = 1'b1;
        end else begin
          k_d = k_q + 1'b1;
        end
      end
      S_RUN: begin
      end
      S_IN: begin
        if (s_logit_valid && in_ready_q) begin
          z_we = 1'b1;
          if (k_q == {KW{1'b0}} || $signed(s_z0) > zmax_q) zmax_d = s_z0;
          if (k_q == LAST_K) begin
            last_step_d = s_logit_last;
            k_d         = {KW{1'b0}};
            in_ready_d  = 1'b0;
            issue_d     = 1'b1;
            sum_d       = {S_W{1'b0}};
            state_d     = S_EXP;
          end else begin
            k_d = k_q + 1'b1;
          end
        end
      end
      S_EXP: begin
        // Issue the table address of class k_q; one cycle later its word arrives.
        if (issue_q) begin
          rom_en   = 1'b1;
          pend_d   = 1'b1;
          pend_k_d = k_q;
          beyond_d = index >= TABLE_LEN;
          if (k_q == LAST_K) begin
            issue_d = 1'b0;
            k_d     = {KW{1'b0}};
          end else begin
            k_d = k_q + 1'b1;
          end
        end
        if (pend_q) begin
          e_we  = 1'b1;
          sum_d = sum_q + {{(S_W - E_W) {1'b0}}, e_wdata};
          if (pend_k_q == LAST_K) begin
            bit_d   = {BW{1'b0}};
            state_d = S_DIV;
          end
        end
      end
      S_DIV: begin
        rem_d = serial_step[S_W:0];
        quo_d = quo_next;
        if (PAR_DIV != 0) begin
          if (bit_q == LAST_BIT) begin
            sc_all_we = 1'b1;
            bit_d     = {BW{1'b0}};
            k_d       = {KW{1'b0}};
            if (last_step_q) begin
              state_d = S_ARG;
            end else begin
              state_d    = S_IN;
              in_ready_d = 1'b1;
            end
          end else begin
            bit_d = bit_q + 1'b1;
          end
        end else if (bit_q == LAST_BIT) begin
          sc_we    = 1'b1;
          sc_wdata = score_rd + {{(SC_W - P_W) {1'b0}}, quo_next};
          bit_d    = {BW{1'b0}};
          if (k_q == LAST_K) begin
            k_d = {KW{1'b0}};
            if (last_step_q) begin
              state_d = S_ARG;
            end else begin
              state_d    = S_IN;
              in_ready_d = 1'b1;
            end
          end else begin
            k_d = k_q + 1'b1;
          end
        end else begin
          bit_d = bit_q + 1'b1;
        end
      end
      S_ARG: begin
        if (k_q == {KW{1'b0}} || score_rd > best_q) begin
          best_d  = score_rd;
          class_d = k_q;
        end
        if (k_q == LAST_K) begin
          k_d        = {KW{1'b0}};
          out_done_d = 1'b0;
          state_d    = S_OUT;
        end else begin
          k_d = k_q + 1'b1;
        end
      end
      S_OUT: begin
        // Move each score into the output register and clear it for the next utterance.
        if (m_score_ready || !out_valid_q) begin
          if (!out_done_q) begin
            out_data_d  = score_rd;
            out_last_d  = k_q == LAST_K;
            out_valid_d = 1'b1;
            sc_we       = 1'b1;
            if (k_q == LAST_K) begin
              out_done_d = 1'b1;
              k_d        = {KW{1'b0}};
            end else begin
              k_d = k_q + 1'b1;
            end
          end else begin
            out_valid_d = 1'b0;
            out_done_d  = 1'b0;
            if (PAR_DIV == 2) begin
              state_d = S_RUN;  // the front end runs on its own
            end else begin
              in_ready_d = 1'b1;
              state_d    = S_IN;
            end
          end
        end
      end
      default: begin
        state_d = S_CLEAR;
        k_d     = {KW{1'b0}};
      end
    endcase
  end

  always @(posedge clk) begin
    if (rst) begin
      state_q     <= S_CLEAR;
      k_q         <= {KW{1'b0}};
      in_ready_q  <= 1'b0;
      last_step_q <= 1'b0;
      issue_q     <= 1'b0;
      pend_q      <= 1'b0;
      bit_q       <= {BW{1'b0}};
      out_valid_q <= 1'b0;
      out_done_q  <= 1'b0;
      f_q         <= F_IN;
      ev_q        <= 1'b0;
      dact_q      <= 1'b0;
    end else begin
      state_q     <= state_d;
      k_q         <= k_d;
      in_ready_q  <= in_ready_d;
      last_step_q <= last_step_d;
      issue_q     <= issue_d;
      pend_q      <= pend_d;
      bit_q       <= bit_d;
      out_valid_q <= out_valid_d;
      out_done_q  <= out_done_d;
      f_q         <= f_d;
      ev_q        <= ev_d;
      dact_q      <= dact_d;
    end
    wz_q       <= wz_d;
    wlast_q    <= wlast_d;
    wmid_q     <= wmid_d;
    wzmax_q    <= wzmax_d;
    wbeyond_q  <= wbeyond_d;
    we_q       <= we_d;
    ws_q       <= ws_d;
    elast_q    <= elast_d;
    dbit_q     <= dbit_d;
    dsum_q     <= dsum_d;
    dlast_q    <= dlast_d;
    wrem_q     <= wrem_d;
    wquo_q     <= wquo_d;
    zmax_q     <= zmax_d;
    pend_k_q   <= pend_k_d;
    beyond_q   <= beyond_d;
    sum_q      <= sum_d;
    rem_q      <= rem_d;
    quo_q      <= quo_d;
    best_q     <= best_d;
    class_q    <= class_d;
    out_data_q <= out_data_d;
    out_last_q <= out_last_d;
    if (z_we) z_mem[k_q] <= s_z0;
    if (e_we) e_mem[pend_k_q] <= e_wdata;
    if (sc_we) score_mem[k_q] <= sc_wdata;
    rem_all_q <= rem_all_d;
    quo_all_q <= quo_all_d;
    if (PAR_DIV == 2) begin
      if (w_sc_we) begin
        for (cw = 0; cw < CLASSES; cw = cw + 1) begin
          score_mem[cw] <= score_mem[cw] + {{(SC_W - P_W) {1'b0}}, wquo_d[cw*P_W+:P_W]};
        end
      end
    end else if (PAR_DIV != 0) begin
      if (sc_all_we) begin
        for (cw = 0; cw < CLASSES; cw = cw + 1) begin
          score_mem[cw] <= score_mem[cw] + {{(SC_W - P_W) {1'b0}}, quo_all_next[cw*P_W+:P_W]};
        end
      end
    end
  end

  rom #(
      .WIDTH    (E_W),
      .DEPTH    (EXP_LEN),
      .INIT_FILE(EXP_INIT_FILE)
  ) u_exp_rom (
      .clk (clk),
      .en  (rom_en),
      .addr(rom_addr),
      .data(rom_data)
  );

  // PAR_DIV = 2: a copy of the table for every further class, read in the same cycle.
  assign w_rom_data[E_W-1:0] = rom_data;
  genvar g;
  generate
    if (PAR_DIV == 2) begin : g_wide
      for (g = 1; g < CLASSES; g = g + 1) begin : g_rom
        rom #(
            .WIDTH    (E_W),
            .DEPTH    (EXP_LEN),
            .INIT_FILE(EXP_INIT_FILE)
        ) u_exp_rom (
            .clk (clk),
            .en  (rom_en),
            .addr(w_addr[g*AW+:AW]),
            .data(w_rom_data[g*E_W+:E_W])
        );
      end
      assign s_zall = s_logit_data;
    end else begin : g_narrow
      assign w_rom_data[CLASSES*E_W-1:E_W] = {((CLASSES - 1) * E_W) {1'b0}};
      assign s_zall = {{((CLASSES - 1) * Z_W) {1'b0}}, s_logit_data};
      wire [(CLASSES-1)*AW-1:0] w_addr_high_unused = w_addr[CLASSES*AW-1:AW];
    end
  endgenerate

endmodule

`resetall
