// lif_feed: turns the output beats of a synaptic_engine into the input beats of a lif_core by adding
// the `first` flag (docs/hw-units/lif_core.md): the engine sends one beat per (step, group), steps in
// order and, within a step, GROUPS beats; the first GROUPS beats after a start pulse belong to step 0.
//
// Parameters:
//   P       lanes; XW bits of one lane X, ap_int<XW>
//   GROUPS  beats per step; GW = max(1, ceil(log2 GROUPS)) bits of the group index
//
// Streams: s_x (the engine's m_x: data, ovf, group) in, m_lif ({first, g, X}) out. The beat passes
// straight through (m_lif_valid = s_x_valid, s_x_ready = m_lif_ready): no register, no latency, and no
// path from a ready to a valid of the same side.
//
// cfg_groups: the beats of a step of the current layer (1 .. GROUPS); sampled by start. An engine shared
// by layers of different widths sends fewer groups for a narrower layer.
//
// ovf: FLAGS sticky flags (one per layer sharing the feed; FLAGS = 1 for one layer). Flag i is cleared by
// a start while flag_sel[i] is high and set when an accepted beat carries an engine overflow flag
// (sat_A acted, contract section 9) while flag_sel[i] is high. flag_sel selects the running layer and
// holds during its pass; with one layer tie it to 1.
`resetall
`timescale 1ns / 1ps
`default_nettype none

module lif_feed #(
    parameter integer P      = 4,
    parameter integer XW     = 16,
    parameter integer GROUPS = 2,
    parameter integer FLAGS  = 1,
    parameter integer GW     = (GROUPS > 1) ? $clog2(GROUPS) : 1,
    parameter integer CW     = $clog2(GROUPS + 1)
) (
    input  wire                 clk,
    input  wire                 rst,
    input  wire                 start,
    input  wire [       CW-1:0] cfg_groups,
    input  wire [    FLAGS-1:0] flag_sel,
    output wire [    FLAGS-1:0] ovf,
    input  wire [     P*XW-1:0] s_x_data,
    input  wire [        P-1:0] s_x_ovf,
    input  wire [       GW-1:0] s_x_group,
    input  wire                 s_x_valid,
    output wire                 s_x_ready,
    output wire [1+GW+P*XW-1:0] m_lif_data,
    output wire                 m_lif_valid,
    input  wire                 m_lif_ready
);

  // beats of step 0 still to come
  reg [CW-1:0] left_q, left_d;
  reg [FLAGS-1:0] ovf_q, ovf_d;
  wire move = s_x_valid && m_lif_ready;

  assign s_x_ready   = m_lif_ready;
  assign m_lif_valid = s_x_valid;
  assign m_lif_data  = {left_q != {CW{1'b0}}, s_x_group, s_x_data};
  assign ovf         = ovf_q;

  always @* begin
    left_d = left_q;
    ovf_d  = ovf_q;
    if (start) begin
      left_d = cfg_groups;
      ovf_d  = ovf_q & ~flag_sel;
    end else if (move) begin
      if (left_q != {CW{1'b0}}) left_d = left_q - 1'b1;
      if (|s_x_ovf) ovf_d = ovf_q | flag_sel;
    end
  end

  always @(posedge clk) begin
    if (rst) begin
      left_q <= {CW{1'b0}};
      ovf_q  <= {FLAGS{1'b0}};
    end else begin
      left_q <= left_d;
      ovf_q  <= ovf_d;
    end
  end

endmodule

`resetall
