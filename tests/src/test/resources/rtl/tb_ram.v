// Test bench of ram_sp and ram_dp: both memories start from ram_init.hex and run the same random
// operation sequence, one operation a cycle (+ops=N lines of ops.hex). An operation word holds, from
// bit 0: raddr [11:0] (ram_dp read address), addr [23:12] (ram_sp address, ram_dp write address),
// re [24] (ram_dp read enable), we [25] (write enable of both), en [26] (ram_sp enable), wdata
// [63:27]. After each clock edge rdata of ram_sp is compared with line n of expect_sp.hex and rdata
// of ram_dp with line n of expect_dp.hex, so a cycle without a read checks that rdata held.
`timescale 1ns / 1ps
`default_nettype none

module tb_ram #(
    parameter integer WIDTH = 16,
    parameter integer DEPTH = 1024,
    parameter integer MAX_BEATS = 8192,
    parameter integer MAX_CYCLES = 1000000
);
  `include "tb_common.vh"

  localparam integer AW = $clog2(DEPTH);

  reg [63:0] op_mem[0:MAX_BEATS-1];
  reg [WIDTH-1:0] exp_sp_mem[0:MAX_BEATS-1];
  reg [WIDTH-1:0] exp_dp_mem[0:MAX_BEATS-1];
  reg [63:0] op = 64'd0;
  integer n_ops = 0;
  integer n;

  wire [WIDTH-1:0] sp_rdata;
  wire [WIDTH-1:0] dp_rdata;

  ram_sp #(
      .WIDTH    (WIDTH),
      .DEPTH    (DEPTH),
      .INIT_FILE("ram_init.hex")
  ) u_sp (
      .clk  (clk),
      .en   (op[26]),
      .we   (op[25]),
      .addr (op[12+:AW]),
      .wdata(op[27+:WIDTH]),
      .rdata(sp_rdata)
  );

  ram_dp #(
      .WIDTH    (WIDTH),
      .DEPTH    (DEPTH),
      .INIT_FILE("ram_init.hex")
  ) u_dp (
      .clk  (clk),
      .we   (op[25]),
      .waddr(op[12+:AW]),
      .wdata(op[27+:WIDTH]),
      .re   (op[24]),
      .raddr(op[0+:AW]),
      .rdata(dp_rdata)
  );

  initial begin
    tb_init;
    if (!$value$plusargs("ops=%d", n_ops)) n_ops = 0;
    $readmemh("ops.hex", op_mem);
    $readmemh("expect_sp.hex", exp_sp_mem);
    $readmemh("expect_dp.hex", exp_dp_mem);
    repeat (3) @(posedge clk);
    rst <= 1'b0;
    for (n = 0; n < n_ops; n = n + 1) begin
      @(negedge clk);
      op = op_mem[n];
      @(posedge clk);
      #1;
      tb_check("ram_sp", n, {{(256 - WIDTH) {1'b0}}, exp_sp_mem[n]}, {{(256 - WIDTH) {1'b0}}, sp_rdata});
      tb_check("ram_dp", n, {{(256 - WIDTH) {1'b0}}, exp_dp_mem[n]}, {{(256 - WIDTH) {1'b0}}, dp_rdata});
    end
    tb_finish;
  end
endmodule

`default_nettype wire
