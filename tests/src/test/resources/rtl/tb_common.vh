// tb_common.vh: shared pieces of the unit test benches (included inside a test bench module).
//
// Conventions of every unit test bench:
//   - parameters of the unit under test are parameters of the test bench top (set by the runner);
//   - vectors come from files the Java test writes in the working directory ($readmemh), counts from
//     plusargs (+beats=N ...), so one compiled simulation serves every vector set;
//   - +seed=N seeds the stall generators: every valid gets random idle cycles (IDLE percent) and every
//     ready random back-pressure (STALL percent), from xorshift32 streams, so both simulators see the
//     same stalls;
//   - every output beat is compared in order with the expected beat; a lost, duplicated or reordered beat
//     is a mismatch; the bench ends with one line
//       RESULT beats=<compared> mismatches=<count> cycles=<cycles>
//     and prints up to 10 lines "MISMATCH ..." before it; a watchdog ends a hung run with "TIMEOUT".
//
// The including module must declare: parameter integer MAX_CYCLES.

reg clk = 1'b0;
reg rst = 1'b1;
always #5 clk = ~clk;

integer tb_seed = 1;
integer tb_idle_pct = 30;
integer tb_stall_pct = 30;
integer tb_cycles = 0;
integer tb_mismatches = 0;
integer tb_beats = 0;

// xorshift32 step.
function [31:0] tb_next;
  input [31:0] x;
  reg [31:0] y;
  begin
    y = x ^ (x << 13);
    y = y ^ (y >> 17);
    tb_next = y ^ (y << 5);
  end
endfunction

// Nonzero start state of random stream number n for the current seed.
function [31:0] tb_stream_seed;
  input integer n;
  reg [31:0] s;
  begin
    s = tb_seed * 32'd2654435761 + n * 32'd40503 + 32'd1;
    tb_stream_seed = (s == 32'd0) ? 32'd1 : s;
  end
endfunction

// True PCT percent of the time for a stream state.
function tb_chance;
  input [31:0] state;
  input integer pct;
  begin
    tb_chance = (state % 100) < pct;
  end
endfunction

// Reads +seed, +idle and +stall; call it first in the test bench's initial block, before any
// tb_stream_seed.
task tb_init;
  begin
    if (!$value$plusargs("seed=%d", tb_seed)) tb_seed = 1;
    if (!$value$plusargs("idle=%d", tb_idle_pct)) tb_idle_pct = 30;
    if (!$value$plusargs("stall=%d", tb_stall_pct)) tb_stall_pct = 30;
  end
endtask

always @(posedge clk) begin
  tb_cycles <= tb_cycles + 1;
  if (tb_cycles >= MAX_CYCLES) begin
    $display("TIMEOUT after %0d cycles: %0d beats compared, %0d mismatches", tb_cycles, tb_beats,
             tb_mismatches);
    $finish;
  end
end

// Compares one output beat with its expected value (widths up to 256 bits).
task tb_check;
  input [8*24-1:0] what;
  input integer index;
  input [255:0] expected;
  input [255:0] got;
  begin
    if (expected !== got) begin
      tb_mismatches = tb_mismatches + 1;
      if (tb_mismatches <= 10)
        $display("MISMATCH %0s beat=%0d expected=%h got=%h", what, index, expected, got);
    end
    tb_beats = tb_beats + 1;
  end
endtask

// Prints the closing line and ends the simulation.
task tb_finish;
  begin
    $display("RESULT beats=%0d mismatches=%0d cycles=%0d", tb_beats, tb_mismatches, tb_cycles);
    $finish;
  end
endtask
