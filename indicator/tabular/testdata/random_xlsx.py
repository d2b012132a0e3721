"""Writes random workbooks with openpyxl for TestXLSXStreamOpenpyxl.

Usage: random_xlsx.py SEED COUNT DIR

Each workbook has one or two sheets of numbers (integers, decimals,
floats of 17 digits), dates and times, percentages and fixed decimals
(cell and column formats), shared strings (escaped characters, _xHHHH_,
Chinese, spaces, line breaks), rich text (openpyxl 3.1), booleans, formulas (openpyxl
writes no cached value), gaps, empty rows and merged ranges, in the 1900
or 1904 date system.
"""
import datetime
import os
import random
import sys

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

try:  # rich text needs openpyxl 3.1
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont
except ImportError:
    CellRichText = None

TEXTS = ["单位", "东城区", 'a&b<c>"d\'', "_x0041_", " lead", "trail ",
         "两行\n文本", "12.5", "96%", "N/A", "#DIV/0!", "合计", "x_x005F_y"]
FORMATS = ["General", "0%", "0.00%", "0.00", "0", "#,##0.00", "0.000",
           "yyyy-mm-dd", "h:mm:ss", "@", "0.0%"]


def value(r):
    k = r.randrange(10)
    if k == 0:
        return r.randint(-10**6, 10**6)
    if k == 1:
        return r.randint(-10**6, 10**6) / 100
    if k == 2:
        return r.random() * 10 ** r.randint(-8, 20)
    if k == 3:
        return datetime.datetime(1995, 1, 1) + datetime.timedelta(
            seconds=r.randrange(30 * 365 * 86400))
    if k == 4:
        return r.choice(TEXTS)
    if k == 5 and CellRichText is not None:
        return CellRichText([TextBlock(InlineFont(b=True), r.choice(TEXTS)),
                             " ", r.choice(TEXTS)])
    if k == 5:
        return r.choice(TEXTS) + " " + r.choice(TEXTS)
    if k == 6:
        return r.random() < 0.5
    if k == 7:
        return "=SUM(A1:A2)"
    if k == 8:
        return r.randrange(1001) / 1000
    return 0.1 * r.randrange(100)  # 0.30000000000000004 and the like


def main():
    seed, count, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    r = random.Random(seed)
    for n in range(count):
        wb = openpyxl.Workbook()
        if r.random() < 0.3:
            wb.epoch = CALENDAR_MAC_1904
        sheets = [wb.active]
        if r.random() < 0.3:
            sheets.append(wb.create_sheet("第二"))
        for ws in sheets:
            for row in range(1, r.randint(2, 12)):
                if r.random() < 0.15:
                    continue
                for col in range(1, r.randint(1, 8)):
                    if r.random() < 0.15:
                        continue
                    c = ws.cell(row=row, column=col, value=value(r))
                    if r.random() < 0.4:
                        c.number_format = r.choice(FORMATS)
            if r.random() < 0.3:
                ws.column_dimensions["B"].number_format = r.choice(FORMATS)
            if r.random() < 0.3:
                ws.merge_cells("A1:C1")
        wb.save(os.path.join(out, "random%03d.xlsx" % n))


if __name__ == "__main__":
    main()
