// row_sink: writes a stream of whole rows, one beat per step, into a buffer of time steps: beat n goes
// to row n; the beat marked last ends the pass. It stores the attention spikes (spike_attention's
// m_att) for proj.
//
// Parameters: W bits of a row, T_MAX rows. Derived, not to be set: AW.
//
// Buffer port: write (wr_en, wr_addr, wr_data), shared by OR with other writers: 0 while idle.
// Control: a one-cycle start pulse arms the sink; `done` pulses for one cycle after the last row is
// written. A beat arriving while the sink is not armed waits (s_ready low).
// Handshake: s_ready is a decoded state register. One beat per cycle.
`resetall
`timescale 1ns / 1ps
`default_nettype none

module row_sink #(
    parameter integer W     = 8,
    parameter integer T_MAX = 8,
    // derived
    parameter integer AW    = (T_MAX > 1) ? $clog2(T_MAX) : 1
) (
    input  wire          clk,
    input  wire          rst,
    input  wire          start,
    output wire          done,
    output wire          wr_en,
    output wire [AW-1:0] wr_addr,
    output wire [ W-1:0] wr_data,
    input  wire [ W-1:0] s_data,
    input  wire          s_last,
    input  wire          s_valid,
    output wire          s_ready
);

  reg armed_q, armed_d;
  reg [AW-1:0] t_q, t_d;
  reg done_q, done_d;
  wire take = armed_q && s_valid;

  assign s_ready = armed_q;
  assign wr_en   = take;
  assign wr_addr = take ? t_q : {AW{1'b0}};
  assign wr_data = take ? s_data : {W{1'b0}};
  assign done    = done_q;

  always @* begin
    armed_d = armed_q;
    t_d     = t_q;
    done_d  = 1'b0;
    if (start) begin
      armed_d = 1'b1;
      t_d     = {AW{1'b0}};
    end else if (take) begin
      t_d = t_q + 1'b1;
      if (s_last) begin
        armed_d = 1'b0;
        done_d  = 1'b1;
      end
    end
  end

  always @(posedge clk) begin
    if (rst) begin
      armed_q <= 1'b0;
      done_q  <= 1'b0;
    end else begin
      armed_q <= armed_d;
      done_q  <= done_d;
    end
    t_q <= t_d;
  end

endmodule

`resetall
