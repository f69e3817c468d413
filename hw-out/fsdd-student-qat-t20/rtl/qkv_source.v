// qkv_source: streams the q, k and v spikes of an utterance, one beat per step, from three spike
// buffers into spike_attention's s_qkv input (docs/hw-units/spike_attention.md): beat t =
// {v[t], k[t], q[t]}, last on step steps-1.
//
// Parameters: D channels (bit c of a row = channel c), T_MAX rows. Derived, not to be set: AW, TW.
//
// Buffer ports: one synchronous read address for the three buffers (rd_en, rd_addr; the three rows one
// cycle later), shared by OR with other readers: 0 while the source does not read.
// Control: a one-cycle start pulse begins a pass over `steps` steps (held during the pass).
// Handshake: m_valid, m_data and m_last come from a skid_buffer; no combinational path from m_ready.
// Cycles: three per step (read, load, send).
`resetall
`timescale 1ns / 1ps
`default_nettype none

module qkv_source #(
    parameter integer D     = 8,
    parameter integer T_MAX = 8,
    // derived
    parameter integer AW    = (T_MAX > 1) ? $clog2(T_MAX) : 1,
    parameter integer TW    = $clog2(T_MAX + 1)
) (
    input  wire           clk,
    input  wire           rst,
    input  wire           start,
    input  wire [ TW-1:0] steps,
    output wire           rd_en,
    output wire [ AW-1:0] rd_addr,
    input  wire [  D-1:0] q_data,
    input  wire [  D-1:0] k_data,
    input  wire [  D-1:0] v_data,
    output wire [3*D-1:0] m_data,
    output wire           m_last,
    output wire           m_valid,
    input  wire           m_ready
);

  localparam [1:0] S_IDLE = 2'd0, S_READ = 2'd1, S_LOAD = 2'd2, S_SEND = 2'd3;

  reg [1:0] state_q, state_d;
  reg [TW-1:0] t_q, t_d;
  reg [3*D-1:0] row_q, row_d;
  reg out_valid;
  wire out_ready;
  wire last_step = (t_q == steps - 1'b1);

  assign rd_en   = (state_q == S_READ);
  assign rd_addr = (state_q == S_READ) ? t_q[AW-1:0] : {AW{1'b0}};

  always @* begin
    state_d   = state_q;
    t_d       = t_q;
    row_d     = row_q;
    out_valid = 1'b0;
    case (state_q)
      S_IDLE: begin
        if (start) begin
          t_d     = {TW{1'b0}};
          state_d = S_READ;
        end
      end
      S_READ:  state_d = S_LOAD;
      S_LOAD: begin
        row_d   = {v_data, k_data, q_data};
        state_d = S_SEND;
      end
      S_SEND: begin
        out_valid = 1'b1;
        if (out_ready) begin
          if (last_step) state_d = S_IDLE;
          else begin
            t_d     = t_q + 1'b1;
            state_d = S_READ;
          end
        end
      end
      default: state_d = S_IDLE;
    endcase
  end

  always @(posedge clk) begin
    if (rst) state_q <= S_IDLE;
    else state_q <= state_d;
    t_q   <= t_d;
    row_q <= row_d;
  end

  skid_buffer #(
      .WIDTH(3 * D + 1)
  ) u_out (
      .clk    (clk),
      .rst    (rst),
      .s_data ({last_step, row_q}),
      .s_valid(out_valid),
      .s_ready(out_ready),
      .m_data ({m_last, m_data}),
      .m_valid(m_valid),
      .m_ready(m_ready)
  );

endmodule

`resetall
