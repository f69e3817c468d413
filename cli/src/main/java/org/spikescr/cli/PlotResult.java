package org.spikescr.cli;

/**
 * The result of {@code plot}.
 *
 * @param output PNG file written
 * @param index sample index in the dataset
 * @param label the sample's class
 * @param bytes size of the PNG in bytes
 */
record PlotResult(String output, int index, int label, int bytes) {}
