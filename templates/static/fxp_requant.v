// fxp_requant: the cast of docs/fixed-point.md section 1.3 (FixedMath.cast) from one fixed-point
// format to another, with every quantization and overflow mode, as combinational logic.
//
// Parameters (formats in the contract's notation; F may be negative, I = W - F):
//   W_IN, F_IN, S_IN     input ap_fixed<W_IN, W_IN-F_IN> (S_IN = 1) or ap_ufixed (S_IN = 0)
//   W_OUT, F_OUT, S_OUT  output format, same notation
//   Q_MODE               quantization: TRN 0, TRN_ZERO 1, RND 2, RND_ZERO 3, RND_INF 4,
//                        RND_MIN_INF 5, RND_CONV 6 (Quantization.code())
//   O_MODE               overflow: WRAP 0, SAT 1, SAT_ZERO 2, SAT_SYM 3 (Overflow.code())
//
// Function: align the binary points (shift left exactly, or keep floor(in / 2^d) for d = F_IN - F_OUT
// dropped bits, with the guard bit d-1 and the sticky OR of bits 0 .. d-2 of the sign-extended
// input); add one LSB when the quantization mode says so; when the result lies outside the output
// range (for SAT_SYM on a signed output, also when it equals -2^(W_OUT-1)), apply the overflow mode
// and raise ovf. Saturation goes to the end of the range on the input's side (the input's sign).
//
// Timing: purely combinational, no clock (out and ovf follow in within the cycle); the instantiating
// unit registers them where its pipeline needs. Every width is exact: no bit is lost before the
// overflow stage.
`resetall
`timescale 1ns / 1ps
`default_nettype none

module fxp_requant #(
    parameter integer W_IN  = 16,
    parameter integer F_IN  = 8,
    parameter integer S_IN  = 1,
    parameter integer W_OUT = 8,
    parameter integer F_OUT = 4,
    parameter integer S_OUT = 1,
    parameter integer Q_MODE = 0,
    parameter integer O_MODE = 0
) (
    input  wire [ W_IN-1:0] in,
    output wire [W_OUT-1:0] out,
    output wire             ovf
);

  localparam integer D = F_IN - F_OUT;  // fraction bits dropped (> 0) or added (< 0)
  localparam integer WX = W_IN + 1;  // the input as a signed number, one bit wider
  localparam integer WK = (D >= WX) ? 1 : ((D > 0) ? WX - D : WX);  // kept bits when D > 0
  localparam integer WV = (D > 0) ? WK + 1 : WX - D;  // the aligned and rounded value
  localparam integer WC = ((WV > W_OUT + 1) ? WV : W_OUT + 1) + 1;  // comparison width
  localparam [WC-1:0] ONE = 1;
  localparam [WC-1:0] MAX_OUT = (S_OUT != 0) ? (ONE << (W_OUT - 1)) - ONE : (ONE << W_OUT) - ONE;
  localparam [WC-1:0] MIN_OUT =
      (S_OUT == 0) ? {WC{1'b0}} : ((O_MODE == 3) ? ~MAX_OUT + ONE : ~(ONE << (W_OUT - 1)) + ONE);

  initial begin
    if (Q_MODE < 0 || Q_MODE > 6) $error("fxp_requant: Q_MODE must be 0..6 %m");
    if (O_MODE < 0 || O_MODE > 3) $error("fxp_requant: O_MODE must be 0..3 %m");
    if (W_IN < 1 || W_OUT < 1) $error("fxp_requant: widths must be at least 1 bit %m");
  end

  wire signed [WX-1:0] x = {(S_IN != 0) & in[W_IN-1], in};
  wire negative = x[WX-1];
  wire signed [WV-1:0] value;

  generate
    if (D > 0) begin : g_drop
      // Keep floor(x / 2^D); guard and sticky read the sign-extended input.
      wire signed [WK-1:0] kept;
      wire guard;
      wire sticky;
      reg up;
      if (D < WX) begin : g_kept
        assign kept = x[WX-1:D];
      end else begin : g_kept_sign
        assign kept = x[WX-1];
      end
      if (D - 1 < WX) begin : g_guard
        assign guard = x[D-1];
      end else begin : g_guard_sign
        assign guard = x[WX-1];
      end
      if (D == 1) begin : g_sticky_none
        assign sticky = 1'b0;
      end else if (D - 2 < WX) begin : g_sticky
        assign sticky = |x[D-2:0];
      end else begin : g_sticky_all
        assign sticky = |x;
      end
      // The rounding kernel (Quantization.roundsUp).
      always @* begin
        case (Q_MODE)
          1: up = negative & (guard | sticky);
          2: up = guard;
          3: up = guard & (sticky | negative);
          4: up = guard & (sticky | ~negative);
          5: up = guard & sticky;
          6: up = guard & (sticky | kept[0]);
          default: up = 1'b0;
        endcase
      end
      assign value = {kept[WK-1], kept} + {{WK{1'b0}}, up};
    end else if (D < 0) begin : g_add
      // Append -D zero fraction bits (exact).
      assign value = {x, {(-D) {1'b0}}};
    end else begin : g_same
      assign value = x;
    end
  endgenerate

  // Range check at a width that holds both the value and the output range.
  wire signed [WC-1:0] wide = {{(WC - WV) {value[WV-1]}}, value};
  wire above = wide > $signed(MAX_OUT);
  wire below = wide < $signed(MIN_OUT);
  wire outside = above | below;
  reg [W_OUT-1:0] result;

  always @* begin
    result = wide[W_OUT-1:0];
    if (outside) begin
      case (O_MODE)
        1, 3: result = negative ? MIN_OUT[W_OUT-1:0] : MAX_OUT[W_OUT-1:0];
        2: result = {W_OUT{1'b0}};
        default: result = wide[W_OUT-1:0];
      endcase
    end
  end

  assign out = result;
  assign ovf = outside;

endmodule

`resetall
