/**
 * The CF conventions' decoding, as pure functions on slabs and attributes: {@link
 * io.jask.xarray.cf.CfMaskScale} (fill values to NaN, {@code scale_factor}/{@code add_offset},
 * with xarray's type rules) and CF time ({@link io.jask.xarray.cf.CfTimes}, {@link
 * io.jask.xarray.cf.CfTimeUnits}, {@link io.jask.xarray.cf.CfTime} in a {@link
 * io.jask.xarray.cf.CfCalendar}).
 */
package io.jask.xarray.cf;
