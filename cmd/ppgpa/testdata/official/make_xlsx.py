"""Writes the workbook fixtures of the command-line tests with openpyxl,
as an office keeps its tables in Excel (run from this directory; Debian:
python3-openpyxl):

- data.xlsx: ../data.csv under a merged title row, with a serial-number
  column (序号), numbers stored as numbers (float() of the CSV text reads
  the same decimal to the same double); a second sheet of notes.
- respondents.xlsx, margins.xlsx, ahp_labelled.xlsx, published.xlsx: the
  CSV files of the same names in .., one sheet each, numbers as numbers,
  fractions such as 1/3 and empty cells as they are; the published
  scores shown with two decimals (number format 0.00).
- ahp_serial_title.xlsx: ../ahp_labelled.csv with a serial-number
  column (序号) before its row labels, under a merged caption row.
- ahp_serial.xlsx: ../ahp.csv (no row labels) with a serial-number
  column, its fractions (1/3) kept as text as a typist enters them.
"""
import csv
import openpyxl


def number(s):
    try:
        return int(s) if s.lstrip("-").isdigit() else float(s)
    except ValueError:
        return s if s != "" else None


def rows(name):
    with open("../" + name, encoding="utf-8-sig") as f:
        return list(csv.reader(f))


def save(name, table, sheet, fmt=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(table[0])
    for r in table[1:]:
        ws.append([number(c) for c in r])
        if fmt:
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, float):
                    cell.number_format = fmt
    wb.save(name)


data = rows("data.csv")
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "考核数据"
ws.append(["2024年度区县绩效考核数据"])
ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(data[0]) + 1)
ws.append(["序号"] + data[0])
for i, r in enumerate(data[1:], 1):
    ws.append([i, r[0]] + [number(c) for c in r[1:]])
wb.create_sheet("说明").append(["数据来源", "各区县填报"])
wb.save("data.xlsx")

save("respondents.xlsx", rows("respondents.csv"), "调查对象")
save("margins.xlsx", rows("margins.csv"), "总体")
save("ahp_labelled.xlsx", rows("ahp_labelled.csv"), "判断矩阵")
save("published.xlsx", rows("published_ok.csv"), "排名", "0.00")


def serial(table):
    return [["序号"] + table[0]] + [[str(i)] + r for i, r in enumerate(table[1:], 1)]


wb = openpyxl.Workbook()
ws = wb.active
ws.title = "判断矩阵"
m = serial(rows("ahp_labelled.csv"))
ws.append(["判断矩阵（一级指标）"])
ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(m[0]))
ws.append(m[0])
for r in m[1:]:
    ws.append([int(r[0]), r[1]] + [number(c) for c in r[2:]])
wb.save("ahp_serial_title.xlsx")
save("ahp_serial.xlsx", serial(rows("ahp.csv")), "判断矩阵")
