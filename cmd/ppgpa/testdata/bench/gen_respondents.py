"""Writes N respondents and consistent margins for timing ppgpa rake:

    python3 gen_respondents.py 1000000 respondents.csv margins.json
    /usr/bin/time -v ppgpa rake -q respondents.csv margins.json > weights.csv
    /usr/bin/time -v python3 rake_numpy.py respondents.csv margins.json > weights_numpy.csv

Columns: id, weight (1, 1.5, 2 or 0.8), region (12 levels), age (6), sex (2),
edu (5) and an answer that raking does not read.
"""
import random, json, sys
n = int(sys.argv[1]); random.seed(7)
reg = ["区%02d" % i for i in range(12)]
age = ["18-29","30-39","40-49","50-59","60-69","70+"]
sex = ["男","女"]
edu = ["小学","初中","高中","大专","本科"]
with open(sys.argv[2],"w") as f:
    f.write("id,weight,region,age,sex,edu,answer\n")
    for i in range(n):
        f.write("r%d,%s,%s,%s,%s,%s,%d\n" % (i+1, random.choice(["1","1.5","2","0.8"]), random.choice(reg), random.choice(age), random.choice(sex), random.choice(edu), random.randint(1,5)))
m = {"region": {r: 100000+i*1000 for i,r in enumerate(reg)}, "age": {a: 200000+i*5000 for i,a in enumerate(age)}, "sex": {"男": 640000, "女": 620000}}
tot = sum(m["sex"].values())
# make totals consistent
for k in ("region","age"):
    s = sum(m[k].values()); ks=list(m[k]); 
    for kk in ks: m[k][kk] = m[k][kk]*tot/s
e = {x: tot/5 for x in edu}
m["edu"]=e
json.dump(m, open(sys.argv[3],"w"), ensure_ascii=False)
