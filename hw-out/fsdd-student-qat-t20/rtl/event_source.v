// event_source: reads a layer's input activations from a buffer of whole time steps and sends the
// events of a synaptic_engine (docs/hw-units/synaptic_engine.md), one (step, group) after another.
//
// Parameters:
//   KIND    0 pointwise: event (g, c, x[c,t]) for every non-zero channel c of step t
//           1 channel convolution (the embedding): for every tap k whose step t' = t + k - PAD lies in
//             0 .. steps-1, event (g, c*TAPS + k, x[c,t']) for every non-zero channel c of step t'
//           2 depthwise convolution: for every tap k whose step t' lies in 0 .. steps-1 and whose group
//             slice x[g*P .. g*P+P-1, t'] is not all zero, event (g, k, that slice)
//   CIN     channels of a buffer row
//   VW      bits of one channel's value in the buffer row, ap_uint<VW> (KIND 2: 1, spikes)
//   P       lanes of the engine (KIND 2: the slice width); GROUPS output channel groups
//   TAPS    kernel taps (KIND 0: 1), odd; PAD = (TAPS-1)/2 steps of look-back and look-ahead
//   T_MAX   rows of the buffer, the longest utterance
//   XB      event value width: P for KIND 2; for KIND 0 and 1 at most VW, the low XB bits of a channel's
//           value (a layer whose inputs are proven below 2^XB reads a wider buffer, e.g. the embedding's
//           0/1 spikes in the R-bit residual stream)
//   AHEAD   KIND 0 and 1: 0 reads a tap's row after the previous one has been found exhausted; 1 ends a
//           row's scan with its last event and, in that cycle, reads the next tap's row of the same
//           (t, g) when it lies inside the utterance and may be read (see below), so that tap costs
//           one cycle to load and one per non-zero input (one if none) instead of two more; the
//           cycle that flushes a (t, g) reads the next one's first tap likewise
//   Derived, not to be set: GW, RW (the engine's group and row index widths), AW (buffer address
//   width), TW (width of the step count).
//
// Buffer row t holds channel c at bits [c*VW +: VW]. The source reads it through a synchronous read port
// (rd_en, rd_addr; rd_data valid one cycle later) that it shares with other readers by OR: while it does
// not read, rd_en and rd_addr are 0.
//
// Order: steps t = 0 .. steps-1, for each step the groups g = 0 .. GROUPS-1, for each (t, g) the taps in
// order and the channels of a tap in ascending order; the last event of (t, g) carries s_ev_last. A
// (t, g) without any non-zero input sends the single event (g, 0, 0) with last set.
//
// Control: a one-cycle start pulse begins a pass over steps (1 .. T_MAX, held during the pass); busy is
// high from the start until the last event has been accepted.
//
// Reading while the buffer is written: `rows` counts the rows written so far and `loaded` says that
// every row is in and `steps` holds their count (frame_loader's outputs of those names). A tap's row
// r is read only in a cycle in which r < rows or loaded (a tap before step 0 needs neither); until
// then the source waits. Whether a tap lies past the last step is decided once loaded; before that,
// `steps` may be any value of at least rows. A buffer written before the pass: rows = 0, loaded = 1.
//
// Handshake: m_ev_valid and m_ev_data come from a skid_buffer; no combinational path from m_ev_ready.
// Throughput: one event per cycle while a tap's row is scanned, plus two cycles per row read and one per
// (t, g) for the flush of its last event. Cycles of a (t, g): one to flush it and per tap one outside the
// utterance (or waiting for its row), or inside: AHEAD = 0: 3 + n (read, load, n events, one to find the
// row exhausted); AHEAD = 1: 2 + max(1, n), or 1 + max(1, n) when the cycle before it (the previous tap's
// last, or the previous (t, g)'s flush for the first tap) read its row.
`resetall
`timescale 1ns / 1ps
`default_nettype none

module event_source #(
    parameter integer KIND   = 0,
    parameter integer CIN    = 8,
    parameter integer VW     = 1,
    parameter integer P      = 4,
    parameter integer GROUPS = 2,
    parameter integer TAPS   = 1,
    parameter integer T_MAX  = 8,
    parameter integer XB     = (KIND == 2) ? P : VW,
    parameter integer AHEAD  = 0,
    // derived
    parameter integer GW     = (GROUPS > 1) ? $clog2(GROUPS) : 1,
    parameter integer ROWS   = (KIND == 0) ? CIN : ((KIND == 1) ? CIN * TAPS : TAPS),
    parameter integer RW     = $clog2(ROWS),
    parameter integer AW     = (T_MAX > 1) ? $clog2(T_MAX) : 1,
    parameter integer TW     = $clog2(T_MAX + 1),
    parameter integer NCH    = (KIND == 2) ? 1 : CIN,
    parameter integer CW     = (NCH > 1) ? $clog2(NCH) : 1,
    parameter integer KW     = (TAPS > 1) ? $clog2(TAPS) : 1
) (
    input  wire                  clk,
    input  wire                  rst,
    input  wire                  start,
    input  wire [        TW-1:0] steps,
    input  wire [        TW-1:0] rows,
    input  wire                  loaded,
    output wire                  busy,
    output wire                  rd_en,
    output wire [        AW-1:0] rd_addr,
    input  wire [  CIN*VW-1:0]   rd_data,
    output wire [GW+RW+XB-1:0]   m_ev_data,
    output wire                  m_ev_last,
    output wire                  m_ev_valid,
    input  wire                  m_ev_ready
);

  localparam integer PAD = (TAPS - 1) / 2;
  localparam integer SW = ((TW > KW) ? TW : KW) + 2;  // signed width of a tap's step
  localparam integer K_LAST_I = TAPS - 1;
  localparam integer G_LAST_I = GROUPS - 1;
  localparam signed [SW-1:0] PAD_S = PAD[SW-1:0];
  localparam [KW-1:0] K_LAST = K_LAST_I[KW-1:0];
  localparam [GW-1:0] G_LAST = G_LAST_I[GW-1:0];
  localparam [RW-1:0] TAPS_R = TAPS[RW-1:0];
  localparam [2:0] S_IDLE = 3'd0, S_READ = 3'd1, S_LOAD = 3'd2, S_SCAN = 3'd3, S_FLUSH = 3'd4;

  reg [2:0] state_q, state_d;
  reg [TW-1:0] t_q, t_d;  // output step
  reg [GW-1:0] g_q, g_d;  // group
  reg [KW-1:0] k_q, k_d;  // tap
  reg [CIN*VW-1:0] row_q, row_d;  // the tap's buffer row
  reg [NCH-1:0] mask_q, mask_d;  // channels of the row still to send
  reg pend_q, pend_d;  // an event found and not yet sent
  reg [GW+RW+XB-1:0] pend_data_q, pend_data_d;

  // the step read by tap k: t + k - PAD, and whether it lies inside the utterance
  wire signed [SW-1:0] tap_step = $signed({{(SW - TW) {1'b0}}, t_q})
                               + $signed({{(SW - KW) {1'b0}}, k_q}) - PAD_S;
  wire tap_inside = !tap_step[SW-1] && (tap_step < $signed({{(SW - TW) {1'b0}}, steps}));
  // the tap's row may be read (or found past the last step) in this cycle
  wire tap_ready = tap_step[SW-1] || loaded || (tap_step < $signed({{(SW - TW) {1'b0}}, rows}));
  // AHEAD: the next tap's row (step tap_step + 1) lies inside the utterance and may be read now
  // AHEAD: whether step s's row lies inside the utterance and may be read now (written: s < n_rows,
  // or every row in and s below their count); every operand is an argument, so that a continuous
  // assignment follows each of them
  function readable(input signed [SW-1:0] s, input [TW-1:0] n_rows, input all_in,
                    input [TW-1:0] n_steps);
    readable = !s[SW-1] && ((s < $signed({{(SW - TW) {1'b0}}, n_rows}))
            || (all_in && (s < $signed({{(SW - TW) {1'b0}}, n_steps}))));
  endfunction
  wire signed [SW-1:0] next_step = tap_step + $signed({{(SW - 1) {1'b0}}, 1'b1});
  wire next_known = readable(next_step, rows, loaded, steps);
  // AHEAD: the first tap's step of the next (t, g) (t + 1 after the last group)
  wire signed [SW-1:0] first_step = $signed({{(SW - TW) {1'b0}}, t_q})
                                  + $signed({{(SW - 1) {1'b0}}, (g_q == G_LAST)}) - PAD_S;
  wire first_known = readable(first_step, rows, loaded, steps);

  // lowest channel still to send: the lowest set bit is isolated on the carry chain of
  // mask_q - 1, and its index and value (below) are OR trees over the one-hot bits (a priority
  // chain over NCH bits would be NCH/6 LUT levels deep)
  wire [NCH-1:0] rest = mask_q & (mask_q - 1'b1);

  // non-zero channels of a loaded row (KIND 2: whether the group's slice holds a spike)
  reg [NCH-1:0] nonzero;
  integer c;
  always @* begin
    nonzero = {NCH{1'b0}};
    if (KIND == 2) begin
      nonzero[0] = |rd_data[g_q*P+:P];
    end else begin
      for (c = 0; c < NCH; c = c + 1) begin
        nonzero[c] = |rd_data[c*VW+:VW];
      end
    end
  end

  // the event of channel low_c of the loaded row
  wire [XB-1:0] ev_x;
  wire [RW-1:0] ev_row;
  generate
    if (KIND == 2) begin : g_depthwise
      assign ev_x   = row_q[g_q*P+:P];
      assign ev_row = k_q;
    end else begin : g_channels
      // the index and value of the lowest channel still to send
      wire [NCH-1:0] low_hot = mask_q & ~rest;  // 0 when mask_q is 0
      wire [CW-1:0] low_c;
      wire [XB-1:0] low_x;
      genvar b, ch;
      for (b = 0; b < CW; b = b + 1) begin : g_index
        wire [NCH-1:0] has_bit;
        for (ch = 0; ch < NCH; ch = ch + 1) begin : g_ch
          assign has_bit[ch] = ((ch >> b) & 1) != 0;
        end
        assign low_c[b] = |(low_hot & has_bit);
      end
      for (b = 0; b < XB; b = b + 1) begin : g_value
        wire [NCH-1:0] column;
        for (ch = 0; ch < NCH; ch = ch + 1) begin : g_ch
          assign column[ch] = row_q[ch*VW+b];
        end
        assign low_x[b] = |(low_hot & column);
      end
      assign ev_x = low_x;
      if (KIND == 1) begin : g_channel_conv
        assign ev_row = {{(RW - CW) {1'b0}}, low_c} * TAPS_R + {{(RW - KW) {1'b0}}, k_q};
      end else begin : g_pointwise
        assign ev_row = low_c;
      end
    end
  endgenerate
  wire [GW+RW+XB-1:0] ev_data = {g_q, ev_row, ev_x};

  // output slice
  reg out_valid, out_last;
  reg [GW+RW+XB-1:0] out_data;
  wire out_ready;

  wire last_tap = (k_q == K_LAST);
  wire last_group = (g_q == G_LAST);
  wire last_step = (t_q == steps - 1'b1);

  // read_next (AHEAD): the next tap's row is read in the cycle that ends this row's scan
  // read_first (AHEAD): the next (t, g)'s first tap is read in the cycle that flushes this one
  reg read_next, read_first;
  reg tap_end;  // S_SCAN: the tap's row is done in this cycle
  wire read_tap = (state_q == S_READ) && tap_ready && tap_inside;
  assign busy    = (state_q != S_IDLE);
  assign rd_en   = read_tap || read_next || read_first;
  assign rd_addr = read_tap ? tap_step[AW-1:0] : read_next ? next_step[AW-1:0]
                 : read_first ? first_step[AW-1:0] : {AW{1'b0}};

  always @* begin
    state_d     = state_q;
    t_d         = t_q;
    g_d         = g_q;
    k_d         = k_q;
    row_d       = row_q;
    mask_d      = mask_q;
    pend_d      = pend_q;
    pend_data_d = pend_data_q;
    out_valid   = 1'b0;
    out_last    = 1'b0;
    out_data    = pend_data_q;
    read_next   = 1'b0;
    read_first  = 1'b0;
    tap_end     = 1'b0;
    case (state_q)
      S_IDLE: begin
        if (start) begin
          t_d     = {TW{1'b0}};
          g_d     = {GW{1'b0}};
          k_d     = {KW{1'b0}};
          pend_d  = 1'b0;
          state_d = S_READ;
        end
      end
      S_READ: begin
        // a tap outside the utterance is skipped without a read; a row not yet written is waited for
        if (!tap_ready) begin
          state_d = S_READ;
        end else if (!tap_inside) begin
          if (last_tap) state_d = S_FLUSH;
          else k_d = k_q + 1'b1;
        end else begin
          state_d = S_LOAD;
        end
      end
      S_LOAD: begin
        row_d   = rd_data;
        mask_d  = nonzero;
        state_d = S_SCAN;
      end
      S_SCAN: begin
        // the tap ends when its row is found exhausted, or (AHEAD) with the row's last event
        tap_end = mask_q == {NCH{1'b0}};
        if (!tap_end && (!pend_q || out_ready)) begin
          // the pending event (if any) leaves with last = 0; the found one takes its place
          out_valid = pend_q;
          pend_d = 1'b1;
          pend_data_d = ev_data;
          mask_d = rest;
          tap_end = AHEAD != 0 && rest == {NCH{1'b0}};
        end
        if (tap_end) begin
          if (last_tap) state_d = S_FLUSH;
          else begin
            k_d     = k_q + 1'b1;
            state_d = S_READ;
            if (AHEAD != 0 && next_known) begin
              read_next = 1'b1;
              state_d   = S_LOAD;
            end
          end
        end
      end
      S_FLUSH: begin
        out_valid = 1'b1;
        out_last  = 1'b1;
        out_data  = pend_q ? pend_data_q : {g_q, {(RW + XB) {1'b0}}};
        if (out_ready) begin
          pend_d = 1'b0;
          k_d    = {KW{1'b0}};
          if (!last_group) begin
            g_d     = g_q + 1'b1;
            state_d = S_READ;
          end else begin
            g_d = {GW{1'b0}};
            if (last_step) state_d = S_IDLE;
            else begin
              t_d     = t_q + 1'b1;
              state_d = S_READ;
            end
          end
          if (AHEAD != 0 && !(last_group && last_step) && first_known) begin
            // AHEAD: the next (t, g)'s first tap is read while this one's last event leaves
            read_first = 1'b1;
            state_d    = S_LOAD;
          end
        end
      end
      default: state_d = S_IDLE;
    endcase
  end

  always @(posedge clk) begin
    if (rst) begin
      state_q <= S_IDLE;
      pend_q  <= 1'b0;
    end else begin
      state_q <= state_d;
      pend_q  <= pend_d;
    end
    t_q         <= t_d;
    g_q         <= g_d;
    k_q         <= k_d;
    row_q       <= row_d;
    mask_q      <= mask_d;
    pend_data_q <= pend_data_d;
  end

  skid_buffer #(
      .WIDTH(GW + RW + XB + 1)
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

endmodule

`resetall
