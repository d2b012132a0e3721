# make_xlsx.py writes 数据.xlsx, the guide's data as an assessment office
# keeps them in Excel: a merged title row above the header, a 序号 column
# before the district, and the same values as 数据.csv. It uses openpyxl
# (Debian package python3-openpyxl), a writer independent of ppgpa:
#   /usr/bin/python3 make_xlsx.py
import csv
import openpyxl
from openpyxl.styles import Alignment, Font

rows = list(csv.reader(open("数据.csv", encoding="utf-8")))
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "2024年度"
ncol = len(rows[0]) + 1
ws.cell(row=1, column=1, value="某市2024年度区县公共服务绩效评价数据（虚构）").font = Font(bold=True, size=14)
ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
ws.cell(row=1, column=1).alignment = Alignment(horizontal="center")
ws.cell(row=2, column=1, value="序号")
for j, h in enumerate(rows[0]):
    ws.cell(row=2, column=j + 2, value=h)
for i, r in enumerate(rows[1:]):
    ws.cell(row=i + 3, column=1, value=i + 1)
    ws.cell(row=i + 3, column=2, value=r[0])
    for j, v in enumerate(r[1:]):
        ws.cell(row=i + 3, column=j + 3, value=float(v))
wb.save("数据.xlsx")
