// Test bench of rom: the ROM holds rom.hex; +ops=N reads, one a cycle, from ops.hex (address in bits
// [15:0], enable in bit 16). After each clock edge data is compared with line n of expect.hex, so a
// cycle with the enable low checks that data held.
`timescale 1ns / 1ps
`default_nettype none

module tb_rom #(
    parameter integer WIDTH = 16,
    parameter integer DEPTH = 256,
    parameter integer MAX_BEATS = 8192,
    parameter integer MAX_CYCLES = 1000000
);
  `include "tb_common.vh"

  localparam integer AW = $clog2(DEPTH);

  reg [31:0] op_mem[0:MAX_BEATS-1];
  reg [WIDTH-1:0] exp_mem[0:MAX_BEATS-1];
  reg [31:0] op = 32'd0;
  integer n_ops = 0;
  integer n;

  wire [WIDTH-1:0] data;

  rom #(
      .WIDTH    (WIDTH),
      .DEPTH    (DEPTH),
      .INIT_FILE("rom.hex")
  ) u_dut (
      .clk (clk),
      .en  (op[16]),
      .addr(op[0+:AW]),
      .data(data)
  );

  initial begin
    tb_init;
    if (!$value$plusargs("ops=%d", n_ops)) n_ops = 0;
    $readmemh("ops.hex", op_mem);
    $readmemh("expect.hex", exp_mem);
    repeat (3) @(posedge clk);
    rst <= 1'b0;
    for (n = 0; n < n_ops; n = n + 1) begin
      @(negedge clk);
      op = op_mem[n];
      @(posedge clk);
      #1;
      tb_check("rom", n, {{(256 - WIDTH) {1'b0}}, exp_mem[n]}, {{(256 - WIDTH) {1'b0}}, data});
    end
    tb_finish;
  end
endmodule

`default_nettype wire
