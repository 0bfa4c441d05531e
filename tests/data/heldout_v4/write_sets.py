"""Author-side script: writes zh_eval.jsonl, en_eval.jsonl and specs.jsonl from the lists below.
Each spec says how check.py recomputes the gold from the KG (see check.py for the spec language)."""
import json

NEG = ["没有|不知道|未找到|无"]
YES, NO = "是|对", "不|否|没有"

def S(start, *path, **kw):
    """A set expression: start node(s), then relation steps; 'R' forward, '~R' backward."""
    d = {"start": [start] if isinstance(start, str) else list(start),
         "path": [[p.lstrip("~"), "inv" if p.startswith("~") else "fwd"] for p in path]}
    d.update(kw)
    return d

def AND(*sets):
    return {"and": list(sets)}

def F(rel, value, neg=False):
    return {"rel": rel, "value": value, **({"neg": True} if neg else {})}

def CMP(a, b, attr, direction, yesno=None):
    d = {"op": "compare", "entities": [a, b], "attr": attr, "dir": direction}
    if yesno:
        d["yesno"] = yesno
    return d

def SUP(op, setexpr, attr):
    return {"op": op, "set": setexpr, "attr": attr}

def ABS(entity, *rels):
    return {"op": "absent", "entity": entity, "rels": list(rels)}

def CNT(setexpr, members=None):
    return {"op": "count", "set": setexpr, **({"members": members} if members else {})}

def SET(setexpr):
    return {"op": "set", "set": setexpr}

IBU, CR7, BECK, R10 = "兹拉坦·伊布拉希莫维奇", "克里斯蒂亚诺·罗纳尔多", "大卫·贝克汉姆", "罗纳尔迪尼奥"
TEAM, CREW, BIRTH = "效力球队", "航天员", "出生日期"

ZH = [
 # ---------- count ----------
 ("神舟十三号上去了几名航天员？", ["3"], "count", CNT(S("神舟十三号", CREW))),
 ("神舟十六号的三名航天员中有几位是载荷专家？", ["1", "桂海潮"], "count",
  CNT(S("神舟十六号", CREW, filter=[F("职业", "载荷专家")]), S("神舟十六号", CREW, filter=[F("职业", "载荷专家")]))),
 ("神舟十一号飞船载了多少人？", ["2"], "count", CNT(S("神舟十一号", CREW))),
 ("STS-7任务有几名航天员？里面的女航天员是谁？", ["5", "萨莉·赖德|赖德"], "count",
  CNT(S("STS-7", CREW), S("STS-7", CREW, filter=[F("性别", "女")]))),
 ("神舟十四号的乘组里有几位女性？", ["1", "刘洋"], "count",
  CNT(S("神舟十四号", CREW, filter=[F("性别", "女")]), S("神舟十四号", CREW, filter=[F("性别", "女")]))),
 ("伊布职业生涯一共效力过多少支球队？", ["9"], "count", CNT(S(IBU, TEAM))),
 ("贝克汉姆踢过几家俱乐部？", ["6"], "count", CNT(S(BECK, TEAM))),
 ("小罗先后效力过几支球队？", ["8"], "count", CNT(S(R10, TEAM))),
 ("哈兰德到现在为止待过几支球队？", ["5"], "count", CNT(S("埃尔林·哈兰德", TEAM))),
 ("伊布踢过的球队里有几支是意大利的？", ["3"], "count", CNT(S(IBU, TEAM, filter=[F("所在国家", "意大利")]))),
 ("C罗效力过的俱乐部中，不在西班牙的有几家？", ["4"], "count",
  CNT(S(CR7, TEAM, filter=[F("所在国家", "西班牙", neg=True)]))),
 ("罗纳尔迪尼奥效力过的球队中有几支是巴西球队？", ["4"], "count", CNT(S(R10, TEAM, filter=[F("所在国家", "巴西")]))),
 ("小贝在英格兰踢过几家俱乐部？", ["2"], "count", CNT(S(BECK, TEAM, filter=[F("所在国家", "英格兰")]))),
 ("雪豹分布在多少个国家？", ["12"], "count", CNT(S("雪豹", "分布地区"))),
 ("野生大熊猫分布在几个省？", ["3"], "count", CNT(S("大熊猫", "分布地区"))),
 ("北极熊生活在几个国家和地区？", ["5"], "count", CNT(S("北极熊", "分布地区"))),
 ("汉弗里·戴维一共发现了几种元素？", ["7"], "count", CNT(S("汉弗里·戴维", "~发现者"))),
 ("戴维发现的元素里有几种属于碱土金属？", ["4"], "count",
  CNT(S("汉弗里·戴维", "~发现者", filter=[F("类别", "碱土金属")]))),
 ("拉姆齐发现的元素中，有几种是1898年发现的？", ["3"], "count",
  CNT(S("威廉·拉姆齐", "~发现者", filter=[F("发现年份", "1898年")]))),
 ("居里夫人发现了几种元素？", ["2"], "count", CNT(S("玛丽·居里", "~发现者"))),
 # ---------- compare ----------
 ("阿波罗11号和东方1号，哪个先上天？", ["东方1号"], "compare", CMP("阿波罗11号", "东方1号", "发射时间", "min")),
 ("神舟五号和神舟六号哪次任务更早？", ["神舟五号"], "compare", CMP("神舟五号", "神舟六号", "发射时间", "min")),
 ("杨利伟和费俊龙谁的年纪大一些？", ["费俊龙"], "compare", CMP("杨利伟", "费俊龙", BIRTH, "min")),
 ("王亚平和叶光富谁更年轻？", ["叶光富"], "compare", CMP("王亚平", "叶光富", BIRTH, "max")),
 ("阿姆斯特朗和奥尔德林谁先出生？", ["奥尔德林"], "compare", CMP("尼尔·阿姆斯特朗", "巴兹·奥尔德林", BIRTH, "min")),
 ("哈利法塔和上海中心大厦哪个更高？", ["哈利法塔"], "compare", CMP("哈利法塔", "上海中心大厦", "高度", "max")),
 ("台北101跟上海环球金融中心比，哪栋楼高？", ["台北101"], "compare", CMP("台北101", "上海环球金融中心", "高度", "max")),
 ("广州塔和东方明珠哪个先盖好的？", ["东方明珠"], "compare", CMP("广州塔", "东方明珠广播电视塔", "建成时间", "min")),
 ("帝国大厦比金茂大厦高吗？", [NO], "compare", CMP("帝国大厦", "金茂大厦", "高度", "max", yesno="帝国大厦")),
 ("诺坎普和老特拉福德，哪个球场能装更多人？", ["诺坎普"], "compare", CMP("诺坎普球场", "老特拉福德球场", "球场容量", "max")),
 ("伊蒂哈德球场和酋长球场哪个容量大？", ["酋长"], "compare", CMP("伊蒂哈德球场", "酋长球场", "球场容量", "max")),
 ("皇马和巴萨谁成立得早？", ["巴塞罗那|巴萨"], "compare", CMP("皇家马德里", "巴塞罗那足球俱乐部", "成立时间", "min")),
 ("鸟巢和上海中心大厦哪个造价更高？", ["上海中心"], "compare", CMP("国家体育场", "上海中心大厦", "造价", "max")),
 ("河马和亚洲象哪个更重？", ["亚洲象"], "compare", CMP("河马", "亚洲象", "体重", "max")),
 ("长颈鹿比河马重吗？", [NO], "compare", CMP("长颈鹿", "河马", "体重", "max", yesno="长颈鹿")),
 ("钾和钙哪个的相对原子质量更大？", ["钙"], "compare", CMP("钾", "钙", "相对原子质量", "max")),
 ("重庆和上海哪个城市的人更多？", ["重庆"], "compare", CMP("重庆", "上海", "人口", "max")),
 ("哈尔滨和昆明比，哪个面积大？", ["哈尔滨"], "compare", CMP("哈尔滨", "昆明", "面积", "max")),
 ("深圳的面积比厦门大吗？", [YES], "compare", CMP("深圳", "厦门", "面积", "max", yesno="深圳")),
 ("铁的熔点比铜高吗？", [YES], "compare", CMP("铁", "铜", "熔点", "max", yesno="铁")),
 # ---------- superlative ----------
 ("神舟十三号的三名航天员里谁最年轻？", ["叶光富"], "superlative", SUP("argmax", S("神舟十三号", CREW), BIRTH)),
 ("神舟九号的航天员中年纪最大的是哪位？", ["景海鹏"], "superlative", SUP("argmin", S("神舟九号", CREW), BIRTH)),
 ("阿波罗11号的宇航员里谁出生得最早？", ["奥尔德林"], "superlative", SUP("argmin", S("阿波罗11号", CREW), BIRTH)),
 ("STS-7的机组成员中最年轻的是谁？", ["萨莉·赖德|赖德"], "superlative", SUP("argmax", S("STS-7", CREW), BIRTH)),
 ("神舟七号的航天员里谁年纪最小？", ["景海鹏"], "superlative", SUP("argmax", S("神舟七号", CREW), BIRTH)),
 ("阿波罗13号上最年轻的宇航员是谁？", ["海斯"], "superlative", SUP("argmax", S("阿波罗13号", CREW), BIRTH)),
 ("神舟十六号的航天员中谁最年长？", ["景海鹏"], "superlative", SUP("argmin", S("神舟十六号", CREW), BIRTH)),
 ("伊布效力过的球队中哪支历史最悠久？", ["曼联|曼彻斯特联"], "superlative", SUP("argmin", S(IBU, TEAM), "成立时间")),
 ("C罗踢过的俱乐部里，哪家成立得最晚？", ["利雅得胜利"], "superlative", SUP("argmax", S(CR7, TEAM), "成立时间")),
 ("贝克汉姆效力过的球队里哪支最年轻？", ["洛杉矶银河"], "superlative", SUP("argmax", S(BECK, TEAM), "成立时间")),
 ("贝克汉姆待过的球队的主场中，哪座球场容量最大？", ["伯纳乌"], "superlative",
  SUP("argmax", S(BECK, TEAM, "主场"), "球场容量")),
 ("土星五号送上天的宇航员里谁年纪最大？", ["博尔曼"], "superlative",
  SUP("argmin", S("土星五号", "~运载火箭", CREW), BIRTH)),
 ("扎哈·哈迪德设计的建筑里，哪座最早建成？", ["广州大剧院"], "superlative",
  SUP("argmin", S("扎哈·哈迪德", "~设计师"), "建成时间")),
 ("上海最高的楼是哪座？", ["上海中心"], "superlative", SUP("argmax", S("上海", "~所在城市"), "高度")),
 ("KPF设计的摩天大楼中哪栋最高？", ["平安"], "superlative", SUP("argmax", S("KPF建筑师事务所", "~设计单位"), "高度")),
 ("猫科动物里哪种最重？", ["东北虎"], "superlative", SUP("argmax", S("猫科", "~所属科"), "体重")),
 ("熊科动物中体重最大的是哪种？", ["北极熊"], "superlative", SUP("argmax", S("熊科", "~所属科"), "体重")),
 ("拉姆齐发现的元素里原子序数最大的是哪个？", ["氙"], "superlative", SUP("argmax", S("威廉·拉姆齐", "~发现者"), "原子序数")),
 ("戴维发现的元素中熔点最高的是哪一种？", ["硼"], "superlative", SUP("argmax", S("汉弗里·戴维", "~发现者"), "熔点")),
 ("广东省哪个城市人口最多？", ["广州"], "superlative", SUP("argmax", S("广东省", "~所属省份"), "人口")),
 # ---------- intersection ----------
 ("C罗和伊布都效力过哪些球队？", ["曼联|曼彻斯特联", "尤文图斯"], "intersection", SET(AND(S(CR7, TEAM), S(IBU, TEAM)))),
 ("梅西和内马尔都在哪些俱乐部踢过球？", ["巴塞罗那|巴萨", "巴黎圣日耳曼|大巴黎"], "intersection",
  SET(AND(S("利昂内尔·梅西", TEAM), S("内马尔", TEAM)))),
 ("贝克汉姆和伊布共同效力过的球队有哪些？", ["曼联|曼彻斯特联", "AC米兰", "巴黎圣日耳曼|大巴黎", "洛杉矶银河"], "intersection",
  SET(AND(S(BECK, TEAM), S(IBU, TEAM)))),
 ("卡卡和小罗都待过的球队是哪支？", ["AC米兰"], "intersection", SET(AND(S("卡卡", TEAM), S(R10, TEAM)))),
 ("齐达内和C罗都效力过哪些俱乐部？", ["尤文图斯", "皇家马德里|皇马"], "intersection",
  SET(AND(S("齐内丁·齐达内", TEAM), S(CR7, TEAM)))),
 ("贝克汉姆和C罗都踢过的俱乐部有哪些？", ["曼联|曼彻斯特联", "皇家马德里|皇马"], "intersection",
  SET(AND(S(BECK, TEAM), S(CR7, TEAM)))),
 ("C罗、伊布和贝克汉姆三个人都效力过的是哪家俱乐部？", ["曼联|曼彻斯特联"], "intersection",
  SET(AND(S(CR7, TEAM), S(IBU, TEAM), S(BECK, TEAM)))),
 ("AC米兰和国际米兰共用哪座主场？", ["圣西罗"], "intersection", SET(AND(S("AC米兰", "主场"), S("国际米兰", "主场")))),
 ("神舟七号和神舟十二号都去过的航天员是谁？", ["刘伯明"], "intersection",
  SET(AND(S("神舟七号", CREW), S("神舟十二号", CREW)))),
 ("既执行过神舟九号又执行过神舟十四号任务的是哪位航天员？", ["刘洋"], "intersection",
  SET(AND(S("神舟九号", CREW), S("神舟十四号", CREW)))),
 ("神舟十号和神舟十三号的乘组里都有谁？", ["王亚平"], "intersection",
  SET(AND(S("神舟十号", CREW), S("神舟十三号", CREW)))),
 ("哪位宇航员既飞过阿波罗8号又飞过阿波罗13号？", ["洛威尔"], "intersection",
  SET(AND(S("阿波罗8号", CREW), S("阿波罗13号", CREW)))),
 ("景海鹏和翟志刚一起执行过哪次任务？", ["神舟七号"], "intersection",
  SET(AND(S("景海鹏", "~" + CREW), S("翟志刚", "~" + CREW)))),
 ("拉姆齐和特拉弗斯共同发现了哪些元素？", ["氖", "氪", "氙"], "intersection",
  SET(AND(S("威廉·拉姆齐", "~发现者"), S("莫里斯·特拉弗斯", "~发现者")))),
 ("舍勒和普里斯特利都发现了哪种元素？", ["氧"], "intersection",
  SET(AND(S("卡尔·威廉·舍勒", "~发现者"), S("约瑟夫·普里斯特利", "~发现者")))),
 ("哪个国家既有北极熊又有雪豹？", ["俄罗斯"], "intersection", SET(AND(S("北极熊", "分布地区"), S("雪豹", "分布地区")))),
 ("亚洲象和孟加拉虎共同分布在哪些国家？", ["印度", "孟加拉国", "尼泊尔", "不丹"], "intersection",
  SET(AND(S("亚洲象", "分布地区"), S("孟加拉虎", "分布地区")))),
 ("雪豹和亚洲象都能见到的国家有哪些？", ["不丹", "中国", "印度", "尼泊尔"], "intersection",
  SET(AND(S("雪豹", "分布地区"), S("亚洲象", "分布地区")))),
 ("印度有哪些猫科动物？", ["孟加拉虎", "狮", "雪豹"], "intersection",
  SET(AND(S("印度", "~分布地区"), S("猫科", "~所属科")))),
 ("熊科动物里哪些是易危物种？", ["大熊猫", "北极熊"], "intersection",
  SET(AND(S("熊科", "~所属科"), S("易危", "~保护级别")))),
 # ---------- negative ----------
 ("杨利伟的妻子是谁？", NEG, "negative", ABS("杨利伟", "配偶", "妻子")),
 ("哈利法塔花了多少钱建成的？", NEG, "negative", ABS("哈利法塔", "造价", "建造成本")),
 ("大熊猫的学名叫什么？", NEG, "negative", ABS("大熊猫", "学名", "拉丁学名")),
 ("铁是谁发现的？", NEG, "negative", ABS("铁", "发现者", "发现年份")),
 ("金是在哪一年被发现的？", NEG, "negative", ABS("金", "发现年份", "发现者")),
 ("梅西有多高？", NEG, "negative", ABS("利昂内尔·梅西", "身高")),
 ("阿森纳现在的主教练是谁？", NEG, "negative", ABS("阿森纳", "主教练")),
 ("悉尼歌剧院有多高？", NEG, "negative", ABS("悉尼歌剧院", "高度")),
 ("加加林是在哪里去世的？", NEG, "negative", ABS("尤里·加加林", "逝世地", "逝世日期", "去世地点")),
 ("蓝鲸最快能游多快？", NEG, "negative", ABS("蓝鲸", "最高速度", "速度")),
 ("上海的市花是什么？", NEG, "negative", ABS("上海", "市花")),
 ("阿波罗13号降落在月球的什么地方？", NEG, "negative", ABS("阿波罗13号", "着陆地点")),
 ("氦的熔点是多少？", NEG, "negative", ABS("氦", "熔点")),
 ("东方明珠塔一共有几层？", NEG, "negative", ABS("东方明珠广播电视塔", "楼层数")),
 ("神舟二十号是哪天发射的？", NEG, "negative", {"op": "absent_entity", "name": "神舟二十号"}),
 ("莱万多夫斯基效力过哪些球队？", NEG, "negative", {"op": "absent_entity", "name": "莱万"}),
 ("埃菲尔铁塔有多高？", NEG, "negative", {"op": "absent_entity", "name": "埃菲尔"}),
 ("钴的原子序数是多少？", NEG, "negative", {"op": "absent_entity", "name": "钴"}),
 ("火烈鸟一般有多重？", NEG, "negative", {"op": "absent_entity", "name": "火烈鸟"}),
 ("贵阳有多少常住人口？", NEG, "negative", {"op": "absent_entity", "name": "贵阳"}),
 # ---------- traditional ----------
 ("楊利偉是哪一年出生的？", ["1965"], "traditional", SET(S("杨利伟", BIRTH))),
 ("阿波羅11號用的是什麼運載火箭？", ["土星五号"], "traditional", SET(S("阿波罗11号", "运载火箭"))),
 ("神舟十三號上有幾名航天員？", ["3"], "traditional", CNT(S("神舟十三号", CREW))),
 ("哈利法塔是誰設計的？", ["史密斯"], "traditional", SET(S("哈利法塔", "设计师"))),
 ("鳥巢在哪個城市？", ["北京"], "traditional", SET(S("国家体育场", "所在城市"))),
 ("吉隆坡石油雙塔有多少層？", ["88"], "traditional", SET(S("吉隆坡石油双塔", "楼层数"))),
 ("拉姆齊一共參與發現了幾種元素？", ["5"], "traditional", CNT(S("威廉·拉姆齐", "~发现者"))),
 ("東北虎主要分布在哪些國家？", ["中国", "俄罗斯", "朝鲜"], "traditional", SET(S("东北虎", "分布地区"))),
 ("伊布效力過幾支球隊？", ["9"], "traditional", CNT(S(IBU, TEAM))),
 ("梅西是哪國人？", ["阿根廷"], "traditional", SET(S("利昂内尔·梅西", "国籍"))),
 ("皇家馬德里的主場叫什麼名字？", ["伯纳乌"], "traditional", SET(S("皇家马德里", "主场"))),
 ("老特拉福德球場能容納多少人？", ["74310"], "traditional", SET(S("老特拉福德球场", "球场容量"))),
 ("鐵的熔點是多少度？", ["1538"], "traditional", SET(S("铁", "熔点"))),
 ("氖是誰發現的？", ["拉姆齐", "特拉弗斯"], "traditional", SET(S("氖", "发现者"))),
 ("貝聿銘出生在哪裡？", ["广州"], "traditional", SET(S("贝聿铭", "出生地"))),
 ("王亞平出生的城市屬於哪個省？", ["山东"], "traditional", SET(S("王亚平", "出生地", "所属省份"))),
 ("設計廣州大劇院的建築師是哪國人？", ["英国"], "traditional", SET(S("广州大剧院", "设计师", "国籍"))),
 ("景海鵬是哪個省的人？", ["山西"], "traditional", SET(S("景海鹏", "出生地", "所属省份"))),
 ("神舟九號上有幾位女航天員？", ["1"], "traditional", CNT(S("神舟九号", CREW, filter=[F("性别", "女")]))),
 ("東方1號的航天員是誰？", ["加加林"], "traditional", SET(S("东方1号", CREW))),
]

DEV, DES, INF, WIN = "computer.software.developer", "designedBy", "influenced_by", "written_in"
FOUND, HQ, PAR, ACQ = "foundedBy", "headquartered_in", "organization.organization.parent", "acquired_by"
EDU, POB, LOC, CONT = "people.person.education", "people.person.place_of_birth", "locatedIn", "location.location.containedby"
TEAMS, VEN, COACH = "sports.pro_athlete.teams", "home_venue", "head_coach"
CRE, NET, STAR, MEM, FORM = "tv.tv_program.program_creator", "original_network", "starring", "memberOf", "formedIn"
X = dict(exclude_start=True)

EN = [
 # ---------- two_hop ----------
 ("Who founded the company that developed Java?", ["Andy Bechtolsheim", "Vinod Khosla", "Scott McNealy", "Bill Joy"], "two_hop", S("Java", DEV, FOUND)),
 ("Where is the company that makes Swift headquartered?", ["Cupertino"], "two_hop", S("Swift", DEV, HQ)),
 ("Which universities did the designer of Java go to?", ["University of Calgary", "Carnegie Mellon"], "two_hop", S("Java", DES, EDU)),
 ("What languages are JetBrains' products written in?", ["Java", "Kotlin"], "two_hop", S("JetBrains", "~" + DEV, WIN)),
 ("Who designed the programming languages developed by Microsoft?", ["Anders Hejlsberg"], "two_hop", S("Microsoft", "~" + DEV, DES)),
 ("Which languages is Google's software written in?", ["Java", "C", "C++", "Kotlin", "Go"], "two_hop", S("Google", "~" + DEV, WIN)),
 ("Where did Google's founders go to college?", ["University of Michigan", "Stanford", "University of Maryland"], "two_hop", S("Google", FOUND, EDU)),
 ("Which company bought the creator of Java?", ["Oracle"], "two_hop", S("Java", DEV, ACQ)),
 ("Who designed the languages that Swift was influenced by?", ["Brad Cox", "Tom Love", "Graydon Hoare", "Yukihiro Matsumoto|Matz", "Guido van Rossum", "Anders Hejlsberg"], "two_hop", S("Swift", INF, DES)),
 ("In what city is the university Linus Torvalds attended?", ["Helsinki"], "two_hop", S("Linus Torvalds", EDU, LOC)),
 ("What are the home arenas of the teams LeBron James has played for?", ["Rocket Mortgage FieldHouse", "Kaseya Center", "Crypto.com Arena"], "two_hop", S("LeBron James", TEAMS, VEN)),
 ("Who coaches the teams Kevin Durant has played for?", ["Mark Daigneault", "Steve Kerr"], "two_hop", S("Kevin Durant", TEAMS, COACH)),
 ("In which cities are the teams Chris Paul has played for?", ["New Orleans", "Los Angeles", "Houston", "Oklahoma City", "Phoenix", "San Antonio"], "two_hop", S("Chris Paul", TEAMS, LOC), 7),
 ("Which colleges did players of the Heat attend?", ["Marquette", "Georgia Tech", "Louisiana State|LSU"], "two_hop", S("Heat", "~" + TEAMS, EDU)),
 ("Which networks aired the shows created by J. J. Abrams?", ["ABC", "Fox"], "two_hop", S("J. J. Abrams", "~" + CRE, NET)),
 ("Who starred in the series Damon Lindelof created?", ["Matthew Fox", "Evangeline Lilly", "Justin Theroux", "Carrie Coon", "Regina King", "Jeremy Irons"], "two_hop", S("Damon Lindelof", "~" + CRE, STAR), 10),
 ("What is the parent company of the channel that aired Breaking Bad?", ["AMC Networks"], "two_hop", S("Breaking Bad", NET, PAR)),
 ("Which universities did the creators of Westworld attend?", ["Georgetown", "Stanford", "Harvard"], "two_hop", S("Westworld", CRE, EDU)),
 ("Where was the creator of House born?", ["London, Ontario"], "two_hop", S("House", CRE, POB)),
 ("Who created the TV shows Kristen Bell starred in?", ["Michael Schur", "Rob Thomas"], "two_hop", S("Kristen Bell", "~" + STAR, CRE)),
 ("What other show did the creator of The Office make?", ["Parks and Recreation"], "two_hop", S("The Office", CRE, "~" + CRE, exclude=["The Office"])),
 ("Which other bands have members of Asia played in?", ["Yes", "King Crimson", "Emerson, Lake & Palmer"], "two_hop", S("Asia", "~" + MEM, MEM, exclude=["Asia"])),
 ("In which country was the band Yes formed?", ["United Kingdom|UK|England|Britain"], "two_hop", S("Yes", FORM, CONT)),
 ("Where did the members of Queen study?", ["Imperial College", "Chelsea College"], "two_hop", S("Queen", "~" + MEM, EDU)),
 ("Who founded the companies headquartered in Santa Clara?", ["Andy Bechtolsheim", "Vinod Khosla", "Scott McNealy", "Bill Joy", "Gordon Moore", "Jensen Huang"], "two_hop", S("Santa Clara", "~" + HQ, FOUND), 9),
 ("Which software is written in the language Rob Pike designed?", ["Docker", "Kubernetes"], "two_hop", S("Rob Pike", "~" + DES, "~" + WIN)),
 ("What software is written in a language designed by Anders Hejlsberg?", ["Visual Studio Code|VS Code"], "two_hop", S("Anders Hejlsberg", "~" + DES, "~" + WIN)),
 ("Which languages influenced the languages Microsoft develops?", ["Java", "C++", "JavaScript", "C#"], "two_hop", S("Microsoft", "~" + DEV, INF)),
 ("Where was the developer of Linux born?", ["Helsinki"], "two_hop", S("Linux", DEV, POB)),
 ("Where are the companies Larry Page founded headquartered?", ["Mountain View"], "two_hop", S("Larry Page", "~" + FOUND, HQ)),
 # ---------- three_hop ----------
 ("Which universities did the founders of Java's developer attend?", ["Carnegie Mellon", "Stanford", "IIT Delhi", "Harvard", "University of Michigan", "Berkeley"], "three_hop", S("Java", DEV, FOUND, EDU)),
 ("Which universities did the founders of the company that created Go attend?", ["University of Michigan", "Stanford", "University of Maryland"], "three_hop", S("Go", DEV, FOUND, EDU)),
 ("In which country was the designer of Python born?", ["Netherlands|Holland"], "three_hop", S("Python", DES, POB, CONT)),
 ("Where did the founders of the company that owns Apple TV+ go to school?", ["Reed College", "Berkeley"], "three_hop", S("Apple TV+", PAR, FOUND, EDU)),
 ("Who founded the parent company of the streaming service that released Severance?", ["Steve Jobs", "Steve Wozniak", "Ronald Wayne"], "three_hop", S("Severance", NET, PAR, FOUND)),
 ("Where is the parent company of the network that aired Lost headquartered?", ["Burbank"], "three_hop", S("Lost", NET, PAR, HQ)),
 ("Which company owns the parent of the network that aired Friends?", ["Comcast"], "three_hop", S("Friends", NET, PAR, PAR)),
 ("In which city are the universities that the creators of Parks and Recreation attended?", ["Cambridge, Massachusetts"], "three_hop", S("Parks and Recreation", CRE, EDU, LOC)),
 ("In which cities are the colleges attended by Heat players?", ["Milwaukee", "Atlanta", "Baton Rouge"], "three_hop", S("Heat", "~" + TEAMS, EDU, LOC)),
 ("Which companies are headquartered in the city where Steve Nash went to college?", ["Sun Microsystems", "Intel", "NVIDIA|Nvidia"], "three_hop", S("Steve Nash", EDU, LOC, "~" + HQ)),
 ("Which company is based in the city of Kevin Durant's university?", ["Oracle"], "three_hop", S("Kevin Durant", EDU, LOC, "~" + HQ)),
 ("Who designed the languages that influenced the language Docker is written in?", ["Dennis Ritchie"], "three_hop", S("Docker", WIN, INF, DES)),
 ("Where did the designers of the language Kubernetes is written in study?", ["ETH Zurich", "University of Toronto", "Berkeley"], "three_hop", S("Kubernetes", WIN, DES, EDU)),
 ("In which cities did the designer of Swift go to university?", ["Portland", "Urbana"], "three_hop", S("Swift", DES, EDU, LOC)),
 ("Which networks have aired shows starring the cast of Friends?", ["NBC", "Apple TV+"], "three_hop", S("Friends", STAR, "~" + STAR, NET)),
 ("Who created the shows that actors from The Office have starred in?", ["Greg Daniels", "Jay Carson"], "three_hop", S("The Office", STAR, "~" + STAR, CRE)),
 ("Where were the bands formed that members of Genesis have played in?", ["Godalming", "London"], "three_hop", S("Genesis", "~" + MEM, MEM, FORM)),
 ("Who founded the company that acquired the maker of Solaris?", ["Larry Ellison", "Bob Miner", "Ed Oates"], "three_hop", S("Solaris", DEV, ACQ, FOUND)),
 ("In which city is the company that bought Java's developer headquartered?", ["Austin"], "three_hop", S("Java", DEV, ACQ, HQ)),
 ("Where were the creators of AMC's shows born?", ["Richmond"], "three_hop", S("AMC", "~" + NET, CRE, POB)),
 # ---------- co_star ----------
 ("Who else co-founded Sun Microsystems with Bill Joy?", ["Andy Bechtolsheim", "Vinod Khosla", "Scott McNealy"], "co_star", S("Bill Joy", "~" + FOUND, FOUND, **X)),
 ("Who started a company together with Steve Jobs?", ["Steve Wozniak", "Ronald Wayne"], "co_star", S("Steve Jobs", "~" + FOUND, FOUND, **X)),
 ("Which other players have played for a team LeBron James played for?", ["Dwyane Wade", "Kyrie Irving", "Shaquille O'Neal", "Chris Bosh", "Kobe Bryant", "Anthony Davis"], "co_star", S("LeBron James", TEAMS, "~" + TEAMS, **X), 11),
 ("Who else went to the same university as Mark Zuckerberg?", ["Bill Gates", "Eduardo Saverin", "Dustin Moskovitz", "Chris Hughes", "Michael Schur", "Dennis Ritchie"], "co_star", S("Mark Zuckerberg", EDU, "~" + EDU, **X), 11),
 ("Who shares an alma mater with Paul Allen?", ["Klay Thompson"], "co_star", S("Paul Allen", EDU, "~" + EDU, **X)),
 ("Who went to the same college as Steve Nash?", ["Brendan Eich"], "co_star", S("Steve Nash", EDU, "~" + EDU, **X)),
 ("Who has played in a band with Bill Bruford?", ["Jon Anderson", "Steve Howe", "Robert Fripp", "John Wetton", "Phil Collins", "Peter Gabriel"], "co_star", S("Bill Bruford", MEM, "~" + MEM, **X), 16),
 ("Who are Carl Palmer's bandmates?", ["Steve Howe", "Geoff Downes", "John Wetton", "Keith Emerson", "Greg Lake"], "co_star", S("Carl Palmer", MEM, "~" + MEM, **X)),
 ("Who has co-starred with Jennifer Aniston?", ["Courteney Cox", "Lisa Kudrow", "Matt LeBlanc", "Matthew Perry", "Reese Witherspoon", "Steve Carell"], "co_star", S("Jennifer Aniston", "~" + STAR, STAR, **X), 7),
 ("Who else starred alongside Bob Odenkirk?", ["Bryan Cranston", "Aaron Paul", "Anna Gunn", "Rhea Seehorn", "Jonathan Banks"], "co_star", S("Bob Odenkirk", "~" + STAR, STAR, **X)),
 ("Which actors have shared a series with Adam Scott?", ["Amy Poehler", "Nick Offerman", "Aubrey Plaza", "Patricia Arquette", "John Turturro", "Britt Lower"], "co_star", S("Adam Scott", "~" + STAR, STAR, **X), 7),
 ("Who has co-created a show with Michael Schur?", ["Greg Daniels", "Dan Goor"], "co_star", S("Michael Schur", "~" + CRE, CRE, **X)),
 ("Who designed a programming language together with Rob Pike?", ["Robert Griesemer", "Ken Thompson"], "co_star", S("Rob Pike", "~" + DES, DES, **X)),
 ("Which other companies are headquartered in the same city as Google?", ["Alphabet", "Netscape"], "co_star", S("Google", HQ, "~" + HQ, **X)),
 ("Who has played for the same team as Stephen Curry?", ["Kevin Durant", "Klay Thompson", "Draymond Green", "Chris Paul"], "co_star", S("Stephen Curry", TEAMS, "~" + TEAMS, **X)),
 # ---------- inverse ----------
 ("What did Sun Microsystems develop?", ["Java", "Solaris"], "inverse", S("Sun Microsystems", "~" + DEV)),
 ("What has Google developed?", ["Go", "Dart", "Android", "Chrome", "Kubernetes"], "inverse", S("Google", "~" + DEV)),
 ("Which languages did Anders Hejlsberg design?", ["C#", "TypeScript"], "inverse", S("Anders Hejlsberg", "~" + DES)),
 ("Which software is written in Go?", ["Docker", "Kubernetes"], "inverse", S("Go", "~" + WIN)),
 ("What is written in Rust?", ["Firefox"], "inverse", S("Rust", "~" + WIN)),
 ("Which languages were influenced by Java?", ["JavaScript", "Kotlin", "C#", "Scala"], "inverse", S("Java", "~" + INF)),
 ("Which languages took inspiration from Smalltalk?", ["Java", "Ruby", "Objective-C"], "inverse", S("Smalltalk", "~" + INF)),
 ("Who studied at Stanford University?", ["Larry Page", "Sergey Brin", "Andy Bechtolsheim", "Vinod Khosla", "Scott McNealy", "Jensen Huang"], "inverse", S("Stanford University", "~" + EDU), 7),
 ("Who has played for the Heat?", ["LeBron James", "Dwyane Wade", "Chris Bosh", "Jimmy Butler", "Shaquille O'Neal"], "inverse", S("Heat", "~" + TEAMS)),
 ("Which players have suited up for the Suns?", ["Kevin Durant", "Shaquille O'Neal", "Chris Paul", "Steve Nash", "Steve Kerr"], "inverse", S("Suns", "~" + TEAMS)),
 ("Which shows did Damon Lindelof create?", ["Lost", "The Leftovers", "Watchmen"], "inverse", S("Damon Lindelof", "~" + CRE)),
 ("What series premiered on Apple TV+?", ["The Morning Show", "Severance", "Ted Lasso"], "inverse", S("Apple TV+", "~" + NET)),
 ("Which shows did HBO air?", ["The Leftovers", "Watchmen", "Westworld", "Succession", "Silicon Valley"], "inverse", S("HBO", "~" + NET)),
 ("Who are the members of Yes?", ["Jon Anderson", "Steve Howe", "Chris Squire", "Rick Wakeman", "Bill Bruford", "Alan White"], "inverse", S("Yes", "~" + MEM), 7),
 ("Which bands were formed in London?", ["Yes", "King Crimson", "Asia", "Emerson, Lake & Palmer", "Queen"], "inverse", S("London", "~" + FORM)),
]


def main():
    specs = []
    with open("zh_eval.jsonl", "w", encoding="utf-8") as f:
        for q, a, t, spec in ZH:
            f.write(json.dumps({"question": q, "answers": a, "type": t, "need_knowledge": True}, ensure_ascii=False) + "\n")
            specs.append({"file": "zh_eval.jsonl", "question": q, "spec": spec})
    with open("en_eval.jsonl", "w", encoding="utf-8") as f:
        for q, a, t, setspec, *size in EN:
            n = size[0] if size else len(a)  # hand-counted size of the full gold set
            f.write(json.dumps({"question": q, "answers": a, "type": t, "need_knowledge": True, "gold_size": n}, ensure_ascii=False) + "\n")
            specs.append({"file": "en_eval.jsonl", "question": q, "spec": {"op": "set", "set": setspec}})
    with open("specs.jsonl", "w", encoding="utf-8") as f:
        for s in specs:
            f.write(json.dumps(s, ensure_ascii=False) + "\n")
    print(len(ZH), "zh questions,", len(EN), "en questions")


if __name__ == "__main__":
    main()
