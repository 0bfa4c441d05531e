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

MEM, SITE, CDYN, CYR, FOUNDER, LECT = "成员", "所在地", "创建朝代", "始建年份", "创建者", "讲学者"
PDYN, BY, JG, TEACH, STU, PROV = "朝代", "出生年份", "籍贯", "老师", "学生", "所属省份"
KSITE, KDYN, KIND, REP, MDYN, CAT = "窑址所在地", "始烧朝代", "瓷器类别", "代表品种", "成熟朝代", "类别"
MAKER, IYR, IDYN, DONE, TROP, INV, MYR, TYPE = "制定者", "颁行年份", "颁行朝代", "编成年份", "回归年长度", "发明者", "制成年份", "类型"
ACAD4, KILN5 = "中国四大书院", "宋代五大名窑"
JIANGXI_ACAD = S("江西省", "~" + PROV, "~" + SITE)
HEBEI_KILN = S("河北省", "~" + PROV, "~" + KSITE)
ZJ_KILN = S("浙江省", "~" + PROV, "~" + KSITE)
ZJ_ACAD = S("浙江省", "~" + PROV, "~" + SITE)
HUNAN_ACAD = S("湖南省", "~" + PROV, "~" + SITE)

ZH = [
 # ---------- count (20; 8 with a filter) ----------
 ("朱熹门下的弟子有几个？都是谁？", ["2", "黄榦", "蔡元定"], "count", CNT(S("朱熹", STU), S("朱熹", STU))),
 ("阮元一手创办的书院有几所？", ["2"], "count", CNT(S("阮元", "~" + FOUNDER))),
 ("王阳明在几座书院讲过学？", ["2"], "count", CNT(S("王守仁", "~" + LECT))),
 ("江西有多少座有名的书院？", ["4"], "count", CNT(JIANGXI_ACAD)),
 ("浙江境内的名窑一共几处？", ["3"], "count", CNT(ZJ_KILN)),
 ("河北有哪些古窑？一共几个？", ["3", "定窑", "邢窑", "磁州窑"], "count", CNT(HEBEI_KILN, HEBEI_KILN)),
 ("南宋时建起来的书院，图谱里收了几所？", ["4"], "count", CNT(S("南宋", "~" + CDYN))),
 ("籍贯在福建的人物有多少位？", ["7"], "count", CNT(S("福建省", "~" + PROV, "~" + JG))),
 ("郭守敬造过几件天文仪器？分别叫什么？", ["2", "简仪", "仰仪"], "count",
  CNT(S("郭守敬", "~" + INV), S("郭守敬", "~" + INV))),
 ("授时历是几个人合作编出来的？", ["3"], "count", CNT(S("授时历", MAKER))),
 ("唐朝颁行过几部历法？", ["2"], "count", CNT(S("唐朝", "~" + IDYN))),
 ("张衡一共发明了几样东西？", ["2"], "count", CNT(S("张衡", "~" + INV))),
 ("宋代五大名窑里，烧青瓷的占几个？", ["4"], "count", CNT(S(KILN5, MEM, filter=[F(KIND, "青瓷")]))),
 ("四大书院当中有几座是北宋创建的？", ["2"], "count", CNT(S(ACAD4, MEM, filter=[F(CDYN, "北宋")]))),
 ("福建籍的南宋学者有几位？", ["4"], "count", CNT(S("福建省", "~" + PROV, "~" + JG, filter=[F(PDYN, "南宋")]))),
 ("北宋人物里祖籍洛阳的有几个？", ["2"], "count", CNT(S("北宋", "~" + PDYN, filter=[F(JG, "洛阳市")]))),
 ("明朝创办、又在浙江的书院有几所？", ["1"], "count", CNT(AND(S("明朝", "~" + CDYN), ZJ_ACAD))),
 ("江西的窑口中烧黑瓷的有几个？", ["1"], "count", CNT(S("江西省", "~" + PROV, "~" + KSITE, filter=[F(KIND, "黑瓷")]))),
 ("五大名窑里始烧于北宋的有几座？", ["3"], "count", CNT(S(KILN5, MEM, filter=[F(KDYN, "北宋")]))),
 ("图谱中的清朝人物，有几位是外国来的传教士？", ["2"], "count", CNT(S("清朝", "~" + PDYN, filter=[F("国籍")]))),
 # ---------- compare (20; 4 yes/no) ----------
 ("落下闳和刘歆，谁的年纪更大？", ["落下闳"], "compare", CMP("落下闳", "刘歆", BY, "min")),
 ("程颢跟程颐哪个先出生？", ["程颢"], "compare", CMP("程颢", "程颐", BY, "min")),
 ("朱熹和张栻谁年长一些？", ["朱熹"], "compare", CMP("朱熹", "张栻", BY, "min")),
 ("陆九渊比吕祖谦年轻吗？", [YES], "compare", CMP("陆九渊", "吕祖谦", BY, "max", yesno="陆九渊")),
 ("岳麓书院和白鹿洞书院，哪个历史更久？", ["白鹿洞"], "compare", CMP("岳麓书院", "白鹿洞书院", CYR, "min")),
 ("嵩阳书院与石鼓书院哪个建得早？", ["嵩阳"], "compare", CMP("嵩阳书院", "石鼓书院", CYR, "min")),
 ("白鹭洲书院比东林书院建得早吗？", [NO], "compare", CMP("白鹭洲书院", "东林书院", CYR, "min", yesno="白鹭洲书院")),
 ("诂经精舍和学海堂，哪一个先办起来？", ["诂经精舍"], "compare", CMP("诂经精舍", "学海堂", CYR, "min")),
 ("关中书院、万松书院谁的年头更长？", ["万松"], "compare", CMP("关中书院", "万松书院", CYR, "min")),
 ("太初历和元嘉历，哪个定的一年更长？", ["太初历"], "compare", CMP("太初历", "元嘉历", TROP, "max")),
 ("乾象历跟元嘉历相比，谁的回归年数值更小？", ["乾象历"], "compare", CMP("乾象历", "元嘉历", TROP, "min")),
 ("授时历的回归年比大明历短吗？", [YES], "compare", CMP("授时历", "大明历", TROP, "min", yesno="授时历")),
 ("元嘉历和大明历，哪部先颁行？", ["元嘉历"], "compare", CMP("元嘉历", "大明历", IYR, "min")),
 ("乾象历和大明历哪个编成得早？", ["乾象历"], "compare", CMP("乾象历", "大明历", DONE, "min")),
 ("浑天仪和地动仪，张衡先造出的是哪个？", ["浑天仪"], "compare", CMP("漏水转浑天仪", "候风地动仪", MYR, "min")),
 ("登封观星台比水运仪象台还高吗？", [NO], "compare", CMP("登封观星台", "水运仪象台", "高度", "max", yesno="登封观星台")),
 ("黄道游仪和水运仪象台哪个年代更早？", ["黄道游仪"], "compare", CMP("黄道游仪", "水运仪象台", MYR, "min")),
 ("郭守敬和王恂谁大？", ["郭守敬"], "compare", CMP("郭守敬", "王恂", BY, "min")),
 ("沈括与苏颂，哪位生得早？", ["苏颂"], "compare", CMP("沈括", "苏颂", BY, "min")),
 ("唐英和郎廷极谁出生得晚？", ["唐英"], "compare", CMP("唐英", "郎廷极", BY, "max")),
 # ---------- superlative (20; 2 two-hop) ----------
 ("中国四大书院里哪座最古老？", ["嵩阳"], "superlative", SUP("argmin", S(ACAD4, MEM), CYR)),
 ("四大书院中建得最晚的是哪一座？", ["应天"], "superlative", SUP("argmax", S(ACAD4, MEM), CYR)),
 ("明代创办的书院里哪所最晚？", ["关中"], "superlative", SUP("argmax", S("明朝", "~" + CDYN), CYR)),
 ("南宋的书院中，哪一座始建年代最早？", ["象山"], "superlative",
  SUP("argmin", S("南宋", "~" + CDYN, filter=[F(CYR)]), CYR)),
 ("杨时拜过的老师里谁年纪最大？", ["程颢"], "superlative", SUP("argmin", S("杨时", TEACH), BY)),
 ("王守仁的学生中谁最年长？", ["钱德洪"], "superlative", SUP("argmin", S("王守仁", STU), BY)),
 ("麟德历、大衍历、授时历三部里哪部颁行最早？", ["麟德历"], "superlative",
  SUP("argmin", S(["麟德历", "大衍历", "授时历"]), IYR)),
 ("唐朝颁行的历法中，哪部回归年长度最短？", ["大衍历"], "superlative", SUP("argmin", S("唐朝", "~" + IDYN), TROP)),
 ("所有历法里，哪一部的回归年定得最长？", ["太初历"], "superlative",
  SUP("argmax", S("历法", "~" + TYPE, filter=[F(TROP)]), TROP)),
 ("北宋的人物当中谁最年长？", ["范仲淹"], "superlative", SUP("argmin", S("北宋", "~" + PDYN, filter=[F(BY)]), BY)),
 ("南宋人里年纪最小的是谁？", ["文天祥"], "superlative", SUP("argmax", S("南宋", "~" + PDYN), BY)),
 ("天文仪器里最早造出来的是哪一件？", ["浑天仪"], "superlative",
  SUP("argmin", S("天文仪器", "~" + TYPE, filter=[F(MYR)]), MYR)),
 ("江西的书院里，哪座历史最悠久？", ["白鹿洞"], "superlative",
  SUP("argmin", S("江西省", "~" + PROV, "~" + SITE, filter=[F(CYR)]), CYR)),
 ("籍贯在河南的人物中，谁出生最早？", ["张衡"], "superlative", SUP("argmin", S("河南省", "~" + PROV, "~" + JG), BY)),
 ("周敦颐、程颐、杨时、罗从彦当中，谁最年轻？", ["罗从彦"], "superlative",
  SUP("argmax", S(["周敦颐", "程颐", "杨时", "罗从彦"]), BY)),
 ("张衡、祖冲之、一行、郭守敬，谁出生得最晚？", ["郭守敬"], "superlative",
  SUP("argmax", S(["张衡", "祖冲之", "一行", "郭守敬"]), BY)),
 ("清朝建的书院中，哪所最晚？", ["学海堂"], "superlative", SUP("argmax", S("清朝", "~" + CDYN), CYR)),
 ("杭州的书院里哪一所最早？", ["万松"], "superlative", SUP("argmin", S("杭州市", "~" + SITE), CYR)),
 ("明朝人物里谁年纪最大？", ["王守仁|王阳明"], "superlative", SUP("argmin", S("明朝", "~" + PDYN, filter=[F(BY)]), BY)),
 ("元代的这几位学者中谁最年轻？", ["王恂"], "superlative", SUP("argmax", S("元朝", "~" + PDYN), BY)),
 # ---------- intersection (20) ----------
 ("既在嵩阳书院、又在应天书院讲过学的是谁？", ["范仲淹"], "intersection",
  SET(AND(S("嵩阳书院", LECT), S("应天书院", LECT)))),
 ("朱熹和陆九渊都讲过学的书院有哪些？", ["白鹿洞", "鹅湖"], "intersection",
  SET(AND(S("朱熹", "~" + LECT), S("陆九渊", "~" + LECT)))),
 ("四大书院里有哪几座位于河南？", ["嵩阳", "应天"], "intersection",
  SET(AND(S(ACAD4, MEM), S("河南省", "~" + PROV, "~" + SITE)))),
 ("南宋创建的书院中，哪些在江西？", ["鹅湖", "白鹭洲", "象山"], "intersection", SET(AND(S("南宋", "~" + CDYN), JIANGXI_ACAD))),
 ("五大名窑中有哪些窑址在河南？", ["汝窑", "钧窑"], "intersection",
  SET(AND(S(KILN5, MEM), S("河南省", "~" + PROV, "~" + KSITE)))),
 ("烧白瓷的窑里，哪些在河北？", ["定窑", "邢窑"], "intersection", SET(AND(S("白瓷", "~" + KIND), HEBEI_KILN))),
 ("浙江的窑口里有哪些是烧青瓷的？", ["官窑", "越窑", "龙泉窑"], "intersection", SET(AND(S("青瓷", "~" + KIND), ZJ_KILN))),
 ("唐朝就开始烧造的青瓷窑是哪一个？", ["耀州窑"], "intersection",
  SET(AND(S("唐朝", "~" + KDYN), S("青瓷", "~" + KIND)))),
 ("籍贯无锡的明朝人有谁？", ["顾宪成", "高攀龙"], "intersection", SET(AND(S("无锡市", "~" + JG), S("明朝", "~" + PDYN)))),
 ("二程共同的弟子是哪位？", ["杨时"], "intersection", SET(AND(S("程颢", STU), S("程颐", STU)))),
 ("宁波籍的明朝人物有哪些？", ["王守仁|王阳明", "钱德洪"], "intersection",
  SET(AND(S("宁波市", "~" + JG), S("明朝", "~" + PDYN)))),
 ("在鹅湖书院讲过学的人里，哪几位是抚州人？", ["陆九渊", "陆九龄"], "intersection",
  SET(AND(S("鹅湖书院", LECT), S("抚州市", "~" + JG)))),
 ("授时历的编者里谁是保定人？", ["王恂"], "intersection", SET(AND(S("授时历", MAKER), S("保定市", "~" + JG)))),
 ("北宋人中籍贯杭州的是谁？", ["沈括"], "intersection", SET(AND(S("北宋", "~" + PDYN), S("杭州市", "~" + JG)))),
 ("张衡的发明里哪个算天文仪器？", ["浑天仪"], "intersection", SET(AND(S("张衡", "~" + INV), S("天文仪器", "~" + TYPE)))),
 ("景德镇窑的代表品种里，哪些是元代成熟的？", ["青花", "釉里红"], "intersection",
  SET(AND(S("景德镇窑", REP), S("元朝", "~" + MDYN)))),
 ("清朝成熟的瓷器品种中，哪些属于釉上彩？", ["粉彩", "珐琅彩"], "intersection",
  SET(AND(S("清朝", "~" + MDYN), S("釉上彩", "~" + CAT)))),
 ("王守仁讲过学、又位于浙江的书院是哪座？", ["万松"], "intersection", SET(AND(S("王守仁", "~" + LECT), ZJ_ACAD))),
 ("哪位学者在岳麓和白鹿洞两座书院都讲过课？", ["朱熹|朱子"], "intersection",
  SET(AND(S("岳麓书院", LECT), S("白鹿洞书院", LECT)))),
 ("唐朝开始烧造的黑瓷窑有哪些？", ["建窑", "吉州窑"], "intersection", SET(AND(S("唐朝", "~" + KDYN), S("黑瓷", "~" + KIND)))),
 # ---------- negative (20: 14 missing relations, 6 missing entities) ----------
 ("鹅湖书院是哪一年建的？", NEG, "negative", ABS("鹅湖书院", CYR)),
 ("哥窑的窑址在什么地方？", NEG, "negative", ABS("哥窑", KSITE, SITE)),
 ("李宽生于哪一年？", NEG, "negative", ABS("李宽", BY)),
 ("德化窑从哪个朝代开始烧瓷？", NEG, "negative", ABS("德化窑", KDYN)),
 ("三统历是哪年颁行的？", NEG, "negative", ABS("三统历", IYR)),
 ("仰仪是什么时候造出来的？", NEG, "negative", ABS("仰仪", MYR)),
 ("丽泽书院的始建年份是多少？", NEG, "negative", ABS("丽泽书院", CYR)),
 ("朱熹的父亲叫什么？", NEG, "negative", ABS("朱熹", "父亲")),
 ("时宪历一年定为多少天？", NEG, "negative", ABS("时宪历", TROP)),
 ("张栻收过哪些学生？", NEG, "negative", ABS("张栻", STU)),
 ("郭守敬师从何人？", NEG, "negative", ABS("郭守敬", TEACH)),
 ("苏颂的号是什么？", NEG, "negative", ABS("苏颂", "号")),
 ("北京古观象台是谁设计的？", NEG, "negative", ABS("北京古观象台", "设计者", INV, FOUNDER)),
 ("水运仪象台现在存放在哪里？", NEG, "negative", ABS("水运仪象台", "存放地", "位于", SITE)),
 ("茅山书院在什么地方？", NEG, "negative", ABSN("茅山书院")),
 ("湖田窑主要烧什么瓷？", NEG, "negative", ABSN("湖田窑")),
 ("刘秉忠是哪个朝代的人？", NEG, "negative", ABSN("刘秉忠")),
 ("大统历是谁制定的？", NEG, "negative", ABSN("大统历")),
 ("日晷是哪个朝代发明的？", NEG, "negative", ABSN("日晷")),
 ("紫阳书院是谁创办的？", NEG, "negative", ABSN("紫阳书院")),
 # ---------- traditional (20: 1-hop 8, 2-hop 6, count 3, compare 2, intersection 1; golds simplified) ----------
 ("岳麓書院在哪個城市？", ["长沙"], "traditional", SET(S("岳麓书院", SITE))),
 ("朱子的老師是誰？", ["李侗"], "traditional", SET(S("朱熹", TEACH))),
 ("王陽明字什麼？", ["伯安"], "traditional", SET(S("王守仁", "字"))),
 ("定窯燒的是什麼瓷器？", ["白瓷"], "traditional", SET(S("定窑", KIND))),
 ("大衍曆是誰制定的？", ["一行"], "traditional", SET(S("大衍历", MAKER))),
 ("簡儀是誰發明的？", ["郭守敬"], "traditional", SET(S("简仪", INV))),
 ("瓷都屬於哪個省？", ["江西"], "traditional", SET(S("景德镇市", PROV))),
 ("應天府書院是誰創建的？", ["曹诚"], "traditional", SET(S("应天书院", FOUNDER))),
 ("汝窯的窯址所在城市屬於哪個省？", ["河南"], "traditional", SET(S("汝窑", KSITE, PROV))),
 ("太初曆的制定者是哪裡人？", ["南充"], "traditional", SET(S("太初历", MAKER, JG))),
 ("東林書院創建者的老師是誰？", ["程颢", "程颐"], "traditional", SET(S("东林书院", FOUNDER, TEACH))),
 ("編授時曆的那幾個人是哪個朝代的？", ["元朝|元代"], "traditional", SET(S("授时历", MAKER, PDYN))),
 ("陸九淵的哥哥字什麼？", ["子寿"], "traditional", SET(S("陆九渊", "哥哥", "字"))),
 ("象山書院創建者的籍貫是哪裡？", ["抚州"], "traditional", SET(S("象山书院", FOUNDER, JG))),
 ("明朝創建的書院有幾所？", ["3"], "traditional", CNT(S("明朝", "~" + CDYN))),
 ("湖南有幾座書院？", ["2"], "traditional", CNT(HUNAN_ACAD)),
 ("王守仁有幾個學生？", ["2"], "traditional", CNT(S("王守仁", STU))),
 ("岳麓書院和應天書院哪個歷史更悠久？", ["岳麓"], "traditional", CMP("岳麓书院", "应天书院", CYR, "min")),
 ("麟德曆和授時曆哪個頒行得早？", ["麟德历"], "traditional", CMP("麟德历", "授时历", IYR, "min")),
 ("四大書院中哪一座在湖南？", ["岳麓"], "traditional", SET(AND(S(ACAD4, MEM), HUNAN_ACAD))),
]

# English relation names
MD, FY, BASED, VEN, FBY, LOC = "music.orchestra.music_director", "foundedYear", "based_in", "home_venue", "founded_by", "located_in"
BP, EDU, SW, SP = "birthPlace", "education", "studied_with", "spouse"
CB, FA, SK = "fictional_universe.fictional_character.created_by", "firstAppearance", "sidekick"
AU, PUB, PY, PROT, HQ, PARENT = "book.written_work.author", "publisher", "publicationYear", "protagonist", "headquarters", "parent"

EN = [
 # ---------- two_hop (30) ----------
 ("Where were the Berlin Philharmonic's chief conductors born?",
  ["Dresden", "Mosonszentmiklós", "Roman", "Salzburg", "Milan", "Omsk"], "two_hop", S("Berlin Philharmonic", MD, BP), 8),
 ("Which schools did the Philharmonia's music directors attend?", ["Milan Conservatory", "Sibelius Academy"], "two_hop",
  S("Philharmonia Orchestra", MD, EDU)),
 ("In what city is the Israel Philharmonic's concert hall?", ["Tel Aviv"], "two_hop",
  S("Israel Philharmonic Orchestra", VEN, LOC)),
 ("Who taught the music directors of the Boston Symphony Orchestra?",
  ["Hideo Saito", "Charles Munch", "Karajan", "George Szell", "Mariss Jansons"], "two_hop", S("Boston Symphony Orchestra", MD, SW)),
 ("Which orchestras have been led by a pupil of Jorma Panula?",
  ["Philharmonia", "Los Angeles Philharmonic", "City of Birmingham", "Orchestre de Paris"], "two_hop",
  S("Jorma Panula", "~" + SW, "~" + MD)),
 ("Where were Hans Swarowsky's students born?", ["Milan", "Riga", "Venice", "Mumbai"], "two_hop",
  S("Hans Swarowsky", "~" + SW, BP)),
 ("Who created the detective that first appeared in Fer-de-Lance?", ["Rex Stout"], "two_hop", S("Fer-de-Lance", "~" + FA, CB)),
 ("Who is the sidekick of the hero of Last Bus to Woodstock?", ["Robert Lewis|Lewis"], "two_hop",
  S("Last Bus to Woodstock", PROT, SK)),
 ("Which publishers put out Agatha Christie's novels?", ["Bodley Head", "Collins Crime Club"], "two_hop",
  S("Agatha Christie", "~" + AU, PUB)),
 ("In which cities do Dashiell Hammett's detectives work?", ["San Francisco", "New York"], "two_hop",
  S("Dashiell Hammett", "~" + CB, BASED)),
 ("Which detectives star in books published by Alfred A. Knopf?", ["Philip Marlowe", "Sam Spade", "Nick Charles", "Lew Archer"],
  "two_hop", S("Alfred A. Knopf", "~" + PUB, PROT)),
 ("Where was the author who created John Rebus born?", ["Cardenden"], "two_hop", S("John Rebus", CB, BP)),
 ("Who wrote the book in which Hercule Poirot made his debut?", ["Agatha Christie"], "two_hop", S("Hercule Poirot", FA, AU)),
 ("When was the book that introduced Sam Spade published?", ["1930"], "two_hop", S("Sam Spade", FA, PY)),
 ("Who founded the publisher of Cover Her Face?", ["Geoffrey Faber"], "two_hop", S("Cover Her Face", PUB, FBY)),
 ("Where was Agatha Christie's husband born?", ["London"], "two_hop", S("Agatha Christie", SP, BP)),
 ("What is the birthplace of Daniel Barenboim's wife?", ["Oxford"], "two_hop", S("Daniel Barenboim", SP, BP)),
 ("Which conductors have led an orchestra based in London?",
  ["Hans Richter", "André Previn", "Colin Davis", "Valery Gergiev", "Otto Klemperer", "Giuseppe Sinopoli"], "two_hop",
  S("London", "~" + BASED, MD), 14),
 ("What year was the orchestra that Gustavo Dudamel conducts founded?", ["1919"], "two_hop", S("Gustavo Dudamel", "~" + MD, FY)),
 ("Where were Leonard Bernstein's teachers born?", ["Budapest", "Vyshny Volochyok"], "two_hop", S("Leonard Bernstein", SW, BP)),
 ("In which cities are the schools Alan Gilbert attended?", ["Cambridge", "Philadelphia", "New York"], "two_hop",
  S("Alan Gilbert", EDU, LOC)),
 ("Which orchestra is based in the city where the Musikverein stands?", ["Vienna Philharmonic"], "two_hop",
  S("Musikverein", LOC, "~" + BASED)),
 ("Which conductors were born in Hungary?",
  ["Fritz Reiner", "Georg Solti", "Eugene Ormandy", "George Szell", "Hans Richter", "Arthur Nikisch"], "two_hop",
  S("Hungary", "~" + LOC, "~" + BP), 7),
 ("Which books came out with a publisher based in Oslo?", ["The Bat"], "two_hop", S("Oslo", "~" + HQ, "~" + PUB)),
 ("Who wrote the books Macmillan published?", ["Colin Dexter", "Ellis Peters"], "two_hop", S("Macmillan", "~" + PUB, AU)),
 ("Where are the sleuths Agatha Christie invented based?", ["London", "St Mary Mead"], "two_hop",
  S("Agatha Christie", "~" + CB, BASED)),
 ("Who assists the detectives that are based in Los Angeles?", ["Della Street"], "two_hop", S("Los Angeles", "~" + BASED, SK)),
 ("At which halls do the orchestras Riccardo Muti has directed perform?",
  ["Royal Festival Hall", "Symphony Center", "Kimmel Center"], "two_hop", S("Riccardo Muti", "~" + MD, VEN)),
 ("Who founded the orchestras Zubin Mehta was music director of?",
  ["Ureli Corelli Hill", "William Andrews Clark", "Bronisław Huberman|Huberman"], "two_hop", S("Zubin Mehta", "~" + MD, FBY)),
 ("When were the Sherlock Holmes books published?", ["1887", "1902"], "two_hop", S("Sherlock Holmes", "~" + PROT, PY)),
 # ---------- three_hop (20) ----------
 ("Which countries were Seiji Ozawa's teachers born in?", ["Japan", "France", "Austria"], "three_hop",
  S("Seiji Ozawa", SW, BP, LOC)),
 ("In which countries were the Berlin Philharmonic's music directors born?",
  ["Germany", "Hungary", "Romania", "Austria", "Italy", "Russia"], "three_hop", S("Berlin Philharmonic", MD, BP, LOC), 7),
 ("Where were the creators of the New York City detectives born?", ["St. Mary's County", "Noblesville", "Brooklyn"], "three_hop",
  S("New York City", "~" + BASED, CB, BP)),
 ("In which cities are the publishers of Agatha Christie's books headquartered?", ["London"], "three_hop",
  S("Agatha Christie", "~" + AU, PUB, HQ)),
 ("Which sidekicks appear alongside the heroes of Knopf's crime novels?", ["Nora Charles"], "three_hop",
  S("Alfred A. Knopf", "~" + PUB, PROT, SK)),
 ("In which cities are the orchestras led by Hans Swarowsky's pupils based?",
  ["Berlin", "London", "Amsterdam", "Munich", "New York", "Tel Aviv"], "three_hop",
  S("Hans Swarowsky", "~" + SW, "~" + MD, BASED), 7),
 ("In which city is the publisher of Kurt Wallander's first book based?", ["Stockholm"], "three_hop",
  S("Kurt Wallander", FA, PUB, HQ)),
 ("In which country was the creator of Salvo Montalbano born?", ["Italy"], "three_hop", S("Salvo Montalbano", CB, BP, LOC)),
 ("Where was the author of Precious Ramotswe's first book born?", ["Bulawayo"], "three_hop",
  S("Precious Ramotswe", FA, AU, BP)),
 ("In which cities are the concert halls of the orchestras Simon Rattle has led?", ["Berlin", "London", "Birmingham"],
  "three_hop", S("Simon Rattle", "~" + MD, VEN, LOC)),
 ("In which cities are the orchestras that Andris Nelsons's teacher led?", ["Amsterdam", "Munich"], "three_hop",
  S("Andris Nelsons", SW, "~" + MD, BASED)),
 ("What country do the conductors trained at the Sibelius Academy come from?", ["Finland"], "three_hop",
  S("Sibelius Academy", "~" + EDU, BP, LOC)),
 ("Which countries were the Leipzig Gewandhaus Orchestra's conductors born in?",
  ["Germany", "Hungary", "Poland", "United States", "Italy", "Latvia"], "three_hop", S("Leipzig Gewandhaus Orchestra", MD, BP, LOC)),
 ("Where were the authors published by The Bodley Head born?", ["Torquay", "Cardenden"], "three_hop",
  S("The Bodley Head", "~" + PUB, AU, BP)),
 ("Where were the authors of London-based detectives born?", ["Edinburgh", "Torquay", "Oxford", "Christchurch", "Yate"],
  "three_hop", S("London", "~" + BASED, CB, BP)),
 ("Which schools did the music directors of London's orchestras attend?",
  ["Milan Conservatory", "Performing Arts Vienna", "Royal Academy of Music", "Leningrad Conservatory",
   "University of Southern California", "Sibelius Academy"], "three_hop", S("London", "~" + BASED, MD, EDU)),
 ("Where was the spouse of a Berlin Philharmonic conductor born?", ["Brno"], "three_hop", S("Berlin Philharmonic", MD, SP, BP)),
 ("In which cities were the teachers of the Los Angeles Philharmonic's music directors born?",
  ["Budapest", "Kauhajoki", "Valera"], "three_hop", S("Los Angeles Philharmonic", MD, SW, BP)),
 ("In what years did Agatha Christie's detectives make their first appearances?", ["1920", "1930"], "three_hop",
  S("Agatha Christie", "~" + CB, FA, PY)),
 ("Where is the parent company of the publisher of Murder on the Orient Express headquartered?", ["Glasgow"], "three_hop",
  S("Murder on the Orient Express", PUB, PARENT, HQ)),
 # ---------- co_star (15) ----------
 ("Who else has been music director of the orchestra Franz Welser-Möst leads?",
  ["George Szell", "Lorin Maazel", "Christoph von Dohnányi|Dohnányi"], "co_star",
  S("Franz Welser-Möst", "~" + MD, MD, exclude_start=True)),
 ("Who else studied at Juilliard like James Levine?", ["Alan Gilbert", "Jaap van Zweden"], "co_star",
  S("James Levine", EDU, "~" + EDU, exclude_start=True)),
 ("Which other conductors come from Wilhelm Furtwängler's home town?", ["André Previn", "Dohnányi", "Bruno Walter"], "co_star",
  S("Wilhelm Furtwängler", BP, "~" + BP, exclude_start=True)),
 ("Which fictional detectives share a home city with the Los Angeles Philharmonic?",
  ["Philip Marlowe", "Perry Mason", "Lew Archer"], "co_star", S("Los Angeles Philharmonic", BASED, "~" + BASED, exclude_start=True)),
 ("Which other books did the publisher of The Maltese Falcon bring out?",
  ["The Big Sleep", "The Thin Man", "Red Harvest", "The Moving Target"], "co_star",
  S("The Maltese Falcon", PUB, "~" + PUB, exclude_start=True)),
 ("Which book shares a publisher with Last Bus to Woodstock?", ["A Morbid Taste for Bones"], "co_star",
  S("Last Bus to Woodstock", PUB, "~" + PUB, exclude_start=True)),
 ("Who went to the same conservatory as Riccardo Chailly?", ["Claudio Abbado", "Daniele Gatti", "Riccardo Muti"], "co_star",
  S("Riccardo Chailly", EDU, "~" + EDU, exclude_start=True)),
 ("Which other detective comes from the author of Miss Marple?", ["Hercule Poirot|Poirot"], "co_star",
  S("Miss Marple", CB, "~" + CB, exclude_start=True)),
 ("Which other writer was born in the same place as Frederic Dannay?", ["Manfred B. Lee|Manfred Lee"], "co_star",
  S("Frederic Dannay", BP, "~" + BP, exclude_start=True)),
 ("Which conductors were also born in Esa-Pekka Salonen's native city?", ["Sakari Oramo", "Klaus Mäkelä"], "co_star",
  S("Esa-Pekka Salonen", BP, "~" + BP, exclude_start=True)),
 ("Which other orchestras have had a music director in common with the Cleveland Orchestra?",
  ["New York Philharmonic", "Bavarian Radio", "Philharmonia"], "co_star",
  S("Cleveland Orchestra", MD, "~" + MD, exclude_start=True)),
 ("Which orchestras share a conductor with the Leipzig Gewandhaus Orchestra?",
  ["Berlin Philharmonic", "New York Philharmonic", "Concertgebouw", "Boston Symphony", "City of Birmingham"], "co_star",
  S("Leipzig Gewandhaus Orchestra", MD, "~" + MD, exclude_start=True)),
 ("Who else studied with the same teachers as Mariss Jansons?",
  ["Claudio Abbado", "Giuseppe Sinopoli", "Zubin Mehta", "Seiji Ozawa"], "co_star",
  S("Mariss Jansons", SW, "~" + SW, exclude_start=True)),
 ("Which other books came out the same year as Murder on the Orient Express?",
  ["The Thin Man", "Fer-de-Lance", "A Man Lay Dead"], "co_star",
  S("Murder on the Orient Express", PY, "~" + PY, exclude_start=True)),
 ("Which conductor was born in the same city as Mariss Jansons?", ["Andris Nelsons"], "co_star",
  S("Mariss Jansons", BP, "~" + BP, exclude_start=True)),
 # ---------- inverse (15) ----------
 ("Which orchestras has Andris Nelsons led?", ["Boston Symphony", "City of Birmingham", "Leipzig Gewandhaus"], "inverse",
  S("Andris Nelsons", "~" + MD)),
 ("Which detectives are Dashiell Hammett's creations?", ["Sam Spade", "Nick Charles"], "inverse",
  S("Dashiell Hammett", "~" + CB)),
 ("Which musicians in the graph were born in Budapest?", ["Fritz Reiner", "Georg Solti", "Eugene Ormandy", "George Szell", "Hans Swarowsky"], "inverse",
  S("Budapest", "~" + BP)),
 ("Which books were published by Collins Crime Club?",
  ["Murder on the Orient Express", "The Murder at the Vicarage", "And Then There Were None"], "inverse",
  S("Collins Crime Club", "~" + PUB)),
 ("Which orchestra plays at the Musikverein?", ["Vienna Philharmonic"], "inverse", S("Musikverein", "~" + VEN)),
 ("Which detective first appeared in The Murders in the Rue Morgue?", ["Dupin"], "inverse",
  S("The Murders in the Rue Morgue", "~" + FA)),
 ("Which orchestras did Lorin Maazel lead?", ["New York Philharmonic", "Cleveland Orchestra", "Bavarian Radio"], "inverse",
  S("Lorin Maazel", "~" + MD)),
 ("Name everyone here whose birthplace is Oxford.", ["Dorothy L. Sayers|Sayers", "P. D. James", "Jacqueline du Pré", "Daniel Harding"], "inverse",
  S("Oxford", "~" + BP)),
 ("Whose sidekick is Archie Goodwin?", ["Nero Wolfe"], "inverse", S("Archie Goodwin", "~" + SK)),
 ("Which orchestras were founded in 1842?", ["Vienna Philharmonic", "New York Philharmonic"], "inverse", S("1842", "~" + FY)),
 ("Who studied at the Curtis Institute of Music?", ["Leonard Bernstein", "Alan Gilbert"], "inverse",
  S("Curtis Institute of Music", "~" + EDU)),
 ("Which books came out in 1929?", ["Red Harvest", "The Crime at Black Dudley", "The Roman Hat Mystery"], "inverse",
  S("1929", "~" + PY)),
 ("Which publishers are headquartered in New York City?",
  ["Boni & Liveright", "Alfred A. Knopf", "Farrar & Rinehart", "William Morrow", "Frederick A. Stokes"], "inverse",
  S("New York City", "~" + HQ)),
 ("Which orchestras has Riccardo Chailly been chief conductor of?", ["Concertgebouw", "Leipzig Gewandhaus"], "inverse",
  S("Riccardo Chailly", "~" + MD)),
 ("Who were Herbert von Karajan's pupils?", ["Mariss Jansons", "Seiji Ozawa"], "inverse", S("Herbert von Karajan", "~" + SW)),
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
