// A module with an inferred latch: q keeps its value when en is low in a combinational block.
`default_nettype none
module has_latch (
    input  wire       en,
    input  wire [3:0] d,
    output reg  [3:0] q
);
  always @* begin
    if (en) q = d;
  end
endmodule
`default_nettype wire
