#!/bin/sh
# Makes libreoffice.xlsx, a workbook as LibreOffice Calc saves it: formulas
# with their cached values (computed by LibreOffice), shared strings,
# LibreOffice's styles (percentages, fixed decimals, a date), a merged
# title row, an empty row and gaps. openpyxl writes the source (formulas
# without values), LibreOffice opens, recalculates and saves it. Run from
# this directory; needs python3 with openpyxl and soffice (Debian:
# python3-openpyxl, libreoffice-calc-nogui).
set -e
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"${PYTHON:-python3}" - "$tmp/libreoffice.xlsx" <<'PY'
import datetime, sys
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "考核数据"
ws.append(["2024年度考核数据"])
ws.merge_cells("A1:F1")
ws.append(["单位", "得分", "达标率", "预算", "日期", "合计"])
rows = [("东城区", 93.5, 0.96, 1234.5, datetime.date(2024, 3, 1)),
        ("西城区", 88.25, 0.875, 987.0, datetime.date(2024, 3, 2)),
        ("朝阳区", 0.1 + 0.2, 1.0, None, datetime.date(2024, 3, 3)),
        ("海淀区 & <新区>", 77, 0.5, 100, None)]
for i, (u, s, p, b, d) in enumerate(rows, 3):
    ws.cell(i, 1, u)
    ws.cell(i, 2, s)
    ws.cell(i, 3, p).number_format = "0.0%"
    if b is not None:
        ws.cell(i, 4, b).number_format = "0.00"
    if d is not None:
        ws.cell(i, 5, d).number_format = "yyyy-mm-dd"
    ws.cell(i, 6, "=B%d+D%d" % (i, i))
ws.append([])
ws.append(["平均", "=AVERAGE(B3:B6)", "=AVERAGE(C3:C6)", None, None, '=IF(B3>90,"优","良")'])
wb.create_sheet("说明").append(["数据来源：示例"])
wb.save(sys.argv[1])
PY
soffice --headless --calc --convert-to xlsx:"Calc MS Excel 2007 XML" --outdir "$tmp/out" "$tmp/libreoffice.xlsx" >/dev/null
cp "$tmp/out/libreoffice.xlsx" libreoffice.xlsx
