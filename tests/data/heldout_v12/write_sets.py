"""Author-side script (set 12): writes zh_eval.jsonl, en_eval.jsonl and specs.jsonl from the lists below.
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



MEM, ORIG, FOUNDER, FDYN, SCHOOL, ICH = "成员", "发源地", "创始人", "形成朝代", "所属拳系", "列入国家级非遗年份"
BORN, JG, ERA, SEX, MASTER, DISC, FATHER, PROV = "出生时间", "籍贯", "时代", "性别", "师父", "徒弟", "父亲", "所属省份"
PLACE, ODYN, CAT, REP, SITE, TY, AREA, WHS = "产地", "起源朝代", "类别", "代表人物", "所在地", "始建年份", "面积", "入选世界遗产年份"
AU, PUB, WORKS, TYPE = "作者", "出版年份", "主要著作", "类型"
EIGHT, NEI3, TJ5, XIU4, JIN4, WF4, YAN4, GC4, ZH6 = ("中华武术八大拳种", "内家三拳", "太极拳五大流派", "四大名绣", "中国四大名锦",
                                                  "文房四宝", "四大名砚", "中国四大古城", "江南六大古镇")
HEBEI_PEOPLE = S("河北省", "~" + PROV, "~" + JG)

ZH = [
 # ---------- count (20; 8 with a filter) ----------
 ("孙禄堂一共写了几本拳谱？分别叫什么？", ["4", "形意拳学", "八卦拳学", "太极拳学", "拳意述真"], "count",
  CNT(S("孙禄堂", WORKS), S("孙禄堂", WORKS))),
 ("太极拳五大流派中，有几派是清代形成的？", ["3"], "count", CNT(S(TJ5, MEM, filter=[F(FDYN, "清朝")]))),
 ("内家三拳里头，早在明朝就已成形的有几种？", ["2"], "count", CNT(S(NEI3, MEM, filter=[F(FDYN, "明朝")]))),
 ("八大拳种当中算外家拳的有几门？", ["5"], "count", CNT(S(EIGHT, MEM, filter=[F(SCHOOL, "外家拳")]))),
 ("沧州籍的武术家里，女性有几位？", ["1"], "count", CNT(S("沧州市", "~" + JG, filter=[F(SEX, "女")]))),
 ("老家在河北的拳师中，清朝人一共多少位？", ["13"], "count", CNT(S("河北省", "~" + PROV, "~" + JG, filter=[F(ERA, "清朝")]))),
 ("四大名砚里有几种是唐代就有的？", ["3"], "count", CNT(S(YAN4, MEM, filter=[F(ODYN, "唐朝")]))),
 ("中国四大名锦中，起源于宋朝的占几种？", ["2"], "count", CNT(S(JIN4, MEM, filter=[F(ODYN, "宋朝")]))),
 ("江南六大古镇里，能查到确切始建年份的有几个？", ["3"], "count", CNT(S(ZH6, MEM, filter=[F(TY)]))),
 ("陈发科教出了几个徒弟？是哪几位？", ["2", "洪均生", "冯志强"], "count", CNT(S("陈发科", DISC), S("陈发科", DISC))),
 ("发源于河北的拳种有多少个？", ["6"], "count", CNT(S("河北省", "~" + PROV, "~" + ORIG))),
 ("籍贯是佛山的武术人物，图谱里记了几位？", ["5"], "count", CNT(S("佛山市", "~" + JG))),
 ("苏州出产的传统工艺品有几样？", ["2"], "count", CNT(S("苏州市", "~" + PLACE))),
 ("2008年列入国家级非遗名录的项目一共多少项？", ["11"], "count", CNT(S("2008年", "~" + ICH))),
 ("董海川传了几个弟子？都叫什么名字？", ["2", "程廷华", "尹福"], "count", CNT(S("董海川", DISC), S("董海川", DISC))),
 ("黄山市境内有几处古城古村？", ["3"], "count", CNT(S("黄山市", "~" + SITE))),
 ("苏绣的代表人物有多少位？请列出来。", ["4", "沈寿", "顾文霞", "李娥英", "姚建萍"], "count",
  CNT(S("苏绣", REP), S("苏绣", REP))),
 ("起源于唐代的手工艺共有几种？", ["6"], "count", CNT(S("唐朝", "~" + ODYN))),
 ("嘉兴有几个古镇？", ["2"], "count", CNT(S("嘉兴市", "~" + SITE))),
 ("属于南拳一系的拳种有几个？", ["3"], "count", CNT(S("南拳", "~" + SCHOOL))),
 # ---------- compare (20; 4 yes/no) ----------
 ("杨露禅和陈长兴谁年纪大？", ["陈长兴"], "compare", CMP("杨露禅", "陈长兴", BORN, "min")),
 ("董海川跟杨露禅，哪个先出生？", ["董海川"], "compare", CMP("董海川", "杨露禅", BORN, "min")),
 ("孙禄堂比李书文年长吗？", [YES], "compare", CMP("孙禄堂", "李书文", BORN, "min", yesno="孙禄堂")),
 ("叶问和黄飞鸿，谁生得早一些？", ["黄飞鸿"], "compare", CMP("叶问", "黄飞鸿", BORN, "min")),
 ("霍元甲与大刀王五王正谊相比，哪位岁数更大？", ["王正谊"], "compare", CMP("霍元甲", "王正谊", BORN, "min")),
 ("郑曼青和傅钟文这对师兄弟哪个年轻些？", ["傅钟文"], "compare", CMP("郑曼青", "傅钟文", BORN, "max")),
 ("沈寿跟张謇谁大？", ["张謇"], "compare", CMP("沈寿", "张謇", BORN, "min")),
 ("顾文霞是不是比李娥英小？", [YES], "compare", CMP("顾文霞", "李娥英", BORN, "max", yesno="顾文霞")),
 ("陈王庭与姬际可，谁出生在前？", ["陈王庭"], "compare", CMP("陈王庭", "姬际可", BORN, "min")),
 ("周庄和乌镇哪个历史更久？", ["乌镇"], "compare", CMP("周庄", "乌镇", TY, "min")),
 ("平遥古城和阆中古城，谁建得更早？", ["平遥"], "compare", CMP("平遥古城", "阆中古城", TY, "min")),
 ("徽州古城比镇远古镇始建得早吗？", [NO], "compare", CMP("徽州古城", "镇远古镇", TY, "min", yesno="徽州古城")),
 ("宏村与西递，哪个村子年头更长？", ["西递"], "compare", CMP("宏村", "西递", TY, "min")),
 ("大理古城和凤凰古城，哪座面积大？", ["凤凰"], "compare", CMP("大理古城", "凤凰古城", AREA, "max")),
 ("周庄跟宏村比，哪个占地更广？", ["周庄"], "compare", CMP("周庄", "宏村", AREA, "max")),
 ("西递的面积有没有宏村大？", [NO], "compare", CMP("西递", "宏村", AREA, "max", yesno="西递")),
 ("《形意拳学》和《拳意述真》哪本先出版？", ["形意拳学"], "compare", CMP("形意拳学", "拳意述真", PUB, "min")),
 ("杨澄甫的《太极拳使用法》与《太极拳体用全书》，哪一本问世较晚？", ["体用全书"], "compare",
  CMP("太极拳使用法", "太极拳体用全书", PUB, "max")),
 ("蔡李佛拳和截拳道，哪个创立得更早？", ["蔡李佛"], "compare", CMP("蔡李佛拳", "截拳道", "创立年份", "min")),
 ("平遥古城与宏村，谁先被列为世界遗产？", ["平遥"], "compare", CMP("平遥古城", "宏村", WHS, "min")),
 # ---------- superlative (20; 2 two-hop) ----------
 ("太极拳五大流派的开创者里，谁出生最早？", ["陈王庭"], "superlative", SUP("argmin", S(TJ5, MEM, FOUNDER), BORN)),
 ("老家在河北的清代拳师里，谁出生得最晚？", ["郝为真"], "superlative",
  SUP("argmax", S("河北省", "~" + PROV, "~" + JG, filter=[F(ERA, "清朝")]), BORN)),
 ("孙禄堂拜过的几位老师中谁最年长？", ["郭云深"], "superlative", SUP("argmin", S("孙禄堂", MASTER), BORN)),
 ("杨澄甫门下弟子里谁最年轻？", ["傅钟文"], "superlative", SUP("argmax", S("杨澄甫", DISC), BORN)),
 ("李书文的徒弟当中，哪个年纪最大？", ["霍殿阁"], "superlative", SUP("argmin", S("李书文", DISC), BORN)),
 ("沧州籍武术家里谁生得最早？", ["吴钟"], "superlative", SUP("argmin", S("沧州市", "~" + JG), BORN)),
 ("佛山人里面，谁是最年长的一位？", ["陈华顺"], "superlative", SUP("argmin", S("佛山市", "~" + JG, filter=[F(BORN)]), BORN)),
 ("民国时期的人物中，年纪最大的是谁？", ["孙禄堂"], "superlative", SUP("argmin", S("民国", "~" + ERA), BORN)),
 ("现代的人物里谁最年轻？", ["姚建萍"], "superlative", SUP("argmax", S("现代", "~" + ERA), BORN)),
 ("苏绣的代表人物中，最年长的是哪位？", ["沈寿"], "superlative", SUP("argmin", S("苏绣", REP), BORN)),
 ("武禹襄拜过的两位师父，哪一位年纪更大？", ["陈清平"], "superlative", SUP("argmin", S("武禹襄", MASTER), BORN)),
 ("江南六大古镇中哪个最古老？", ["乌镇"], "superlative", SUP("argmin", S(ZH6, MEM, filter=[F(TY)]), TY)),
 ("中国四大古城里，哪座始建年代最早？", ["平遥"], "superlative", SUP("argmin", S(GC4, MEM, filter=[F(TY)]), TY)),
 ("黄山市的古城古村里，哪一处建得最晚？", ["宏村"], "superlative", SUP("argmax", S("黄山市", "~" + SITE), TY)),
 ("四大古城当中面积最大的是哪座？", ["丽江"], "superlative", SUP("argmax", S(GC4, MEM, filter=[F(AREA)]), AREA)),
 ("古城当中哪一座占地最小？", ["阆中"], "superlative", SUP("argmin", S("古城", "~" + TYPE, filter=[F(AREA)]), AREA)),
 ("孙禄堂的著作里，最晚出版的是哪本？", ["拳意述真"], "superlative", SUP("argmax", S("孙禄堂", WORKS), PUB)),
 ("有明确创立年份的拳种中，哪个最年轻？", ["孙式"], "superlative",
  SUP("argmax", S("拳种", "~" + TYPE, filter=[F("创立年份")]), "创立年份")),
 ("霍元甲、黄飞鸿、王子平三人里，谁年纪最小？", ["王子平"], "superlative", SUP("argmax", S(["霍元甲", "黄飞鸿", "王子平"]), BORN)),
 ("陈长兴、陈清平、李洛能，哪一位生得最早？", ["陈长兴"], "superlative", SUP("argmin", S(["陈长兴", "陈清平", "李洛能"]), BORN)),
 # ---------- intersection (20) ----------
 ("既属于内家三拳、又在八大拳种之列的有哪些？", ["太极拳", "形意拳", "八卦掌"], "intersection",
  SET(AND(S(NEI3, MEM), S(EIGHT, MEM)))),
 ("四大名砚和文房四宝都收录的是哪一种？", ["端砚"], "intersection", SET(AND(S(YAN4, MEM), S(WF4, MEM)))),
 ("杨露禅和陈清平共同的徒弟是谁？", ["武禹襄"], "intersection", SET(AND(S("杨露禅", DISC), S("陈清平", DISC)))),
 ("焦作籍的人里哪些是清朝的？", ["陈长兴", "陈清平"], "intersection", SET(AND(S("焦作市", "~" + JG), S("清朝", "~" + ERA)))),
 ("邯郸出身、生活在民国时期的拳师有谁？", ["杨澄甫", "傅钟文"], "intersection",
  SET(AND(S("邯郸市", "~" + JG), S("民国", "~" + ERA)))),
 ("织锦里面哪几种起源于宋代？", ["宋锦", "壮锦"], "intersection", SET(AND(S("宋朝", "~" + ODYN), S("织锦", "~" + CAT)))),
 ("产地在成都、又是四大名绣之一的是哪种？", ["蜀绣"], "intersection", SET(AND(S("成都市", "~" + PLACE), S(XIU4, MEM)))),
 ("黄山市出产的砚台叫什么？", ["歙砚"], "intersection", SET(AND(S("黄山市", "~" + PLACE), S("砚台", "~" + CAT)))),
 ("文房四宝中有哪些出自安徽？", ["徽墨", "宣纸"], "intersection", SET(AND(S(WF4, MEM), S("安徽省", "~" + PROV, "~" + PLACE)))),
 ("2006年进入国家级非遗名录的拳种有哪些？", ["太极拳", "少林拳", "武当拳"], "intersection",
  SET(AND(S("2006年", "~" + ICH), S("拳种", "~" + TYPE)))),
 ("形成于明代的外家拳是哪几种？", ["劈挂掌", "螳螂拳"], "intersection", SET(AND(S("明朝", "~" + FDYN), S("外家拳", "~" + SCHOOL)))),
 ("发源地在河北的内家拳有哪些？", ["杨式", "武式", "孙式", "八卦掌"], "intersection",
  SET(AND(S("河北省", "~" + PROV, "~" + ORIG), S("内家拳", "~" + SCHOOL)))),
 ("八大拳种里哪一种是在北京起源的？", ["通背拳"], "intersection", SET(AND(S(EIGHT, MEM), S("北京市", "~" + ORIG)))),
 ("江南六大古镇中哪些在浙江境内？", ["西塘", "乌镇", "南浔"], "intersection", SET(AND(S(ZH6, MEM), S("浙江省", "~" + PROV, "~" + SITE)))),
 ("四大古城里有哪几座是1997年入选世界遗产的？", ["平遥", "丽江"], "intersection", SET(AND(S(GC4, MEM), S("1997年", "~" + WHS)))),
 ("李洛能的徒弟中，谁是衡水人？", ["郭云深"], "intersection", SET(AND(S("李洛能", DISC), S("衡水市", "~" + JG)))),
 ("太极拳五大流派的创始人里，哪几位籍贯邯郸？", ["杨露禅", "武禹襄"], "intersection",
  SET(AND(S(TJ5, MEM, FOUNDER), S("邯郸市", "~" + JG)))),
 ("民国时代的女性人物有哪些？", ["孙剑云", "王菊蓉", "莫桂兰"], "intersection", SET(AND(S("女", "~" + SEX), S("民国", "~" + ERA)))),
 ("既起源于唐朝、产地又在广东的工艺品是什么？", ["粤绣", "端砚"], "intersection",
  SET(AND(S("唐朝", "~" + ODYN), S("广东省", "~" + PROV, "~" + PLACE)))),
 ("徽墨的代表人物中，哪些是清朝人？", ["曹素功", "胡天注"], "intersection", SET(AND(S("徽墨", REP), S("清朝", "~" + ERA)))),
 # ---------- negative (20: 14 missing relations, 6 missing entities) ----------
 ("少林拳的创始人是谁？", NEG, "negative", ABS("少林拳", FOUNDER)),
 ("严咏春是哪一年出生的？", NEG, "negative", ABS("严咏春", BORN)),
 ("张三丰祖籍在什么地方？", NEG, "negative", ABS("张三丰", JG, "出生地")),
 ("黄淳梁老家是哪儿的？", NEG, "negative", ABS("黄淳梁", JG, "出生地")),
 ("丽江古城始建于哪一年？", NEG, "negative", ABS("丽江古城", TY)),
 ("苗绣最早起源于什么朝代？", NEG, "negative", ABS("苗绣", ODYN)),
 ("徽州古城的面积有多大？", NEG, "negative", ABS("徽州古城", AREA)),
 ("峨眉拳算内家拳还是外家拳？", NEG, "negative", ABS("峨眉拳", SCHOOL)),
 ("通背拳是谁开创的？", NEG, "negative", ABS("通背拳", FOUNDER)),
 ("王宗岳的《太极拳论》哪年刊行？", NEG, "negative", ABS("太极拳论", PUB)),
 ("黄麒英生于哪一年？", NEG, "negative", ABS("黄麒英", BORN)),
 ("制墨名家李廷珪是哪里人？", NEG, "negative", ABS("李廷珪", JG, "出生地")),
 ("西塘是什么时候建镇的？", NEG, "negative", ABS("西塘", TY, "始建朝代")),
 ("叶问的父亲叫什么？", NEG, "negative", ABS("叶问", FATHER)),
 ("戳脚这门拳法发源于哪里？", NEG, "negative", ABSN("戳脚")),
 ("查拳是谁创立的？", NEG, "negative", ABSN("查拳")),
 ("杜心五的籍贯是哪个县？", NEG, "negative", ABSN("杜心五")),
 ("朱仙镇是哪一年建成的？", NEG, "negative", ABSN("朱仙镇")),
 ("鲁绣哪年列入了国家级非遗？", NEG, "negative", ABSN("鲁绣")),
 ("龙泉宝剑产自哪座城市？", NEG, "negative", ABSN("龙泉")),
 # ---------- traditional (20: 1-hop 8, 2-hop 6, count 3, compare 2, intersection 1; golds simplified) ----------
 ("李小龍的本名叫什麼？", ["李振藩"], "traditional", SET(S("李小龙", "本名"))),
 ("大刀王五的籍貫是哪裡？", ["沧州"], "traditional", SET(S("王正谊", JG))),
 ("楊無敵是哪一年出生的？", ["1799"], "traditional", SET(S("杨露禅", BORN))),
 ("八卦掌是誰創的？", ["董海川"], "traditional", SET(S("八卦掌", FOUNDER))),
 ("宣紙產自哪座城市？", ["宣城"], "traditional", SET(S("宣纸", PLACE))),
 ("神槍李收過哪些徒弟？", ["霍殿阁", "刘云樵"], "traditional", SET(S("李书文", DISC))),
 ("貞豐里位於哪個城市？", ["苏州"], "traditional", SET(S("周庄", SITE))),
 ("詠春拳的發源地在哪兒？", ["佛山"], "traditional", SET(S("咏春拳", ORIG))),
 ("截拳道創始人的師父是誰？", ["叶问"], "traditional", SET(S("截拳道", FOUNDER, MASTER))),
 ("八極拳的發源地屬於哪個省？", ["河北"], "traditional", SET(S("八极拳", ORIG, PROV))),
 ("《拳意述真》作者的籍貫是哪裡？", ["保定"], "traditional", SET(S("拳意述真", AU, JG))),
 ("雲錦產地的別名叫什麼？", ["金陵"], "traditional", SET(S("云锦", PLACE, "别名"))),
 ("楊澄甫父親的父親叫什麼名字？", ["杨露禅"], "traditional", SET(S("杨澄甫", FATHER, FATHER))),
 ("平遙古城所在的城市屬於哪一省？", ["山西"], "traditional", SET(S("平遥古城", SITE, PROV))),
 ("四大名繡共有幾種？", ["4"], "traditional", CNT(S(XIU4, MEM))),
 ("孫祿堂拜過幾位師父？", ["3"], "traditional", CNT(S("孙禄堂", MASTER))),
 ("發源於廣東的拳種有幾個？", ["3"], "traditional", CNT(S("广东省", "~" + PROV, "~" + ORIG))),
 ("郭雲深和李洛能誰年紀比較大？", ["李洛能"], "traditional", CMP("郭云深", "李洛能", BORN, "min")),
 ("周莊與南潯哪個鎮歷史更悠久？", ["周庄"], "traditional", CMP("周庄", "南浔", TY, "min")),
 ("葉問的徒弟之中，誰的籍貫是佛山？", ["李小龙"], "traditional", SET(AND(S("叶问", DISC), S("佛山市", "~" + JG)))),
]

# English relation names
CH, MUS, PY, PV, CAST = "dance.ballet.choreographer", "music_by", "premiereYear", "premiere_venue", "original_cast"
FB, FY, BASED, HV, LOC, BP = "founded_by", "foundedYear", "based_in", "home_venue", "located_in", "birthPlace"
MEMB, TAT, SP, FA = "member_of", "trained_at", "spouse", "father"
SIRE, DAM, FOAL, TB, RB, OWN, WON, VEN, FR = ("horse_racing.horse.sire", "dam", "foaledYear", "trained_by", "ridden_by", "owner",
                                              "won", "venue", "firstRun")

EN = [
 # ---------- two_hop (30) ----------
 ("Where was the choreographer of The Sleeping Beauty born?", ["Marseille"], "two_hop", S("The Sleeping Beauty", CH, BP)),
 ("Who wrote the scores for the ballets Michel Fokine made?", ["Chopin", "Stravinsky"], "two_hop", S("Michel Fokine", "~" + CH, MUS)),
 ("In what city was The Rite of Spring first staged?", ["Paris"], "two_hop", S("The Rite of Spring", PV, LOC)),
 ("Who is Secretariat's paternal grandsire?", ["Nasrullah"], "two_hop", S("Secretariat", SIRE, SIRE)),
 ("Which races did Northern Dancer's offspring win?", ["2000 Guineas", "Epsom Derby", "St Leger", "Irish Derby",
  "King George VI", "Irish 2000 Guineas"], "two_hop", S("Northern Dancer", "~" + SIRE, WON)),
 ("What is the hometown of the jockey who rode Frankel?", ["Dungarvan"], "two_hop", S("Frankel", RB, BP)),
 ("Who trained the horses Frankie Dettori rode?", ["Saeed bin Suroor", "John Gosden"], "two_hop", S("Frankie Dettori", "~" + RB, TB)),
 ("At which racecourses are the races Shergar won held?", ["Epsom Downs", "The Curragh", "Ascot Racecourse"], "two_hop",
  S("Shergar", WON, VEN)),
 ("What company did the original Petrushka dancers belong to?", ["Ballets Russes"], "two_hop", S("Petrushka", CAST, MEMB)),
 ("Where did the first-night dancers of Jewels train?", ["School of American Ballet"], "two_hop", S("Jewels (ballet)", CAST, TAT)),
 ("Who founded the company that calls the Royal Opera House home?", ["Ninette de Valois"], "two_hop",
  S("Royal Opera House", "~" + HV, FB)),
 ("Whom did the choreographer of The Firebird marry?", ["Vera Fokina"], "two_hop", S("The Firebird", CH, SP)),
 ("Which ballets had their premiere in the Mariinsky Ballet's home theatre?", ["Sleeping Beauty", "Nutcracker", "Raymonda",
  "Romeo and Juliet (Lavrovsky)"], "two_hop", S("Mariinsky Ballet", HV, "~" + PV)),
 ("Who was the jockey of the racehorse Nijinsky's sire?", ["Bill Hartack"], "two_hop", S("Nijinsky (horse)", SIRE, RB)),
 ("Who owned the horses Eddie Arcaro rode?", ["Wheatley Stable", "Calumet Farm"], "two_hop", S("Eddie Arcaro", "~" + RB, OWN)),
 ("Which towns are home to the tracks that stage the Kentucky Derby and the Belmont Stakes?", ["Louisville", "Elmont"], "two_hop",
  S(["Kentucky Derby", "Belmont Stakes"], VEN, LOC)),
 ("Marie Taglioni's father was born where?", ["Milan"], "two_hop", S("Marie Taglioni", FA, BP)),
 ("Who choreographed the ballets Aaron Copland composed for?", ["Martha Graham", "Agnes de Mille"], "two_hop",
  S("Aaron Copland", "~" + MUS, CH)),
 ("In what year did Léo Delibes's ballet premiere?", ["1870"], "two_hop", S("Léo Delibes", "~" + MUS, PY)),
 ("Which stallions sired the horses Aidan O'Brien trained?", ["Sadler's Wells", "Galileo", "Montjeu"], "two_hop",
  S("Aidan O'Brien", "~" + TB, SIRE)),
 ("Where were Lammtarra's jockeys born?", ["Oxford", "Milan"], "two_hop", S("Lammtarra", RB, BP)),
 ("Which ballet did Ekaterina Maximova's husband create a role in?", ["Spartacus"], "two_hop",
  S("Ekaterina Maximova", SP, "~" + CAST)),
 ("Who danced at the premieres of Kenneth MacMillan's ballets?", ["Margot Fonteyn", "Rudolf Nureyev", "Antoinette Sibley",
  "Anthony Dowell", "David Wall", "Lynn Seymour"], "two_hop", S("Kenneth MacMillan", "~" + CH, CAST)),
 ("What is the home theatre of the companies Serge Lifar was a member of?", ["Palais Garnier"], "two_hop",
  S("Serge Lifar", MEMB, HV)),
 ("Where were the founders of New York City Ballet born?", ["Saint Petersburg", "Rochester"], "two_hop",
  S("New York City Ballet", FB, BP)),
 ("Which ballet companies are based in Jerome Robbins's birthplace?", ["New York City Ballet", "American Ballet Theatre"], "two_hop",
  S("Jerome Robbins", BP, "~" + BASED)),
 ("What races have Khalid Abdullah's horses won?", ["2000 Guineas", "Epsom Oaks", "King George VI", "Arc de Triomphe"], "two_hop",
  S("Khalid Abdullah", "~" + OWN, WON)),
 ("When were the races Phar Lap won first run?", ["1861", "1922"], "two_hop", S("Phar Lap", WON, FR)),
 ("Who trained the sons of Galileo?", ["Henry Cecil", "Aidan O'Brien", "John Gosden"], "two_hop",
  S("Galileo (horse)", "~" + SIRE, TB)),
 ("Whose music did George Balanchine set his ballets to?", ["Stravinsky", "Prokofiev", "Fauré", "Tchaikovsky"], "two_hop",
  S("George Balanchine", "~" + CH, MUS)),
 # ---------- three_hop (20) ----------
 ("In which country was the choreographer of Giselle born?", ["France"], "three_hop", S("Giselle", CH, BP, LOC)),
 ("The composer of Onegin came from which country?", ["Russia"], "three_hop", S("Onegin (ballet)", MUS, BP, LOC)),
 ("Where was the trainer of Secretariat's sire born?", ["Brooklyn"], "three_hop", S("Secretariat", SIRE, TB, BP)),
 ("In which towns are the racecourses where Sea The Stars won?", ["Newmarket", "Epsom", "Paris"], "three_hop",
  S("Sea The Stars", WON, VEN, LOC)),
 ("Who was the sire of Frankel's grandsire?", ["Northern Dancer"], "three_hop", S("Frankel", SIRE, SIRE, SIRE)),
 ("Where were the jockeys who rode Galileo's offspring born?", ["Dungarvan", "Clonroche"], "three_hop",
  S("Galileo (horse)", "~" + SIRE, RB, BP)),
 ("Which countries did the original cast of The Sleeping Beauty come from?", ["Italy", "Russia"], "three_hop",
  S("The Sleeping Beauty", CAST, BP, LOC)),
 ("In which cities are the home theatres of the companies Rudolf Nureyev danced with?", ["Saint Petersburg", "London"], "three_hop",
  S("Rudolf Nureyev", MEMB, HV, LOC)),
 ("Where were the trainers of Robert Sangster's horses born?", ["Churchtown"], "three_hop",
  S("Robert Sangster", "~" + OWN, TB, BP)),
 ("Which ballets premiered in France?", ["Giselle", "La Sylphide", "Coppélia", "The Firebird", "Petrushka", "The Rite of Spring"],
  "three_hop", S("France", "~" + LOC, "~" + LOC, "~" + PV), 10),
 ("Where were the composers born of the ballets in which Nijinsky danced at the premiere?", ["Oranienbaum", "Saint-Germain-en-Laye"],
  "three_hop", S("Vaslav Nijinsky", "~" + CAST, MUS, BP)),
 ("Which horses were ridden by a jockey born in Italy?", ["Lammtarra", "Golden Horn", "Enable"], "three_hop",
  S("Italy", "~" + LOC, "~" + BP, "~" + RB)),
 ("Who owned the sire of Northern Dancer's sire?", ["Federico Tesio"], "three_hop", S("Northern Dancer", SIRE, SIRE, OWN)),
 ("Where were the founders of the New York-based ballet companies born?", ["Saint Petersburg", "Rochester", "Waterbury"],
  "three_hop", S("New York City", "~" + BASED, FB, BP)),
 ("Who choreographed the ballets that premiered in the Bolshoi Ballet's own theatre?", ["Julius Reisinger", "Yuri Grigorovich"],
  "three_hop", S("Bolshoi Ballet", HV, "~" + PV, CH)),
 ("What races are run at tracks in Ireland?", ["Irish Derby", "Irish 2000 Guineas"], "three_hop",
  S("Ireland", "~" + LOC, "~" + LOC, "~" + VEN)),
 ("Which jockeys rode horses trained by Joseph O'Brien's father?", ["Michael Kinane", "Joseph O'Brien"], "three_hop",
  S("Joseph O'Brien", FA, "~" + TB, RB)),
 ("Where were the spouses of the first Spartacus dancers born?", ["Moscow"], "three_hop",
  S("Spartacus (Grigorovich)", CAST, SP, BP)),
 ("Which stallions sired horses that won a race at Epsom Downs?", ["Northern Dancer", "Nijinsky", "Sadler's Wells", "Cape Cross",
  "Montjeu", "Never Bend"], "three_hop", S("Epsom Downs Racecourse", "~" + VEN, "~" + WON, SIRE), 9),
 ("Where were the trainers of Kentucky Derby winners born?", ["Joliette", "Buenos Aires", "Havana", "Nogales"], "three_hop",
  S("Kentucky Derby", "~" + WON, TB, BP)),
 # ---------- co_star (15) ----------
 ("Which dancers shared a premiere cast with Tamara Karsavina?", ["Anna Pavlova", "Alexandra Baldina", "Vaslav Nijinsky",
  "Michel Fokine", "Vera Fokina", "Enrico Cecchetti"], "co_star", S("Tamara Karsavina", "~" + CAST, CAST, exclude_start=True), 7),
 ("Who appeared alongside Margot Fonteyn in the first casts of her ballets?", ["Rudolf Nureyev", "Michael Somes"], "co_star",
  S("Margot Fonteyn", "~" + CAST, CAST, exclude_start=True)),
 ("Who created roles together with Anthony Dowell?", ["Antoinette Sibley", "David Wall"], "co_star",
  S("Anthony Dowell", "~" + CAST, CAST, exclude_start=True)),
 ("What other ballets did the choreographer of Raymonda make?", ["Sleeping Beauty", "La Bayadère"], "co_star",
  S("Raymonda", CH, "~" + CH, exclude_start=True)),
 ("Which other ballets share a composer with The Firebird?", ["Petrushka", "Rite of Spring", "Apollo", "Agon", "Jewels"], "co_star",
  S("The Firebird", MUS, "~" + MUS, exclude_start=True)),
 ("Who else studied at Suzanne Farrell's ballet school?", ["Arthur Mitchell", "Edward Villella", "Jacques d'Amboise",
  "Patricia McBride"], "co_star", S("Suzanne Farrell", TAT, "~" + TAT, exclude_start=True)),
 ("Which other ballets opened in the same theatre as Giselle?", ["La Sylphide", "Coppélia"], "co_star",
  S("Giselle", PV, "~" + PV, exclude_start=True)),
 ("Which horse has the same dam as Galileo?", ["Sea The Stars"], "co_star", S("Galileo (horse)", DAM, "~" + DAM, exclude_start=True)),
 ("Name another horse by Zenyatta's sire.", ["Winx"], "co_star", S("Zenyatta", SIRE, "~" + SIRE, exclude_start=True)),
 ("What other horse did Citation's trainer handle?", ["Whirlaway"], "co_star", S("Citation", TB, "~" + TB, exclude_start=True)),
 ("Which horse shared a jockey with Justify?", ["Zenyatta"], "co_star", S("Justify (horse)", RB, "~" + RB, exclude_start=True)),
 ("What other horse did the rider of The Minstrel partner?", ["Nijinsky"], "co_star",
  S("The Minstrel", RB, "~" + RB, exclude_start=True)),
 ("Which other horses ran in the colours of Frankel's owner?", ["Enable", "Dancing Brave"], "co_star",
  S("Frankel", OWN, "~" + OWN, exclude_start=True)),
 ("Who else in the graph was born in Frankie Dettori's home city?", ["Filippo Taglioni", "Pierina Legnani", "Carlotta Brianza"],
  "co_star", S("Frankie Dettori", BP, "~" + BP, exclude_start=True)),
 ("Besides the Epsom Derby, which race is run on the same course?", ["Epsom Oaks"], "co_star",
  S("Epsom Derby", VEN, "~" + VEN, exclude_start=True)),
 # ---------- inverse (15) ----------
 ("Which ballets did Frederick Ashton choreograph?", ["Cinderella", "Marguerite and Armand", "La Fille mal gardée"], "inverse",
  S("Frederick Ashton", "~" + CH)),
 ("Which horses has Bob Baffert trained?", ["American Pharoah", "Justify"], "inverse", S("Bob Baffert", "~" + TB)),
 ("What ballets were first performed at the Royal Opera House?", ["Romeo and Juliet (MacMillan)", "Cinderella", "Marguerite and Armand",
  "La Fille mal gardée", "Manon", "Mayerling"], "inverse", S("Royal Opera House", "~" + PV)),
 ("Which horses have won the Prix de l'Arc de Triomphe?", ["Lammtarra", "Sea The Stars", "Golden Horn", "Montjeu", "Enable",
  "Mill Reef"], "inverse", S("Prix de l'Arc de Triomphe", "~" + WON), 7),
 ("Who in the graph was born in Saint Petersburg?", ["Marie Petipa", "Michel Fokine", "Tamara Karsavina", "Anna Pavlova",
  "George Balanchine", "Galina Ulanova"], "inverse", S("Saint Petersburg", "~" + BP), 11),
 ("Which foals did Northern Dancer sire?", ["Nijinsky", "Sadler's Wells", "The Minstrel", "Lyphard"], "inverse",
  S("Northern Dancer", "~" + SIRE)),
 ("Who trained at the Imperial Ballet School?", ["Michel Fokine", "Vaslav Nijinsky", "Tamara Karsavina", "Anna Pavlova",
  "George Balanchine", "Galina Ulanova"], "inverse", S("Imperial Ballet School", "~" + TAT)),
 ("Which company did Lincoln Kirstein help found?", ["New York City Ballet"], "inverse", S("Lincoln Kirstein", "~" + FB)),
 ("What horses has Michael Kinane ridden?", ["Galileo", "Sea The Stars"], "inverse", S("Michael Kinane", "~" + RB)),
 ("Which ballets use music by Sergei Prokofiev?", ["Prodigal Son", "Romeo and Juliet (Lavrovsky)", "Romeo and Juliet (MacMillan)",
  "Cinderella"], "inverse", S("Sergei Prokofiev", "~" + MUS)),
 ("Which races take place at The Curragh?", ["Irish Derby", "Irish 2000 Guineas"], "inverse", S("The Curragh", "~" + VEN)),
 ("Who had Aga Khan III as a father?", ["Prince Aly Khan"], "inverse", S("Aga Khan III", "~" + FA)),
 ("Which horses were foaled in 1954?", ["Bold Ruler", "Nearctic"], "inverse", S("1954", "~" + FOAL)),
 ("Which dancers were members of the Bolshoi Ballet?", ["Galina Ulanova", "Vladimir Vasiliev", "Ekaterina Maximova", "Maris Liepa"],
  "inverse", S("Bolshoi Ballet", "~" + MEMB)),
 ("What ballets premiered in 1944?", ["Fancy Free", "Appalachian Spring"], "inverse", S("1944", "~" + PY)),
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
