// A test bench that never finishes by itself: the watchdog must end it with TIMEOUT.
`timescale 1ns / 1ps
`default_nettype none

module tb_hang #(
    parameter integer MAX_CYCLES = 200
);
  `include "tb_common.vh"

  initial begin
    tb_init;
    repeat (3) @(posedge clk);
    rst <= 1'b0;
  end
endmodule

`default_nettype wire
