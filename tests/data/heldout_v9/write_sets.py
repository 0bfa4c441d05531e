"""Author-side script: writes zh_eval.jsonl, en_eval.jsonl and specs.jsonl from the lists below.
Each spec says how check.py recomputes the gold from the KG (see check.py for the spec language)."""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
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

def F(rel, value=None, neg=False):
    """A filter: keep nodes with (rel, value); without value, nodes that have rel at all."""
    d = {"rel": rel}
    if value is not None:
        d["value"] = value
    if neg:
        d["neg"] = True
    return d

def CMP(a, b, attr, direction, yesno=None):
    d = {"op": "compare", "entities": [a, b], "attr": attr, "dir": direction}
    if yesno:
        d["yesno"] = yesno
    return d

def SUP(op, setexpr, attr):
    return {"op": op, "set": setexpr, "attr": attr}

def ABS(entity, *rels):
    return {"op": "absent", "entity": entity, "rels": list(rels)}

def ABSN(name):
    return {"op": "absent_entity", "name": name}

def CNT(setexpr, members=None):
    return {"op": "count", "set": setexpr, **({"members": members} if members else {})}

def SET(setexpr):
    return {"op": "set", "set": setexpr}

AU, DYN, VOL, YR, GEN, MEM, NOTE = "作者", "成书朝代", "卷数", "成书年份", "体裁", "成员", "注者"
PDYN, BY, JG, PROV, SITE = "朝代", "出生年份", "籍贯", "所属省份", "所在地"
CDYN, CYR, CAVES, WHS, KIND = "开凿朝代", "始凿年份", "洞窟数", "入选世界遗产年份", "类型"
ORIG, AROMA, ABV, MAKER, IPO, EXCH = "产地", "香型", "酒精度", "生产企业", "上市时间", "上市地点"
H24, Q4, CAVE4 = "二十四史", "前四史", "中国四大石窟"
SSE, SZSE = "上海证券交易所", "深圳证券交易所"
GANSU_CAVES = S("甘肃省", "~" + PROV, "~" + SITE)
SICHUAN_LIQ = S("四川省", "~" + PROV, "~" + ORIG)
GROTTO_WHS = S("石窟寺", "~" + KIND, filter=[F(WHS)])

ZH = [
 # ---------- count (20; 8 with a filter) ----------
 ("脱脱主持修撰了几部史书？", ["3"], "count", CNT(S("脱脱", "~" + AU))),
 ("二十四史里唐朝修成的有几部？", ["8"], "count", CNT(S(H24, MEM, filter=[F(DYN, "唐朝")]))),
 ("李延寿一共写了几部史书？分别叫什么？", ["2", "南史", "北史"], "count",
  CNT(S("李延寿", "~" + AU), S("李延寿", "~" + AU))),
 ("甘肃境内有多少处石窟？", ["4"], "count", CNT(GANSU_CAVES)),
 ("酱香型的白酒，你这里收录了几种？", ["3"], "count", CNT(S("酱香型", "~" + AROMA))),
 ("中国四大石窟中，有几个是北魏时期开凿的？", ["2"], "count", CNT(S(CAVE4, MEM, filter=[F(CDYN, "北魏")]))),
 ("八大名酒里浓香型的占几种？", ["4"], "count", CNT(S("八大名酒", MEM, filter=[F(AROMA, "浓香型")]))),
 ("班彪有几个孩子？都叫什么名字？", ["3", "班固", "班超", "班昭"], "count",
  CNT(S("班彪", "子女"), S("班彪", "子女"))),
 ("东汉那几位史家里面，女性有几位？", ["1"], "count", CNT(S("东汉", "~" + PDYN, filter=[F("性别", "女")]))),
 ("给《史记》作注的有几个人？", ["3"], "count", CNT(S("史记", NOTE))),
 ("编年体史书一共有多少部？", ["3"], "count", CNT(S("编年体", "~" + GEN))),
 ("入选世界遗产的石窟寺有几处？都是哪些？", ["6", "莫高窟", "麦积山", "炳灵寺", "云冈", "龙门", "克孜尔"], "count",
  CNT(GROTTO_WHS, GROTTO_WHS)),
 ("四川产的白酒有几种？", ["8"], "count", CNT(SICHUAN_LIQ)),
 ("贵州出产的酱香型酒有几款？", ["2"], "count",
  CNT(S("贵州省", "~" + PROV, "~" + ORIG, filter=[F(AROMA, "酱香型")]))),
 ("在上交所挂牌的白酒公司有几家？", ["4"], "count", CNT(S(SSE, "~" + EXCH))),
 ("籍贯在陕西的史学家有多少位？", ["8"], "count", CNT(S("陕西省", "~" + PROV, "~" + JG))),
 ("湖州出了几位史学家？是哪几位？", ["3", "沈约", "姚察", "姚思廉"], "count",
  CNT(S("湖州市", "~" + JG), S("湖州市", "~" + JG))),
 ("唐代开凿的石窟和大佛，图谱里有几处？", ["3"], "count", CNT(S("唐朝", "~" + CDYN))),
 ("陕西籍的史家中，西汉人有几个？", ["2"], "count",
  CNT(S("陕西省", "~" + PROV, "~" + JG, filter=[F(PDYN, "西汉")]))),
 ("二十四史中北宋成书的有几部？", ["3"], "count", CNT(S(H24, MEM, filter=[F(DYN, "北宋")]))),
 # ---------- compare (20; 4 yes/no) ----------
 ("司马迁和刘向谁年纪更大？", ["司马迁"], "compare", CMP("司马迁", "刘向", BY, "min")),
 ("欧阳修跟司马光，哪个先出生？", ["欧阳修"], "compare", CMP("欧阳修", "司马光", BY, "min")),
 ("魏徵比房玄龄年长吗？", [NO], "compare", CMP("魏徵", "房玄龄", BY, "min", yesno="魏徵")),
 ("《宋史》和《明史》哪个卷数多？", ["宋史"], "compare", CMP("宋史", "明史", VOL, "max")),
 ("新唐书和旧唐书，哪一部卷数更多？", ["新唐书"], "compare", CMP("新唐书", "旧唐书", VOL, "max")),
 ("旧五代史与新五代史相比，哪部卷帙更多？", ["旧五代史"], "compare", CMP("旧五代史", "新五代史", VOL, "max")),
 ("南史、北史两部书，哪一部卷数少一些？", ["南史"], "compare", CMP("南史", "北史", VOL, "min")),
 ("资治通鉴成书比新唐书晚吗？", [YES], "compare", CMP("资治通鉴", "新唐书", YR, "max", yesno="资治通鉴")),
 ("通典和史通哪个先写成？", ["史通"], "compare", CMP("通典", "史通", YR, "min")),
 ("宋史和辽史谁先修完？", ["辽史"], "compare", CMP("宋史", "辽史", YR, "min")),
 ("莫高窟和云冈石窟哪个开凿得早？", ["莫高窟"], "compare", CMP("莫高窟", "云冈石窟", CYR, "min")),
 ("龙门石窟与云冈石窟，谁的历史更悠久？", ["云冈"], "compare", CMP("龙门石窟", "云冈石窟", CYR, "min")),
 ("乐山大佛比大足石刻开凿得早吗？", [NO], "compare", CMP("乐山大佛", "大足石刻", CYR, "min", yesno="乐山大佛")),
 ("龙门石窟和莫高窟，哪个的洞窟数量多？", ["龙门"], "compare", CMP("龙门石窟", "莫高窟", CAVES, "max")),
 ("乐山大佛和卢舍那大佛哪个更高？", ["乐山大佛|凌云大佛"], "compare", CMP("乐山大佛", "卢舍那大佛", "高度", "max")),
 ("茅台和五粮液哪个度数高？", ["茅台"], "compare", CMP("茅台酒", "五粮液", ABV, "max")),
 ("西凤酒的度数比汾酒高吗？", [YES], "compare", CMP("西凤酒", "汾酒", ABV, "max", yesno="西凤酒")),
 ("山西汾酒和泸州老窖这两家公司，哪家更早上市？", ["汾酒"], "compare",
  CMP("山西杏花村汾酒厂股份有限公司", "泸州老窖股份有限公司", IPO, "min")),
 ("龙门石窟和云冈石窟谁先入选世界遗产？", ["龙门"], "compare", CMP("龙门石窟", "云冈石窟", WHS, "min")),
 ("班昭和她哥哥班固，谁年纪大？", ["班固"], "compare", CMP("班昭", "班固", BY, "min")),
 # ---------- superlative (20; 2 two-hop) ----------
 ("前四史里哪一部卷数最多？", ["史记"], "superlative", SUP("argmax", S(Q4, MEM), VOL)),
 ("二十四史中卷帙最浩繁的是哪一部？", ["宋史"], "superlative", SUP("argmax", S(H24, MEM), VOL)),
 ("二十四史里卷数最少的是哪一部？", ["陈书"], "superlative", SUP("argmin", S(H24, MEM), VOL)),
 ("唐朝修的几部正史里，哪部卷数最多？", ["晋书"], "superlative",
  SUP("argmax", S(H24, MEM, filter=[F(DYN, "唐朝")]), VOL)),
 ("二十四史里最晚成书的是哪一部？", ["明史"], "superlative", SUP("argmax", S(H24, MEM, filter=[F(YR)]), YR)),
 ("脱脱主编的史书中哪部卷数最多？", ["宋史"], "superlative", SUP("argmax", S("脱脱", "~" + AU), VOL)),
 ("司马光、欧阳修和薛居正三人中谁最年长？", ["薛居正"], "superlative",
  SUP("argmin", S(["司马光", "欧阳修", "薛居正"]), BY)),
 ("唐代的史学家里谁出生得最早？", ["姚思廉"], "superlative", SUP("argmin", S("唐朝", "~" + PDYN, filter=[F(BY)]), BY)),
 ("南宋的史家中年纪最大的是谁？", ["郑樵"], "superlative", SUP("argmin", S("南宋", "~" + PDYN), BY)),
 ("中国四大石窟里哪一个开凿最早？", ["莫高窟"], "superlative", SUP("argmin", S(CAVE4, MEM), CYR)),
 ("甘肃的石窟中哪个洞窟最多？", ["莫高窟"], "superlative", SUP("argmax", GANSU_CAVES, CAVES)),
 ("四川出的白酒里哪款度数最高？", ["郎酒"], "superlative", SUP("argmax", SICHUAN_LIQ, ABV)),
 ("哪家白酒企业最早上市？", ["汾酒"], "superlative", SUP("argmin", S([SSE, SZSE], "~" + EXCH), IPO)),
 ("在深交所上市的酒企中，哪家上市时间最晚？", ["洋河"], "superlative", SUP("argmax", S(SZSE, "~" + EXCH), IPO)),
 ("八大名酒中哪一种酒精度最高？", ["西凤"], "superlative", SUP("argmax", S("八大名酒", MEM), ABV)),
 ("八大名酒里度数最低的是哪个？", ["古井贡"], "superlative", SUP("argmin", S("八大名酒", MEM), ABV)),
 ("列入世界遗产的石窟寺里，哪处最先入选？", ["莫高窟"], "superlative", SUP("argmin", GROTTO_WHS, WHS)),
 ("北宋成书的史书中，哪部卷数最多？", ["资治通鉴"], "superlative", SUP("argmax", S("北宋", "~" + DYN), VOL)),
 ("编年体史书中卷数最多的是哪一部？", ["续资治通鉴长编|长编"], "superlative",
  SUP("argmax", S("编年体", "~" + GEN, filter=[F(VOL)]), VOL)),
 ("班彪的几个孩子里谁最年长？", ["班固"], "superlative", SUP("argmin", S("班彪", "子女", filter=[F(BY)]), BY)),
 # ---------- intersection (20) ----------
 ("既在四大名酒又在八大名酒之列的有哪些？", ["茅台", "汾酒", "泸州老窖", "西凤"], "intersection",
  SET(AND(S("四大名酒", MEM), S("八大名酒", MEM)))),
 ("八大名酒里哪些产自四川？", ["五粮液", "泸州老窖", "全兴"], "intersection", SET(AND(S("八大名酒", MEM), SICHUAN_LIQ))),
 ("甘肃的石窟里，哪些是世界遗产？", ["莫高窟", "麦积山", "炳灵寺"], "intersection", SET(AND(GANSU_CAVES, GROTTO_WHS))),
 ("姚察和姚思廉父子共同编写了哪些史书？", ["梁书", "陈书"], "intersection",
  SET(AND(S("姚察", "~" + AU), S("姚思廉", "~" + AU)))),
 ("欧阳修和宋祁合写的是哪部史书？", ["新唐书"], "intersection", SET(AND(S("欧阳修", "~" + AU), S("宋祁", "~" + AU)))),
 ("元朝编成的史书里，哪些属于二十四史？", ["宋史", "辽史", "金史"], "intersection",
  SET(AND(S("元朝", "~" + DYN), S(H24, MEM)))),
 ("北宋的史学家中，哪些人参与修过二十四史？", ["欧阳修", "宋祁", "薛居正"], "intersection",
  SET(AND(S("北宋", "~" + PDYN), S(H24, MEM, AU)))),
 ("唐朝人当中，谁给前四史做过注？", ["司马贞", "张守节", "颜师古", "李贤"], "intersection",
  SET(AND(S(Q4, MEM, NOTE), S("唐朝", "~" + PDYN)))),
 ("籍贯在运城、又是北宋人的史学家是谁？", ["司马光"], "intersection", SET(AND(S("运城市", "~" + JG), S("北宋", "~" + PDYN)))),
 ("东汉的人里，哪些祖籍陕西？", ["班彪", "班固", "班超", "班昭"], "intersection",
  SET(AND(S("东汉", "~" + PDYN), S("陕西省", "~" + PROV, "~" + JG)))),
 ("唐朝有哪几位编写过二十四史里的书？", ["房玄龄", "姚思廉", "李百药", "令狐德棻", "魏徵|魏征", "李延寿"], "intersection",
  SET(AND(S("唐朝", "~" + PDYN), S(H24, MEM, AU)))),
 ("北京产的清香型白酒有哪些？", ["红星二锅头"], "intersection", SET(AND(S("北京市", "~" + ORIG), S("清香型", "~" + AROMA)))),
 ("2014年入选世界遗产、又位于甘肃的石窟有哪些？", ["麦积山", "炳灵寺"], "intersection",
  SET(AND(S("2014年", "~" + WHS), GANSU_CAVES))),
 ("53度的酱香酒有哪些？", ["茅台", "郎酒", "习酒"], "intersection", SET(AND(S("53度", "~" + ABV), S("酱香型", "~" + AROMA)))),
 ("在深交所上市、又以浓香型酒为主打的酒企有哪些？", ["五粮液", "泸州老窖", "古井", "洋河"], "intersection",
  SET(AND(S(SZSE, "~" + EXCH), S("浓香型", "~" + AROMA, MAKER)))),
 ("唐朝开凿、又在四川境内的是哪一处？", ["乐山大佛|凌云大佛"], "intersection",
  SET(AND(S("唐朝", "~" + CDYN), S("四川省", "~" + PROV, "~" + SITE)))),
 ("徐州籍的史家中，哪位生活在唐代？", ["刘知几"], "intersection", SET(AND(S("徐州市", "~" + JG), S("唐朝", "~" + PDYN)))),
 ("湖州人里，谁参与编写了《梁书》？", ["姚察", "姚思廉"], "intersection", SET(AND(S("湖州市", "~" + JG), S("梁书", AU)))),
 ("山西的石窟中，哪个是北魏开凿的？", ["云冈"], "intersection",
  SET(AND(S("山西省", "~" + PROV, "~" + SITE), S("北魏", "~" + CDYN)))),
 ("既是纪传体、又在南宋成书的是哪部史书？", ["通志"], "intersection", SET(AND(S("纪传体", "~" + GEN), S("南宋", "~" + DYN)))),
 # ---------- negative (20: 14 missing relations, 6 missing entities) ----------
 ("李延寿是哪一年出生的？", NEG, "negative", ABS("李延寿", BY)),
 ("左丘明是哪里人？", NEG, "negative", ABS("左丘明", JG, "出生地")),
 ("司马迁哪年去世的？", NEG, "negative", ABS("司马迁", "去世年份", "卒年")),
 ("脱脱的老家在哪儿？", NEG, "negative", ABS("脱脱", JG, "出生地")),
 ("榆林窟是哪年被列入世界遗产的？", NEG, "negative", ABS("榆林窟", WHS)),
 ("克孜尔千佛洞是什么朝代开凿的？", NEG, "negative", ABS("克孜尔千佛洞", CDYN, CYR)),
 ("《南齐书》是哪一年写成的？", NEG, "negative", ABS("南齐书", YR)),
 ("《三国志》全书有多少字？", NEG, "negative", ABS("三国志", "字数")),
 ("《晋书》是谁作的注？", NEG, "negative", ABS("晋书", NOTE)),
 ("茅台酒是用什么原料酿的？", NEG, "negative", ABS("茅台酒", "主要原料")),
 ("郎酒是哪家企业生产的？", NEG, "negative", ABS("郎酒", MAKER)),
 ("天龙山石窟里有多少尊造像？", NEG, "negative", ABS("天龙山石窟", "造像数")),
 ("司马光的父亲是谁？", NEG, "negative", ABS("司马光", "父亲")),
 ("《左传》有多少卷？", NEG, "negative", ABS("左传", VOL)),
 ("《东观汉记》是谁写的？", NEG, "negative", ABSN("东观汉记")),
 ("袁宏的《后汉纪》有几卷？", NEG, "negative", ABSN("后汉纪")),
 ("悬空寺是哪个朝代建的？", NEG, "negative", ABSN("悬空寺")),
 ("敦煌西千佛洞有多少个洞窟？", NEG, "negative", ABSN("西千佛洞")),
 ("衡水老白干是什么香型？", NEG, "negative", ABSN("衡水老白干")),
 ("谯周是哪里人？", NEG, "negative", ABSN("谯周")),
 # ---------- traditional (20: 1-hop 8, 2-hop 6, count 3, compare 2, intersection 1; golds simplified) ----------
 ("《資治通鑑》的作者是誰？", ["司马光"], "traditional", SET(S("资治通鉴", AU))),
 ("太史公是哪個地方的人？", ["韩城"], "traditional", SET(S("司马迁", JG))),
 ("莫高窟在哪個城市？", ["敦煌"], "traditional", SET(S("莫高窟", SITE))),
 ("汾酒屬於什麼香型？", ["清香"], "traditional", SET(S("汾酒", AROMA))),
 ("《漢書》一共有多少卷？", ["100"], "traditional", SET(S("汉书", VOL))),
 ("歐陽修的號是什麼？", ["醉翁", "六一居士"], "traditional", SET(S("欧阳修", "号"))),
 ("龍門石窟是哪個朝代開鑿的？", ["北魏"], "traditional", SET(S("龙门石窟", CDYN))),
 ("凌雲大佛有多高？", ["71"], "traditional", SET(S("乐山大佛", "高度"))),
 ("《三國志》的作者是哪裡人？", ["南充"], "traditional", SET(S("三国志", AU, JG))),
 ("寫《後漢書》的人是哪個朝代的？", ["南朝宋"], "traditional", SET(S("后汉书", AU, PDYN))),
 ("茅臺酒的產地在哪個省？", ["贵州"], "traditional", SET(S("茅台酒", ORIG, PROV))),
 ("雲岡石窟所在的城市古時候叫什麼？", ["平城"], "traditional", SET(S("云冈石窟", SITE, "别名"))),
 ("盧舍那大佛所在的石窟是哪一年列入世界遺產的？", ["2000"], "traditional", SET(S("卢舍那大佛", "所属石窟", WHS))),
 ("五糧液的生產廠家是什麼時候上市的？", ["1998"], "traditional", SET(S("五粮液", MAKER, IPO))),
 ("浙江籍的史學家有幾位？", ["5"], "traditional", CNT(S("浙江省", "~" + PROV, "~" + JG))),
 ("清香型白酒一共有幾種？", ["2"], "traditional", CNT(S("清香型", "~" + AROMA))),
 ("河南境內有幾處石窟？", ["2"], "traditional", CNT(S("河南省", "~" + PROV, "~" + SITE))),
 ("《舊唐書》和《新唐書》哪部先成書？", ["旧唐书"], "traditional", CMP("旧唐书", "新唐书", YR, "min")),
 ("麥積山石窟跟炳靈寺石窟，哪個開鑿得更早？", ["麦积山"], "traditional", CMP("麦积山石窟", "炳灵寺石窟", CYR, "min")),
 ("既在中國四大石窟之列、又在甘肅的是哪幾個？", ["莫高窟", "麦积山"], "traditional", SET(AND(S(CAVE4, MEM), GANSU_CAVES))),
]

# English relation names
LEAD, SHIP, SPON, CREW = "exploration.expedition.leader", "exploration.expedition.ship", "sponsor", "crew"
TPI, CMD, BP, POD, LOC, START, LAUNCH = "took_part_in", "commanded_by", "birthPlace", "placeOfDeath", "located_in", "startYear", "launched"
FOUNDERS, PARENT, SUB, CD, CDO = "organization.organization.founders", "parentOrganization", "subsidiary", "creative_director", "creativeDirectorOf"
EDU, HQ, GFOUND, CHAIR = "education", "headquarters", "founded_by", "chairman"
ITAE = "Imperial Trans-Antarctic Expedition"

EN = [
 # ---------- two_hop (30) ----------
 ("Where was the founder of Gucci born?", ["Florence"], "two_hop", S("Gucci", FOUNDERS, BP)),
 ("Which ships sailed on the expeditions Ernest Shackleton led?", ["Nimrod", "Endurance", "Aurora", "Quest"], "two_hop",
  S("Ernest Shackleton", "~" + LEAD, SHIP)),
 ("Who chairs the group that owns Balenciaga?", ["François-Henri Pinault"], "two_hop", S("Balenciaga", PARENT, CHAIR)),
 ("Karl Lagerfeld's hometown is in which country?", ["Germany"], "two_hop", S("Karl Lagerfeld", BP, LOC)),
 ("Who paid for Henry Hudson's voyages?", ["Dutch East India Company"], "two_hop", S("Henry Hudson", "~" + LEAD, SPON)),
 ("Who captained the ships of Columbus's first voyage?", ["Christopher Columbus", "Martín Alonso Pinzón", "Vicente Yáñez Pinzón"],
  "two_hop", S("First voyage of Christopher Columbus", SHIP, CMD)),
 ("Where did the leader of the Magellan expedition die?", ["Mactan"], "two_hop", S("Magellan expedition", LEAD, POD)),
 ("Where is the company that owns Fendi headquartered?", ["Paris"], "two_hop", S("Fendi", PARENT, HQ)),
 ("Who founded the labels Hedi Slimane has designed for?", ["Yves Saint Laurent", "Pierre Bergé", "Céline Vipiana"], "two_hop",
  S("Hedi Slimane", CDO, FOUNDERS)),
 ("What school did Chanel's creative directors attend?", ["La Cambre"], "two_hop", S("Chanel", CD, EDU)),
 ("Which schools did Givenchy's designers study at?", ["Central Saint Martins", "Royal College of Art"], "two_hop",
  S("Givenchy", CD, EDU)),
 ("Who sailed on the expedition that used the Endurance?", ["Frank Wild", "Frank Worsley", "Tom Crean", "Frank Hurley"], "two_hop",
  S("Endurance", "~" + SHIP, CREW)),
 ("Who were the captains of the ships on Cook's third voyage?", ["James Cook", "Charles Clerke"], "two_hop",
  S("Third voyage of James Cook", SHIP, CMD)),
 ("When was the ship of Scott's Terra Nova Expedition launched?", ["1884"], "two_hop", S("Terra Nova Expedition", SHIP, LAUNCH)),
 ("What ships did Roald Amundsen take on his expeditions?", ["Fram", "Gjøa"], "two_hop", S("Roald Amundsen", "~" + LEAD, SHIP)),
 ("Who led the expeditions Tom Crean served on?", ["Robert Falcon Scott", "Ernest Shackleton"], "two_hop", S("Tom Crean", TPI, LEAD)),
 ("In which city is the school Demna went to?", ["Antwerp"], "two_hop", S("Demna", EDU, LOC)),
 ("What brands does the company Bernard Arnault chairs own?", ["Dior", "Louis Vuitton", "Givenchy", "Fendi", "Celine", "Loewe"],
  "two_hop", S("Bernard Arnault", "~" + CHAIR, SUB), 7),
 ("Where were Fendi's founders born?", ["Rome"], "two_hop", S("Fendi", FOUNDERS, BP)),
 ("Which conglomerates own the houses Karl Lagerfeld worked for?", ["LVMH", "Richemont"], "two_hop", S("Karl Lagerfeld", CDO, PARENT)),
 ("Who founded Saint Laurent's parent company?", ["François Pinault"], "two_hop", S("Saint Laurent", PARENT, GFOUND)),
 ("What year was the ship Frank Worsley commanded launched?", ["1912"], "two_hop", S("Frank Worsley", "~" + CMD, LAUNCH)),
 ("Who sponsored the voyage of the Golden Hind?", ["Elizabeth I"], "two_hop", S("Golden Hind", "~" + SHIP, SPON)),
 ("Who has been creative director of the label Alexander McQueen founded?", ["Alexander McQueen", "Sarah Burton", "Seán McGirr"],
  "two_hop", S("Alexander McQueen", "~" + FOUNDERS, CD)),
 ("Where was the captain of HMS Bounty born?", ["Plymouth"], "two_hop", S("HMS Bounty", CMD, BP)),
 ("In what years did the expeditions on the Fram set out?", ["1893", "1910"], "two_hop", S("Fram", "~" + SHIP, START)),
 ("Ferdinand Magellan was born in which country?", ["Portugal"], "two_hop", S("Ferdinand Magellan", BP, LOC)),
 ("Where were the crew of Scott's Discovery Expedition born?", ["Kilkea", "Cheltenham", "Annascaul", "Skelton"], "two_hop",
  S("Discovery Expedition", CREW, BP)),
 ("Which houses have had a creative director who went to Parsons?", ["Louis Vuitton", "Gucci", "Saint Laurent", "Balenciaga"],
  "two_hop", S("Parsons School of Design", "~" + EDU, "~" + CD)),
 ("Where is the fashion house that Christian Dior founded based?", ["Paris"], "two_hop", S("Christian Dior", "~" + FOUNDERS, HQ)),
 # ---------- three_hop (20) ----------
 ("Where were the founders of LVMH's fashion houses born?", ["Granville", "Beauvais", "Rome", "Paris", "Himeji"], "three_hop",
  S("LVMH", SUB, FOUNDERS, BP)),
 ("Which countries did the crew of the Imperial Trans-Antarctic Expedition come from?",
  ["England", "New Zealand", "Ireland", "Australia"], "three_hop", S(ITAE, CREW, BP, LOC)),
 ("Where were the captains of the Magellan expedition's ships born?", ["Sabrosa", "Getaria"], "three_hop",
  S("Magellan expedition", SHIP, CMD, BP)),
 ("Where was the chairman of Gucci's parent company born?", ["Rennes"], "three_hop", S("Gucci", PARENT, CHAIR, BP)),
 ("Who founded the brands in the same group as Bottega Veneta?",
  ["Guccio Gucci", "Yves Saint Laurent", "Pierre Bergé", "Cristóbal Balenciaga", "Michele Taddei", "Alexander McQueen"], "three_hop",
  S("Bottega Veneta", PARENT, SUB, FOUNDERS), 7),
 ("What country is the school Anthony Vaccarello studied at in?", ["Belgium"], "three_hop", S("Anthony Vaccarello", EDU, LOC, LOC)),
 ("When were the ships of Shackleton's expeditions launched?", ["1867", "1912"], "three_hop",
  S("Ernest Shackleton", "~" + LEAD, SHIP, LAUNCH)),
 ("Where were the crew members of the Fram's expeditions born?", ["Bindal", "Skien", "Morgedal"], "three_hop",
  S("Fram", "~" + SHIP, CREW, BP)),
 ("Who commanded the ships of the expeditions Frank Wild joined?", ["Frank Worsley"], "three_hop",
  S("Frank Wild", TPI, SHIP, CMD)),
 ("Where were the leaders Hjalmar Johansen sailed under born?", ["Oslo", "Borge"], "three_hop",
  S("Hjalmar Johansen", "~" + CREW, LEAD, BP)),
 ("Which schools trained the creative directors of the house that Dior Homme belongs to?",
  ["Central Saint Martins", "London College of Fashion"], "three_hop", S("Dior Homme", PARENT, CD, EDU)),
 ("Which countries are Burberry's creative directors from?", ["England", "Italy"], "three_hop", S("Burberry", CD, BP, LOC)),
 ("Where were the sponsors of Tom Crean's expeditions born?", ["Dundee"], "three_hop", S("Tom Crean", TPI, SPON, BP)),
 ("Which groups own the houses whose designers trained at La Cambre?", ["Kering"], "three_hop",
  S("La Cambre", "~" + EDU, "~" + CD, PARENT)),
 ("Where was the leader of Charles Darwin's expedition born?", ["Ampton"], "three_hop", S("Charles Darwin", "~" + CREW, LEAD, BP)),
 ("Which country did the captain of the Pinta come from?", ["Spain"], "three_hop", S("Pinta", CMD, BP, LOC)),
 ("In which countries are Kering's brands headquartered?", ["Italy", "France", "England"], "three_hop", S("Kering", SUB, HQ, LOC)),
 ("Where did the commanders of the ships on Cook's second voyage come from?", ["Marton", "Plymouth"], "three_hop",
  S("Second voyage of James Cook", SHIP, CMD, BP)),
 ("Which countries were the men on Scott's Terra Nova Expedition born in?", ["England", "Scotland", "Wales", "Ireland"], "three_hop",
  S("Terra Nova Expedition", CREW, BP, LOC)),
 ("Who founded the parent companies of the houses Karl Lagerfeld designed for?",
  ["Alain Chevalier", "Henry Racamier", "Johann Rupert"], "three_hop", S("Karl Lagerfeld", CDO, PARENT, GFOUND)),
 # ---------- co_star (15) ----------
 ("Who else has been creative director at the houses Karl Lagerfeld worked for?",
  ["Coco Chanel", "Virginie Viard", "Kim Jones", "Silvia Venturini Fendi", "Stella McCartney", "Phoebe Philo"], "co_star",
  S("Karl Lagerfeld", "~" + CD, CD, exclude_start=True), 9),
 ("Who sailed with Tom Crean?", ["Edward Wilson", "Frank Wild", "Lawrence Oates", "Henry Bowers", "Frank Worsley", "Frank Hurley"],
  "co_star", S("Tom Crean", "~" + CREW, CREW, exclude_start=True), 10),
 ("Which other brands belong to the same group as Gucci?", ["Saint Laurent", "Balenciaga", "Bottega Veneta", "Alexander McQueen"],
  "co_star", S("Gucci", PARENT, "~" + PARENT, exclude_start=True)),
 ("Which designers went to the same school as Alexander McQueen?",
  ["John Galliano", "Kim Jones", "Riccardo Tisci", "Sarah Burton", "Daniel Lee", "Phoebe Philo"], "co_star",
  S("Alexander McQueen", EDU, "~" + EDU, exclude_start=True), 7),
 ("Who else was born in Cristóbal Balenciaga's hometown?", ["Juan Sebastián Elcano|Elcano"], "co_star",
  S("Cristóbal Balenciaga", BP, "~" + BP, exclude_start=True)),
 ("Which seafarers were born in the same city as Robert Falcon Scott?", ["Tobias Furneaux", "William Bligh"], "co_star",
  S("Robert Falcon Scott", BP, "~" + BP, exclude_start=True)),
 ("Who has worked at the same fashion houses as Hedi Slimane?",
  ["Kris Van Assche", "Kim Jones", "Yves Saint Laurent", "Tom Ford", "Anthony Vaccarello", "Phoebe Philo"], "co_star",
  S("Hedi Slimane", "~" + CD, CD, exclude_start=True), 9),
 ("Who were Frank Worsley's fellow crew members?", ["Frank Wild", "Tom Crean", "Frank Hurley"], "co_star",
  S("Frank Worsley", "~" + CREW, CREW, exclude_start=True)),
 ("Which houses share a creative director with Burberry?", ["Givenchy", "Bottega Veneta"], "co_star",
  S("Burberry", CD, "~" + CD, exclude_start=True)),
 ("Which other expedition sailed in the same ship as Amundsen's South Pole expedition?", ["Fram expedition"], "co_star",
  S("Amundsen's South Pole expedition", SHIP, "~" + SHIP, exclude_start=True)),
 ("Which other voyage had the same backer as Tasman's 1642 voyage?", ["Hudson's 1609 voyage|1609"], "co_star",
  S("Tasman's 1642 voyage", SPON, "~" + SPON, exclude_start=True)),
 ("Which designers share Alessandro Michele's birthplace?",
  ["Maria Grazia Chiuri", "Frida Giannini", "Silvia Venturini Fendi", "Adele Fendi"], "co_star",
  S("Alessandro Michele", BP, "~" + BP, exclude_start=True)),
 ("What other fashion house is based in the same city as Fendi?", ["Valentino"], "co_star",
  S("Fendi", HQ, "~" + HQ, exclude_start=True)),
 ("Which ships sailed alongside the Pinta?", ["Santa María", "Niña"], "co_star",
  S("Pinta", "~" + SHIP, SHIP, exclude_start=True)),
 ("Which people were born in the same city as Kim Jones?", ["Joseph Banks", "Lawrence Oates", "Alexander McQueen", "Stella McCartney"],
  "co_star", S("Kim Jones", BP, "~" + BP, exclude_start=True)),
 # ---------- inverse (15) ----------
 ("Which expeditions did Ernest Shackleton lead?", ["Nimrod", "Imperial Trans-Antarctic", "Rowett"], "inverse",
  S("Ernest Shackleton", "~" + LEAD)),
 ("Which houses has Clare Waight Keller been creative director of?", ["Givenchy", "Chloé|Chloe"], "inverse",
  S("Clare Waight Keller", "~" + CD)),
 ("Which voyages did the Dutch East India Company pay for?", ["Hudson", "Tasman"], "inverse", S("Dutch East India Company", "~" + SPON)),
 ("Which expeditions used the SY Aurora?", ["Imperial Trans-Antarctic", "Australasian Antarctic"], "inverse",
  S("SY Aurora", "~" + SHIP)),
 ("What ship did Robert FitzRoy captain?", ["Beagle"], "inverse", S("Robert FitzRoy", "~" + CMD)),
 ("Who was born in Plymouth?", ["Tobias Furneaux", "William Bligh", "Robert Falcon Scott"], "inverse", S("Plymouth", "~" + BP)),
 ("Which fashion houses are headquartered in London?", ["Alexander McQueen", "Burberry"], "inverse", S("London", "~" + HQ)),
 ("Which designers trained at Parsons School of Design?", ["Marc Jacobs", "Tom Ford", "Alexander Wang"], "inverse",
  S("Parsons School of Design", "~" + EDU)),
 ("Which company did Gaby Aghion found?", ["Chloé|Chloe"], "inverse", S("Gaby Aghion", "~" + FOUNDERS)),
 ("Whose voyage did Charles V sponsor?", ["Magellan"], "inverse", S("Charles V", "~" + SPON)),
 ("Which expeditions were led by Robert Falcon Scott?", ["Discovery Expedition", "Terra Nova"], "inverse",
  S("Robert Falcon Scott", "~" + LEAD)),
 ("Pierpaolo Piccioli has designed for which houses?", ["Valentino", "Balenciaga"], "inverse", S("Pierpaolo Piccioli", "~" + CD)),
 ("What places in Norway do you know of?", ["Borge", "Oslo", "Bindal", "Skien", "Morgedal", "Kristiansand"], "inverse",
  S("Norway", "~" + LOC)),
 ("What expedition was Charles Darwin part of?", ["Beagle"], "inverse", S("Charles Darwin", "~" + CREW)),
 ("Which expeditions set off in 1910?", ["Terra Nova", "South Pole|Amundsen"], "inverse", S("1910", "~" + START)),
]


def main():
    specs = []
    with open(HERE / "zh_eval.jsonl", "w", encoding="utf-8") as f:
        for q, a, t, spec in ZH:
            f.write(json.dumps({"question": q, "answers": a, "type": t, "need_knowledge": True}, ensure_ascii=False) + "\n")
            specs.append({"file": "zh_eval.jsonl", "question": q, "spec": spec})
    with open(HERE / "en_eval.jsonl", "w", encoding="utf-8") as f:
        for q, a, t, setspec, *size in EN:
            n = size[0] if size else len(a)  # hand-counted size of the full gold set
            f.write(json.dumps({"question": q, "answers": a, "type": t, "need_knowledge": True, "gold_size": n}, ensure_ascii=False) + "\n")
            specs.append({"file": "en_eval.jsonl", "question": q, "spec": {"op": "set", "set": setspec}})
    with open(HERE / "specs.jsonl", "w", encoding="utf-8") as f:
        for s in specs:
            f.write(json.dumps(s, ensure_ascii=False) + "\n")
    print(len(ZH), "zh questions,", len(EN), "en questions")


if __name__ == "__main__":
    main()
