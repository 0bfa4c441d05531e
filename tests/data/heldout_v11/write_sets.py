"""Author-side script (set 11): writes zh_eval.jsonl, en_eval.jsonl and specs.jsonl from the lists below.
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


MEM, AU, BDYN, PDYN, BORN, JG, PROV = "成员", "作者", "成书时期", "朝代", "出生年份", "籍贯", "所属省份"
YR, LOCB, PERIOD, WINSIDE, WIN, LOSE = "发生年份", "发生地", "所属时期", "胜方", "胜方统帅", "败方统帅"
SERVE, SITE, TY, TDYN, FDYN, ROOT, TR = "效力国", "所在地", "始建年份", "始建朝代", "创立朝代", "祖庭", "译者"
W7, G4, WM10, B8 = "武经七书", "战国四大名将", "武庙十哲", "汉传佛教八大宗派"
HENAN_BATTLES = S("河南省", "~" + PROV, "~" + LOCB)
XIAN_TEMPLES = S("西安市", "~" + SITE)

ZH = [
 # ---------- count (20; 8 with a filter) ----------
 ("戚继光一共写过几部兵书？都叫什么？", ["2", "纪效新书", "练兵实纪"], "count",
  CNT(S("戚继光", "~" + AU), S("戚继光", "~" + AU))),
 ("武经七书当中，成书于战国时期的有几部？", ["4"], "count", CNT(S(W7, MEM, filter=[F(BDYN, "战国")]))),
 ("白起率军打赢的仗，你这里记了几场？", ["2"], "count", CNT(S("白起", "~" + WIN))),
 ("河南境内发生过多少场有名的战役？", ["5"], "count", CNT(HENAN_BATTLES)),
 ("战国四大名将里头，给秦国效力的有几位？", ["2"], "count", CNT(S(G4, MEM, filter=[F(SERVE, "秦国")]))),
 ("武庙十哲中战国时代的人物占了几个？", ["3"], "count", CNT(S(WM10, MEM, filter=[F(PDYN, "战国")]))),
 ("汉传佛教八大宗派里，有几个是隋代创立的？分别是哪几个？", ["2", "三论宗", "天台宗"], "count",
  CNT(S(B8, MEM, filter=[F(FDYN, "隋朝")]), S(B8, MEM, filter=[F(FDYN, "隋朝")]))),
 ("山东打过的那些仗里，齐国赢了几场？", ["3"], "count",
  CNT(S("山东省", "~" + PROV, "~" + LOCB, filter=[F(WINSIDE, "齐国")]))),
 ("祖籍福建的人物中，明朝人有几位？", ["3"], "count",
  CNT(S("福建省", "~" + PROV, "~" + JG, filter=[F(PDYN, "明朝")]))),
 ("西安城里有多少座寺庙？", ["7"], "count", CNT(XIAN_TEMPLES)),
 ("唐代始建的寺院一共有几座？", ["3"], "count", CNT(S("唐朝", "~" + TDYN))),
 ("玄奘法师翻译过几部经？", ["3"], "count", CNT(S("玄奘", "~" + TR))),
 ("五祖弘忍门下有几个弟子？是谁？", ["2", "慧能", "神秀"], "count", CNT(S("弘忍", "弟子"), S("弘忍", "弟子"))),
 ("鸠摩罗什译出的佛经有多少部？", ["4"], "count", CNT(S("鸠摩罗什", "~" + TR))),
 ("八大宗派中，有几个宗派的祖庭位于西安？", ["6"], "count", CNT(S("西安市", "~" + SITE, "~" + ROOT))),
 ("武庙十哲里有几位留下了兵书著作？", ["5"], "count", CNT(S(WM10, MEM, filter=[F("著作")]))),
 ("籍贯在山东的人物有几个？", ["4"], "count", CNT(S("山东省", "~" + PROV, "~" + JG))),
 ("泉州籍的有几位？都有谁？", ["4", "曾公亮", "俞大猷", "郑芝龙", "郑成功"], "count",
  CNT(S("泉州市", "~" + JG), S("泉州市", "~" + JG))),
 ("战国时期的战役中，秦国打赢的有几场？", ["2"], "count", CNT(S("战国", "~" + PERIOD, filter=[F(WINSIDE, "秦国")]))),
 ("给《孙子兵法》作注的有几家？", ["3"], "count", CNT(S("孙子兵法", "注者"))),
 # ---------- compare (20; 4 yes/no) ----------
 ("桂陵之战和马陵之战，哪一场在前？", ["桂陵"], "compare", CMP("桂陵之战", "马陵之战", YR, "min")),
 ("长平之战跟伊阙之战比，哪场打得早？", ["伊阙"], "compare", CMP("长平之战", "伊阙之战", YR, "min")),
 ("巨鹿之战是不是比垓下之战早？", [YES], "compare", CMP("巨鹿之战", "垓下之战", YR, "min", yesno="巨鹿之战")),
 ("官渡之战和赤壁之战谁先发生？", ["官渡"], "compare", CMP("官渡之战", "赤壁之战", YR, "min")),
 ("昆阳之战与漠北之战，哪一场离现在更近？", ["昆阳"], "compare", CMP("昆阳之战", "漠北之战", YR, "max")),
 ("曹操和刘备谁的年纪大？", ["曹操"], "compare", CMP("曹操", "刘备", BORN, "min")),
 ("诸葛亮比周瑜年长吗？", [NO], "compare", CMP("诸葛亮", "周瑜", BORN, "min", yesno="诸葛亮")),
 ("项羽和韩信哪个先出生？", ["项羽"], "compare", CMP("项羽", "韩信", BORN, "min")),
 ("霍去病与汉光武帝刘秀，谁生得更早？", ["霍去病"], "compare", CMP("霍去病", "刘秀", BORN, "min")),
 ("戚继光跟俞大猷谁大？", ["俞大猷"], "compare", CMP("戚继光", "俞大猷", BORN, "min")),
 ("慧能和神秀哪位年轻些？", ["慧能"], "compare", CMP("慧能", "神秀", BORN, "max")),
 ("玄奘和他的弟子窥基，谁的岁数大？", ["玄奘"], "compare", CMP("玄奘", "窥基", BORN, "min")),
 ("白马寺跟灵隐寺相比，哪座寺庙历史更悠久？", ["白马寺"], "compare", CMP("白马寺", "灵隐寺", TY, "min")),
 ("少林寺和南华寺哪个建得早？", ["少林"], "compare", CMP("少林寺", "南华寺", TY, "min")),
 ("栖霞寺是不是比东林寺建得晚？", [YES], "compare", CMP("栖霞寺", "东林寺", TY, "max", yesno="栖霞寺")),
 ("《武备志》和《武经总要》哪部卷数多？", ["武备志"], "compare", CMP("武备志", "武经总要", "卷数", "max")),
 ("《纪效新书》和《练兵实纪》哪本先写成？", ["纪效新书"], "compare", CMP("纪效新书", "练兵实纪", "成书年份", "min")),
 ("《尉缭子》的篇数比《六韬》多吗？", [NO], "compare", CMP("尉缭子", "六韬", "篇数", "max", yesno="尉缭子")),
 ("谢安和谢玄叔侄俩，谁年纪更大？", ["谢安"], "compare", CMP("谢安", "谢玄", BORN, "min")),
 ("大慈恩寺和青龙寺，哪一座的年头更久？", ["青龙寺"], "compare", CMP("大慈恩寺", "青龙寺", TY, "min")),
 # ---------- superlative (20; 2 two-hop) ----------
 ("武经七书里篇数最多的是哪一部？", ["六韬"], "superlative", SUP("argmax", S(W7, MEM, filter=[F("篇数")]), "篇数")),
 ("明代的兵书中，哪部卷帙最浩繁？", ["武备志"], "superlative", SUP("argmax", S("明朝", "~" + BDYN), "卷数")),
 ("战国时期的战役里最早的是哪一场？", ["桂陵"], "superlative", SUP("argmin", S("战国", "~" + PERIOD), YR)),
 ("白起打赢的仗中，最晚的一场是哪次？", ["长平"], "superlative", SUP("argmax", S("白起", "~" + WIN), YR)),
 ("在河南打的仗里，哪一场年代最久远？", ["牧野"], "superlative", SUP("argmin", HENAN_BATTLES, YR)),
 ("西安的寺院中哪座最古老？", ["青龙寺"], "superlative", SUP("argmin", S("西安市", "~" + SITE, filter=[F(TY)]), TY)),
 ("东晋时建起来的寺庙里，最早的是哪座？", ["灵隐寺"], "superlative", SUP("argmin", S("东晋", "~" + TDYN), TY)),
 ("禅宗和净土宗的祖庭当中，哪座寺院始建最早？", ["东林寺"], "superlative", SUP("argmin", S(["禅宗", "净土宗"], ROOT), TY)),
 ("八大宗派的祖庭里，哪一座寺院建得最晚？", ["华严寺"], "superlative",
  SUP("argmax", S(B8, MEM, ROOT, filter=[F(TY)]), TY)),
 ("弘忍的弟子中谁的年纪最大？", ["神秀"], "superlative", SUP("argmin", S("弘忍", "弟子"), BORN)),
 ("东汉的人物里，谁出生得最早？", ["刘秀"], "superlative", SUP("argmin", S("东汉", "~" + PDYN), BORN)),
 ("三国人物中谁最年轻？", ["陆逊"], "superlative", SUP("argmax", S("三国", "~" + PDYN), BORN)),
 ("唐朝人里面谁最年长？", ["李靖"], "superlative", SUP("argmin", S("唐朝", "~" + PDYN), BORN)),
 ("明朝的人物里谁出生最晚？", ["郑成功"], "superlative", SUP("argmax", S("明朝", "~" + PDYN), BORN)),
 ("泉州籍的人物中谁生得最早？", ["曾公亮"], "superlative", SUP("argmin", S("泉州市", "~" + JG), BORN)),
 ("鸠摩罗什翻译的经里，哪部卷数最多？", ["法华经"], "superlative",
  SUP("argmax", S("鸠摩罗什", "~" + TR, filter=[F("卷数")]), "卷数")),
 ("玄奘译的经中篇幅最长的是哪部？", ["大般若经"], "superlative", SUP("argmax", S("玄奘", "~" + TR), "卷数")),
 ("项羽、霍去病、韩信三人里，谁最先出生？", ["项羽"], "superlative", SUP("argmin", S(["项羽", "霍去病", "韩信"]), BORN)),
 ("岳飞、虞允文、曾公亮这三位，哪个最年轻？", ["虞允文"], "superlative", SUP("argmax", S(["岳飞", "虞允文", "曾公亮"]), BORN)),
 ("南北朝的高僧当中，谁出生最早？", ["慧可"], "superlative", SUP("argmin", S("南北朝", "~" + PDYN, filter=[F(BORN)]), BORN)),
 # ---------- intersection (20) ----------
 ("既是武庙十哲、又名列战国四大名将的是谁？", ["白起"], "intersection", SET(AND(S(WM10, MEM), S(G4, MEM)))),
 ("孙膑与庞涓的共同老师是谁？", ["鬼谷子"], "intersection", SET(AND(S("孙膑", "老师"), S("庞涓", "老师")))),
 ("西安有哪些寺院是隋朝时修建的？", ["青龙寺", "净业寺"], "intersection", SET(AND(XIAN_TEMPLES, S("隋朝", "~" + TDYN)))),
 ("春秋时期在山东打的是哪一仗？", ["城濮"], "intersection",
  SET(AND(S("春秋", "~" + PERIOD), S("山东省", "~" + PROV, "~" + LOCB)))),
 ("籍贯洛阳的唐朝人是谁？", ["玄奘"], "intersection", SET(AND(S("洛阳市", "~" + JG), S("唐朝", "~" + PDYN)))),
 ("武庙十哲里哪几位是西汉人？", ["韩信", "张良"], "intersection", SET(AND(S(WM10, MEM), S("西汉", "~" + PDYN)))),
 ("武经七书中哪部是春秋时成书的？", ["孙子兵法"], "intersection", SET(AND(S(W7, MEM), S("春秋", "~" + BDYN)))),
 ("武经七书的作者里，哪些是春秋时期的人？", ["孙武", "司马穰苴"], "intersection",
  SET(AND(S(W7, MEM, AU), S("春秋", "~" + PDYN)))),
 ("唐朝创立、祖庭又在西安的宗派有哪些？", ["华严宗", "法相宗", "律宗", "密宗", "净土宗"], "intersection",
  SET(AND(S("唐朝", "~" + FDYN), S("西安市", "~" + SITE, "~" + ROOT)))),
 ("八大宗派奉为根本经典的经书里，哪部是玄奘译的？", ["成唯识论"], "intersection",
  SET(AND(S(B8, MEM, "根本经典"), S("玄奘", "~" + TR)))),
 ("卫青和霍去病一起打赢的是哪场仗？", ["漠北"], "intersection", SET(AND(S("卫青", "~" + WIN), S("霍去病", "~" + WIN)))),
 ("田忌和孙膑共同指挥取胜的战役有哪些？", ["桂陵", "马陵"], "intersection",
  SET(AND(S("田忌", "~" + WIN), S("孙膑", "~" + WIN)))),
 ("刘备当统帅打赢的仗里，哪一场发生在湖北？", ["赤壁"], "intersection",
  SET(AND(S("刘备", "~" + WIN), S("湖北省", "~" + PROV, "~" + LOCB)))),
 ("周口籍的东晋人物有哪些？", ["谢安", "谢玄"], "intersection", SET(AND(S("周口市", "~" + JG), S("东晋", "~" + PDYN)))),
 ("武庙十哲中有哪几位是菏泽人？", ["吴起", "李勣"], "intersection", SET(AND(S(WM10, MEM), S("菏泽市", "~" + JG)))),
 ("西汉名将里谁的老家在临汾？", ["卫青", "霍去病"], "intersection", SET(AND(S("西汉", "~" + PDYN), S("临汾市", "~" + JG)))),
 ("禅宗的祖庭中哪座是北魏时建的？", ["少林寺"], "intersection", SET(AND(S("禅宗", ROOT), S("北魏", "~" + TDYN)))),
 ("净土宗的祖庭里，哪一座建于东晋？", ["东林寺"], "intersection", SET(AND(S("净土宗", ROOT), S("东晋", "~" + TDYN)))),
 ("北宋成书的兵书，作者中谁是泉州人？", ["曾公亮"], "intersection",
  SET(AND(S("北宋", "~" + BDYN, AU), S("泉州市", "~" + JG)))),
 ("南宋打赢的仗里，哪一场是在河南打的？", ["郾城"], "intersection", SET(AND(S("南宋", "~" + WINSIDE), HENAN_BATTLES))),
 # ---------- negative (20: 14 missing relations, 6 missing entities) ----------
 ("孙武是哪一年出生的？", NEG, "negative", ABS("孙武", BORN)),
 ("《三十六计》的作者是谁？", NEG, "negative", ABS("三十六计", AU)),
 ("袁崇焕字什么？", NEG, "negative", ABS("袁崇焕", "字")),
 ("白起生于哪年？", NEG, "negative", ABS("白起", BORN)),
 ("大兴善寺具体是哪一年建的？", NEG, "negative", ABS("大兴善寺", TY)),
 ("《华严经》一共多少卷？", NEG, "negative", ABS("华严经", "卷数")),
 ("达摩祖师是哪一年出生的？", NEG, "negative", ABS("菩提达摩", BORN)),
 ("《孙膑兵法》有几篇？", NEG, "negative", ABS("孙膑兵法", "篇数", "卷数")),
 ("《三略》是哪一年写成的？", NEG, "negative", ABS("三略", "成书年份")),
 ("善导大师是哪里人？", NEG, "negative", ABS("善导", JG, "出生地")),
 ("郑成功的字是什么？", NEG, "negative", ABS("郑成功", "字")),
 ("岳飞是哪年去世的？", NEG, "negative", ABS("岳飞", "去世年份", "卒年")),
 ("鬼谷子的老家在什么地方？", NEG, "negative", ABS("鬼谷子", JG, "出生地")),
 ("白马寺的开山祖师是哪位？", NEG, "negative", ABS("白马寺", "开山祖师", "创建者")),
 ("韩世忠是哪里人？", NEG, "negative", ABSN("韩世忠")),
 ("黄天荡之战是哪一年打的？", NEG, "negative", ABSN("黄天荡")),
 ("法门寺在哪个城市？", NEG, "negative", ABSN("法门寺")),
 ("《百战奇略》是谁写的？", NEG, "negative", ABSN("百战奇略")),
 ("寒山寺是哪个朝代建的？", NEG, "negative", ABSN("寒山寺")),
 ("鄢陵之战的胜方是谁？", NEG, "negative", ABSN("鄢陵")),
 # ---------- traditional (20: 1-hop 8, 2-hop 6, count 3, compare 2, intersection 1; golds simplified) ----------
 ("《孫子兵法》的作者是誰？", ["孙武"], "traditional", SET(S("孙子兵法", AU))),
 ("國姓爺是在哪裡出生的？", ["平户"], "traditional", SET(S("郑成功", "出生地"))),
 ("兵仙的封號是什麼？", ["淮阴侯"], "traditional", SET(S("韩信", "封号"))),
 ("白馬寺位於哪座城市？", ["洛阳"], "traditional", SET(S("白马寺", SITE))),
 ("長平之戰是哪一年打的？", ["前260"], "traditional", SET(S("长平之战", YR))),
 ("唐僧俗家姓名叫什麼？", ["陈祎"], "traditional", SET(S("玄奘", "本名"))),
 ("天台宗的祖庭是哪一座寺廟？", ["国清寺"], "traditional", SET(S("天台宗", ROOT))),
 ("岳武穆字什麼？", ["鹏举"], "traditional", SET(S("岳飞", "字"))),
 ("《紀效新書》的作者是哪裡人？", ["烟台"], "traditional", SET(S("纪效新书", AU, JG))),
 ("長平之戰中敗方統帥的父親是誰？", ["赵奢"], "traditional", SET(S("长平之战", LOSE, "父亲"))),
 ("淝水之戰發生在哪個省？", ["安徽"], "traditional", SET(S("淝水之战", LOCB, PROV))),
 ("法相宗的祖庭在哪個城市？", ["西安"], "traditional", SET(S("法相宗", ROOT, SITE))),
 ("弘忍的老師是哪個朝代的人？", ["唐朝|唐代"], "traditional", SET(S("弘忍", "老师", PDYN))),
 ("天台宗所依的根本經典是誰翻譯的？", ["鸠摩罗什"], "traditional", SET(S("天台宗", "根本经典", TR))),
 ("武經七書一共有幾部？", ["7"], "traditional", CNT(S(W7, MEM))),
 ("鬼谷子收過幾個弟子？", ["2"], "traditional", CNT(S("鬼谷子", "弟子"))),
 ("發生在湖北的戰役有幾場？", ["3"], "traditional", CNT(S("湖北省", "~" + PROV, "~" + LOCB))),
 ("赤壁之戰和夷陵之戰哪個在先？", ["赤壁"], "traditional", CMP("赤壁之战", "夷陵之战", YR, "min")),
 ("國清寺與少林寺，哪座寺廟歷史更久？", ["少林"], "traditional", CMP("国清寺", "少林寺", TY, "min")),
 ("鬼谷子的弟子中，哪一位效力於齊國？", ["孙膑"], "traditional", SET(AND(S("鬼谷子", "弟子"), S("齐国", "~" + SERVE)))),
]

# English relation names
DES, FDY, RY, CLS = "typography.typeface.designer", "typography.typeface.foundry", "releaseYear", "classification"
BASED, COMM, BP, EDU, SP, FA = "based_on", "commissioned_by", "birthPlace", "education", "spouse", "father"
HQ, FY, FB, PAR, OWN, ED, LOC = "headquarters", "foundedYear", "founded_by", "parentOrganization", "owner", "media.publication.editor", "located_in"

EN = [
 # ---------- two_hop (30) ----------
 ("Where was the designer of Futura born?", ["Wernigerode"], "two_hop", S("Futura", DES, BP)),
 ("Edward Johnston came into the world in which country?", ["Uruguay"], "two_hop", S("Edward Johnston", BP, LOC)),
 ("Who drew the typeface that Times New Roman was modelled on?", ["Frank Hinman Pierpont"], "two_hop", S("Times New Roman", BASED, DES)),
 ("Which foundries put out Adrian Frutiger's typefaces?", ["Deberny & Peignot", "Stempel", "Linotype"], "two_hop",
  S("Adrian Frutiger", "~" + DES, FDY)),
 ("Who founded the foundry that released Futura?", ["Johann Christian Bauer"], "two_hop", S("Futura", FDY, FB)),
 ("In what city is the company behind Palatino based?", ["Frankfurt"], "two_hop", S("Palatino", FDY, HQ)),
 ("What typefaces came out of the foundries Linotype owns?", ["Frutiger", "Sabon", "Palatino", "Optima"], "two_hop",
  S("Linotype", "~" + PAR, "~" + FDY)),
 ("Who has edited the newspaper that commissioned Times New Roman?",
  ["Thomas Barnes", "John Thadeus Delane", "Geoffrey Dawson", "William Rees-Mogg", "Harold Evans", "Simon Jenkins"], "two_hop",
  S("Times New Roman", COMM, ED), 9),
 ("Which company owns the magazine that Gotham was made for?", ["Condé Nast"], "two_hop", S("Gotham", COMM, OWN)),
 ("What is the birthplace of Tina Brown's husband?", ["Eccles"], "two_hop", S("Tina Brown", SP, BP)),
 ("Which colleges did editors of The New Yorker go to?", ["St Anne's College", "Princeton"], "two_hop", S("The New Yorker", ED, EDU)),
 ("Where were the founders of The Wall Street Journal born?", ["Sterling", "Worcester"], "two_hop",
  S("The Wall Street Journal", FB, BP)),
 ("Which papers did Tina Brown's husband run as editor?", ["The Times", "The Sunday Times"], "two_hop", S("Tina Brown", SP, "~" + ED)),
 ("Which papers belong to News Corp's subsidiaries?", ["The Times", "The Sunday Times", "The Sun", "News of the World",
  "Wall Street Journal"], "two_hop", S("News Corp", "~" + PAR, "~" + OWN)),
 ("Who have been the editors of the paper Nikkei owns?", ["Lionel Barber", "Roula Khalaf"], "two_hop", S("Nikkei Inc.", "~" + OWN, ED)),
 ("What are the hometowns of the two people who started The New Yorker?", ["Aspen", "Joplin"], "two_hop", S("The New Yorker", FB, BP)),
 ("Which universities did New York Times executive editors attend?", ["Harvard", "Pomona"], "two_hop", S("The New York Times", ED, EDU)),
 ("Where were the Washington Post's editors born?", ["Boston", "Cleveland", "Tampa"], "two_hop", S("The Washington Post", ED, BP)),
 ("Who founded the parent company of Condé Nast?", ["Newhouse"], "two_hop", S("Condé Nast", PAR, FB)),
 ("Who set up the organization that owns The Atlantic?", ["Laurene Powell Jobs"], "two_hop", S("The Atlantic", OWN, FB)),
 ("Which company did Laurene Powell Jobs's husband co-found?", ["Apple"], "two_hop", S("Laurene Powell Jobs", SP, "~" + FB)),
 ("What paper did Anna Wintour's dad edit?", ["Evening Standard"], "two_hop", S("Anna Wintour", FA, "~" + ED)),
 ("Which typefaces were drawn by alumni of the Rhode Island School of Design?", ["Myriad", "Trajan", "Gotham"], "two_hop",
  S("Rhode Island School of Design", "~" + EDU, "~" + DES)),
 ("In which city did Katharine Graham go to university?", ["Chicago"], "two_hop", S("Katharine Graham", EDU, LOC)),
 ("Where is the owner of the Financial Times headquartered?", ["Tokyo"], "two_hop", S("Financial Times", OWN, HQ)),
 ("Where was the man who founded the Daily Mirror born?", ["Chapelizod"], "two_hop", S("Daily Mirror", FB, BP)),
 ("When was the foundry that issued Akzidenz-Grotesk established?", ["1858"], "two_hop", S("Akzidenz-Grotesk", FDY, FY)),
 ("Who is the father of one of The Spectator's editors?", ["Nigel Lawson"], "two_hop", S("The Spectator", ED, FA)),
 ("Who designed the typeface Apple commissioned?", ["Jonathan Hoefler"], "two_hop", S("Apple", "~" + COMM, DES)),
 ("Where do the designers of Myriad come from?", ["Evanston", "Concord"], "two_hop", S("Myriad", DES, BP)),
 # ---------- three_hop (20) ----------
 ("In which country was the designer of Helvetica born?", ["Switzerland"], "three_hop", S("Helvetica", DES, BP, LOC)),
 ("Optima's designer was born in what country?", ["Germany"], "three_hop", S("Optima", DES, BP, LOC)),
 ("Where was the designer of the typeface Neue Helvetica is based on born?", ["Zurich"], "three_hop",
  S("Neue Helvetica", BASED, DES, BP)),
 ("Where is the parent company of Palatino's foundry headquartered?", ["Bad Homburg"], "three_hop", S("Palatino", FDY, PAR, HQ)),
 ("Who founded the company that owns the foundry which released Sabon?", ["Ottmar Mergenthaler"], "three_hop",
  S("Sabon", FDY, PAR, FB)),
 ("The company that owns The Times has its head office in which country?", ["England"], "three_hop", S("The Times", OWN, HQ, LOC)),
 ("Who founded the parent of the company that owns The Wall Street Journal?", ["Rupert Murdoch"], "three_hop",
  S("The Wall Street Journal", OWN, PAR, FB)),
 ("Who founded the parent company of Vogue's publisher?", ["Newhouse"], "three_hop", S("Vogue", OWN, PAR, FB)),
 ("What countries were editors of The Times born in?", ["England", "South Africa"], "three_hop", S("The Times", ED, BP, LOC)),
 ("Where did the husband of Tatler's former editor study?", ["Durham University"], "three_hop", S("Tatler", ED, SP, EDU)),
 ("In which towns are the colleges that Spectator editors attended?", ["Oxford", "Cambridge"], "three_hop",
  S("The Spectator", ED, EDU, LOC)),
 ("What country were the founders of The Atlantic all born in?", ["United States"], "three_hop", S("The Atlantic", FB, BP, LOC)),
 ("In which countries were the New York Times's executive editors born?", ["Canada", "Germany", "United States"], "three_hop",
  S("The New York Times", ED, BP, LOC)),
 ("Where were the designers of Adobe's typefaces born?", ["Evanston", "Concord"], "three_hop", S("Adobe", "~" + FDY, DES, BP)),
 ("What are the birthplaces of the people who designed Monotype's typefaces?", ["Brighton", "Wanstead", "New Haven", "Bologna"],
  "three_hop", S("Monotype", "~" + FDY, DES, BP)),
 ("Which typefaces were created by designers born in Germany?", ["Futura", "Sabon", "Palatino", "Optima", "Zapfino", "FF Meta"],
  "three_hop", S("Germany", "~" + LOC, "~" + BP, "~" + DES)),
 ("Which publications have had an editor educated at an Oxford college?",
  ["The Spectator", "The Economist", "The New Yorker", "Vanity Fair", "Tatler"], "three_hop", S("Oxford", "~" + LOC, "~" + EDU, "~" + ED)),
 ("In what city is the university that Time's founders attended?", ["New Haven"], "three_hop", S("Time", FB, EDU, LOC)),
 ("Who designed the typeface commissioned by the paper C. P. Scott edited?", ["Paul Barnes", "Christian Schwartz"], "three_hop",
  S("C. P. Scott", "~" + ED, "~" + COMM, DES)),
 ("Who founded the company that owns the magazines Tina Brown edited?", ["Condé Montrose Nast"], "three_hop",
  S("Tina Brown", "~" + ED, OWN, FB)),
 # ---------- co_star (15) ----------
 ("What other typefaces did the designer of Verdana create?", ["Georgia", "Bell Centennial"], "co_star",
  S("Verdana", DES, "~" + DES, exclude_start=True)),
 ("Which other typefaces came from the same foundry as Optima?", ["Frutiger", "Sabon", "Palatino"], "co_star",
  S("Optima", FDY, "~" + FDY, exclude_start=True)),
 ("Who else trained at the school Adrian Frutiger attended?", ["Max Miedinger"], "co_star",
  S("Adrian Frutiger", EDU, "~" + EDU, exclude_start=True)),
 ("Who went to the same university as David Remnick?", ["Jeff Bezos"], "co_star",
  S("David Remnick", EDU, "~" + EDU, exclude_start=True)),
 ("Which of Boris Johnson's fellow alumni are in the graph?", ["Zanny Minton Beddoes"], "co_star",
  S("Boris Johnson", EDU, "~" + EDU, exclude_start=True)),
 ("Who else was born in the same city as Boris Johnson?",
  ["Tobias Frere-Jones", "Jonathan Hoefler", "Katharine Graham", "Jill Abramson", "Robert Gottlieb", "Jann Wenner"], "co_star",
  S("Boris Johnson", BP, "~" + BP, exclude_start=True), 8),
 ("Apart from Rockwell, which typefaces share its classification?", ["Guardian Egyptian", "Clarendon"], "co_star",
  S("Rockwell", CLS, "~" + CLS, exclude_start=True)),
 ("What other papers have the editors of The Sun also edited?", ["News of the World", "The Times", "Daily Telegraph"], "co_star",
  S("The Sun", ED, "~" + ED, exclude_start=True)),
 ("Which magazines share an owner with Wired?", ["New Yorker", "Vanity Fair", "Vogue", "Tatler", "GQ"], "co_star",
  S("Wired", OWN, "~" + OWN, exclude_start=True)),
 ("Which other publication is headquartered in the same city as Der Spiegel?", ["Die Zeit"], "co_star",
  S("Der Spiegel", HQ, "~" + HQ, exclude_start=True)),
 ("Which other foundry is based in the same city as the Bauer Type Foundry?", ["Stempel"], "co_star",
  S("Bauer Type Foundry", HQ, "~" + HQ, exclude_start=True)),
 ("Who else in the graph shares James Russell Lowell's birthplace?", ["Oliver Wendell Holmes"], "co_star",
  S("James Russell Lowell", BP, "~" + BP, exclude_start=True)),
 ("What other typeface was released the same year as Helvetica?", ["Univers"], "co_star",
  S("Helvetica", RY, "~" + RY, exclude_start=True)),
 ("Which paper was founded in the same year as The Guardian?", ["The Sunday Times"], "co_star",
  S("The Guardian", FY, "~" + FY, exclude_start=True)),
 ("Who co-founded companies with Charles Dow?", ["Edward Jones", "Charles Bergstresser"], "co_star",
  S("Charles Dow", "~" + FB, FB, exclude_start=True)),
 # ---------- inverse (15) ----------
 ("Which typefaces did Hermann Zapf design?", ["Palatino", "Optima", "Zapfino"], "inverse", S("Hermann Zapf", "~" + DES)),
 ("What fonts has Monotype released?", ["Gill Sans", "Perpetua", "Times New Roman", "Plantin", "Bembo", "Arial"], "inverse",
  S("Monotype", "~" + FDY), 7),
 ("Which magazines has Tina Brown been editor of?", ["New Yorker", "Vanity Fair", "Tatler"], "inverse", S("Tina Brown", "~" + ED)),
 ("Which typefaces are based on Garamond?", ["Adobe Garamond", "Sabon"], "inverse", S("Garamond", "~" + BASED)),
 ("Who in the graph was born in Brooklyn?", ["Briton Hadden", "Jeffrey Goldberg"], "inverse", S("Brooklyn", "~" + BP)),
 ("What did Henry Luce start?", ["Time", "Fortune"], "inverse", S("Henry Luce", "~" + FB)),
 ("Which tabloids did Piers Morgan edit?", ["News of the World", "Daily Mirror"], "inverse", S("Piers Morgan", "~" + ED)),
 ("Which typefaces came out in 1989?", ["Adobe Garamond", "Trajan"], "inverse", S("1989", "~" + RY)),
 ("Who studied at Harvard University?", ["Ben Bradlee", "Jill Abramson", "Joseph Kahn"], "inverse", S("Harvard University", "~" + EDU)),
 ("Which newspapers did Alfred Harmsworth found?", ["Daily Mirror", "Daily Mail"], "inverse", S("Alfred Harmsworth", "~" + FB)),
 ("Which companies have their headquarters in Berlin?", ["Berthold", "FontFont"], "inverse", S("Berlin", "~" + HQ)),
 ("What publications were launched in 1843?", ["News of the World", "The Economist"], "inverse", S("1843", "~" + FY)),
 ("What typeface was commissioned by AT&T?", ["Bell Centennial"], "inverse", S("AT&T", "~" + COMM)),
 ("Whose father is Nigel Lawson?", ["Dominic Lawson"], "inverse", S("Nigel Lawson", "~" + FA)),
 ("Which papers has Marcus Brauchli been editor of?", ["Washington Post", "Wall Street Journal"], "inverse",
  S("Marcus Brauchli", "~" + ED)),
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
