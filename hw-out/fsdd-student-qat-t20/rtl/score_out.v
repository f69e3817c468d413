// score_out: the design's result stream. For each utterance it passes the readout's K score beats
// (score_k, k = 0 first, tlast low) and then sends one more beat holding the predicted class with tlast
// high.
//
// Parameters:
//   SW   bits of a score, ap_uint<SW>; CLW bits of a class index; OW = max(SW, CLW), the output width
//        (both zero-extended to it)
//
// Handshake: the readout's scores pass through a skid_buffer; m_valid, m_data and m_last come from its
// registers, no combinational path from m_ready. `done` pulses for one cycle when the class beat has
// been taken. Cycles: K + 1 beats per utterance, one per cycle.
`resetall
`timescale 1ns / 1ps
`default_nettype none

module score_out #(
    parameter integer SW  = 20,
    parameter integer CLW = 4,
    // derived
    parameter integer OW  = (SW > CLW) ? SW : CLW
) (
    input  wire           clk,
    input  wire           rst,
    output wire           done,
    input  wire [ SW-1:0] s_score,
    input  wire [CLW-1:0] s_class,
    input  wire           s_last,
    input  wire           s_valid,
    output wire           s_ready,
    output wire [ OW-1:0] m_data,
    output wire           m_last,
    output wire           m_valid,
    input  wire           m_ready
);

  reg cls_q, cls_d;  // the class beat is due
  reg [CLW-1:0] class_q, class_d;
  reg done_q, done_d;
  reg out_valid, out_last;
  reg [OW-1:0] out_data;
  wire out_ready;

  assign s_ready = out_ready && !cls_q;
  assign done    = done_q;

  always @* begin
    cls_d     = cls_q;
    class_d   = class_q;
    done_d    = 1'b0;
    out_valid = 1'b0;
    out_last  = 1'b0;
    out_data  = {{(OW - SW) {1'b0}}, s_score};
    if (cls_q) begin
      out_valid = 1'b1;
      out_last  = 1'b1;
      out_data  = {{(OW - CLW) {1'b0}}, class_q};
      if (out_ready) begin
        cls_d  = 1'b0;
        done_d = 1'b1;
      end
    end else begin
      out_valid = s_valid;
      if (s_valid && out_ready && s_last) begin
        cls_d   = 1'b1;
        class_d = s_class;
      end
    end
  end

  always @(posedge clk) begin
    if (rst) begin
      cls_q  <= 1'b0;
      done_q <= 1'b0;
    end else begin
      cls_q  <= cls_d;
      done_q <= done_d;
    end
    class_q <= class_d;
  end

  skid_buffer #(
      .WIDTH(OW + 1)
  ) u_out (
      .clk    (clk),
      .rst    (rst),
      .s_data ({out_last, out_data}),
      .s_valid(out_valid),
      .s_ready(out_ready),
      .m_data ({m_last, m_data}),
      .m_valid(m_valid),
      .m_ready(m_ready)
  );

endmodule

`resetall
