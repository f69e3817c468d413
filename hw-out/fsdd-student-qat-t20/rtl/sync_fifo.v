// sync_fifo: a first-in first-out queue of DEPTH words between two valid/ready streams, one clock.
//
// Parameters:
//   WIDTH  bits of the data word (ap_uint<WIDTH>, carried unchanged)
//   DEPTH  words the queue holds at most (>= 2)
//
// Handshake (both ports, AXI-Stream style): a beat moves when valid and ready are both high; valid
// never depends combinationally on ready; once valid is raised, valid and data hold until accepted.
// s_ready, m_valid and m_data all come straight from registers: s_ready is high exactly when fewer
// than DEPTH words are stored at the start of the cycle (a word leaving in the same cycle frees its
// place one cycle later), and the head word sits in an output register, so no combinational path
// crosses the queue.
//
// Storage: the head word in the output register, the others in a DEPTH-word memory with an
// asynchronous read (distributed RAM on 7-series parts). Words are never lost, duplicated or
// reordered.
//
// Latency: 1 cycle from an accepted input beat to the output when the queue is empty.
// Throughput: one beat per cycle as long as the queue is neither full nor empty.
//
//          ___     ___     ___     ___     ___
// clk    _|   |___|   |___|   |___|   |___|   |_
// s_valid _/‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾\___________________
// s_data  =X_A_____X_B_____X___________________
// m_valid _________/‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾\___
// m_ready _________________/‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾\___
// m_data  _________X_A_____________X_B_____X___
`resetall
`timescale 1ns / 1ps
`default_nettype none

module sync_fifo #(
    parameter integer WIDTH = 8,
    parameter integer DEPTH = 16
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

  localparam integer AW = (DEPTH > 2) ? $clog2(DEPTH) : 1;
  localparam integer CW = $clog2(DEPTH + 1);
  localparam integer LAST_I = DEPTH - 1;
  localparam [AW-1:0] LAST_ADDR = LAST_I[AW-1:0];
  localparam [CW-1:0] FULL_COUNT = DEPTH[CW-1:0];
  localparam [CW-1:0] ONE = 1;

  initial begin
    if (DEPTH < 2) $error("sync_fifo: DEPTH must be at least 2 %m");
  end

  reg [WIDTH-1:0] mem[0:DEPTH-1];

  // Memory pointers and fill, the output register, and the registered ready.
  reg [AW-1:0] wr_ptr_q, rd_ptr_q, wr_ptr_d, rd_ptr_d;
  reg [CW-1:0] mem_count_q, mem_count_d;
  reg [WIDTH-1:0] out_data_q, out_data_d;
  reg out_valid_q, out_valid_d;
  reg in_ready_q, in_ready_d;
  reg wr_en;
  reg push;
  wire [WIDTH-1:0] mem_head = mem[rd_ptr_q];

  assign s_ready = in_ready_q;
  assign m_data  = out_data_q;
  assign m_valid = out_valid_q;

  always @* begin
    wr_ptr_d    = wr_ptr_q;
    rd_ptr_d    = rd_ptr_q;
    mem_count_d = mem_count_q;
    out_data_d  = out_data_q;
    out_valid_d = out_valid_q;
    wr_en       = 1'b0;
    push        = s_valid && in_ready_q;
    if (m_ready || !out_valid_q) begin
      // The output register is free this cycle: refill it from the memory, else straight from
      // the input when the memory is empty.
      if (mem_count_q != {CW{1'b0}}) begin
        out_data_d  = mem_head;
        out_valid_d = 1'b1;
        rd_ptr_d    = (rd_ptr_q == LAST_ADDR) ? {AW{1'b0}} : rd_ptr_q + 1'b1;
        mem_count_d = mem_count_d - ONE;
        if (push) wr_en = 1'b1;
      end else begin
        out_data_d  = s_data;
        out_valid_d = push;
      end
    end else if (push) begin
      wr_en = 1'b1;
    end
    if (wr_en) begin
      wr_ptr_d    = (wr_ptr_q == LAST_ADDR) ? {AW{1'b0}} : wr_ptr_q + 1'b1;
      mem_count_d = mem_count_d + ONE;
    end
    in_ready_d = (mem_count_d + {{(CW - 1) {1'b0}}, out_valid_d}) < FULL_COUNT;
  end

  always @(posedge clk) begin
    if (rst) begin
      wr_ptr_q    <= {AW{1'b0}};
      rd_ptr_q    <= {AW{1'b0}};
      mem_count_q <= {CW{1'b0}};
      out_valid_q <= 1'b0;
      in_ready_q  <= 1'b0;
    end else begin
      wr_ptr_q    <= wr_ptr_d;
      rd_ptr_q    <= rd_ptr_d;
      mem_count_q <= mem_count_d;
      out_valid_q <= out_valid_d;
      in_ready_q  <= in_ready_d;
    end
    out_data_q <= out_data_d;
    if (wr_en) mem[wr_ptr_q] <= s_data;
  end

endmodule

`resetall
