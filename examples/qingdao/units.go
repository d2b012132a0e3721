package main

// unit is one assessed department: its name, an English gloss and the
// report session (0–3) in which it reports and is rated.
type unit struct {
	name, gloss string
	session     int
}

// units are the 38 municipal government departments of the 2021 round,
// in their four report sessions and in their published order of report
// ([QD10], SOURCES.md): session 1 on 18 December morning, session 2 that
// afternoon, sessions 3 and 4 on 19 December.
var units = []unit{
	{"市发展改革委", "Development & Reform", 0}, {"市科技局", "Science & Technology", 0},
	{"市工业和信息化局", "Industry & IT", 0}, {"市农业农村局", "Agriculture & Rural Affairs", 0},
	{"市海洋发展局", "Ocean Development", 0}, {"市商务局", "Commerce", 0},
	{"市文化和旅游局", "Culture & Tourism", 0}, {"市地方金融监管局", "Local Financial Supervision", 0},
	{"市民营经济局", "Private Economy", 0},
	{"市公安局", "Public Security", 1}, {"市自然资源和规划局", "Natural Resources & Planning", 1},
	{"市生态环境局", "Ecology & Environment", 1}, {"市住房城乡建设局", "Housing & Construction", 1},
	{"市城市管理局", "Urban Management", 1}, {"市交通运输局", "Transport", 1},
	{"市水务管理局", "Water Affairs", 1}, {"市园林和林业局", "Parks & Forestry", 1},
	{"市应急局", "Emergency Management", 1}, {"市市场监管局", "Market Supervision", 1},
	{"市政府办公厅", "General Office of the Government", 2}, {"市司法局", "Justice", 2},
	{"市财政局", "Finance", 2}, {"市审计局", "Audit", 2}, {"市外办", "Foreign Affairs", 2},
	{"市国资委", "State Assets", 2}, {"市统计局", "Statistics", 2}, {"市大数据局", "Big Data", 2},
	{"市行政审批局", "Administrative Approval", 2}, {"青岛仲裁办", "Arbitration Office", 2},
	{"市教育局", "Education", 3}, {"市民政局", "Civil Affairs", 3},
	{"市人力资源社会保障局", "Human Resources & Social Security", 3}, {"市卫生健康委", "Health", 3},
	{"市退役军人局", "Veterans Affairs", 3}, {"市体育局", "Sports", 3}, {"市医保局", "Medical Insurance", 3},
	{"市供销社", "Supply & Marketing Cooperative", 3}, {"市住房公积金管理中心", "Housing Provident Fund", 3},
}
