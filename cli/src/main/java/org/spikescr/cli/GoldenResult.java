package org.spikescr.cli;

/**
 * The result of {@code golden}.
 *
 * @param out directory written
 * @param samples utterances with vectors
 * @param index the index file of the vectors
 */
record GoldenResult(String out, int samples, String index) {}
