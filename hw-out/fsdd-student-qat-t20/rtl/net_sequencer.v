// net_sequencer: the controller of the layer-sequential schedule. It arms the frame loader, then runs
// the network's passes one after another over the whole utterance (pass i starts when pass i-1 is
// done; the last pass ends when the class beat has left), then arms the loader for the next utterance.
// No reset is needed between utterances: every unit clears its state on its start pulse.
//
// Parameters: PASSES, the number of passes (>= 1); EARLY: 0 starts the first pass when the loader has
// taken the utterance's last beat, 1 when it has taken the first (the first pass then reads the
// input buffer while it is being written, waiting for each row: event_source's rows and loaded).
//
// Ports:
//   load_start   one-cycle pulse arming the frame loader (after reset and after every utterance)
//   load_done    the loader has taken the utterance's last beat
//   first_beat   the loader has taken the utterance's first beat (starts the cycle count)
//   pass_start   bit i: one-cycle start pulse of pass i
//   pass_done    bit i: one-cycle pulse, pass i has finished
//   pass         index of the running pass (changes on the edge that raises its start pulse and holds
//                until the next pass starts): it selects the layer of units shared by several passes
//   cycles       cycles of the last finished utterance, from the cycle its first input beat moved to
//                the cycle its class beat moved (both handshakes counted as edges: class - first)
//   busy         an utterance is being loaded or computed
`resetall
`timescale 1ns / 1ps
`default_nettype none

module net_sequencer #(
    parameter integer PASSES = 2,
    parameter integer EARLY  = 0,
    // derived
    parameter integer IW     = (PASSES > 1) ? $clog2(PASSES) : 1
) (
    input  wire              clk,
    input  wire              rst,
    output wire              load_start,
    input  wire              load_done,
    input  wire              first_beat,
    output wire [PASSES-1:0] pass_start,
    input  wire [PASSES-1:0] pass_done,
    output wire [    IW-1:0] pass,
    output wire [      31:0] cycles,
    output wire              busy
);

  localparam integer LAST_I = PASSES - 1;
  localparam [IW-1:0] LAST = LAST_I[IW-1:0];
  localparam [1:0] S_ARM = 2'd0, S_LOAD = 2'd1, S_RUN = 2'd2;

  reg [1:0] state_q, state_d;
  reg [IW-1:0] pass_q, pass_d;
  reg load_start_q, load_start_d;
  reg [PASSES-1:0] start_q, start_d;
  reg [31:0] count_q, count_d, cycles_q, cycles_d;
  reg busy_q, busy_d;

  wire this_done = pass_done[pass_q];

  assign load_start = load_start_q;
  assign pass_start = start_q;
  assign pass       = pass_q;
  assign cycles     = cycles_q;
  assign busy       = busy_q;

  always @* begin
    state_d      = state_q;
    pass_d       = pass_q;
    load_start_d = 1'b0;
    start_d      = {PASSES{1'b0}};
    count_d      = count_q + 1'b1;
    cycles_d     = cycles_q;
    busy_d       = busy_q;
    if (first_beat) begin
      count_d    = 32'd1;
      busy_d     = 1'b1;
    end
    case (state_q)
      S_ARM: begin
        load_start_d = 1'b1;
        state_d      = S_LOAD;
      end
      S_LOAD: begin
        if (EARLY != 0 ? first_beat : load_done) begin
          pass_d     = {IW{1'b0}};
          start_d[0] = 1'b1;
          state_d    = S_RUN;
        end
      end
      S_RUN: begin
        if (this_done) begin
          if (pass_q == LAST) begin
            cycles_d   = count_q;
            busy_d     = 1'b0;
            state_d    = S_ARM;
          end else begin
            pass_d  = pass_q + 1'b1;
            start_d = {{(PASSES - 1) {1'b0}}, 1'b1} << (pass_q + 1'b1);
          end
        end
      end
      default: state_d = S_ARM;
    endcase
  end

  always @(posedge clk) begin
    if (rst) begin
      state_q      <= S_ARM;
      load_start_q <= 1'b0;
      start_q      <= {PASSES{1'b0}};
      cycles_q     <= 32'd0;
      busy_q       <= 1'b0;
    end else begin
      state_q      <= state_d;
      load_start_q <= load_start_d;
      start_q      <= start_d;
      cycles_q     <= cycles_d;
      busy_q       <= busy_d;
    end
    pass_q  <= pass_d;
    count_q <= count_d;
  end

endmodule

`resetall
