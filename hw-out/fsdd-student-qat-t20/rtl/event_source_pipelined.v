// event_source_pipelined: the events of a synaptic layer from a buffer of whole time steps, like
// event_source (the same ports and cfg_pairs, the same event format, the same order of (step, group)),
// with the row reads taken out of the per-group loop: one event per cycle while the engine takes them,
// across the groups and the steps alike. KIND 0 with PAIRS = 1 and cfg_pairs set (binary inputs) sends
// two channels per event.
//
// Parameters:
//   KIND    0 pointwise: event (g, c, x[c,t]) for every non-zero channel c of step t
//           1 channel convolution (the embedding): event (g, c*TAPS + k, x[c,t']) for every tap k whose
//             step t' = t + k - PAD lies in 0 .. steps-1 and every non-zero channel c of step t'
//           2 depthwise convolution: event (g, k, x[g*P .. g*P+P-1, t']) for every tap k whose step
//             t' lies in 0 .. steps-1, all-zero slices included (the engine adds nothing for them); one
//             buffer read per event, issued a cycle ahead
//           KIND 0 and 1 hold a window of TAPS rows (t-PAD .. t+PAD, zero outside the utterance),
//           read once each, and scan it for every group; row t+PAD+1 is read in the cycle the window
//           of step t is formed, caught in a register the cycle after, and enters the window when
//           step t ends (a step of one group therefore sends two events at least)
//   CIN     channels of a buffer row
//   VW      bits of one channel's value in the buffer row, ap_uint<VW> (KIND 2: 1, spikes)
//   P       lanes of the engine (KIND 2: the slice width); GROUPS output channel groups
//   TAPS    kernel taps (KIND 0: 1), odd; PAD = (TAPS-1)/2
//   T_MAX   rows of the buffer, the longest utterance
//   XB      event value width: KIND 0 and 1 at most VW, the low XB bits of a channel's value; KIND 2 at
//           least P, the slice zero-extended
//   PAIRS   KIND 0: 1 to send two channels per event while cfg_pairs is set (an engine with PAIRS = 1
//           takes them); the event is then {g, pair, c_b, c_a, x}: c_a the lowest channel still to send
//           of (t, g), c_b the highest, pair set when they differ (x is c_a's value; the engine adds
//           both rows times x, so cfg_pairs is for binary inputs, x = 1); 2 as 1 with c_b's own
//           value: the event is {g, pair, x_b, c_b, c_a, x} (an engine with PAIRS = 2 adds both rows,
//           each times its value: multi-level inputs). Default 0
//   WAYS    events per (t, g) at least (default 1): a (t, g) with fewer events is completed with
//           events of value 0 (row 0 for KIND 0 and 1, the last tap for KIND 2), which add nothing; an
//           engine that sends each group as WAYS beats then never waits for its beats. KIND 0 and 1
//           with GROUPS = 1 and WAYS = 1 send two events per (t, g) at least
//   Derived, not to be set: GW, RW (the engine's group and row index widths), AW, TW.
//
// Buffer row t holds channel c at bits [c*VW +: VW]. Synchronous read port (rd_en, rd_addr; rd_data one
// cycle later), shared with other readers by OR: while the source does not read, rd_en and rd_addr are 0.
//
// Order: steps t = 0 .. steps-1, for each step the groups g = 0 .. GROUPS-1, within (t, g) the events
// by ascending row (KIND 0: channel, KIND 1: c*TAPS + k, so channels ascending and each channel's taps
// together; KIND 2: tap; KIND 0 in pairs: the lowest and the highest channel left, so (c_0, c_(n-1)),
// (c_1, c_(n-2)), ..., the middle one alone when n_t is odd), then the zero events that make them WAYS; the last event of (t, g) carries
// s_ev_last. KIND 0 and 1: a (t, g) without a non-zero input sends the event (g, 0, 0), WAYS times,
// the last with last set.
//
// Control: a one-cycle start pulse begins a pass over steps (1 .. T_MAX, held during the pass); busy is
// high from the start until the last event has left the source's output register.
//
// Handshake: m_ev_valid and m_ev_data come from a skid_buffer; no combinational path from m_ev_ready.
//
// Cycles, while the engine takes one event per cycle:
//   KIND 0, 1: PAD + 3 to read rows 0 .. PAD into the window (one cycle after start), then per step and
//           group max(MIN, n_t) events (in pairs: max(MIN, ceil(n_t / 2)); MIN = WAYS, or 2 when GROUPS = 1 and WAYS = 1; n_t the non-zero
//           inputs of the window's rows inside the utterance), back to back across (t, g).
//   KIND 2: per (t, g) max(WAYS, taps inside the utterance) events, back to back across (t, g); the
//           first read one cycle after start, its event one cycle later.
`resetall
`timescale 1ns / 1ps
`default_nettype none

module event_source_pipelined #(
    parameter integer KIND   = 0,
    parameter integer CIN    = 8,
    parameter integer VW     = 1,
    parameter integer P      = 4,
    parameter integer GROUPS = 2,
    parameter integer TAPS   = 1,
    parameter integer T_MAX  = 8,
    parameter integer XB     = (KIND == 2) ? P : VW,
    parameter integer WAYS   = 1,
    parameter integer PAIRS  = 0,
    // derived
    parameter integer GW     = (GROUPS > 1) ? $clog2(GROUPS) : 1,
    parameter integer ROWS   = (KIND == 0) ? CIN : ((KIND == 1) ? CIN * TAPS : TAPS),
    parameter integer RW     = $clog2(ROWS),
    parameter integer AW     = (T_MAX > 1) ? $clog2(T_MAX) : 1,
    parameter integer TW     = $clog2(T_MAX + 1),
    parameter integer EW     = GW + (PAIRS != 0 ? 1 + RW : 0) + (PAIRS == 2 ? XB : 0) + RW + XB
) (
    input  wire                  clk,
    input  wire                  rst,
    input  wire                  start,
    input  wire [        TW-1:0] steps,
    input  wire                  cfg_pairs,
    output wire                  busy,
    output wire                  rd_en,
    output wire [        AW-1:0] rd_addr,
    input  wire [  CIN*VW-1:0]   rd_data,
    output wire [      EW-1:0]   m_ev_data,
    output wire                  m_ev_last,
    output wire                  m_ev_valid,
    input  wire                  m_ev_ready
);

  localparam integer G_LAST_I = GROUPS - 1;
  localparam [GW-1:0] G_LAST = G_LAST_I[GW-1:0];
  // events sent of the current (t, g), counted up to MIN_EVENTS - 1
  // KIND 0 and 1: a step of one group takes two cycles at least (its window's next row, read as
  // the step begins, is caught in a register before the step ends)
  localparam integer MIN_EVENTS = (KIND != 2 && GROUPS == 1 && WAYS == 1) ? 2 : WAYS;
  localparam integer NW = (MIN_EVENTS > 1) ? $clog2(MIN_EVENTS) : 1;
  localparam integer N_LAST_I = MIN_EVENTS - 1;
  localparam [NW-1:0] N_LAST = N_LAST_I[NW-1:0];

  generate
    if (KIND < 0 || KIND > 2) begin : g_bad_kind
      event_source_pipelined_error_kind_must_be_0_1_or_2 u_error ();
    end
    if (KIND == 0 && TAPS != 1) begin : g_bad_taps
      event_source_pipelined_error_pointwise_taps_must_be_1 u_error ();
    end
    if (KIND == 2 && XB < P) begin : g_bad_xb
      event_source_pipelined_error_xb_below_p u_error ();
    end
    if (KIND != 2 && XB > VW) begin : g_bad_vw
      event_source_pipelined_error_xb_above_vw u_error ();
    end
    if (WAYS < 1) begin : g_bad_ways
      event_source_pipelined_error_ways_below_1 u_error ();
    end
    if (PAIRS < 0 || PAIRS > 2 || (PAIRS != 0 && KIND != 0)) begin : g_bad_pairs
      event_source_pipelined_error_pairs_need_kind_0 u_error ();
    end
    if (PAIRS == 0) begin : g_no_pairs
      wire cfg_pairs_unused = cfg_pairs;
    end
  endgenerate

  // output slice
  reg out_valid, out_last;
  reg [EW-1:0] out_data;
  wire out_ready;

  skid_buffer #(
      .WIDTH(EW + 1)
  ) u_out (
      .clk    (clk),
      .rst    (rst),
      .s_data ({out_last, out_data}),
      .s_valid(out_valid),
      .s_ready(out_ready),
      .m_data ({m_ev_last, m_ev_data}),
      .m_valid(m_ev_valid),
      .m_ready(m_ev_ready)
  );

  generate
    if (KIND != 2) begin : g_channels
      // KIND 0 and 1: a window of TAPS rows, win row k = buffer row t + k - PAD (0 outside the
      // utterance), and its non-zero channels. Channel c of window row k is the event row c*TAPS + k,
      // so one scan over the CIN*TAPS combined channels, lowest first, sends the (t, g)'s events
      // and knows its last one.
      localparam integer NCH = CIN * TAPS;
      localparam integer CW = (NCH > 1) ? $clog2(NCH) : 1;
      localparam integer RWIN = CIN * VW;  // bits of a buffer row
      localparam integer LW = TW + 8;  // step arithmetic past T_MAX (t + PAD + 2)
      localparam integer PAD_I = (TAPS - 1) / 2;
      localparam [LW-1:0] PAD_L = PAD_I[LW-1:0];
      localparam [LW-1:0] TWO = 2;
      localparam [LW-1:0] FILL_LAST = PAD_L + TWO;  // the fill's last cycle
      localparam [1:0] S_IDLE = 2'd0, S_FILL = 2'd1, S_SCAN = 2'd2;

      reg [1:0] state_q, state_d;
      reg [TW-1:0] t_q, t_d;  // step
      reg [GW-1:0] g_q, g_d;  // group
      reg [LW-1:0] f_q, f_d;  // fill: cycle f reads row f, shifts row f - 2 in (0 .. PAD + 2)
      reg [TAPS*RWIN-1:0] win_q, win_d;  // window rows, row k at [k*RWIN +: RWIN]
      reg [TAPS*CIN-1:0] nzw_q, nzw_d;  // their non-zero channels, row k at [k*CIN +: CIN]
      reg [NCH-1:0] mask_q, mask_d;  // combined channels of the group's scan still to send
      reg [RWIN-1:0] ahead_q, ahead_d;  // the next row to enter the window, caught after its read
      reg [CIN-1:0] ahead_nz_q, ahead_nz_d;
      reg fresh_q, fresh_d;  // rd_data shows the row read in the previous cycle
      reg ahead_in_q, ahead_in_d;  // ahead_q holds a row inside the utterance
      reg [NW-1:0] sent_q, sent_d;  // events of the group sent, up to WAYS - 1

      wire [LW-1:0] steps_l = {{(LW - TW) {1'b0}}, steps};
      wire [LW-1:0] t_l = {{(LW - TW) {1'b0}}, t_q};

      reg [CIN-1:0] nonzero;
      integer c;
      always @* begin
        for (c = 0; c < CIN; c = c + 1) begin
          nonzero[c] = |rd_data[c*VW+:VW];
        end
      end

      // the row that enters the window at its top when it shifts: the row caught in ahead_q (its
      // channels count as zero when it lies past the utterance). A window row's values are read only
      // where its channels are non-zero, so only the non-zero flags are cleared.
      wire [CIN-1:0] in_nz = ahead_in_q ? ahead_nz_q : {CIN{1'b0}};
      wire [TAPS*RWIN-1:0] win_shift;
      wire [TAPS*CIN-1:0] nzw_shift;
      if (TAPS > 1) begin : g_shift
        assign win_shift = {ahead_q, win_q[TAPS*RWIN-1:RWIN]};
        assign nzw_shift = {in_nz, nzw_q[TAPS*CIN-1:CIN]};
      end else begin : g_single
        assign win_shift = ahead_q;
        assign nzw_shift = in_nz;
      end

      // combined channel i = c*TAPS + k: window row k, channel c (wiring only)
      wire [NCH-1:0] comb_now, comb_shift;
      genvar b, ch, k;
      for (ch = 0; ch < CIN; ch = ch + 1) begin : g_comb_ch
        for (k = 0; k < TAPS; k = k + 1) begin : g_comb_k
          assign comb_now[ch*TAPS+k] = nzw_q[k*CIN+ch];
          assign comb_shift[ch*TAPS+k] = nzw_shift[k*CIN+ch];
        end
      end

      // lowest combined channel still to send, and whether it is the last one. The lowest set bit
      // is isolated on the carry chain of mask_q - 1; its index and its value are OR trees over the
      // one-hot bits (a priority chain over NCH bits would be NCH/6 LUT levels deep).
      wire [NCH-1:0] rest = mask_q & (mask_q - 1'b1);
      wire [NCH-1:0] low_hot = mask_q & ~rest;  // 0 when mask_q is 0
      wire scan_last = (rest == {NCH{1'b0}});
      wire [CW-1:0] low_i;
      wire [XB-1:0] low_x;
      for (b = 0; b < CW; b = b + 1) begin : g_index
        wire [NCH-1:0] has_bit;
        for (ch = 0; ch < NCH; ch = ch + 1) begin : g_ch
          assign has_bit[ch] = ((ch >> b) & 1) != 0;
        end
        assign low_i[b] = |(low_hot & has_bit);
      end
      for (b = 0; b < XB; b = b + 1) begin : g_value
        wire [NCH-1:0] column;
        for (ch = 0; ch < CIN; ch = ch + 1) begin : g_ch
          for (k = 0; k < TAPS; k = k + 1) begin : g_k
            assign column[ch*TAPS+k] = win_q[k*RWIN+ch*VW+b];
          end
        end
        assign low_x[b] = |(low_hot & column);
      end

      wire [RW-1:0] ev_row;
      if (RW > CW) begin : g_row_wide
        assign ev_row = {{(RW - CW) {1'b0}}, low_i};
      end else begin : g_row
        assign ev_row = low_i[RW-1:0];
      end

      // PAIRS: the highest channel still to send, isolated the same way on the reversed mask (in
      // parallel with the lowest, no deeper); both leave in one event when they differ, the mask
      // keeps the channels between them, and the group ends when at most two were left
      wire [NCH-1:0] rest_next;
      wire scan_end;
      wire [EW-1:0] ev_data;
      if (PAIRS != 0) begin : g_pairs
        wire [NCH-1:0] mask_rev, rest_rev, rest_high;
        for (ch = 0; ch < NCH; ch = ch + 1) begin : g_rev
          assign mask_rev[ch] = mask_q[NCH-1-ch];
          assign rest_high[ch] = rest_rev[NCH-1-ch];
        end
        assign rest_rev = mask_rev & (mask_rev - 1'b1);
        wire [NCH-1:0] high_hot = mask_q & ~rest_high;
        wire [NCH-1:0] rest_both = rest & rest_high;
        wire [CW-1:0] high_i;
        for (b = 0; b < CW; b = b + 1) begin : g_high_index
          wire [NCH-1:0] has_bit;
          for (ch = 0; ch < NCH; ch = ch + 1) begin : g_ch
            assign has_bit[ch] = ((ch >> b) & 1) != 0;
          end
          assign high_i[b] = |(high_hot & has_bit);
        end
        wire [RW-1:0] high_row;
        if (RW > CW) begin : g_high_wide
          assign high_row = {{(RW - CW) {1'b0}}, high_i};
        end else begin : g_high
          assign high_row = high_i[RW-1:0];
        end
        wire pairs_on = cfg_pairs;
        // at least two channels left: the event carries the highest as its pair
        wire pair_two = pairs_on && !scan_last;
        assign rest_next = pairs_on ? rest_both : rest;
        assign scan_end = pairs_on ? (rest_both == {NCH{1'b0}}) : scan_last;
        if (PAIRS == 2) begin : g_two_values
          // the highest channel's value, an OR tree like the lowest's
          wire [XB-1:0] high_x;
          for (b = 0; b < XB; b = b + 1) begin : g_high_value
            wire [NCH-1:0] column;
            for (ch = 0; ch < NCH; ch = ch + 1) begin : g_ch
              assign column[ch] = win_q[ch*VW+b];
            end
            assign high_x[b] = |(high_hot & column);
          end
          assign ev_data = {
            g_q,
            pair_two,
            pair_two ? high_x : {XB{1'b0}},
            pair_two ? high_row : {RW{1'b0}},
            ev_row,
            low_x
          };
        end else begin : g_one_value
          assign ev_data = {g_q, pair_two, pair_two ? high_row : {RW{1'b0}}, ev_row, low_x};
        end
      end else begin : g_one
        assign rest_next = rest;
        assign scan_end = scan_last;
        assign ev_data = {g_q, ev_row, low_x};
      end
      wire last_group = (g_q == G_LAST);
      wire last_step = (t_q == steps - 1'b1);
      // the group's last event: its channels exhausted and WAYS events sent with this one
      wire group_last = scan_end && (sent_q == N_LAST);
      // the step's last event leaves: the window shifts by one row
      wire step_ends = (state_q == S_SCAN) && out_ready && group_last && last_group;
      // reads: in the fill rows 0 .. PAD + 1 (those inside the utterance), one per cycle; then row
      // t + PAD + 2 in the cycle step t + 1's window is formed, the row it needs next
      wire [LW-1:0] ahead_step = t_l + PAD_L + TWO;
      wire read_fill = (state_q == S_FILL) && (f_q < FILL_LAST) && (f_q < steps_l);
      // the window shifts: in the fill from its third cycle, then when a step that is not the
      // last ends
      wire shift_fill = (state_q == S_FILL) && (f_q >= TWO);
      wire shift_step = step_ends && !last_step;
      wire read_ahead = step_ends && !last_step && (ahead_step < steps_l);

      assign busy = (state_q != S_IDLE);
      assign rd_en = read_fill || read_ahead;
      assign rd_addr = read_fill ? f_q[AW-1:0] : (read_ahead ? ahead_step[AW-1:0] : {AW{1'b0}});

      always @* begin
        state_d    = state_q;
        t_d        = t_q;
        g_d        = g_q;
        f_d        = f_q;
        win_d      = win_q;
        nzw_d      = nzw_q;
        mask_d     = mask_q;
        sent_d     = sent_q;
        ahead_d    = fresh_q ? rd_data : ahead_q;
        ahead_nz_d = fresh_q ? nonzero : ahead_nz_q;
        // a row caught is inside the utterance; a row shifted in leaves ahead_q
        ahead_in_d = fresh_q || (ahead_in_q && !(shift_fill || shift_step));
        fresh_d    = read_fill || read_ahead;
        out_valid  = 1'b0;
        out_last   = group_last;
        out_data   = ev_data;
        case (state_q)
          S_IDLE: begin
            if (start) begin
              t_d     = {TW{1'b0}};
              g_d     = {GW{1'b0}};
              f_d     = {LW{1'b0}};
              sent_d  = {NW{1'b0}};
              nzw_d   = {(TAPS * CIN) {1'b0}};
              state_d = S_FILL;
            end
          end
          S_FILL: begin
            // row f - 2 enters the window (caught in ahead_q the cycle after its read)
            if (shift_fill) begin
              win_d = win_shift;
              nzw_d = nzw_shift;
            end
            f_d = f_q + 1'b1;
            if (f_q == FILL_LAST) begin
              mask_d  = comb_shift;
              state_d = S_SCAN;
            end
          end
          S_SCAN: begin
            out_valid = 1'b1;
            if (out_ready) begin
              mask_d = rest_next;
              if (sent_q != N_LAST) sent_d = sent_q + 1'b1;
              if (group_last) begin
                sent_d = {NW{1'b0}};
                if (!last_group) begin
                  g_d    = g_q + 1'b1;
                  mask_d = comb_now;
                end else begin
                  g_d = {GW{1'b0}};
                  if (last_step) state_d = S_IDLE;
                  else begin
                    t_d    = t_q + 1'b1;
                    win_d  = win_shift;
                    nzw_d  = nzw_shift;
                    mask_d = comb_shift;
                  end
                end
              end
            end
          end
          default: state_d = S_IDLE;
        endcase
      end

      always @(posedge clk) begin
        if (rst) begin
          state_q <= S_IDLE;
          fresh_q <= 1'b0;
          ahead_in_q <= 1'b0;
        end else begin
          state_q <= state_d;
          fresh_q <= fresh_d;
          ahead_in_q <= ahead_in_d;
        end
        t_q        <= t_d;
        g_q        <= g_d;
        f_q        <= f_d;
        win_q      <= win_d;
        nzw_q      <= nzw_d;
        mask_q     <= mask_d;
        sent_q     <= sent_d;
        ahead_q    <= ahead_d;
        ahead_nz_q <= ahead_nz_d;
      end
    end else begin : g_depthwise
      localparam integer PAD = (TAPS - 1) / 2;
      localparam integer KW = (TAPS > 1) ? $clog2(TAPS) : 1;
      localparam integer SW = ((TW > KW) ? TW : KW) + 2;  // signed width of a tap's step
      localparam integer K_LAST_I = TAPS - 1;
      localparam [KW-1:0] K_LAST = K_LAST_I[KW-1:0];
      localparam signed [SW-1:0] PAD_S = PAD[SW-1:0];

      // issue stage: the next tap to read
      reg issuing_q, issuing_d;
      reg [TW-1:0] t_q, t_d;
      reg [GW-1:0] g_q, g_d;
      reg [KW-1:0] k_q, k_d;
      reg pad_q, pad_d;  // the taps of (t, g) are issued: issue zero events up to MIN_EVENTS
      reg [NW-1:0] sent_q, sent_d;  // events of (t, g) issued, up to MIN_EVENTS - 1
      // read stage: the tap whose row arrives on rd_data this cycle
      reg r_valid_q, r_valid_d, r_last_q, r_last_d;
      reg r_zero_q, r_zero_d;  // a zero event
      reg [GW-1:0] r_g_q, r_g_d;
      reg [KW-1:0] r_k_q, r_k_d;
      reg [AW-1:0] r_addr_q, r_addr_d;

      // the first tap inside the utterance: max(0, PAD - t), for this step and the next
      wire [TW-1:0] t_next = t_q + 1'b1;
      wire signed [SW-1:0] first_s = PAD_S - $signed({{(SW - TW) {1'b0}}, t_q});
      wire signed [SW-1:0] first_next_s = PAD_S - $signed({{(SW - TW) {1'b0}}, t_next});
      wire [KW-1:0] first_tap = first_s[SW-1] ? {KW{1'b0}} : first_s[KW-1:0];
      wire [KW-1:0] first_tap_next = first_next_s[SW-1] ? {KW{1'b0}} : first_next_s[KW-1:0];
      localparam [KW-1:0] FIRST_TAP_0 = PAD[KW-1:0];
      // the last: min(TAPS - 1, steps - 1 - t + PAD)
      wire signed [SW-1:0] last_s = $signed({{(SW - TW) {1'b0}}, steps}) - 1 -
          $signed({{(SW - TW) {1'b0}}, t_q}) + PAD_S;
      wire at_last_tap = (last_s < $signed({{(SW - KW) {1'b0}}, K_LAST})) ?
          (k_q == last_s[KW-1:0]) : (k_q == K_LAST);
      wire signed [SW-1:0] tap_step = $signed({{(SW - TW) {1'b0}}, t_q}) +
          $signed({{(SW - KW) {1'b0}}, k_q}) - PAD_S;
      // an issued tap lies inside the utterance, so its step fits the address
      wire [AW-1:0] tap_addr = tap_step[AW-1:0];
      wire [SW-AW-1:0] tap_step_high_unused = tap_step[SW-1:AW];
      wire last_group = (g_q == G_LAST);
      wire last_step = (t_q == steps - 1'b1);
      // the event issued is the last of (t, g): no tap left and MIN_EVENTS events with this one
      wire taps_done = pad_q || at_last_tap;
      wire group_last = taps_done && (sent_q == N_LAST);

      // the read stage moves on when its event is taken or it holds none
      wire adv = !r_valid_q || out_ready;
      wire issue = issuing_q && adv;

      assign busy = issuing_q || r_valid_q;
      // a read stage that is not taken reads its row again, so rd_data keeps showing it
      assign rd_en = issue || (r_valid_q && !adv);
      assign rd_addr = issue ? tap_addr : ((r_valid_q && !adv) ? r_addr_q : {AW{1'b0}});

      wire [P-1:0] slice = rd_data[r_g_q*P+:P];
      reg [XB-1:0] ev_x;
      reg [RW-1:0] ev_row;
      always @* begin
        ev_x = {XB{1'b0}};
        ev_x[P-1:0] = r_zero_q ? {P{1'b0}} : slice;
        ev_row = {RW{1'b0}};
        ev_row[KW-1:0] = r_k_q;
      end

      always @* begin
        issuing_d = issuing_q;
        t_d       = t_q;
        g_d       = g_q;
        k_d       = k_q;
        pad_d     = pad_q;
        sent_d    = sent_q;
        r_valid_d = r_valid_q;
        r_last_d  = r_last_q;
        r_zero_d  = r_zero_q;
        r_g_d     = r_g_q;
        r_k_d     = r_k_q;
        r_addr_d  = r_addr_q;
        out_valid = r_valid_q;
        out_last  = r_last_q;
        out_data  = {r_g_q, ev_row, ev_x};
        if (!issuing_q && !r_valid_q && start) begin
          issuing_d = 1'b1;
          t_d       = {TW{1'b0}};
          g_d       = {GW{1'b0}};
          k_d       = FIRST_TAP_0;
          pad_d     = 1'b0;
          sent_d    = {NW{1'b0}};
        end
        if (adv) begin
          r_valid_d = issue;
          r_last_d  = group_last;
          r_zero_d  = pad_q;
          r_g_d     = g_q;
          r_k_d     = k_q;
          r_addr_d  = tap_addr;
        end
        if (issue) begin
          if (sent_q != N_LAST) sent_d = sent_q + 1'b1;
          if (!taps_done) begin
            k_d = k_q + 1'b1;
          end else if (!group_last) begin
            pad_d = 1'b1;
          end else if (!last_group) begin
            pad_d  = 1'b0;
            sent_d = {NW{1'b0}};
            g_d    = g_q + 1'b1;
            k_d    = first_tap;
          end else begin
            pad_d  = 1'b0;
            sent_d = {NW{1'b0}};
            g_d    = {GW{1'b0}};
            if (last_step) begin
              issuing_d = 1'b0;
            end else begin
              t_d = t_next;
              k_d = first_tap_next;
            end
          end
        end
      end

      always @(posedge clk) begin
        if (rst) begin
          issuing_q <= 1'b0;
          r_valid_q <= 1'b0;
        end else begin
          issuing_q <= issuing_d;
          r_valid_q <= r_valid_d;
        end
        t_q      <= t_d;
        g_q      <= g_d;
        k_q      <= k_d;
        pad_q    <= pad_d;
        sent_q   <= sent_d;
        r_last_q <= r_last_d;
        r_zero_q <= r_zero_d;
        r_g_q    <= r_g_d;
        r_k_q    <= r_k_d;
        r_addr_q <= r_addr_d;
      end
    end
  endgenerate

endmodule

`resetall
