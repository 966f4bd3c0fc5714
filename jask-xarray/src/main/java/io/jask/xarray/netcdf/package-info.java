/**
 * NetCDF files, whatever their format, through one metadata model.
 *
 * <pre>
 *   NetcdfFiles.open(path) --magic bytes--> ClassicFile (CDF-1/2/5)   --+
 *                                       \-> Hdf5File   (NetCDF-4)     --+--> NetcdfFile
 *                                                                          root(): Group
 *                                                                            Dimension, Variable, Attributes
 *                                                                          read(variable, start, count): Slab
 * </pre>
 *
 * <p>Opening reads metadata only. {@link io.jask.xarray.netcdf.NetcdfFile#read} reads a hyperslab
 * into a {@link io.jask.xarray.netcdf.Slab} (a primitive array, its shape and its on-disk type);
 * reads are safe and parallel from many threads, each using its own scratch buffers. Every
 * failure is a {@link io.jask.xarray.netcdf.NetcdfException} whose message starts with the file
 * and names the thing at fault. {@link io.jask.xarray.netcdf.MultiFileOpener} opens many files'
 * metadata in parallel and checks that they join along one dimension.
 */
package io.jask.xarray.netcdf;
