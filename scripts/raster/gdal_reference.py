#!/usr/bin/python3
# GDAL's way of doing zonal statistics, the independent reference for the raster core's tests and for
# `npm run bench:raster`: rasterize the zones into the raster's own grid with GDAL's rasterizer (the function behind
# gdal_rasterize, default pixel-centre rule, no ALL_TOUCHED), then count with numpy. Run with Debian's python3
# (/usr/bin/python3, which has python3-gdal and numpy: gdal-bin depends on both).
#
#   gdal_reference.py masks  <raster> <zones>   one byte per pixel per zone (1 = in), zone after zone, on stdout
#   gdal_reference.py counts <raster> <zones>   zone ids burnt into one Int32 grid (attribute "zid", 1-based; later
#                                               zones win where zones overlap), then pixel counts per (zone, value):
#                                               stdout = little-endian float64 array [zones + 1][256] (row 0: no zone),
#                                               stderr = one JSON line with the timings in ms (wall, and CPU)
# <zones> is any vector file OGR reads; its features need an integer field "zid" (0-based for masks, 1-based for counts).
import json
import sys
import time

import numpy as np
from osgeo import gdal, ogr

gdal.UseExceptions()


def mem_like(raster, data_type):
    ds = gdal.GetDriverByName("MEM").Create("", raster.RasterXSize, raster.RasterYSize, 1, data_type)
    ds.SetGeoTransform(raster.GetGeoTransform())
    ds.SetProjection(raster.GetProjection())
    return ds


def masks(raster_path, zones_path):
    raster = gdal.Open(raster_path)
    zones = ogr.Open(zones_path)
    layer = zones.GetLayer(0)
    n = layer.GetFeatureCount()
    out = sys.stdout.buffer
    for i in range(n):
        layer.SetAttributeFilter("zid = %d" % i)
        ds = mem_like(raster, gdal.GDT_Byte)
        gdal.RasterizeLayer(ds, [1], layer, burn_values=[1])
        out.write(ds.GetRasterBand(1).ReadAsArray().astype(np.uint8).tobytes())


def counts(raster_path, zones_path):
    c0 = time.process_time()
    t0 = time.perf_counter()
    raster = gdal.Open(raster_path)
    classes = raster.GetRasterBand(1).ReadAsArray()
    t_read = time.perf_counter()
    zones = ogr.Open(zones_path)
    layer = zones.GetLayer(0)
    n = layer.GetFeatureCount()
    ids = mem_like(raster, gdal.GDT_Int32)
    gdal.RasterizeLayer(ids, [1], layer, options=["ATTRIBUTE=zid"])
    zone_of = ids.GetRasterBand(1).ReadAsArray()
    t_rasterize = time.perf_counter()
    table = np.bincount(zone_of.ravel().astype(np.int64) * 256 + classes.ravel().astype(np.int64), minlength=(n + 1) * 256)
    t_count = time.perf_counter()
    sys.stdout.buffer.write(table.astype("<f8").tobytes())
    sys.stderr.write(json.dumps({
        "zones": n,
        "read_ms": (t_read - t0) * 1000,
        "rasterize_ms": (t_rasterize - t_read) * 1000,
        "count_ms": (t_count - t_rasterize) * 1000,
        "total_ms": (t_count - t0) * 1000,
        "cpu_ms": (time.process_time() - c0) * 1000,
    }) + "\n")


if __name__ == "__main__":
    mode, raster_path, zones_path = sys.argv[1:4]
    {"masks": masks, "counts": counts}[mode](raster_path, zones_path)
