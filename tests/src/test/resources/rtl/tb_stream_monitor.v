// tb_stream_monitor: checks the handshake rules on one valid/ready stream and prints a MISMATCH line
// for every violation: once valid is high and the beat is not taken, valid must stay high and data
// must not change in the next cycle.
`timescale 1ns / 1ps
`default_nettype none

module tb_stream_monitor #(
    parameter integer WIDTH = 8,
    parameter NAME = "stream"
) (
    input wire             clk,
    input wire             rst,
    input wire [WIDTH-1:0] data,
    input wire             valid,
    input wire             ready
);
  reg             pending_q = 1'b0;
  reg [WIDTH-1:0] data_q;
  integer         violations = 0;

  always @(posedge clk) begin
    if (rst) begin
      pending_q <= 1'b0;
    end else begin
      if (pending_q && !valid) begin
        violations = violations + 1;
        $display("MISMATCH protocol %0s: valid dropped before the beat was taken", NAME);
      end else if (pending_q && data !== data_q) begin
        violations = violations + 1;
        $display("MISMATCH protocol %0s: data changed while valid waited for ready", NAME);
      end
      pending_q <= valid && !ready;
      data_q    <= data;
    end
  end
endmodule

`default_nettype wire
