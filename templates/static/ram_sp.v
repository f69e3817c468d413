// ram_sp: single-port synchronous RAM of DEPTH words, one read-or-write port, read-first.
//
// Parameters:
//   WIDTH      bits of a word (ap_uint<WIDTH>)
//   DEPTH      words (>= 2); addresses 0 .. DEPTH-1
//   INIT_FILE  $readmemh image of the initial contents, one word a line ("" leaves them undefined)
//
// Port: in a cycle with en high the word at addr is read into rdata (it appears after the clock edge)
// and, when we is also high, wdata is written there. Read-first: rdata shows the word as it was before
// that cycle's write. With en low nothing changes; rdata holds its value.
//
// Latency: 1 cycle (registered read). Throughput: one access per cycle. No reset: the contents are
// data, and rdata is undefined until the first read. Written so that Yosys maps it to block RAM
// (RAMB18/RAMB36 on 7-series) at sizes where block RAM pays, and to distributed RAM below.
//
//          ___     ___     ___     ___
// clk    _|   |___|   |___|   |___|   |_
// en      _/‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾\___________
// we      _/‾‾‾‾‾‾‾\___________________
// addr    =X_A_____X_A_____X___________
// wdata   =X_N_____X___________________
// rdata   =========X_old_A_X_N_________
`resetall
`timescale 1ns / 1ps
`default_nettype none

module ram_sp #(
    parameter integer WIDTH = 16,
    parameter integer DEPTH = 1024,
    parameter INIT_FILE = ""
) (
    input  wire                     clk,
    input  wire                     en,
    input  wire                     we,
    input  wire [$clog2(DEPTH)-1:0] addr,
    input  wire [        WIDTH-1:0] wdata,
    output wire [        WIDTH-1:0] rdata
);

  initial begin
    if (DEPTH < 2) $error("ram_sp: DEPTH must be at least 2 %m");
  end

  reg [WIDTH-1:0] mem[0:DEPTH-1];
  reg [WIDTH-1:0] rdata_q;

  initial begin
    if (INIT_FILE != "") $readmemh(INIT_FILE, mem);
  end

  assign rdata = rdata_q;

  always @(posedge clk) begin
    if (en) begin
      if (we) mem[addr] <= wdata;
      rdata_q <= mem[addr];
    end
  end

endmodule

`resetall
