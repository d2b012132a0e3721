# Writes comments.xlsx and comments_badkind.xlsx from comments.csv with
# openpyxl: the header row first, one comment per row, on a sheet named
# 评估组意见.
# comments_gbk.csv and comments_badkind_gbk.csv are iconv -f UTF-8 -t GBK
# of comments.csv and of the same three lines as comments_badkind.xlsx.
import csv
from openpyxl import Workbook

def write(name, rows):
    wb = Workbook()
    ws = wb.active
    ws.title = "评估组意见"
    for r in rows:
        ws.append(r)
    wb.save(name)

rows = list(csv.reader(open("comments.csv", encoding="utf-8")))
write("comments.xlsx", rows)
write("comments_badkind.xlsx", [rows[0], ["东城区", "意见", "较好。"], ["西城区", "评语", "应加快进度。"]])
