#!/bin/sh
# Makes the fixtures of the tabular tests with tools independent of this
# package: iconv (GBK and UTF-16 text) and openpyxl (workbooks). Run from
# this directory; needs iconv and python3 with openpyxl (Debian:
# python3-openpyxl). The CSV sources are copies of example data:
# quickstart.csv (examples/quickstart/data.csv), localities.csv
# (examples/participation/localities.csv).
set -e
for f in quickstart localities; do
	iconv -f UTF-8 -t GBK $f.csv > ${f}_gbk.csv
	# Excel's "Unicode text": UTF-16LE with a byte-order mark, tab-separated.
	{ printf '\377\376'; tr ',' '\t' < $f.csv | iconv -f UTF-8 -t UTF-16LE; } > ${f}_utf16.txt
done
python3 make_xlsx.py
cp quickstart.xlsx ../../../examples/quickstart/data.xlsx  # the quick start's data as a workbook (README)
