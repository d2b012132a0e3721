#!/bin/sh
# Makes the GBK test file from data.csv with iconv, as Excel on Chinese
# Windows saves it: a title row, a serial-number column, percent signs
# and a summary row at the bottom. Run from this directory.
set -e
{
	printf '2024年度区县绩效考核数据,,,,,,,,,,\n'
	awk -F, 'NR == 1 { print "序号," $0; next }
		{ $3 = $3 "%"; OFS = ","; print NR - 1 "," $0 }' OFS=, ../data.csv
	printf ',合计,,,,,,,,,\n'
	printf ',,,,,,,,,,\n'
} | iconv -f UTF-8 -t GBK > data_gbk.csv
# A published league table as saved by Excel on Chinese Windows.
iconv -f UTF-8 -t GBK ../published_ok.csv > published_gbk.csv
# Survey respondents, margins and a labelled judgment matrix in GBK.
for f in respondents margins ahp_labelled; do
	iconv -f UTF-8 -t GBK ../$f.csv > ${f}_gbk.csv
done
# The labelled judgment matrix with a serial-number column (序号) before
# its row labels, as an office numbers the rows of a sheet: with a
# caption row above it (a merged title cell saved as CSV) and without.
serial() {
	awk 'NR == 1 { print "序号," $0; next } { print NR - 1 "," $0 }' ../ahp_labelled.csv
}
{
	printf '判断矩阵（一级指标）,,,,\n'
	serial
} | iconv -f UTF-8 -t GBK > ahp_serial_title_gbk.csv
serial | iconv -f UTF-8 -t GBK > ahp_serial_gbk.csv
# The workbooks, written by openpyxl.
"${PYTHON:-python3}" make_xlsx.py  # PYTHON=/usr/bin/python3 where the python3 on PATH lacks openpyxl
