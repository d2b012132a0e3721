package main

// unit is one assessed department: its name and an English gloss.
type unit struct{ name, gloss string }

// units are 40 municipal government departments (2010: 56 took part
// [QD1]). The list is illustrative, not the published one.
var units = []unit{
	{"市发展改革委", "Development & Reform"}, {"市经济和信息化委", "Economy & IT"}, {"市教育局", "Education"},
	{"市科技局", "Science & Technology"}, {"市公安局", "Public Security"}, {"市民政局", "Civil Affairs"},
	{"市司法局", "Justice"}, {"市财政局", "Finance"}, {"市人力资源社会保障局", "Human Resources & Soc. Sec."},
	{"市国土资源房管局", "Land & Housing"}, {"市环保局", "Environmental Protection"}, {"市城乡建设委", "Urban-Rural Construction"},
	{"市规划局", "Planning"}, {"市交通运输委", "Transport"}, {"市农委", "Agriculture"},
	{"市水利局", "Water Resources"}, {"市商务局", "Commerce"}, {"市文广新局", "Culture & Media"},
	{"市卫生局", "Health"}, {"市人口计生委", "Population & Family Planning"}, {"市审计局", "Audit"},
	{"市国资委", "State Assets"}, {"市海洋与渔业局", "Oceans & Fisheries"}, {"市林业局", "Forestry"},
	{"市工商局", "Industry & Commerce"}, {"市质监局", "Quality Supervision"}, {"市食药监局", "Food & Drug"},
	{"市安监局", "Work Safety"}, {"市统计局", "Statistics"}, {"市物价局", "Prices"},
	{"市旅游局", "Tourism"}, {"市体育局", "Sports"}, {"市城管执法局", "Urban Management"},
	{"市市政公用局", "Municipal Utilities"}, {"市园林局", "Parks"}, {"市民族宗教局", "Ethnic & Religious Affairs"},
	{"市外办", "Foreign Affairs"}, {"市信访局", "Petitions"}, {"市人防办", "Civil Air Defence"},
	{"市港航局", "Ports & Shipping"},
}
