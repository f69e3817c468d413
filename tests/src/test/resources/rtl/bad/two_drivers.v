// A module whose output has two conflicting drivers.
`default_nettype none
module two_drivers (
    input  wire a,
    input  wire b,
    output wire y
);
  assign y = a;
  assign y = b;
endmodule
`default_nettype wire
