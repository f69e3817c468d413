// slice_source: streams a spike buffer of whole time steps as one beat per (step, group): the P
// spikes of channels g*P .. g*P+P-1 of step t, steps in order, groups 0 .. GROUPS-1 within a step. It
// feeds the gate input of gsu_gate with gsu.proj's spikes in the order the value engine produces its
// beats.
//
// Parameters: P lanes, GROUPS groups (C = P * GROUPS channels in a buffer row, bit c = channel c),
// T_MAX rows. Derived, not to be set: AW, TW.
//
// Buffer port: synchronous read (rd_en, rd_addr; rd_data one cycle later), shared by OR with other
// readers: rd_en and rd_addr are 0 while the source does not read.
// Control: a one-cycle start pulse begins a pass over `steps` steps (held during the pass).
// Handshake: m_valid and m_data come from a skid_buffer; no combinational path from m_ready.
// Cycles: two for the read of row 0 (one cycle after start), then one beat per group and cycle, steps
// back to back: row t+1 is read in the cycle row t is loaded, and at the end of step t taken from
// rd_data or from the register it was caught in.
`resetall
`timescale 1ns / 1ps
`default_nettype none

module slice_source #(
    parameter integer P      = 4,
    parameter integer GROUPS = 2,
    parameter integer T_MAX  = 8,
    // derived
    parameter integer GW     = (GROUPS > 1) ? $clog2(GROUPS) : 1,
    parameter integer AW     = (T_MAX > 1) ? $clog2(T_MAX) : 1,
    parameter integer TW     = $clog2(T_MAX + 1)
) (
    input  wire                  clk,
    input  wire                  rst,
    input  wire                  start,
    input  wire [        TW-1:0] steps,
    output wire                  rd_en,
    output wire [        AW-1:0] rd_addr,
    input  wire [P*GROUPS-1:0]   rd_data,
    output wire [         P-1:0] m_data,
    output wire                  m_valid,
    input  wire                  m_ready
);

  localparam integer G_LAST_I = GROUPS - 1;
  localparam [GW-1:0] G_LAST = G_LAST_I[GW-1:0];
  localparam [1:0] S_IDLE = 2'd0, S_READ = 2'd1, S_LOAD = 2'd2, S_SEND = 2'd3;

  reg [1:0] state_q, state_d;
  reg [TW-1:0] t_q, t_d;
  reg [GW-1:0] g_q, g_d;
  reg [P*GROUPS-1:0] row_q, row_d;
  reg [P*GROUPS-1:0] ahead_q, ahead_d;  // row t+1, caught the cycle after its read
  reg fresh_q, fresh_d;  // rd_data shows row t+1 (read in the previous cycle)
  reg out_valid;
  wire out_ready;

  wire last_step = (t_q == steps - 1'b1);
  wire step_ends = (state_q == S_SEND) && out_ready && (g_q == G_LAST);
  // row t+1 is read in the cycle row t is loaded: row 1 in S_LOAD, a later row in the cycle the
  // previous step ends (then it is row t+2 of the current t_q)
  wire [TW-1:0] t_plus_1 = t_q + 1'b1;
  wire [TW-1:0] t_plus_2 = t_plus_1 + 1'b1;
  wire read_first = (state_q == S_READ);
  wire read_ahead_0 = (state_q == S_LOAD) && (t_plus_1 < steps);
  wire read_ahead = step_ends && !last_step && (t_plus_2 < steps);

  assign rd_en = read_first || read_ahead_0 || read_ahead;
  assign rd_addr = read_first ? t_q[AW-1:0] : (read_ahead_0 ? t_plus_1[AW-1:0] :
      (read_ahead ? t_plus_2[AW-1:0] : {AW{1'b0}}));

  always @* begin
    state_d   = state_q;
    t_d       = t_q;
    g_d       = g_q;
    row_d     = row_q;
    ahead_d   = fresh_q ? rd_data : ahead_q;
    fresh_d   = read_ahead_0 || read_ahead;
    out_valid = 1'b0;
    case (state_q)
      S_IDLE: begin
        if (start) begin
          t_d     = {TW{1'b0}};
          g_d     = {GW{1'b0}};
          state_d = S_READ;
        end
      end
      S_READ:  state_d = S_LOAD;
      S_LOAD: begin
        row_d   = rd_data;
        state_d = S_SEND;
      end
      S_SEND: begin
        out_valid = 1'b1;
        if (out_ready) begin
          if (g_q != G_LAST) g_d = g_q + 1'b1;
          else begin
            g_d = {GW{1'b0}};
            if (last_step) state_d = S_IDLE;
            else begin
              t_d   = t_plus_1;
              row_d = fresh_q ? rd_data : ahead_q;
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
    end else begin
      state_q <= state_d;
      fresh_q <= fresh_d;
    end
    t_q     <= t_d;
    g_q     <= g_d;
    row_q   <= row_d;
    ahead_q <= ahead_d;
  end

  skid_buffer #(
      .WIDTH(P)
  ) u_out (
      .clk    (clk),
      .rst    (rst),
      .s_data (row_q[g_q*P+:P]),
      .s_valid(out_valid),
      .s_ready(out_ready),
      .m_data (m_data),
      .m_valid(m_valid),
      .m_ready(m_ready)
  );

endmodule

`resetall
