// rom: synchronous read-only memory of DEPTH words whose contents come from a $readmemh image.
//
// Parameters:
//   WIDTH      bits of a word (ap_uint<WIDTH>)
//   DEPTH      words (>= 2); addresses 0 .. DEPTH-1
//   INIT_FILE  path of the $readmemh image, one word a line in hex (required: a ROM without contents
//              is an error)
//
// Port: in a cycle with en high the word at addr is read into data (it appears after the clock
// edge); with en low data holds its value.
//
// Latency: 1 cycle (registered read). Throughput: one read per cycle. No reset: data is undefined
// until the first read. The memory carries rom_style = "block", so Yosys maps it to block RAM
// (RAMB18/RAMB36 on 7-series) at every size.
//
//          ___     ___     ___     ___
// clk    _|   |___|   |___|   |___|   |_
// en      _/‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾\___________
// addr    =X_A_____X_B_____X___________
// data    =========X_M[A]__X_M[B]______
`resetall
`timescale 1ns / 1ps
`default_nettype none

module rom #(
    parameter integer WIDTH = 16,
    parameter integer DEPTH = 1024,
    parameter INIT_FILE = "rom.hex"
) (
    input  wire                     clk,
    input  wire                     en,
    input  wire [$clog2(DEPTH)-1:0] addr,
    output wire [        WIDTH-1:0] data
);

  // Block RAM at every size: a table small enough for LUTs belongs in a localparam instead.
  (* rom_style = "block" *) reg [WIDTH-1:0] mem[0:DEPTH-1];
  reg [WIDTH-1:0] data_q;

  initial begin
    if (DEPTH < 2) $error("rom: DEPTH must be at least 2 %m");
    if (INIT_FILE == "") $error("rom: INIT_FILE must name the contents %m");
    $readmemh(INIT_FILE, mem);
  end

  assign data = data_q;

  always @(posedge clk) begin
    if (en) data_q <= mem[addr];
  end

endmodule

`resetall
