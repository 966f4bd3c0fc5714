package io.jask.array;

import java.io.Serializable;

/**
 * Where a block lies: its block index, the position of its first element in the whole array, and
 * its shape.
 */
public record BlockInfo(int[] index, long[] offset, int[] shape) implements Serializable {}
