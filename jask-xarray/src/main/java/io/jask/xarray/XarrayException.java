package io.jask.xarray;

import io.jask.core.JaskException;

/** A labelled-array operation that cannot be done: an unknown name, mismatched dimensions, bad arguments. */
public class XarrayException extends JaskException {
  public XarrayException(String message) {
    super(message);
  }

  public XarrayException(String message, Throwable cause) {
    super(message, cause);
  }
}
