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

AU, GENRE, YEAR, BORN, POBZ, PROVZ = "作者", "体裁", "创作年份", "出生年份", "出生地", "所属省份"
SITE, BUILT, AREA, WHS, MEM, SCHOOL = "所在地", "始建年份", "占地面积", "入选世界遗产年份", "成员", "所属流派"
B8, SANSU, ZXS = "唐宋八大家", "三苏", "中兴四大诗人"
HAS_BORN = [F(BORN)]

ZH = [
 # ---------- count (20; 8 with a filter) ----------
 ("李白一共有几首作品？", ["7"], "count", CNT(S("李白", "~" + AU))),
 ("苏轼写的词有几首？", ["4"], "count", CNT(S("苏轼", "~" + AU, filter=[F(GENRE, "词")]))),
 ("唐宋八大家总共几个人？", ["8"], "count", CNT(S(B8, MEM))),
 ("唐宋八大家里北宋的占了几位？", ["6"], "count", CNT(S(B8, MEM, filter=[F("朝代", "北宋")]))),
 ("出生在西安的诗人当中，女诗人有几位？分别是谁？", ["2", "薛涛", "鱼玄机"], "count",
  CNT(S("西安市", "~" + POBZ, filter=[F("性别", "女")]), S("西安市", "~" + POBZ, filter=[F("性别", "女")]))),
 ("抚州出过几位诗人？都有谁？", ["4", "王安石", "曾巩", "晏殊", "晏几道"], "count",
  CNT(S("抚州市", "~" + POBZ), S("抚州市", "~" + POBZ))),
 ("苏州有几处园林列入了世界遗产？", ["6"], "count", CNT(S("苏州市", "~" + SITE, filter=[F(WHS)]))),
 ("边塞诗派有几位代表诗人？", ["4"], "count", CNT(S("边塞诗派", "~" + SCHOOL))),
 ("婉约派的词人里女性有几个？", ["1"], "count", CNT(S("婉约派", "~" + SCHOOL, filter=[F("性别", "女")]))),
 ("杜甫写的五言律诗有几首？", ["3"], "count", CNT(S("杜甫", "~" + AU, filter=[F(GENRE, "五言律诗")]))),
 ("江西出生的诗人一共有多少位？", ["8"], "count", CNT(S("江西省", "~" + PROVZ, "~" + POBZ))),
 ("江南三大名楼指的是哪几座？一共几座？", ["3", "黄鹤楼", "岳阳楼", "滕王阁"], "count",
  CNT(S("江南三大名楼", MEM), S("江南三大名楼", MEM))),
 ("苏东坡先后在几个地方当过官？", ["4"], "count", CNT(S("苏轼", "任职地"))),
 ("扬州有几座园林？", ["2"], "count", CNT(S("扬州市", "~" + SITE))),
 ("在杭州写成的诗词文章有几篇？", ["4"], "count", CNT(S("杭州市", "~写作地点"))),
 ("康熙皇帝主持修建的园林有几座？", ["2"], "count", CNT(S("康熙帝", "~创建者"))),
 ("白居易的作品里有几首是七言古诗？", ["2"], "count", CNT(S("白居易", "~" + AU, filter=[F(GENRE, "七言古诗")]))),
 ("皇家园林一共有几座？是哪些？", ["3", "颐和园", "圆明园", "避暑山庄"], "count",
  CNT(S("皇家园林", "~类别"), S("皇家园林", "~类别"))),
 ("中国四大名园当中有几座在苏州？", ["2"], "count", CNT(S("中国四大名园", MEM, filter=[F(SITE, "苏州市")]))),
 ("陆游有几个好朋友？", ["2"], "count", CNT(S("陆游", "好友"))),
 # ---------- compare (20; 4 yes/no) ----------
 ("李白和杜甫谁的年纪大？", ["李白"], "compare", CMP("李白", "杜甫", BORN, "min")),
 ("苏轼和苏辙兄弟俩谁先出生？", ["苏轼"], "compare", CMP("苏轼", "苏辙", BORN, "min")),
 ("《长恨歌》和《琵琶行》哪一首字数更多？", ["长恨歌"], "compare", CMP("长恨歌", "琵琶行", "字数", "max")),
 ("《春江花月夜》和《琵琶行》比，哪首篇幅长？", ["琵琶行"], "compare", CMP("春江花月夜", "琵琶行", "字数", "max")),
 ("拙政园和留园，哪个建得更早？", ["拙政园"], "compare", CMP("拙政园", "留园", BUILT, "min")),
 ("颐和园跟避暑山庄哪个占地更大？", ["避暑山庄"], "compare", CMP("颐和园", "避暑山庄", AREA, "max")),
 ("网师园和退思园哪个小一些？", ["网师园"], "compare", CMP("网师园", "退思园", AREA, "min")),
 ("陆游和辛弃疾，谁出生得晚？", ["辛弃疾"], "compare", CMP("陆游", "辛弃疾", BORN, "max")),
 ("李清照比辛弃疾年长吗？", [YES], "compare", CMP("李清照", "辛弃疾", BORN, "min", yesno="李清照")),
 ("黄鹤楼和岳阳楼哪座楼的历史更悠久？", ["岳阳楼"], "compare", CMP("黄鹤楼", "岳阳楼", BUILT, "min")),
 ("《念奴娇·赤壁怀古》和《水调歌头·明月几时有》哪首先写成？", ["水调歌头"], "compare",
  CMP("念奴娇·赤壁怀古", "水调歌头·明月几时有", YEAR, "min")),
 ("颐和园是不是比圆明园建得早？", [NO], "compare", CMP("颐和园", "圆明园", BUILT, "min", yesno="颐和园")),
 ("杜牧与李商隐相比，哪位年长？", ["杜牧"], "compare", CMP("杜牧", "李商隐", BORN, "min")),
 ("王安石和欧阳修谁岁数大？", ["欧阳修"], "compare", CMP("王安石", "欧阳修", BORN, "min")),
 ("拙政园和狮子林哪个更早被列为世界遗产？", ["拙政园"], "compare", CMP("拙政园", "狮子林", WHS, "min")),
 ("避暑山庄和颐和园谁先进入世界遗产名录？", ["避暑山庄"], "compare", CMP("避暑山庄", "颐和园", WHS, "min")),
 ("扬州的个园和何园哪个面积大？", ["个园"], "compare", CMP("个园", "何园", AREA, "max")),
 ("范仲淹比晏殊年轻吗？", [NO], "compare", CMP("范仲淹", "晏殊", BORN, "max", yesno="范仲淹")),
 ("《赠汪伦》是在《春望》之前写的吗？", [YES], "compare", CMP("赠汪伦", "春望", YEAR, "min", yesno="赠汪伦")),
 ("豫园和留园哪一座更古老？", ["豫园"], "compare", CMP("豫园", "留园", BUILT, "min")),
 # ---------- superlative (20; 2 two-hop) ----------
 ("苏州的园林里哪一座最古老？", ["沧浪亭"], "superlative",
  SUP("argmin", S("苏州市", "~" + SITE, filter=[F("类别", "私家园林")]), BUILT)),
 ("苏州这些园林中占地面积最大的是哪个？", ["拙政园"], "superlative",
  SUP("argmax", S("苏州市", "~" + SITE, filter=[F("类别", "私家园林")]), AREA)),
 ("唐宋八大家中谁出生最早？", ["韩愈"], "superlative", SUP("argmin", S(B8, MEM), BORN)),
 ("唐宋八大家里年纪最小的是谁？", ["苏辙"], "superlative", SUP("argmax", S(B8, MEM), BORN)),
 ("李白有明确创作年份的作品中，哪首写得最早？", ["黄鹤楼送孟浩然之广陵"], "superlative",
  SUP("argmin", S("李白", "~" + AU, filter=[F(YEAR)]), YEAR)),
 ("苏轼的作品里最晚写成的是哪一篇？", ["题西林壁"], "superlative", SUP("argmax", S("苏轼", "~" + AU), YEAR)),
 ("边塞诗派的诗人谁最年长？", ["王之涣"], "superlative", SUP("argmin", S("边塞诗派", "~" + SCHOOL), BORN)),
 ("婉约派词人里出生最晚的是谁？", ["李清照"], "superlative",
  SUP("argmax", S("婉约派", "~" + SCHOOL, filter=HAS_BORN), BORN)),
 ("皇家园林中哪座规模最大？", ["避暑山庄"], "superlative", SUP("argmax", S("皇家园林", "~类别"), AREA)),
 ("江南三大名楼里哪座始建最晚？", ["滕王阁"], "superlative", SUP("argmax", S("江南三大名楼", MEM), BUILT)),
 ("生在西安的诗人中，最年轻的是哪一位？", ["鱼玄机"], "superlative", SUP("argmax", S("西安市", "~" + POBZ), BORN)),
 ("杜甫哪首诗是最后写的？", ["登岳阳楼"], "superlative", SUP("argmax", S("杜甫", "~" + AU), YEAR)),
 ("南宋的诗人里谁最早出生？", ["陆游"], "superlative", SUP("argmin", S("南宋", "~朝代", filter=HAS_BORN), BORN)),
 ("中兴四大诗人中最年轻的是谁？", ["杨万里"], "superlative", SUP("argmax", S(ZXS, MEM, filter=HAS_BORN), BORN)),
 ("扬州的园林哪个历史最长？", ["个园"], "superlative", SUP("argmin", S("扬州市", "~" + SITE), BUILT)),
 ("江苏出生的诗人当中谁年纪最大？", ["刘禹锡"], "superlative",
  SUP("argmin", S("江苏省", "~" + PROVZ, "~" + POBZ, filter=HAS_BORN), BORN)),
 ("出生在江西的诗人里，谁生得最晚？", ["文天祥"], "superlative",
  SUP("argmax", S("江西省", "~" + PROVZ, "~" + POBZ, filter=HAS_BORN), BORN)),
 ("白居易的诗哪首最早？", ["长恨歌"], "superlative", SUP("argmin", S("白居易", "~" + AU), YEAR)),
 ("孟浩然、贺知章、王昌龄三位里谁年纪最大？", ["贺知章"], "superlative",
  SUP("argmin", S(["孟浩然", "贺知章", "王昌龄"]), BORN)),
 ("苏州四大名园哪个面积最小？", ["沧浪亭"], "superlative", SUP("argmin", S("苏州四大名园", MEM), AREA)),
 # ---------- intersection (20) ----------
 ("既是唐宋八大家又属于三苏的有哪几位？", ["苏洵", "苏轼", "苏辙"], "intersection", SET(AND(S(B8, MEM), S(SANSU, MEM)))),
 ("哪些园林同时是苏州四大名园和中国四大名园？", ["拙政园", "留园"], "intersection",
  SET(AND(S("苏州四大名园", MEM), S("中国四大名园", MEM)))),
 ("白居易和苏轼都在哪个城市做过官？", ["杭州"], "intersection", SET(AND(S("白居易", "任职地"), S("苏轼", "任职地")))),
 ("白居易和刘禹锡共同任职过的地方是哪里？", ["苏州"], "intersection", SET(AND(S("白居易", "任职地"), S("刘禹锡", "任职地")))),
 ("白居易和柳宗元共同的好友是谁？", ["刘禹锡"], "intersection", SET(AND(S("白居易", "好友"), S("柳宗元", "好友")))),
 ("杨万里和范成大都跟谁交好？", ["陆游"], "intersection", SET(AND(S("杨万里", "好友"), S("范成大", "好友")))),
 ("哪些词人既是婉约派又生活在北宋？", ["晏殊", "晏几道", "柳永", "秦观", "周邦彦"], "intersection",
  SET(AND(S("婉约派", "~" + SCHOOL), S("北宋", "~朝代")))),
 ("苏轼做过官的地方里，哪些他也在当地留下了作品？", ["杭州", "密州", "黄州"], "intersection",
  SET(AND(S("苏轼", "任职地"), S("苏轼", "~" + AU, "写作地点")))),
 ("抚州出生的诗人里，哪几位是唐宋八大家？", ["王安石", "曾巩"], "intersection",
  SET(AND(S("抚州市", "~" + POBZ), S(B8, MEM)))),
 ("哪座城市既是王维的出生地，又是柳宗元的籍贯？", ["运城"], "intersection",
  SET(AND(S("王维", POBZ), S("柳宗元", "籍贯")))),
 ("杜甫和苏舜钦的字是同一个，是什么？", ["子美"], "intersection", SET(AND(S("杜甫", "字"), S("苏舜钦", "字")))),
 ("王勃的家乡和鹳雀楼所在地是同一座城市吗？是哪座？", ["运城"], "intersection",
  SET(AND(S("王勃", POBZ), S("鹳雀楼", SITE)))),
 ("哪首诗写于苏州，又提到了寒山寺？", ["枫桥夜泊"], "intersection",
  SET(AND(S("苏州市", "~写作地点"), S("寒山寺", "~提及")))),
 ("杜甫的作品里哪一首写到了岳阳楼？", ["登岳阳楼"], "intersection", SET(AND(S("岳阳楼", "~提及"), S("杜甫", "~" + AU)))),
 ("边塞诗人里有谁是西安出生的？", ["王昌龄"], "intersection",
  SET(AND(S("边塞诗派", "~" + SCHOOL), S("西安市", "~" + POBZ)))),
 ("在镇江写的作品里哪篇是词？", ["永遇乐"], "intersection", SET(AND(S("镇江市", "~写作地点"), S("词", "~" + GENRE)))),
 ("苏轼的学生中有哪些是苏门四学士？", ["黄庭坚", "秦观"], "intersection",
  SET(AND(S("苏轼", "~师从"), S("苏门四学士", MEM)))),
 ("在九江写成的七言绝句有哪些？", ["望庐山瀑布", "题西林壁"], "intersection",
  SET(AND(S("九江市", "~写作地点"), S("七言绝句", "~" + GENRE)))),
 ("康熙修的园子里，哪一座也算中国四大名园？", ["避暑山庄"], "intersection",
  SET(AND(S("康熙帝", "~创建者"), S("中国四大名园", MEM)))),
 ("济南籍的诗人里谁是豪放派？", ["辛弃疾"], "intersection", SET(AND(S("济南市", "~" + POBZ), S("豪放派", "~" + SCHOOL)))),
 # ---------- negative (20: 14 missing relations, 6 missing entities) ----------
 ("李白是哪一年去世的？", NEG, "negative", ABS("李白", "去世年份", "卒年", "逝世时间")),
 ("张继生于哪一年？", NEG, "negative", ABS("张继", BORN)),
 ("柳永的字是什么？", NEG, "negative", ABS("柳永", "字")),
 ("寄畅园是哪一年开始修建的？", NEG, "negative", ABS("寄畅园", BUILT)),
 ("圆明园是哪年被列为世界遗产的？", NEG, "negative", ABS("圆明园", WHS)),
 ("鹳雀楼最早建于什么时候？", NEG, "negative", ABS("鹳雀楼", BUILT)),
 ("《静夜思》是哪一年写的？", NEG, "negative", ABS("静夜思", YEAR)),
 ("李商隐的《锦瑟》写于什么地方？", NEG, "negative", ABS("锦瑟", "写作地点")),
 ("李清照的父亲叫什么名字？", NEG, "negative", ABS("李清照", "父亲")),
 ("辛弃疾的儿子是谁？", NEG, "negative", ABS("辛弃疾", "儿子")),
 ("陆游拜谁为师？", NEG, "negative", ABS("陆游", "师从")),
 ("杜甫曾经在哪些地方任职？", NEG, "negative", ABS("杜甫", "任职地")),
 ("拙政园是哪一年被毁的？", NEG, "negative", ABS("拙政园", "被毁年份")),
 ("滕王阁占地多大？", NEG, "negative", ABS("滕王阁", AREA)),
 ("李煜的《虞美人》是什么体裁？", NEG, "negative", ABSN("李煜")),
 ("陶渊明是哪里人？", NEG, "negative", ABSN("陶渊明")),
 ("纳兰性德属于哪个流派？", NEG, "negative", ABSN("纳兰性德")),
 ("陈子昂的字是什么？", NEG, "negative", ABSN("陈子昂")),
 ("孟郊的《游子吟》写于哪一年？", NEG, "negative", ABSN("孟郊")),
 ("欧阳修修建的平山堂在哪座城市？", NEG, "negative", ABSN("平山堂")),
 # ---------- traditional (20) ----------
 ("李白的字是什麼？", ["太白"], "traditional", SET(S("李白", "字"))),
 ("《琵琶行》是誰寫的？", ["白居易"], "traditional", SET(S("琵琶行", AU))),
 ("網師園在哪個城市？", ["苏州"], "traditional", SET(S("网师园", SITE))),
 ("被稱為詩聖的是哪位詩人？", ["杜甫"], "traditional", SET(S("诗圣", "~别名"))),
 ("避暑山莊是誰下令修建的？", ["康熙"], "traditional", SET(S("避暑山庄", "创建者"))),
 ("《楓橋夜泊》的作者是哪裡人？", ["襄阳"], "traditional", SET(S("枫桥夜泊", AU, POBZ))),
 ("《念奴嬌·赤壁懷古》作者的父親是誰？", ["苏洵"], "traditional", SET(S("念奴娇·赤壁怀古", AU, "父亲"))),
 ("陸游的老家在哪個省？", ["浙江"], "traditional", SET(S("陆游", POBZ, PROVZ))),
 ("個園所在的城市屬於哪個省？", ["江苏"], "traditional", SET(S("个园", SITE, PROVZ))),
 ("寫《滕王閣序》的人出生在哪裡？", ["运城"], "traditional", SET(S("滕王阁序", AU, POBZ))),
 ("杜甫寫過幾首詩？", ["5"], "traditional", CNT(S("杜甫", "~" + AU))),
 ("初唐四傑是哪幾位？", ["王勃", "杨炯", "卢照邻", "骆宾王"], "traditional", SET(S("初唐四杰", MEM))),
 ("眉山出了幾位詩人？", ["3"], "traditional", CNT(S("眉山市", "~" + POBZ))),
 ("北宋的婉約派詞人有幾位？", ["5"], "traditional", CNT(AND(S("婉约派", "~" + SCHOOL), S("北宋", "~朝代")))),
 ("陸游和楊萬里誰年紀大？", ["陆游"], "traditional", CMP("陆游", "杨万里", BORN, "min")),
 ("拙政園和網師園哪個面積大？", ["拙政园"], "traditional", CMP("拙政园", "网师园", AREA, "max")),
 ("蘇軾在黃州寫了哪些作品？", ["念奴娇", "定风波", "赤壁赋"], "traditional",
  SET(AND(S("苏轼", "~" + AU), S("黄州", "~写作地点")))),
 ("《登鸛雀樓》裡那座樓在哪個城市？", ["运城"], "traditional", SET(S("登鹳雀楼", "提及", SITE))),
 ("蘇轍的哥哥是誰？", ["苏轼"], "traditional", SET(S("苏辙", "哥哥"))),
 ("王安石的號是什麼？", ["半山"], "traditional", SET(S("王安石", "号"))),
]

POB, CONT, WORKS, IB, STU = "people.person.place_of_birth", "location.location.containedby", "book.author.works_written", "influenced_by", "studentOf"
ART, LABEL, PROD, PERS, MEMB = "music.album.artist", "recordLabel", "producedBy", "personnel", "music.group.member"
INSTR, FOUNDED, HQ, FOUNDER = "music.artist.instrument", "founded_by", "organization.organization.headquarters", "philosophy.school.founder"
MDQ, JM, WR, RTF = "Miles Davis Quintet", "Art Blakey and the Jazz Messengers", "Weather Report", "Return to Forever"
X = {"exclude_start": True}

# (question, golds, type, set expression[, full set size when above 6])
EN = [
 # ---------- two_hop (30) ----------
 ("Where was the man behind A Love Supreme born?", ["Hamlet"], "two_hop", S("A Love Supreme", ART, POB)),
 ("Who produced John Coltrane's albums?", ["Bob Thiele", "Nesuhi Ertegun", "Alfred Lion"], "two_hop", S("John Coltrane", "~" + ART, PROD)),
 ("What record company put out Miles Davis's records?", ["Columbia"], "two_hop", S("Miles Davis", "~" + ART, LABEL)),
 ("Who founded the label Blue Train came out on?", ["Alfred Lion", "Max Margulis"], "two_hop", S("Blue Train", LABEL, FOUNDED)),
 ("Where is the label that released Ella and Louis based?", ["Los Angeles"], "two_hop", S("Ella and Louis", LABEL, HQ)),
 ("Which musicians played on records that Nesuhi Ertegun produced?",
  ["John Coltrane", "McCoy Tyner", "Tommy Flanagan", "Paul Chambers", "Ornette Coleman", "Charlie Haden"], "two_hop",
  S("Nesuhi Ertegun", "~" + PROD, PERS), 11),
 ("What instruments do Weather Report's members play?", ["keyboards", "tenor saxophone", "bass guitar"], "two_hop", S(WR, MEMB, INSTR)),
 ("Where do the three members of the Bill Evans Trio come from?", ["Plainfield", "Newark", "Philadelphia"], "two_hop",
  S("Bill Evans Trio", MEMB, POB)),
 ("Kant's hometown belonged to which country?", ["Prussia"], "two_hop", S("Immanuel Kant", POB, CONT)),
 ("Who was the teacher of Aristotle's teacher?", ["Socrates"], "two_hop", S("Aristotle", STU, STU)),
 ("What did the philosopher who influenced Hegel write?", ["Critique of Pure Reason"], "two_hop", S("G. W. F. Hegel", IB, WORKS)),
 ("Name the books written by thinkers David Hume influenced.", ["The Wealth of Nations", "Critique of Pure Reason"], "two_hop",
  S("David Hume", "~" + IB, WORKS)),
 ("Where were the philosophers who shaped Heidegger's thinking born?", ["Prostějov", "Röcken", "Copenhagen", "Stagira"], "two_hop",
  S("Martin Heidegger", IB, POB)),
 ("Who taught the author of Being and Time?", ["Edmund Husserl|Husserl"], "two_hop", S("Being and Time", "~" + WORKS, STU)),
 ("In what city was the woman who wrote The Second Sex born?", ["Paris"], "two_hop", S("The Second Sex", "~" + WORKS, POB)),
 ("Whom did the author of Leviathan influence?", ["John Locke"], "two_hop", S("Leviathan", "~" + WORKS, "~" + IB)),
 ("What instruments can be heard on Time Out, going by its players?", ["piano", "alto saxophone"], "two_hop", S("Time Out", PERS, INSTR)),
 ("Where were the players on Saxophone Colossus born?", ["New York City", "Detroit", "Newland"], "two_hop",
  S("Saxophone Colossus", PERS, POB)),
 ("Which album was released under the name of a Jazz Messengers member?", ["Speak No Evil"], "two_hop", S(JM, MEMB, "~" + ART)),
 ("What albums did members of the Miles Davis Quintet release as leaders?",
  ["Kind of Blue", "Bitches Brew", "A Love Supreme", "Giant Steps", "Speak No Evil", "Maiden Voyage"], "two_hop",
  S(MDQ, MEMB, "~" + ART), 11),
 ("Which groups did the musicians on Heavy Weather belong to?", ["Weather Report", "Jazz Messengers", "Miles Davis Quintet"], "two_hop",
  S("Heavy Weather", PERS, "~" + MEMB)),
 ("Who produced the albums Verve released?", ["Norman Granz", "Creed Taylor"], "two_hop", S("Verve Records", "~" + LABEL, PROD)),
 ("Teo Macero's productions came out on which label?", ["Columbia"], "two_hop", S("Teo Macero", "~" + PROD, LABEL)),
 ("Which label did Sonny Rollins record his album for?", ["Prestige"], "two_hop", S("Sonny Rollins", "~" + ART, LABEL)),
 ("The founder of the Lyceum was born where?", ["Stagira"], "two_hop", S("Lyceum", FOUNDER, POB)),
 ("Who studied under the man who founded the Platonic Academy?", ["Aristotle"], "two_hop", S("Platonic Academy", FOUNDER, "~" + STU)),
 ("Which school was founded by the thinker who influenced Zeno of Citium?", ["Cynicism"], "two_hop", S("Zeno of Citium", IB, "~" + FOUNDER)),
 ("Where were the two authors of Principia Mathematica born?", ["Trellech", "Ramsgate"], "two_hop",
  S("Principia Mathematica", "~" + WORKS, POB)),
 ("What are the birthplaces of the writers of The Communist Manifesto?", ["Trier", "Barmen"], "two_hop",
  S("The Communist Manifesto", "~" + WORKS, POB)),
 ("On A Love Supreme, which instruments do the musicians play?", ["tenor saxophone", "piano", "drums"], "two_hop",
  S("A Love Supreme", PERS, INSTR)),
 # ---------- three_hop (20) ----------
 ("In which states were the members of Return to Forever born?", ["Massachusetts", "Pennsylvania", "New Jersey", "New York"], "three_hop",
  S(RTF, MEMB, POB, CONT)),
 ("The leader of Giant Steps was born in which state?", ["North Carolina"], "three_hop", S("Giant Steps", ART, POB, CONT)),
 ("What country is the birthplace of the author of Thus Spoke Zarathustra in?", ["Germany"], "three_hop",
  S("Thus Spoke Zarathustra", "~" + WORKS, POB, CONT)),
 ("Heidegger's teacher was born in which country?", ["Czech Republic|Czechia"], "three_hop", S("Martin Heidegger", STU, POB, CONT)),
 ("Where was the teacher of Alexander the Great's tutor born?", ["Athens"], "three_hop", S("Alexander the Great", STU, STU, POB)),
 ("What did the teacher of Hannah Arendt's teachers write?", ["Logical Investigations"], "three_hop", S("Hannah Arendt", STU, STU, WORKS)),
 ("Where were the thinkers born who influenced the philosophers Kant was influenced by?",
  ["Wrington", "La Haye en Touraine", "Amsterdam"], "three_hop", S("Immanuel Kant", IB, IB, POB)),
 ("Which label released the albums led by Weather Report members?", ["Blue Note"], "three_hop", S(WR, MEMB, "~" + ART, LABEL)),
 ("Who produced the albums led by members of the Miles Davis Quintet?",
  ["Teo Macero", "Irving Townsend", "George Avakian", "Bob Thiele", "Alfred Lion", "David Rubinson"], "three_hop",
  S(MDQ, MEMB, "~" + ART, PROD), 7),
 ("Where are the labels headquartered that Herbie Hancock released albums on?", ["New York City"], "three_hop",
  S("Herbie Hancock", "~" + ART, LABEL, HQ)),
 ("Which musicians played on records from the label Orrin Keepnews co-founded?",
  ["Thelonious Monk", "Sonny Rollins", "Max Roach", "Bill Evans", "Scott LaFaro", "Paul Motian"], "three_hop",
  S("Orrin Keepnews", "~" + FOUNDED, "~" + LABEL, PERS), 8),
 ("What instruments do the players on Impulse! Records albums play?", ["tenor saxophone", "piano", "drums"], "three_hop",
  S("Impulse! Records", "~" + LABEL, PERS, INSTR)),
 ("In which countries were the philosophers influenced by Husserl born?", ["Germany", "France"], "three_hop",
  S("Edmund Husserl", "~" + IB, POB, CONT)),
 ("Which bands did the musicians on Teo Macero's productions belong to?",
  ["Miles Davis Quintet", "Weather Report", "Jazz Messengers", "Return to Forever", "Mahavishnu Orchestra", "Dave Brubeck Quartet"],
  "three_hop", S("Teo Macero", "~" + PROD, PERS, "~" + MEMB)),
 ("What did the philosopher who influenced the authors of The Communist Manifesto write?", ["Phenomenology of Spirit"], "three_hop",
  S("The Communist Manifesto", "~" + WORKS, IB, WORKS)),
 ("Who was influenced by the students of Socrates's students?", ["Albertus Magnus", "Thomas Aquinas", "Martin Heidegger"], "three_hop",
  S("Socrates", "~" + STU, "~" + STU, "~" + IB)),
 ("The author of A Treatise of Human Nature influenced people born where?", ["Kirkcaldy", "Königsberg"], "three_hop",
  S("A Treatise of Human Nature", "~" + WORKS, "~" + IB, POB)),
 ("What did the students of Plato's teacher write?", ["The Republic", "Symposium", "Phaedo"], "three_hop",
  S("Plato", STU, "~" + STU, WORKS)),
 ("Where was the thinker who influenced the founder of Stoicism born?", ["Athens"], "three_hop", S("Stoicism", FOUNDER, IB, POB)),
 ("Where were the artists who recorded for Atlantic Records born?", ["Hamlet", "Fort Worth"], "three_hop",
  S("Atlantic Records", "~" + LABEL, ART, POB)),
 # ---------- co_star (15) ----------
 ("Who played alongside Jaco Pastorius?", ["Joe Zawinul", "Wayne Shorter", "Alex Acuña", "Manolo Badrena"], "co_star",
  S("Jaco Pastorius", "~" + PERS, PERS, **X)),
 ("Who has Bill Evans recorded with?", ["Miles Davis", "John Coltrane", "Cannonball Adderley", "Paul Chambers", "Scott LaFaro", "Paul Motian"],
  "co_star", S("Bill Evans", "~" + PERS, PERS, **X), 8),
 ("Which musicians shared a band with Jaco Pastorius?", ["Joe Zawinul", "Wayne Shorter", "Miroslav Vitouš"], "co_star",
  S("Jaco Pastorius", "~" + MEMB, MEMB, **X)),
 ("Which bands share a member with Weather Report?", ["Jazz Messengers", "Miles Davis Quintet"], "co_star", S(WR, MEMB, "~" + MEMB, **X)),
 ("What other groups had someone from the Miles Davis Quintet in them?", ["Weather Report", "Jazz Messengers", "John Coltrane Quartet"],
  "co_star", S(MDQ, MEMB, "~" + MEMB, **X)),
 ("Joe Zawinul shares a birthplace with which other people?", ["Ludwig Wittgenstein", "Karl Popper"], "co_star",
  S("Joe Zawinul", POB, "~" + POB, **X)),
 ("Which musicians come from the same city as Lee Morgan?",
  ["Philly Joe Jones", "McCoy Tyner", "Benny Golson", "Bobby Timmons", "Stan Getz", "Stanley Clarke"], "co_star",
  S("Lee Morgan", POB, "~" + POB, **X), 7),
 ("Who was born in the same city as William James?", ["Sonny Rollins", "Art Taylor", "Lenny White"], "co_star",
  S("William James", POB, "~" + POB, **X)),
 ("What other album came out on the same label as Waltz for Debby?", ["Brilliant Corners"], "co_star",
  S("Waltz for Debby", LABEL, "~" + LABEL, **X)),
 ("Which other albums did the producer of Moanin' work on?", ["Blue Train", "Somethin' Else", "Maiden Voyage", "Speak No Evil"], "co_star",
  S("Moanin'", PROD, "~" + PROD, **X)),
 ("Besides Plato, who else was a pupil of Plato's teacher?", ["Antisthenes"], "co_star", S("Plato", STU, "~" + STU, **X)),
 ("Who co-wrote a book with Bertrand Russell?", ["Alfred North Whitehead|Whitehead"], "co_star", S("Bertrand Russell", WORKS, "~" + WORKS, **X)),
 ("Which albums share a producer with Giant Steps?", ["My Favorite Things", "The Shape of Jazz to Come"], "co_star",
  S("Giant Steps", PROD, "~" + PROD, **X)),
 ("Who plays the same instrument as Ron Carter?", ["Paul Chambers", "Charles Mingus"], "co_star", S("Ron Carter", INSTR, "~" + INSTR, **X)),
 ("Which philosophers were born in Voltaire's hometown?", ["Jean-Paul Sartre|Sartre", "Simone de Beauvoir|Beauvoir"], "co_star",
  S("Voltaire", POB, "~" + POB, **X)),
 # ---------- inverse (15) ----------
 ("Which albums did Miles Davis release?", ["Kind of Blue", "Milestones", "In a Silent Way", "Bitches Brew"], "inverse", S("Miles Davis", "~" + ART)),
 ("What records did Alfred Lion produce?", ["Blue Train", "Moanin'", "Somethin' Else", "Maiden Voyage", "Speak No Evil"], "inverse",
  S("Alfred Lion", "~" + PROD)),
 ("Who studied under Socrates?", ["Plato", "Antisthenes"], "inverse", S("Socrates", "~" + STU)),
 ("Who were influenced by Hegel?", ["Karl Marx", "Kierkegaard", "John Dewey"], "inverse", S("G. W. F. Hegel", "~" + IB)),
 ("Who was born in Philadelphia?", ["Philly Joe Jones", "McCoy Tyner", "Lee Morgan", "Benny Golson", "Stan Getz", "Stanley Clarke"], "inverse",
  S("Philadelphia", "~" + POB), 8),
 ("Which albums came out on Blue Note?", ["Blue Train", "Moanin'", "Somethin' Else", "Maiden Voyage", "Speak No Evil"], "inverse",
  S("Blue Note Records", "~" + LABEL)),
 ("Which albums did Paul Chambers play bass on?", ["Kind of Blue", "Milestones", "Giant Steps", "Blue Train"], "inverse",
  S("Paul Chambers", "~" + PERS)),
 ("Which school of philosophy did Epicurus found?", ["Epicureanism"], "inverse", S("Epicurus", "~" + FOUNDER)),
 ("Whom did Plato influence?", ["Aristotle", "Plotinus", "Augustine", "Schopenhauer"], "inverse", S("Plato", "~" + IB)),
 ("What groups has Wayne Shorter been a member of?", ["Weather Report", "Jazz Messengers", "Miles Davis Quintet"], "inverse",
  S("Wayne Shorter", "~" + MEMB)),
 ("Who was Aristotle's pupil?", ["Alexander the Great"], "inverse", S("Aristotle", "~" + STU)),
 ("Who wrote Principia Mathematica?", ["Bertrand Russell|Russell", "Alfred North Whitehead|Whitehead"], "inverse",
  S("Principia Mathematica", "~" + WORKS)),
 ("Which jazz musicians play the trumpet?", ["Miles Davis", "Lee Morgan", "Freddie Hubbard", "Louis Armstrong"], "inverse",
  S("trumpet", "~" + INSTR)),
 ("Which record labels are headquartered in New York City?", ["Columbia", "Blue Note", "Impulse!", "Atlantic", "Prestige", "Riverside"],
  "inverse", S("New York City", "~" + HQ)),
 ("Who was born in Vienna?", ["Ludwig Wittgenstein|Wittgenstein", "Karl Popper|Popper", "Joe Zawinul|Zawinul"], "inverse",
  S("Vienna", "~" + POB)),
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
