<#import "lib/macros.ftl" as m>
<@m.banner lines=tb.banner/>
//
// Plusargs:
//   +stim=FILE        input beats, one per line: "<tlast> <tdata hex>" (utterances back to back)
//   +trace=FILE       written: one line per recorded beat (docs/hardware.md, "Whole-design verification")
//   +utterances=N     results to wait for
//   +max_cycles=N     watchdog: the run ends with TIMEOUT after N cycles, or as soon as every beat has
//                     been sent and the design has waited 1000 cycles for more (no result can come)
//   +seed=N +idle=P +stall=P   random idle cycles on the input (P percent) and back-pressure on the output
//   +wave=FILE        dump a VCD
`timescale 1ns / 1ps
`default_nettype none

module ${tb.name};

  reg clk = 1'b0;
  reg rst = 1'b1;
  always #5 clk = ~clk;

  reg  [${tb.inWidth - 1}:0] s_axis_tdata;
  reg         s_axis_tvalid;
  reg         s_axis_tlast;
  wire        s_axis_tready;
  wire [${tb.outWidth - 1}:0] m_axis_tdata;
  wire        m_axis_tvalid;
  wire        m_axis_tlast;
  reg         m_axis_tready;
  wire [31:0] cycles;
  wire        busy;
  wire        framing_error;
  wire        overlong;
  wire [${tb.flags - 1}:0] saturated;

  ${tb.top} dut (
      .clk          (clk),
      .rst          (rst),
      .s_axis_tdata (s_axis_tdata),
      .s_axis_tvalid(s_axis_tvalid),
      .s_axis_tready(s_axis_tready),
      .s_axis_tlast (s_axis_tlast),
      .m_axis_tdata (m_axis_tdata),
      .m_axis_tvalid(m_axis_tvalid),
      .m_axis_tready(m_axis_tready),
      .m_axis_tlast (m_axis_tlast),
      .cycles       (cycles),
      .busy         (busy),
      .framing_error(framing_error),
      .overlong     (overlong),
      .saturated    (saturated)
  );

  integer fin, ftr, seed, idle_pct, stall_pct, utterances, max_cycles, n, results, cycle, report_in;
  integer starved;
  reg [31:0] rs_in, rs_out;
  reg [${tb.inWidth - 1}:0] next_data;
  reg next_last, have_next;
  reg [1023:0] path;
  integer last_flag;

  function [31:0] xorshift;
    input [31:0] x;
    reg [31:0] y;
    begin
      y = x ^ (x << 13);
      y = y ^ (y >> 17);
      xorshift = y ^ (y << 5);
    end
  endfunction

  task read_next;
    begin
      n = $fscanf(fin, "%d %h\n", last_flag, next_data);
      have_next = (n == 2);
      next_last = (last_flag != 0);
    end
  endtask

  initial begin
    if (!$value$plusargs("stim=%s", path)) begin
      $display("ERROR no +stim=FILE");
      $finish;
    end
    fin = $fopen(path, "r");
    if (fin == 0) begin
      $display("ERROR cannot open the stimulus %0s", path);
      $finish;
    end
    if (!$value$plusargs("trace=%s", path)) path = "trace.txt";
    ftr = $fopen(path, "w");
    if (!$value$plusargs("utterances=%d", utterances)) utterances = 1;
    if (!$value$plusargs("max_cycles=%d", max_cycles)) max_cycles = 1000000;
    if (!$value$plusargs("seed=%d", seed)) seed = 1;
    if (!$value$plusargs("idle=%d", idle_pct)) idle_pct = 0;
    if (!$value$plusargs("stall=%d", stall_pct)) stall_pct = 0;
    if ($value$plusargs("wave=%s", path)) begin
      $dumpfile(path);
      $dumpvars(0, ${tb.name});
    end
    rs_in = seed * 32'd2654435761 + 32'd1;
    rs_out = seed * 32'd40503 + 32'd7;
    if (rs_in == 0) rs_in = 1;
    if (rs_out == 0) rs_out = 1;
    s_axis_tvalid = 1'b0;
    s_axis_tlast = 1'b0;
    s_axis_tdata = 0;
    m_axis_tready = 1'b0;
    results = 0;
    cycle = 0;
    report_in = 0;
    starved = 0;
    read_next;
    repeat (4) @(posedge clk);
    rst <= 1'b0;
  end

  // input: a new beat may be presented when the last one moved or none is presented
  always @(posedge clk) begin
    if (!rst) begin
      if (!s_axis_tvalid || s_axis_tready) begin
        rs_in = xorshift(rs_in);
        if (have_next && (rs_in % 100) >= idle_pct) begin
          s_axis_tdata  <= next_data;
          s_axis_tlast  <= next_last;
          s_axis_tvalid <= 1'b1;
          read_next;
        end else begin
          s_axis_tvalid <= 1'b0;
        end
      end
      rs_out = xorshift(rs_out);
      m_axis_tready <= (rs_out % 100) >= stall_pct;
    end
  end

  // recorded beats
  always @(posedge clk) begin
    cycle <= cycle + 1;
    // the design waits for input that will never come: the stimulus is spent, results are missing
    if (!rst && !have_next && !s_axis_tvalid && s_axis_tready && results < utterances)
      starved <= starved + 1;
    else starved <= 0;
    if (cycle >= max_cycles || starved >= 1000) begin
      $display("TIMEOUT after %0d cycles: %0d of %0d results; input %0s, design %0s", cycle,
               results, utterances, have_next ? "not all sent" : "all sent",
               s_axis_tready ? "waiting for input" : (busy ? "busy" : "idle"));
      $fclose(ftr);
      $finish;
    end
<#list tb.monitors as mon>
    if (${mon.condition}) $fwrite(ftr, "${mon.format}\n", ${mon.args});
</#list>
    if (m_axis_tvalid && m_axis_tready) begin
      $fwrite(ftr, "O %h %0d\n", m_axis_tdata, m_axis_tlast);
      if (m_axis_tlast) report_in <= 3;
    end
    if (report_in == 1) begin
      $fwrite(ftr, "E %0d %0d %0d %h\n", cycles, framing_error, overlong, saturated);
      results = results + 1;
      if (results >= utterances) begin
        $display("RESULT utterances=%0d cycles=%0d", results, cycle);
        $fclose(ftr);
        $finish;
      end
    end
    if (report_in > 0) report_in <= report_in - 1;
  end

endmodule

`resetall
