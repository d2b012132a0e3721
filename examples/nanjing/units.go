package main

// unit is one assessed municipal organ: its name and an English gloss.
type unit struct{ name, gloss string }

// units are the 84 municipal organs rated in 2002 [NJ2]. The list is
// illustrative: the organs of a Chinese city of that time, not the
// published list.
var units = []unit{
	{"市委办公厅", "Party Committee General Office"}, {"市政府办公厅", "Government General Office"},
	{"市纪委", "Discipline Inspection"}, {"市委组织部", "Organisation Dept."}, {"市委宣传部", "Publicity Dept."},
	{"市委统战部", "United Front Dept."}, {"市委政法委", "Political-Legal Commission"}, {"市委政研室", "Policy Research Office"},
	{"市编办", "Staffing Office"}, {"市委老干部局", "Retired Cadres Bureau"}, {"市直机关工委", "Organs Work Committee"},
	{"市委党校", "Party School"}, {"市计委", "Planning Commission"}, {"市经委", "Economic Commission"},
	{"市建委", "Construction Commission"}, {"市科委", "Science Commission"}, {"市外经贸委", "Foreign Trade Commission"},
	{"市教育局", "Education"}, {"市公安局", "Public Security"}, {"市民政局", "Civil Affairs"},
	{"市司法局", "Justice"}, {"市财政局", "Finance"}, {"市人事局", "Personnel"},
	{"市劳动和社会保障局", "Labour & Social Security"}, {"市国土资源局", "Land Resources"}, {"市规划局", "Planning Bureau"},
	{"市房产局", "Housing"}, {"市市容局", "City Appearance"}, {"市交通局", "Transport"},
	{"市公用局", "Public Utilities"}, {"市水利局", "Water Resources"}, {"市农林局", "Agriculture & Forestry"},
	{"市贸易局", "Trade"}, {"市文化局", "Culture"}, {"市卫生局", "Health"},
	{"市计生委", "Family Planning"}, {"市体育局", "Sports"}, {"市审计局", "Audit"},
	{"市环保局", "Environmental Protection"}, {"市统计局", "Statistics"}, {"市物价局", "Prices"},
	{"市工商局", "Industry & Commerce"}, {"市质监局", "Quality Supervision"}, {"市药监局", "Drug Administration"},
	{"市地税局", "Local Taxation"}, {"市国税局", "State Taxation"}, {"市园林局", "Parks"},
	{"市旅游局", "Tourism"}, {"市广电局", "Radio & TV"}, {"市新闻出版局", "Press & Publication"},
	{"市民防局", "Civil Air Defence"}, {"市民族宗教局", "Ethnic & Religious Affairs"}, {"市外办", "Foreign Affairs Office"},
	{"市侨办", "Overseas Chinese Office"}, {"市台办", "Taiwan Affairs Office"}, {"市法制办", "Legal Affairs Office"},
	{"市信访局", "Petitions"}, {"市档案局", "Archives"}, {"市机关事务局", "Government Offices Admin."},
	{"市粮食局", "Grain"}, {"市安监局", "Work Safety"}, {"市城管局", "Urban Management"},
	{"市住房公积金中心", "Housing Provident Fund"}, {"市残联", "Disabled Persons' Federation"}, {"市总工会", "Trade Unions"},
	{"团市委", "Youth League"}, {"市妇联", "Women's Federation"}, {"市科协", "Science Association"},
	{"市文联", "Literature & Art Federation"}, {"市社科联", "Social Sciences Federation"}, {"市工商联", "Federation of Commerce"},
	{"市红十字会", "Red Cross"}, {"市中级法院", "Intermediate Court"}, {"市检察院", "Procuratorate"},
	{"市供销社", "Supply & Marketing Coop."}, {"市邮政局", "Post"}, {"市电信局", "Telecom"},
	{"市供电局", "Power Supply"}, {"市自来水公司", "Water Supply"}, {"市煤气公司", "Gas Supply"},
	{"市公交总公司", "Bus Company"}, {"市烟草专卖局", "Tobacco Monopoly"}, {"市盐务局", "Salt Administration"},
	{"市气象局", "Meteorology"},
}
