// residual_add: one residual addition of docs/fixed-point.md section 6, P lanes a beat: the residual
// stream plus one sub-block's spikes, X_out[l] = X_in[l] + S[l], exact.
//
// Parameters (formats in the contract's notation):
//   P    lanes per beat (>= 1)
//   R    width of the residual stream (>= 2): X_in and X_out are ap_uint<R>, R = ceil(log2(2 +
//        4 depth)); the contract's ranges (after block i the stream lies in 0 .. 1 + 4(i+1) <=
//        2^R - 1) prove that no sum leaves R bits, so there is no saturation logic (a sum of 2^R
//        would wrap)
//   UW   side data carried unchanged from the residual stream to the output, ap_uint<UW>, UW >= 1
//
// Ports:
//   s_res_data     {user, X_in[P-1], ..., X_in[0]}, X_in[l] at bits [l*R +: R]
//   s_spike_data   S[P-1:0], the sub-block's spikes for the same step and channels
//   m_out_data     {user, X_out[P-1], ..., X_out[0]}
//
// The two input streams are joined: one residual beat and one spike beat move together, in order,
// when both are valid and the output has room. Handshake (every stream, AXI-Stream style): a beat
// moves when valid and ready are both high; valid never depends combinationally on ready; once valid
// is raised, valid and data hold until accepted. Each input's ready depends on the other input's
// valid and on a register, never on m_out_ready; m_out_valid and m_out_data come from registers
// (skid_buffer).
//
// Latency: 1 cycle from the joined input beat to the output. Throughput: one beat per cycle.
//
//                 ___     ___     ___     ___
// clk           _|   |___|   |___|   |___|   |_
// s_res_valid   _/‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾\___________
// s_spike_valid _/‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾\___________
// s_*_data      =X_A_____X_B_____X___________
// m_out_valid   _________/‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾\___
// m_out_data    _________X_A'____X_B'____X___
`resetall
`timescale 1ns / 1ps
`default_nettype none

module residual_add #(
    parameter integer P = 4,
    parameter integer R = 3,
    parameter integer UW = 1
) (
    input  wire              clk,
    input  wire              rst,
    input  wire [UW+P*R-1:0] s_res_data,
    input  wire              s_res_valid,
    output wire              s_res_ready,
    input  wire [     P-1:0] s_spike_data,
    input  wire              s_spike_valid,
    output wire              s_spike_ready,
    output wire [UW+P*R-1:0] m_out_data,
    output wire              m_out_valid,
    input  wire              m_out_ready
);

  initial begin
    if (P < 1 || R < 2 || UW < 1)
      $error("residual_add: P and UW must be at least 1, R at least 2 %m");
  end

  wire out_ready;
  reg [P*R-1:0] sum;
  integer l;

  assign s_res_ready   = out_ready && s_spike_valid;
  assign s_spike_ready = out_ready && s_res_valid;

  // One R-bit adder per lane; the spike is the carry-in.
  always @* begin
    for (l = 0; l < P; l = l + 1) begin
      sum[l*R+:R] = s_res_data[l*R+:R] + {{(R - 1) {1'b0}}, s_spike_data[l]};
    end
  end

  skid_buffer #(
      .WIDTH(UW + P * R)
  ) u_out (
      .clk    (clk),
      .rst    (rst),
      .s_data ({s_res_data[UW+P*R-1:P*R], sum}),
      .s_valid(s_res_valid && s_spike_valid),
      .s_ready(out_ready),
      .m_data (m_out_data),
      .m_valid(m_out_valid),
      .m_ready(m_out_ready)
  );

endmodule

`resetall
