// logit_serializer: turns the head's engine output, one beat of all K logits per step, into the
// readout's logit stream, one beat per class (k = 0 first), with `last` on the beats of the
// utterance's final step. WIDE = 1 keeps one beat a step (every class's logit, for the readout's
// PAR_DIV = 2) and only narrows the lanes to Z_W bits and adds `last`.
//
// Parameters:
//   K      classes (lanes of the input beat)
//   XW     bits of an input lane, ap_int<XW>
//   Z_W    logit width, ap_int<Z_W>: the head's engine saturates every sum to Z_W bits (A = Z_W,
//          G = 0, no bias), so a lane's low Z_W bits are the logit
//   T_MAX  longest utterance. Derived, not to be set: TW.
//   WIDE   0: one beat per class, m_data = z_k (Z_W bits); 1: one beat per step, m_data = K*Z_W bits,
//          z_k in bits [k*Z_W +: Z_W]
//
// Control: a one-cycle start pulse begins a pass over `steps` steps (held during the pass). ovf is sticky:
// an accepted beat carried an engine overflow flag (the logit saturated, contract section 9); cleared
// by start.
// Handshake: s_ready is a state register; m_valid, m_data and m_last come from a skid_buffer; no
// combinational path from m_ready. Cycles: K per step (one per class), plus one to take the beat;
// WIDE: two per step (take the beat, pass it on).
`resetall
`timescale 1ns / 1ps
`default_nettype none

module logit_serializer #(
    parameter integer K     = 10,
    parameter integer XW    = 17,
    parameter integer Z_W   = 16,
    parameter integer T_MAX = 8,
    parameter integer WIDE  = 0,
    // derived
    parameter integer TW    = $clog2(T_MAX + 1)
) (
    input  wire            clk,
    input  wire            rst,
    input  wire            start,
    input  wire [  TW-1:0] steps,
    output wire            ovf,
    input  wire [K*XW-1:0] s_data,
    input  wire [   K-1:0] s_ovf,
    input  wire            s_valid,
    output wire            s_ready,
    output wire [((WIDE != 0) ? K * Z_W : Z_W)-1:0] m_data,
    output wire            m_last,
    output wire            m_valid,
    input  wire            m_ready
);

  localparam integer KW = (K > 1) ? $clog2(K) : 1;
  localparam integer K_LAST_I = K - 1;
  localparam [KW-1:0] K_LAST = K_LAST_I[KW-1:0];
  localparam integer OW = (WIDE != 0) ? K * Z_W : Z_W;

  reg full_q, full_d;  // a step's logits are held
  reg [K*XW-1:0] data_q, data_d;
  reg [KW-1:0] k_q, k_d;
  reg [TW-1:0] t_q, t_d;
  reg ovf_q, ovf_d;
  reg out_valid;
  reg [OW-1:0] out_data;
  integer j;
  wire out_ready;
  wire [XW-1:0] lane = data_q[k_q*XW+:XW];
  wire last_step = (t_q == steps - 1'b1);

  assign s_ready = !full_q;
  assign ovf     = ovf_q;

  always @* begin
    full_d    = full_q;
    data_d    = data_q;
    k_d       = k_q;
    t_d       = t_q;
    ovf_d     = ovf_q;
    out_valid = 1'b0;
    out_data  = {OW{1'b0}};
    if (WIDE != 0) begin
      for (j = 0; j < K; j = j + 1) out_data[j*Z_W+:Z_W] = data_q[j*XW+:Z_W];
    end else begin
      out_data[Z_W-1:0] = lane[Z_W-1:0];
    end
    if (start) begin
      t_d   = {TW{1'b0}};
      ovf_d = 1'b0;
    end
    if (!full_q) begin
      if (s_valid) begin
        full_d = 1'b1;
        data_d = s_data;
        k_d    = {KW{1'b0}};
        if (|s_ovf) ovf_d = 1'b1;
      end
    end else begin
      out_valid = 1'b1;
      if (out_ready) begin
        if (WIDE == 0 && k_q != K_LAST) k_d = k_q + 1'b1;
        else begin
          full_d = 1'b0;
          t_d    = t_q + 1'b1;
        end
      end
    end
  end

  always @(posedge clk) begin
    if (rst) begin
      full_q <= 1'b0;
      ovf_q  <= 1'b0;
    end else begin
      full_q <= full_d;
      ovf_q  <= ovf_d;
    end
    data_q <= data_d;
    k_q    <= k_d;
    t_q    <= t_d;
  end

  // the high bits of a lane repeat its sign (the sum is saturated to Z_W bits): only the low ones leave
  wire [XW-Z_W-1:0] lane_high_unused = lane[XW-1:Z_W];

  skid_buffer #(
      .WIDTH(OW + 1)
  ) u_out (
      .clk    (clk),
      .rst    (rst),
      .s_data ({last_step, out_data}),
      .s_valid(out_valid),
      .s_ready(out_ready),
      .m_data ({m_last, m_data}),
      .m_valid(m_valid),
      .m_ready(m_ready)
  );

endmodule

`resetall
