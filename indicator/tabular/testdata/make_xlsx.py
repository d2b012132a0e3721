"""Writes the workbook fixtures of the tabular tests with openpyxl.

For each CSV source, NAME.xlsx holds the same table as an official keeps
it: a merged title row, a serial-number column (序号), numbers stored as
numbers (written from the CSV text with float(), which reads the same
decimal text to the same double), "NA" cells left empty, a second sheet.
"""
import csv
import datetime
import openpyxl

def number(s):
    if s in ("", "NA"):
        return None
    try:
        return int(s) if s.lstrip("-").isdigit() else float(s)
    except ValueError:
        return s

for name in ("quickstart", "localities"):
    with open(name + ".csv", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "考核数据"
    ws.append(["%s 考核数据（示例）" % name])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]) + 1)
    ws.append(["序号"] + rows[0])
    for i, r in enumerate(rows[1:], 1):
        ws.append([i] + [r[0]] + [number(c) for c in r[1:]])
    notes = wb.create_sheet("说明")
    notes.append(["填报日期", datetime.date(2024, 12, 31)])
    wb.save(name + ".xlsx")

# Percentages as Excel keeps them: the fraction 0.96 stored, shown as 96%
# by the number formats 0% and 0.00%; percent.csv is the same table as a
# spreadsheet exports it.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "数据"
ws.append(["单位", "办结率", "满意度", "增长"])
for u, a, b, c in [("东城区", 0.96, 86.4, 0.0125), ("西城区", 0.915, 82.7, -0.003)]:
    ws.append([u, a, b, c])
    ws.cell(ws.max_row, 2).number_format = "0%"
    ws.cell(ws.max_row, 4).number_format = "0.00%"
wb.save("percent.xlsx")
