// ram_dp: simple dual-port synchronous RAM of DEPTH words: one write port and one read port on one
// clock, read-first.
//
// Parameters:
//   WIDTH      bits of a word (ap_uint<WIDTH>)
//   DEPTH      words (>= 2); addresses 0 .. DEPTH-1
//   INIT_FILE  $readmemh image of the initial contents, one word a line ("" leaves them undefined)
//
// Ports: a cycle with we high writes wdata at waddr; a cycle with re high reads the word at raddr into
// rdata (it appears after the clock edge). Read-first: when both ports use one address in the same
// cycle, rdata shows the word as it was before the write. With re low rdata holds its value.
//
// Latency: 1 cycle (registered read). Throughput: one write and one read per cycle. No reset: the
// contents are data, and rdata is undefined until the first read. Written so that Yosys maps it to
// block RAM (RAMB18/RAMB36 on 7-series) at sizes where block RAM pays, and to distributed RAM below.
//
//          ___     ___     ___     ___
// clk    _|   |___|   |___|   |___|   |_
// we      _/‾‾‾‾‾‾‾\___________________
// waddr   =X_A_____X___________________
// wdata   =X_N_____X___________________
// re      _/‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾\___________
// raddr   =X_A_____X_A_____X___________
// rdata   =========X_old_A_X_N_________
`resetall
`timescale 1ns / 1ps
`default_nettype none

module ram_dp #(
    parameter integer WIDTH = 16,
    parameter integer DEPTH = 1024,
    parameter INIT_FILE = ""
) (
    input  wire                     clk,
    input  wire                     we,
    input  wire [$clog2(DEPTH)-1:0] waddr,
    input  wire [        WIDTH-1:0] wdata,
    input  wire                     re,
    input  wire [$clog2(DEPTH)-1:0] raddr,
    output wire [        WIDTH-1:0] rdata
);

  initial begin
    if (DEPTH < 2) $error("ram_dp: DEPTH must be at least 2 %m");
  end

  reg [WIDTH-1:0] mem[0:DEPTH-1];
  reg [WIDTH-1:0] rdata_q;

  initial begin
    if (INIT_FILE != "") $readmemh(INIT_FILE, mem);
  end

  assign rdata = rdata_q;

  always @(posedge clk) begin
    if (we) mem[waddr] <= wdata;
  end

  always @(posedge clk) begin
    if (re) rdata_q <= mem[raddr];
  end

endmodule

`resetall
