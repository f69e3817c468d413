// frame_loader: the design's input. Takes an utterance's frames from an AXI4-Stream and writes them,
// one row per frame, into the input buffer of the first layer.
//
// Parameters:
//   CIN       channels of a frame; B bits of a channel's value (the model's input format, contract 2.2:
//             ap_uint<B> spike counts or the raw ap_int<12> of ap_fixed<12,8> mel values, as bits)
//   IN_LANES  channels per beat; the beat is IN_LANES * B bits wide
//   T_MAX     rows of the input buffer, the longest utterance. Derived, not to be set: AW, TW.
//
// Packing: a frame is NB = ceil(CIN / IN_LANES) beats; channel c travels in beat c / IN_LANES of its
// frame, at bits [(c mod IN_LANES)*B +: B]; the unused lanes of a frame's last beat are ignored.
// tlast marks the last beat of the utterance's last frame. A buffer row holds channel c at [c*B +: B].
//
// Errors, reported by sticky flags (cleared when the next utterance starts) and handled without a hang:
//   framing_error: tlast came before the frame's last beat; the frame's remaining channels are 0 and
//                  the frame counts.
//   overlong:      more than T_MAX frames; the frames beyond T_MAX are read and dropped until tlast, and
//                  the utterance runs with T_MAX steps.
//
// Control: a one-cycle start pulse arms the loader (tready high until the beat with tlast);
// first_beat pulses for one cycle after the utterance's first beat has been taken; done pulses for
// one cycle after its last; `steps` then holds the utterance's frame count until the next start, and
// T_MAX while an utterance is being loaded (no step index reaches it before the count is known).
// A consumer may read the buffer while it is being written: `rows` counts the frames written so far
// (row r may be read from the cycle in which rows > r) and `loaded` is high from the cycle after
// the last beat (when `rows` and `steps` hold the utterance's count) until the next start.
// Buffer write port: wr_en, wr_addr, wr_data, 0 while not writing.
`resetall
`timescale 1ns / 1ps
`default_nettype none

module frame_loader #(
    parameter integer CIN      = 8,
    parameter integer B        = 8,
    parameter integer IN_LANES = 4,
    parameter integer T_MAX    = 8,
    // derived
    parameter integer AW       = (T_MAX > 1) ? $clog2(T_MAX) : 1,
    parameter integer TW       = $clog2(T_MAX + 1)
) (
    input  wire                  clk,
    input  wire                  rst,
    input  wire                  start,
    output wire                  first_beat,
    output wire                  done,
    output wire [        TW-1:0] steps,
    output wire [        TW-1:0] rows,
    output wire                  loaded,
    output wire                  framing_error,
    output wire                  overlong,
    output wire                  wr_en,
    output wire [        AW-1:0] wr_addr,
    output wire [     CIN*B-1:0] wr_data,
    input  wire [IN_LANES*B-1:0] s_axis_tdata,
    input  wire                  s_axis_tlast,
    input  wire                  s_axis_tvalid,
    output wire                  s_axis_tready
);

  localparam integer NB = (CIN + IN_LANES - 1) / IN_LANES;
  localparam integer BW = (NB > 1) ? $clog2(NB) : 1;
  localparam integer FW = NB * IN_LANES * B;  // bits of an assembled frame
  localparam integer NB_LAST_I = NB - 1;
  localparam integer T_MAX_I = T_MAX;
  localparam [BW-1:0] B_LAST = NB_LAST_I[BW-1:0];
  localparam [TW-1:0] T_FULL = T_MAX_I[TW-1:0];

  reg armed_q, armed_d;
  reg started_q, started_d;  // a beat of this utterance has been taken
  reg [BW-1:0] b_q, b_d;  // beat of the frame
  reg [TW-1:0] t_q, t_d;  // frames written
  reg [FW-1:0] frame_q, frame_d;
  reg [TW-1:0] steps_q, steps_d;
  reg first_q, first_d, done_q, done_d, ferr_q, ferr_d, long_q, long_d;

  wire take = armed_q && s_axis_tvalid;
  wire frame_end = (b_q == B_LAST) || s_axis_tlast;
  wire room = (t_q != T_FULL);

  // the frame with this beat placed at beat b_q and every later beat zero
  reg [FW-1:0] merged;
  integer j;
  always @* begin
    merged = frame_q;
    for (j = 0; j < NB; j = j + 1) begin
      if (j[BW-1:0] == b_q) merged[j*IN_LANES*B+:IN_LANES*B] = s_axis_tdata;
      else if (j[BW-1:0] > b_q) merged[j*IN_LANES*B+:IN_LANES*B] = {(IN_LANES * B) {1'b0}};
    end
  end

  assign s_axis_tready = armed_q;
  assign wr_en         = take && frame_end && room;
  assign wr_addr       = wr_en ? t_q[AW-1:0] : {AW{1'b0}};
  assign wr_data       = wr_en ? merged[CIN*B-1:0] : {(CIN * B) {1'b0}};
  assign first_beat    = first_q;
  assign done          = done_q;
  assign steps         = steps_q;
  assign rows          = t_q;
  // every frame is in: a beat was taken and the loader is no longer armed (tlast has passed)
  assign loaded        = started_q && !armed_q;
  assign framing_error = ferr_q;
  assign overlong      = long_q;

  always @* begin
    armed_d   = armed_q;
    started_d = started_q;
    b_d       = b_q;
    t_d       = t_q;
    frame_d   = frame_q;
    steps_d   = steps_q;
    first_d   = 1'b0;
    done_d    = 1'b0;
    ferr_d    = ferr_q;
    long_d    = long_q;
    if (start) begin
      armed_d   = 1'b1;
      started_d = 1'b0;
      b_d       = {BW{1'b0}};
      t_d       = {TW{1'b0}};
      steps_d   = T_FULL;
    end else if (take) begin
      started_d = 1'b1;
      frame_d   = merged;
      if (!started_q) begin
        first_d = 1'b1;
        ferr_d  = 1'b0;
        long_d  = 1'b0;
      end
      if (frame_end) begin
        b_d = {BW{1'b0}};
        if (room) t_d = t_q + 1'b1;
        else long_d = 1'b1;
        if (s_axis_tlast && (b_q != B_LAST)) ferr_d = 1'b1;
      end else begin
        b_d = b_q + 1'b1;
      end
      if (s_axis_tlast) begin
        armed_d = 1'b0;
        done_d  = 1'b1;
        steps_d = room ? t_q + 1'b1 : t_q;
      end
    end
  end

  always @(posedge clk) begin
    if (rst) begin
      armed_q <= 1'b0;
      first_q <= 1'b0;
      done_q  <= 1'b0;
      ferr_q  <= 1'b0;
      long_q  <= 1'b0;
      steps_q <= {TW{1'b0}};
      started_q <= 1'b0;
      t_q     <= {TW{1'b0}};
    end else begin
      armed_q <= armed_d;
      first_q <= first_d;
      done_q  <= done_d;
      ferr_q  <= ferr_d;
      long_q  <= long_d;
      steps_q <= steps_d;
      started_q <= started_d;
      t_q     <= t_d;
    end
    b_q       <= b_d;
    frame_q   <= frame_d;
  end

endmodule

`resetall
