// act_sink: writes the spikes of one layer into an activation buffer of whole time steps, or adds them
// to the residual stream held in such a buffer (contract section 6).
//
// Parameters:
//   P, GROUPS  lanes and channel groups of the layer; C = P * GROUPS channels
//   VW         bits of one channel in a buffer row, ap_uint<VW>: 1 for spikes, R for the residual stream
//   ADD        0: row t, channel c := S[t, c] (zero-extended to VW bits); 1: row t, channel c += S[t, c]
//              (the residual addition, exact: the contract proves the sum fits R bits)
//   T_MAX      rows of the buffer
//   FLAGS      overflow flags, one per layer that shares the sink (1 for one layer)
//   Derived, not to be set: AW (buffer address width), TW (width of the step count).
//
// Input: the lif_core's output beats, split into spikes and overflow flags, one beat per (step, group),
// steps in order and within a step the groups in order 0 .. GROUPS-1 (the order of event_source). The
// sink assembles a step's row in a shift register and writes it in the cycle after its last beat, while it
// already takes the next step's beats. With ADD = 1 it reads the stored rows through the buffer's
// synchronous read port (rd_en, rd_addr; data one cycle later) one step ahead: row 0 before the first
// beat, row t+1 in the cycle step t's row comes into use (taken at the step's end from rd_data or from
// the register it was caught in).
// Read and write ports are shared with other units by OR: while idle, rd_en, rd_addr, wr_en, wr_addr and
// wr_data are 0.
//
// Control: a one-cycle start pulse begins a pass over `steps` steps (1 .. T_MAX, held during the pass);
// `done` pulses for one cycle when the last row has been written. ovf holds FLAGS sticky flags: flag i
// is cleared by a start while flag_sel[i] is high and set when an accepted beat carries a LIF overflow
// flag (sat_M acted, contract section 9) while flag_sel[i] is high. flag_sel selects the running
// layer and holds during its pass; with one layer tie it to 1.
//
// Handshake: s_ready is a decoded state register (no path from any input to it). Cycles: one beat per
// cycle, steps back to back; with ADD = 1 two cycles after start to read row 0 before the first beat;
// `done` two cycles after the last beat.
`resetall
`timescale 1ns / 1ps
`default_nettype none

module act_sink #(
    parameter integer P      = 4,
    parameter integer GROUPS = 2,
    parameter integer VW     = 1,
    parameter integer ADD    = 0,
    parameter integer T_MAX  = 8,
    parameter integer FLAGS  = 1,
    // derived
    parameter integer AW     = (T_MAX > 1) ? $clog2(T_MAX) : 1,
    parameter integer TW     = $clog2(T_MAX + 1)
) (
    input  wire                     clk,
    input  wire                     rst,
    input  wire                     start,
    input  wire [           TW-1:0] steps,
    output wire                     done,
    input  wire [        FLAGS-1:0] flag_sel,
    output wire [        FLAGS-1:0] ovf,
    output wire                     rd_en,
    output wire [           AW-1:0] rd_addr,
    input  wire [P*GROUPS*VW-1:0]   rd_data,
    output wire                     wr_en,
    output wire [           AW-1:0] wr_addr,
    output wire [P*GROUPS*VW-1:0]   wr_data,
    input  wire [            P-1:0] s_spk,
    input  wire [            P-1:0] s_ovf,
    input  wire                     s_valid,
    output wire                     s_ready
);

  localparam integer C = P * GROUPS;
  localparam integer CW = $clog2(GROUPS + 1);
  localparam integer GROUPS_I = GROUPS;
  localparam [CW-1:0] N_BEATS = GROUPS_I[CW-1:0];
  localparam [2:0] S_IDLE = 3'd0, S_READ = 3'd1, S_LOAD = 3'd2, S_TAKE = 3'd3, S_WRITE = 3'd4;

  reg [2:0] state_q, state_d;
  reg [TW-1:0] t_q, t_d;
  reg [CW-1:0] beats_q, beats_d;  // beats of the step taken so far
  reg [C*VW-1:0] row_q, row_d;
  reg [C*VW-1:0] old_q, old_d;  // ADD = 1: the stored row, one slice consumed per beat
  reg [C*VW-1:0] ahead_q, ahead_d;  // ADD = 1: row t+1, caught the cycle after its read
  reg fresh_q, fresh_d;  // ADD = 1: rd_data shows row t+1 (read in the previous cycle)
  reg wr_q, wr_d;  // row_q holds a finished step's row: write it at wr_t_q
  reg [TW-1:0] wr_t_q, wr_t_d;
  reg [FLAGS-1:0] ovf_q, ovf_d;
  reg done_q, done_d;

  // The step's beats come in group order, so the row is assembled by shifting: each beat's slice
  // enters at the top and the row moves down by one slice (after GROUPS beats group 0 is at the bottom);
  // with ADD = 1 the old row read at the step's start shifts along, its bottom slice the beat's.
  reg [P*VW-1:0] slice_new;
  integer l;
  always @* begin
    for (l = 0; l < P; l = l + 1) begin
      if (ADD != 0) begin
        slice_new[l*VW+:VW] = old_q[l*VW+:VW] + {{(VW - 1) {1'b0}}, s_spk[l]};
      end else begin
        slice_new[l*VW+:VW] = {{(VW - 1) {1'b0}}, s_spk[l]};
      end
    end
  end

  wire [C*VW-1:0] row_shift, old_shift;
  generate
    if (GROUPS > 1) begin : g_shift
      assign row_shift = {slice_new, row_q[C*VW-1:P*VW]};
      assign old_shift = {{(P * VW) {1'b0}}, old_q[C*VW-1:P*VW]};
    end else begin : g_single
      assign row_shift = slice_new;
      assign old_shift = old_q;
    end
  endgenerate

  wire take = (state_q == S_TAKE) && s_valid;
  wire last_step = (t_q == steps - 1'b1);
  wire step_ends = take && (beats_q + 1'b1 == N_BEATS);
  // ADD = 1: row t+1 is read in the cycle row t comes into use: row 1 in S_LOAD, a later row in the
  // cycle the previous step ends (then it is row t+2 of the current t_q)
  wire [TW-1:0] t_plus_1 = t_q + 1'b1;
  wire [TW-1:0] t_plus_2 = t_plus_1 + 1'b1;
  wire read_first = (ADD != 0) && (state_q == S_READ);
  wire read_ahead_0 = (ADD != 0) && (state_q == S_LOAD) && (t_plus_1 < steps);
  wire read_ahead = (ADD != 0) && step_ends && !last_step && (t_plus_2 < steps);
  wire [C*VW-1:0] ahead_row = fresh_q ? rd_data : ahead_q;

  assign s_ready = (state_q == S_TAKE);
  assign rd_en = read_first || read_ahead_0 || read_ahead;
  assign rd_addr = read_first ? t_q[AW-1:0] : (read_ahead_0 ? t_plus_1[AW-1:0] :
      (read_ahead ? t_plus_2[AW-1:0] : {AW{1'b0}}));
  assign wr_en = wr_q;
  assign wr_addr = wr_q ? wr_t_q[AW-1:0] : {AW{1'b0}};
  assign wr_data = wr_q ? row_q : {(C * VW) {1'b0}};
  assign done    = done_q;
  assign ovf     = ovf_q;

  always @* begin
    state_d = state_q;
    t_d     = t_q;
    beats_d = beats_q;
    row_d   = row_q;
    old_d   = old_q;
    ovf_d   = ovf_q;
    done_d  = 1'b0;
    ahead_d = fresh_q ? rd_data : ahead_q;
    fresh_d = read_ahead_0 || read_ahead;
    wr_d    = 1'b0;
    wr_t_d  = wr_t_q;
    case (state_q)
      S_IDLE: begin
        if (start) begin
          t_d     = {TW{1'b0}};
          beats_d = {CW{1'b0}};
          ovf_d   = ovf_q & ~flag_sel;
          state_d = (ADD != 0) ? S_READ : S_TAKE;
        end
      end
      S_READ:  state_d = S_LOAD;
      S_LOAD: begin
        old_d   = rd_data;
        state_d = S_TAKE;
      end
      S_TAKE: begin
        if (take) begin
          row_d   = row_shift;
          old_d   = old_shift;
          beats_d = beats_q + 1'b1;
          if (|s_ovf) ovf_d = ovf_q | flag_sel;
          if (step_ends) begin
            beats_d = {CW{1'b0}};
            wr_d    = 1'b1;
            wr_t_d  = t_q;
            if (last_step) state_d = S_WRITE;
            else begin
              t_d   = t_plus_1;
              old_d = ahead_row;
            end
          end
        end
      end
      S_WRITE: begin
        // the last row is written in this cycle
        done_d  = 1'b1;
        state_d = S_IDLE;
      end
      default: state_d = S_IDLE;
    endcase
  end

  always @(posedge clk) begin
    if (rst) begin
      state_q <= S_IDLE;
      done_q  <= 1'b0;
      ovf_q   <= {FLAGS{1'b0}};
      fresh_q <= 1'b0;
      wr_q    <= 1'b0;
    end else begin
      state_q <= state_d;
      done_q  <= done_d;
      ovf_q   <= ovf_d;
      fresh_q <= fresh_d;
      wr_q    <= wr_d;
    end
    t_q     <= t_d;
    beats_q <= beats_d;
    row_q   <= row_d;
    old_q   <= old_d;
    ahead_q <= ahead_d;
    wr_t_q  <= wr_t_d;
  end

endmodule

`resetall
