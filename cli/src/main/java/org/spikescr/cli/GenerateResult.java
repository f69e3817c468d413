package org.spikescr.cli;

/**
 * The result of {@code generate}.
 *
 * @param design the design's name, the prefix of its modules and memories
 * @param out directory written
 * @param lanes P
 * @param t_max longest utterance in frames the design accepts
 * @param modules Verilog files written
 * @param memories memory images written
 * @param manifest the manifest file
 */
@SuppressWarnings("MemberName") // the JSON key spelling of a user contract
record GenerateResult(
    String design, String out, int lanes, int t_max, int modules, int memories, String manifest) {}
