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
