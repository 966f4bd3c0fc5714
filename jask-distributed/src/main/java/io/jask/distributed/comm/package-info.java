/**
 * Transport: authenticated, length-prefixed message streams between scheduler, workers and
 * clients, chosen by address scheme ({@code tcp://}, {@code tls://}, {@code inproc://}).
 */
package io.jask.distributed.comm;
