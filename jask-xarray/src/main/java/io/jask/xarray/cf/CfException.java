package io.jask.xarray.cf;

import io.jask.core.JaskException;

/** A CF attribute (units, calendar, scale) that Jask cannot decode; the message names it. */
public class CfException extends JaskException {
  private static final long serialVersionUID = 1L;

  public CfException(String message) {
    super(message);
  }
}
