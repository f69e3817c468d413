// gsu_gate: the GSU product U * g of docs/fixed-point.md section 6 as select-or-zero, P lanes a beat:
// lif3's input is X[l] = g[l] ? X_U[l] : 0.
//
// Parameters (formats in the contract's notation):
//   P    lanes per beat (>= 1)
//   XW   width of the value half's LIF input: X_U and X are ap_int<XW> (membrane units of the value
//        half's scale); the unit only selects, so the sign does not matter to it
//   UW   side data carried unchanged from the value stream to the output (for example lif_core's
//        {first, group} fields), ap_uint<UW>, UW >= 1
//
// Ports:
//   s_value_data   {user, X_U[P-1], ..., X_U[0]}, X_U[l] at bits [l*XW +: XW]
//   s_gate_data    g[P-1:0], the spikes of gsu.lif2 for the same step and channels (0 or 1 each)
//   m_out_data     {user, X[P-1], ..., X[0]}
//
// The two input streams are joined: one value beat and one gate beat move together, in order, when
// both are valid and the output has room (a beat waits on one stream until the other brings its
// partner). Handshake (every stream, AXI-Stream style): a beat moves when valid and ready are both
// high; valid never depends combinationally on ready; once valid is raised, valid and data hold until
// accepted. Each input's ready depends on the other input's valid and on a register, never on
// m_out_ready; m_out_valid and m_out_data come from registers (skid_buffer).
//
// Latency: 1 cycle from the joined input beat to the output. Throughput: one beat per cycle.
//
//                 ___     ___     ___     ___
// clk           _|   |___|   |___|   |___|   |_
// s_value_valid _/‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾\___________
// s_gate_valid  _/‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾\___________
// s_*_data      =X_A_____X_B_____X___________
// m_out_valid   _________/‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾\___
// m_out_data    _________X_A'____X_B'____X___
`resetall
`timescale 1ns / 1ps
`default_nettype none

module gsu_gate #(
    parameter integer P = 4,
    parameter integer XW = 16,
    parameter integer UW = 1
) (
    input  wire               clk,
    input  wire               rst,
    input  wire [UW+P*XW-1:0] s_value_data,
    input  wire               s_value_valid,
    output wire               s_value_ready,
    input  wire [      P-1:0] s_gate_data,
    input  wire               s_gate_valid,
    output wire               s_gate_ready,
    output wire [UW+P*XW-1:0] m_out_data,
    output wire               m_out_valid,
    input  wire               m_out_ready
);

  initial begin
    if (P < 1 || XW < 1 || UW < 1) $error("gsu_gate: P, XW and UW must be at least 1 %m");
  end

  wire out_ready;
  reg [P*XW-1:0] gated;
  integer l;

  assign s_value_ready = out_ready && s_gate_valid;
  assign s_gate_ready  = out_ready && s_value_valid;

  // Select-or-zero per lane.
  always @* begin
    for (l = 0; l < P; l = l + 1) begin
      gated[l*XW+:XW] = s_gate_data[l] ? s_value_data[l*XW+:XW] : {XW{1'b0}};
    end
  end

  skid_buffer #(
      .WIDTH(UW + P * XW)
  ) u_out (
      .clk    (clk),
      .rst    (rst),
      .s_data ({s_value_data[UW+P*XW-1:P*XW], gated}),
      .s_valid(s_value_valid && s_gate_valid),
      .s_ready(out_ready),
      .m_data (m_out_data),
      .m_valid(m_out_valid),
      .m_ready(m_out_ready)
  );

endmodule

`resetall
