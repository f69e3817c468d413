// A module Verilator -Wall warns about: an unused input and a width mismatch.
`default_nettype none
module lint_warning (
    input  wire [7:0] a,
    input  wire       unused_in,
    output wire [3:0] y
);
  assign y = a;
endmodule
`default_nettype wire
