// skid_buffer: a two-entry register slice for one valid/ready stream.
//
// Parameters:
//   WIDTH  bits of the data word (ap_uint<WIDTH>, carried unchanged)
//
// Handshake (both ports, AXI-Stream style): a beat moves when valid and ready are both high; valid
// never depends combinationally on ready; once valid is raised, valid and data hold until accepted.
// Both m_valid and s_ready come straight from registers, so the slice breaks every combinational path
// between its two sides.
//
// Latency: 1 cycle from an accepted input beat to the output. Throughput: one beat per cycle.
//
//          ___     ___     ___     ___
// clk    _|   |___|   |___|   |___|   |_
// s_valid _/‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾\___________
// s_data  =X_A_____X_B_____X___________
// m_valid _________/‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾\___
// m_data  _________X_A_____X_B_____X___
`resetall
`timescale 1ns / 1ps
`default_nettype none

module skid_buffer #(
    parameter integer WIDTH = 8
) (
    input  wire             clk,
    input  wire             rst,
    input  wire [WIDTH-1:0] s_data,
    input  wire             s_valid,
    output wire             s_ready,
    output wire [WIDTH-1:0] m_data,
    output wire             m_valid,
    input  wire             m_ready
);

  // Output register and the skid register that catches a beat while the output stalls.
  reg [WIDTH-1:0] out_data_q, skid_data_q;
  reg out_valid_q, skid_valid_q;
  reg [WIDTH-1:0] out_data_d, skid_data_d;
  reg out_valid_d, skid_valid_d;

  assign s_ready = ~skid_valid_q;
  assign m_data  = out_data_q;
  assign m_valid = out_valid_q;

  always @* begin
    out_data_d   = out_data_q;
    out_valid_d  = out_valid_q;
    skid_data_d  = skid_data_q;
    skid_valid_d = skid_valid_q;
    if (m_ready || !out_valid_q) begin
      // The output register is free this cycle: refill it from the skid register, else the input.
      if (skid_valid_q) begin
        out_data_d   = skid_data_q;
        out_valid_d  = 1'b1;
        skid_valid_d = 1'b0;
      end else begin
        out_data_d  = s_data;
        out_valid_d = s_valid;
      end
    end else if (s_valid && !skid_valid_q) begin
      // The output stalls and the input moves: park the beat in the skid register.
      skid_data_d  = s_data;
      skid_valid_d = 1'b1;
    end
  end

  always @(posedge clk) begin
    if (rst) begin
      out_valid_q  <= 1'b0;
      skid_valid_q <= 1'b0;
    end else begin
      out_valid_q  <= out_valid_d;
      skid_valid_q <= skid_valid_d;
    end
    out_data_q  <= out_data_d;
    skid_data_q <= skid_data_d;
  end

endmodule

`resetall
