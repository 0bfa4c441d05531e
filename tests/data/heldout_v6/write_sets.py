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

REP, GENRE, TROUPE, POB_ZH, PROV = "代表剧目", "所属剧种", "所属剧团", "出生地", "所属省份"
BIRTH, RIVER, SITE, OPER, PWR = "出生日期", "所在河流", "所在地", "运营单位", "装机容量"
SX, GZB, BHT, XLD, WDD, XJB = "三峡水电站", "葛洲坝水利枢纽", "白鹤滩水电站", "溪洛渡水电站", "乌东德水电站", "向家坝水电站"
JP, ET, XLDI = "锦屏一级水电站", "二滩水电站", "小浪底水利枢纽"
CJDL = "中国长江电力"
HAS_BIRTH = [{"rel": BIRTH}]

ZH = [
 # ---------- count ----------
 ("梅兰芳的代表剧目一共有几出？", ["5"], "count", CNT(S("梅兰芳", REP))),
 ("汤显祖一共写了几部戏？", ["4"], "count", CNT(S("汤显祖", "~作者"))),
 ("伊泰普水电站是几个国家共有的？", ["2"], "count", CNT(S("伊泰普水电站", "所属国家"))),
 ("长江电力手里管着几座水电站？", ["6"], "count", CNT(S(CJDL, "~" + OPER))),
 ("金沙江上建了几座大型水电站？", ["4"], "count", CNT(S("金沙江", "~" + RIVER))),
 ("越剧《梁山伯与祝英台》是哪几位艺术家的代表作？一共几位？", ["3", "袁雪芬", "范瑞娟", "傅全香"], "count",
  CNT(S("梁山伯与祝英台", "~" + REP), S("梁山伯与祝英台", "~" + REP))),
 ("白鹤滩水电站横跨几个地区？", ["2"], "count", CNT(S(BHT, SITE))),
 ("黄山市出产的名茶有几种？", ["3"], "count", CNT(S("黄山市", "~产地"))),
 ("周信芳有几出拿手戏？", ["3"], "count", CNT(S("周信芳", REP))),
 ("上海昆剧团里有几位昆曲名家？", ["3"], "count", CNT(S("上海昆剧团", "~" + TROUPE))),
 ("四大名旦是哪几位？一共几个人？", ["4", "梅兰芳", "程砚秋", "尚小云", "荀慧生"], "count",
  CNT(S("四大名旦", "成员"), S("四大名旦", "成员"))),
 ("严凤英有几部代表作？", ["3"], "count", CNT(S("严凤英", REP))),
 # filtered
 ("《天仙配》的主演里有几位女演员？是谁？", ["1", "严凤英"], "count",
  CNT(S("天仙配", "~" + REP, filter=[F("性别", "女")]), S("天仙配", "~" + REP, filter=[F("性别", "女")]))),
 ("演过《穆桂英挂帅》的京剧演员有几位？", ["2"], "count",
  CNT(S("穆桂英挂帅", "~" + REP, filter=[F(GENRE, "京剧")]))),
 ("唱昆曲的名家里女演员有几位？分别是谁？", ["2", "张继青", "华文漪"], "count",
  CNT(S("昆曲", "~" + GENRE, filter=[F("性别", "女")]), S("昆曲", "~" + GENRE, filter=[F("性别", "女")]))),
 ("出生在北京的京剧艺术家有几位？", ["5"], "count", CNT(S("北京市", "~" + POB_ZH, filter=[F(GENRE, "京剧")]))),
 ("安徽产的名茶里有几种是绿茶？", ["3"], "count", CNT(S("安徽省", "~" + PROV, "~产地", filter=[F("茶类", "绿茶")]))),
 ("福建出产的名茶中乌龙茶有几种？", ["2"], "count", CNT(S("福建省", "~" + PROV, "~产地", filter=[F("茶类", "乌龙茶")]))),
 ("入选联合国人类非遗名录的戏曲剧种有几个？", ["4"], "count",
  CNT(S("戏曲剧种", "~类别", filter=[{"rel": "入选人类非遗时间"}]))),
 ("金沙江上的电站有几座是双曲拱坝？", ["3"], "count",
  CNT(S("金沙江", "~" + RIVER, filter=[F("坝型", "混凝土双曲拱坝")]))),
 # ---------- compare ----------
 ("三峡和白鹤滩，哪个电站装机容量更大？", ["三峡"], "compare", CMP(SX, BHT, PWR, "max")),
 ("白鹤滩和溪洛渡哪个大坝更高？", ["白鹤滩"], "compare", CMP(BHT, XLD, "坝高", "max")),
 ("锦屏一级跟白鹤滩比，谁的坝高？", ["锦屏"], "compare", CMP(JP, BHT, "坝高", "max")),
 ("溪洛渡和小浪底哪个库容大一些？", ["溪洛渡"], "compare", CMP(XLD, XLDI, "总库容", "max")),
 ("胡佛水坝和葛洲坝，谁的发电能力更强？", ["葛洲坝"], "compare", CMP("胡佛水坝", GZB, PWR, "max")),
 ("伊泰普的装机容量比三峡还大吗？", [NO], "compare", CMP("伊泰普水电站", SX, PWR, "max", yesno="伊泰普水电站")),
 ("丹江口水库和三峡水库哪个能蓄更多的水？", ["三峡"], "compare", CMP("丹江口水利枢纽", SX, "总库容", "max")),
 ("三峡和小浪底哪个先开工？", ["小浪底"], "compare", CMP(SX, XLDI, "开工时间", "min")),
 ("乌东德和白鹤滩哪个电站先发的电？", ["乌东德"], "compare", CMP(WDD, BHT, "首台机组发电时间", "min")),
 ("锦屏一级的装机容量比二滩大吗？", [YES], "compare", CMP(JP, ET, PWR, "max", yesno=JP)),
 ("大古力水坝和伊泰普谁的装机容量大？", ["伊泰普"], "compare", CMP("大古力水坝", "伊泰普水电站", PWR, "max")),
 ("梅兰芳和周信芳谁年纪大？", ["梅兰芳"], "compare", CMP("梅兰芳", "周信芳", BIRTH, "min")),
 ("尚小云和荀慧生谁更年长？", ["荀慧生"], "compare", CMP("尚小云", "荀慧生", BIRTH, "min")),
 ("程砚秋和马连良谁更年轻？", ["程砚秋"], "compare", CMP("程砚秋", "马连良", BIRTH, "max")),
 ("袁雪芬跟王文娟比，谁岁数大？", ["袁雪芬"], "compare", CMP("袁雪芬", "王文娟", BIRTH, "min")),
 ("徐玉兰和傅全香哪位出生得早？", ["徐玉兰"], "compare", CMP("徐玉兰", "傅全香", BIRTH, "min")),
 ("常香玉比红线女年纪大吗？", [YES], "compare", CMP("常香玉", "红线女", BIRTH, "min", yesno="常香玉")),
 ("上海越剧院和浙江小百花越剧团哪个成立得早？", ["上海越剧院"], "compare",
  CMP("上海越剧院", "浙江小百花越剧团", "成立时间", "min")),
 ("北方昆曲剧院比中国国家京剧院成立得早吗？", [NO], "compare",
  CMP("北方昆曲剧院", "中国国家京剧院", "成立时间", "min", yesno="北方昆曲剧院")),
 ("昆曲和京剧哪个先被列入人类非遗？", ["昆曲"], "compare", CMP("昆曲", "京剧", "入选人类非遗时间", "min")),
 # ---------- superlative ----------
 ("金沙江上哪座电站装机容量最大？", ["白鹤滩"], "superlative", SUP("argmax", S("金沙江", "~" + RIVER), PWR)),
 ("黄河上的几座电站里，哪座坝最高？", ["龙羊峡"], "superlative", SUP("argmax", S("黄河", "~" + RIVER), "坝高")),
 ("长江电力运营的电站中哪座最早开始发电？", ["葛洲坝"], "superlative",
  SUP("argmin", S(CJDL, "~" + OPER), "首台机组发电时间")),
 ("长江电力的电站里哪座投产最晚？", ["白鹤滩"], "superlative",
  SUP("argmax", S(CJDL, "~" + OPER), "首台机组发电时间")),
 ("四大名旦中谁年纪最小？", ["程砚秋"], "superlative", SUP("argmax", S("四大名旦", "成员"), BIRTH)),
 ("越剧名家里谁最年长？", ["尹桂芳"], "superlative", SUP("argmin", S("越剧", "~" + GENRE, filter=HAS_BIRTH), BIRTH)),
 ("黄梅戏演员中谁最年轻？", ["韩再芬"], "superlative", SUP("argmax", S("黄梅戏", "~" + GENRE, filter=HAS_BIRTH), BIRTH)),
 ("上海越剧院的演员里谁最年轻？", ["王文娟"], "superlative", SUP("argmax", S("上海越剧院", "~" + TROUPE), BIRTH)),
 ("梅兰芳、程砚秋、马连良三人中谁最年长？", ["梅兰芳"], "superlative",
  SUP("argmin", S(["梅兰芳", "程砚秋", "马连良"]), BIRTH)),
 ("白鹤滩、溪洛渡和锦屏一级，哪个坝最矮？", ["溪洛渡"], "superlative", SUP("argmin", S([BHT, XLD, JP]), "坝高")),
 ("三峡、伊泰普和白鹤滩这三座电站，哪座装机最大？", ["三峡"], "superlative",
  SUP("argmax", S([SX, "伊泰普水电站", BHT]), PWR)),
 ("胡佛水坝、伊泰普和阿斯旺高坝里哪个库容最大？", ["阿斯旺"], "superlative",
  SUP("argmax", S(["胡佛水坝", "伊泰普水电站", "阿斯旺高坝"]), "总库容")),
 ("双曲拱坝里最高的是哪座？", ["锦屏"], "superlative", SUP("argmax", S("混凝土双曲拱坝", "~坝型"), "坝高")),
 ("《牡丹亭》、《长生殿》和《桃花扇》哪部写得最早？", ["牡丹亭"], "superlative",
  SUP("argmin", S(["牡丹亭", "长生殿", "桃花扇"]), "创作时间")),
 ("汤显祖、洪昇、孔尚任三位剧作家谁出生最晚？", ["孔尚任"], "superlative",
  SUP("argmax", S(["汤显祖", "洪昇", "孔尚任"]), BIRTH)),
 ("四川境内的水电站中哪座坝最矮？", ["向家坝"], "superlative",
  SUP("argmin", S("四川省", "~" + PROV, "~" + SITE), "坝高")),
 ("出生在浙江的越剧演员里谁最年轻？", ["茅威涛"], "superlative",
  SUP("argmax", S("浙江省", "~" + PROV, "~" + POB_ZH, filter=[F(GENRE, "越剧")]), BIRTH)),
 ("京剧演员里谁出生最早？", ["谭鑫培"], "superlative", SUP("argmin", S("京剧", "~" + GENRE, filter=HAS_BIRTH), BIRTH)),
 ("中国国家京剧院的演员中谁最年轻？", ["李胜素"], "superlative", SUP("argmax", S("中国国家京剧院", "~" + TROUPE), BIRTH)),
 ("黄河上哪座电站最早发电？", ["刘家峡"], "superlative", SUP("argmin", S("黄河", "~" + RIVER), "首台机组发电时间")),
 # ---------- intersection ----------
 ("梅兰芳和杨小楼都演过哪出戏？", ["霸王别姬"], "intersection", SET(AND(S("梅兰芳", REP), S("杨小楼", REP)))),
 ("袁雪芬和范瑞娟共同的代表作是哪部？", ["梁山伯与祝英台|梁祝"], "intersection",
  SET(AND(S("袁雪芬", REP), S("范瑞娟", REP)))),
 ("徐玉兰和王文娟一起演过什么戏？", ["红楼梦"], "intersection", SET(AND(S("徐玉兰", REP), S("王文娟", REP)))),
 ("梅兰芳和李胜素都唱过哪些戏？", ["贵妃醉酒", "穆桂英挂帅"], "intersection", SET(AND(S("梅兰芳", REP), S("李胜素", REP)))),
 ("豫剧的马金凤和京剧的梅兰芳有哪出共同的代表剧目？", ["穆桂英挂帅"], "intersection",
  SET(AND(S("马金凤", REP), S("梅兰芳", REP)))),
 ("严凤英和王少舫一起演过哪些黄梅戏？", ["天仙配", "女驸马"], "intersection", SET(AND(S("严凤英", REP), S("王少舫", REP)))),
 ("红线女和马师曾有哪部共同的代表作？", ["搜书院"], "intersection", SET(AND(S("红线女", REP), S("马师曾", REP)))),
 ("俞振飞和张继青都演过的昆曲是哪出？", ["牡丹亭"], "intersection", SET(AND(S("俞振飞", REP), S("张继青", REP)))),
 ("俞振飞和蔡正仁共同的拿手戏是什么？", ["长生殿"], "intersection", SET(AND(S("俞振飞", REP), S("蔡正仁", REP)))),
 ("袁雪芬和王文娟是同一个剧团的吗？是哪个剧团？", ["上海越剧院"], "intersection",
  SET(AND(S("袁雪芬", TROUPE), S("王文娟", TROUPE)))),
 ("梅兰芳和程砚秋是在同一个城市出生的吗？是哪里？", ["北京"], "intersection",
  SET(AND(S("梅兰芳", POB_ZH), S("程砚秋", POB_ZH)))),
 ("张继青和俞振飞是同一个地方的人吗？是哪里？", ["苏州"], "intersection",
  SET(AND(S("张继青", POB_ZH), S("俞振飞", POB_ZH)))),
 ("哪座城市既是杨小楼的籍贯，又是严凤英的出生地？", ["安庆"], "intersection",
  SET(AND(S("杨小楼", "籍贯"), S("严凤英", POB_ZH)))),
 ("三峡水电站和葛洲坝都在哪个城市？", ["宜昌"], "intersection", SET(AND(S(SX, SITE), S(GZB, SITE)))),
 ("白鹤滩和溪洛渡都位于哪些地方？", ["凉山", "昭通"], "intersection", SET(AND(S(BHT, SITE), S(XLD, SITE)))),
 ("乌东德和白鹤滩共同的所在地是哪里？", ["凉山"], "intersection", SET(AND(S(WDD, SITE), S(BHT, SITE)))),
 ("向家坝和溪洛渡都在哪个市？", ["昭通"], "intersection", SET(AND(S(XJB, SITE), S(XLD, SITE)))),
 ("哪座城市既有新安江水电站，又出产西湖龙井？", ["杭州"], "intersection",
  SET(AND(S("新安江水电站", SITE), S("西湖龙井", "产地")))),
 ("黄山毛峰和祁门红茶是同一个地方产的吗？产自哪里？", ["黄山"], "intersection",
  SET(AND(S("黄山毛峰", "产地"), S("祁门红茶", "产地")))),
 ("大红袍和正山小种都产自哪座城市？", ["南平"], "intersection", SET(AND(S("大红袍", "产地"), S("正山小种", "产地")))),
 # ---------- negative ----------
 ("梅兰芳有多高？", NEG, "negative", ABS("梅兰芳", "身高")),
 ("程砚秋是哪个剧团的？", NEG, "negative", ABS("程砚秋", TROUPE)),
 ("尹桂芳在哪个剧团唱戏？", NEG, "negative", ABS("尹桂芳", TROUPE)),
 ("马金凤是哪一年出生的？", NEG, "negative", ABS("马金凤", BIRTH)),
 ("向家坝水电站是哪年开工的？", NEG, "negative", ABS(XJB, "开工时间")),
 ("三峡电站一年能发多少度电？", NEG, "negative", ABS(SX, "年发电量", "发电量")),
 ("白鹤滩水电站总共花了多少钱？", NEG, "negative", ABS(BHT, "总投资", "投资")),
 ("龙羊峡水电站归哪家公司运营？", NEG, "negative", ABS("龙羊峡水电站", OPER)),
 ("越剧是哪一年入选人类非遗的？", NEG, "negative", ABS("越剧", "入选人类非遗时间")),
 ("西湖龙井多少钱一斤？", NEG, "negative", ABS("西湖龙井", "价格", "售价")),
 ("雅砻江公司的董事长是谁？", NEG, "negative", ABS("雅砻江流域水电开发有限公司", "董事长")),
 ("汤显祖是哪年去世的？", NEG, "negative", ABS("汤显祖", "去世时间", "逝世时间", "去世日期")),
 ("京剧《霸王别姬》的剧本是谁写的？", NEG, "negative", ABS("霸王别姬", "作者", "编剧")),
 ("阿斯旺高坝第一台机组是什么时候发电的？", NEG, "negative", ABS("阿斯旺高坝", "首台机组发电时间")),
 ("裘盛戎是哪个流派的？", NEG, "negative", {"op": "absent_entity", "name": "裘盛戎"}),
 ("糯扎渡水电站的装机容量是多少？", NEG, "negative", {"op": "absent_entity", "name": "糯扎渡"}),
 ("黄梅戏《孟丽君》是谁主演的？", NEG, "negative", {"op": "absent_entity", "name": "孟丽君"}),
 ("晋剧发源于哪里？", NEG, "negative", {"op": "absent_entity", "name": "晋剧"}),
 ("龙滩水电站的坝有多高？", NEG, "negative", {"op": "absent_entity", "name": "龙滩"}),
 ("梅葆玖是哪年出生的？", NEG, "negative", {"op": "absent_entity", "name": "梅葆玖"}),
 # ---------- traditional ----------
 ("梅蘭芳是哪個流派的？", ["梅派"], "traditional", SET(S("梅兰芳", "流派"))),
 ("周信芳的藝名叫什麼？", ["麒麟童"], "traditional", SET(S("周信芳", "艺名"))),
 ("程硯秋有哪些代表劇目？", ["锁麟囊", "荒山泪", "春闺梦"], "traditional", SET(S("程砚秋", REP))),
 ("越劇最早是從哪裡發源的？", ["绍兴"], "traditional", SET(S("越剧", "发源地"))),
 ("三峽大壩有多高？", ["181"], "traditional", SET(S(SX, "坝高"))),
 ("白鶴灘水電站的裝機容量是多少？", ["1600"], "traditional", SET(S(BHT, PWR))),
 ("葛洲壩是什麼時候開工的？", ["1970"], "traditional", SET(S(GZB, "开工时间"))),
 ("安溪鐵觀音屬於什麼茶？", ["乌龙"], "traditional", SET(S("安溪铁观音", "茶类"))),
 ("《鎖麟囊》是誰寫的？", ["翁偶虹"], "traditional", SET(S("锁麟囊", "作者"))),
 ("上海越劇院的首任院長是誰？", ["袁雪芬"], "traditional", SET(S("上海越剧院", "首任院长"))),
 ("黃梅戲又叫什麼？", ["黄梅调"], "traditional", SET(S("黄梅戏", "别名"))),
 ("四大名旦裡有幾位是在北京出生的？", ["3"], "traditional", CNT(S("四大名旦", "成员", filter=[F(POB_ZH, "北京市")]))),
 ("紅線女有幾部代表作？", ["2"], "traditional", CNT(S("红线女", REP))),
 ("黃山市出產幾種綠茶？", ["2"], "traditional", CNT(S("黄山市", "~产地", filter=[F("茶类", "绿茶")]))),
 ("馬連良有幾齣代表劇目？", ["3"], "traditional", CNT(S("马连良", REP))),
 ("紅線女出生的城市屬於哪個省？", ["广东"], "traditional", SET(S("红线女", POB_ZH, PROV))),
 ("《牡丹亭》的作者出生在哪個城市？", ["抚州"], "traditional", SET(S("牡丹亭", "作者", POB_ZH))),
 ("三峽水電站所在的城市屬於哪個省？", ["湖北"], "traditional", SET(S(SX, SITE, PROV))),
 ("周信芳所在的劇團在哪個城市？", ["上海"], "traditional", SET(S("周信芳", TROUPE, "所在城市"))),
 ("錦屏一級水電站的運營公司總部設在哪裡？", ["成都"], "traditional", SET(S(JP, OPER, "总部所在地"))),
]

COMP, LYR, BOOK, CAST, OPEN, BASED, AUTH = ("theater.play.composer", "theater.play.lyricist", "book_writer",
                                            "original_cast", "openedAt", "basedOn", "author")
OWN, HQ, POB, NAT, CONT = ("ownedBy", "organization.organization.headquarters", "people.person.place_of_birth",
                           "people.person.nationality", "location.location.containedby")
COACH, WON, VENUE, SIB, SPOUSE = "tennis.player.coach", "wonTournament", "venue", "people.person.sibling", "people.person.spouse"
VP, PARTY, SU = "government.us_president.vice_president", "memberOfParty", "served_under"
ATG, ALW = "Ambassador Theatre Group", "Andrew Lloyd Webber"
X = dict(exclude_start=True)

EN = [
 # ---------- two_hop ----------
 ("Where was the composer of Wicked born?", ["New York City"], "two_hop", S("Wicked", COMP, POB)),
 ("Who owns the theatre where Hamilton opened?", ["Nederlander"], "two_hop", S("Hamilton", OPEN, OWN)),
 ("Which musicals premiered in theatres owned by the Ambassador Theatre Group?", ["Into the Woods", "Frozen", "Oklahoma!", "The King and I", "Hadestown", "The Book of Mormon"], "two_hop", S(ATG, "~" + OWN, "~" + OPEN)),
 ("Who wrote the book Hamilton is based on?", ["Ron Chernow"], "two_hop", S("Hamilton", BASED, AUTH)),
 ("Who wrote the lyrics for Andrew Lloyd Webber's shows?", ["Charles Hart", "Richard Stilgoe", "T. S. Eliot|T.S. Eliot", "Tim Rice"], "two_hop", S(ALW, "~" + COMP, LYR)),
 ("Where were the original stars of Wicked born?", ["New York City", "Broken Arrow", "Cleveland"], "two_hop", S("Wicked", CAST, POB)),
 ("Who composed the musicals Chita Rivera originated roles in?", ["John Kander", "Leonard Bernstein"], "two_hop", S("Chita Rivera", "~" + CAST, COMP)),
 ("Who wrote the books for the musicals Sondheim was lyricist on?", ["Arthur Laurents", "Hugh Wheeler", "James Lapine", "George Furth"], "two_hop", S("Stephen Sondheim", "~" + LYR, BOOK)),
 ("In which theatres did the shows with music by Stephen Sondheim first open?", ["Gershwin Theatre", "Al Hirschfeld Theatre", "Booth Theatre", "Neil Simon Theatre"], "two_hop", S("Stephen Sondheim", "~" + COMP, OPEN)),
 ("Which musicals are based on Puccini operas?", ["Rent", "Miss Saigon"], "two_hop", S("Giacomo Puccini", "~" + AUTH, "~" + BASED)),
 ("Which musical was adapted from a Shakespeare play?", ["West Side Story"], "two_hop", S("William Shakespeare", "~" + AUTH, "~" + BASED)),
 ("Who coached the tennis players born in Minsk?", ["Anton Dubrov", "Sam Sumyk", "Wim Fissette"], "two_hop", S("Minsk", "~" + POB, COACH)),
 ("Where were Andre Agassi's coaches born?", ["Oakland", "Adelaide"], "two_hop", S("Andre Agassi", COACH, POB)),
 ("Which majors did Andy Murray's coaches win as players?", ["Australian Open", "French Open", "US Open", "Wimbledon"], "two_hop", S("Andy Murray", COACH, WON)),
 ("What Grand Slams has Serena Williams's sister won?", ["Wimbledon", "US Open"], "two_hop", S("Serena Williams", SIB, WON)),
 ("Where were the players Darren Cahill has coached born?", ["San Candido", "Las Vegas", "Adelaide", "Constanța|Constanta"], "two_hop", S("Darren Cahill", "~" + COACH, POB)),
 ("Which countries are the players Wim Fissette has worked with from?", ["Japan", "Poland", "Belarus", "China", "Belgium"], "two_hop", S("Wim Fissette", "~" + COACH, NAT)),
 ("Where are the Grand Slams Stan Wawrinka won played?", ["Melbourne Park", "Roland Garros", "Billie Jean King National Tennis Center"], "two_hop", S("Stan Wawrinka", WON, VENUE)),
 ("Who has won the Grand Slam played at Stade Roland Garros?", ["Rafael Nadal", "Novak Djokovic", "Roger Federer", "Iga Świątek|Iga Swiatek", "Justine Henin", "Li Na"], "two_hop", S("Stade Roland Garros", "~" + VENUE, "~" + WON), 19),
 ("Who was vice president under the president born in Honolulu?", ["Joe Biden"], "two_hop", S("Honolulu", "~" + POB, VP)),
 ("Which party did Ronald Reagan's vice president belong to?", ["Republican"], "two_hop", S("Ronald Reagan", VP, PARTY)),
 ("Where was Bill Clinton's wife born?", ["Chicago"], "two_hop", S("Bill Clinton", SPOUSE, POB)),
 ("Who were secretaries of state under the president whose VP was Al Gore?", ["Warren Christopher", "Madeleine Albright"], "two_hop", S("Al Gore", "~" + VP, "~" + SU)),
 ("Where were FDR's vice presidents born?", ["Detroit, Texas", "Orient", "Lamar"], "two_hop", S("Franklin D. Roosevelt", VP, POB)),
 ("Who were the vice presidents of the presidents Henry Kissinger served under?", ["Spiro Agnew", "Gerald Ford", "Nelson Rockefeller"], "two_hop", S("Henry Kissinger", SU, VP)),
 ("Who were the wives of the presidents Dean Rusk worked for?", ["Jacqueline Kennedy", "Lady Bird Johnson"], "two_hop", S("Dean Rusk", SU, SPOUSE)),
 ("Where were George W. Bush's secretaries of state born?", ["New York City", "Birmingham"], "two_hop", S("George W. Bush", "~" + SU, POB)),
 ("What state is Kamala Harris's hometown in?", ["California"], "two_hop", S("Kamala Harris", POB, CONT)),
 ("Where do the original Hamilton cast members come from?", ["New York City", "Queens", "Oakland", "Lancaster"], "two_hop", S("Hamilton", CAST, POB)),
 ("Who starred in the musicals that opened at the Winter Garden Theatre?", ["Betty Buckley", "Ken Page", "Carol Lawrence", "Larry Kert", "Chita Rivera"], "two_hop", S("Winter Garden Theatre", "~" + OPEN, CAST)),
 # ---------- three_hop ----------
 ("In which state was the composer of Wicked born?", ["New York"], "three_hop", S("Wicked", COMP, POB, CONT)),
 ("Where is the owner of the theatre where The Lion King opened headquartered?", ["New York City"], "three_hop", S("The Lion King", OPEN, OWN, HQ)),
 ("Where is the company that owns Hadestown's original theatre based?", ["London"], "three_hop", S("Hadestown", OPEN, OWN, HQ)),
 ("Where were the composers of the musicals that opened at the Broadway Theatre born?", ["London", "Vannes"], "three_hop", S("Broadway Theatre", "~" + OPEN, COMP, POB)),
 ("Who wrote the music for shows that premiered in Ambassador Theatre Group houses?", ["Stephen Sondheim", "Kristen Anderson-Lopez", "Robert Lopez", "Richard Rodgers", "Anaïs Mitchell|Anais Mitchell", "Trey Parker"], "three_hop", S(ATG, "~" + OWN, "~" + OPEN, COMP), 7),
 ("Where were the stars of the musicals Stephen Schwartz composed born?", ["New York City", "Broken Arrow", "Cleveland"], "three_hop", S("Stephen Schwartz", "~" + COMP, CAST, POB)),
 ("Where were the original stars of Jonathan Larson's musical born?", ["New York City", "Bronx"], "three_hop", S("Jonathan Larson", "~" + COMP, CAST, POB)),
 ("Where are the Grand Slams won by Novak Djokovic's coaches held?", ["Melbourne Park", "Roland Garros", "All England", "Billie Jean King National Tennis Center"], "three_hop", S("Novak Djokovic", COACH, WON, VENUE)),
 ("In which countries were the players Wim Fissette coached born?", ["Japan", "Poland", "Belarus", "China", "Belgium"], "three_hop", S("Wim Fissette", "~" + COACH, POB, CONT)),
 ("Who coached the tennis players born in Spain?", ["Toni Nadal", "Carlos Moyá|Carlos Moya", "Francisco Roig", "Juan Carlos Ferrero"], "three_hop", S("Spain", "~" + CONT, "~" + POB, COACH)),
 ("Which Grand Slams have Belgian-born players won?", ["Australian Open", "French Open", "US Open"], "three_hop", S("Belgium", "~" + CONT, "~" + POB, WON)),
 ("Where was the vice president of the president born in Omaha born?", ["Bar Harbor"], "three_hop", S("Omaha", "~" + POB, VP, POB)),
 ("In which state was Barack Obama's vice president born?", ["Pennsylvania"], "three_hop", S("Barack Obama", VP, POB, CONT)),
 ("Which party did the vice presidents of the presidents Dean Rusk served under belong to?", ["Democratic"], "three_hop", S("Dean Rusk", SU, VP, PARTY)),
 ("Who were the secretaries of state of the presidents whose wives were born in Chicago?", ["Warren Christopher", "Madeleine Albright", "Hillary Clinton", "John Kerry"], "three_hop", S("Chicago", "~" + POB, "~" + SPOUSE, "~" + SU)),
 ("Where was the vice president of the president Alexander Haig served born?", ["Milton"], "three_hop", S("Alexander Haig", SU, VP, POB)),
 ("Who coached the players born in Belarus?", ["Anton Dubrov", "Sam Sumyk", "Wim Fissette"], "three_hop", S("Belarus", "~" + CONT, "~" + POB, COACH)),
 ("Where were the original casts of Tim Rice's musicals born?", ["Northport", "Chicago", "Barataria", "Bronx"], "three_hop", S("Tim Rice", "~" + LYR, CAST, POB)),
 ("Which company owns the theatres where Andrew Lloyd Webber's musicals opened?", ["Shubert"], "three_hop", S(ALW, "~" + COMP, OPEN, OWN)),
 ("In which cities are the Grand Slams that Li Na won played?", ["Paris", "Melbourne"], "three_hop", S("Li Na", WON, VENUE, CONT)),
 # ---------- co_star ----------
 ("Who else was in an original Broadway cast with Idina Menzel?", ["Kristin Chenoweth", "Joel Grey", "Adam Pascal", "Anthony Rapp", "Taye Diggs", "Jesse L. Martin"], "co_star", S("Idina Menzel", "~" + CAST, CAST, **X), 8),
 ("Which musicals share a composer with Cats?", ["The Phantom of the Opera", "Evita", "Jesus Christ Superstar"], "co_star", S("Cats", COMP, "~" + COMP, **X)),
 ("Which other musicals opened at the same theatre as Hamilton?", ["In the Heights", "Chicago"], "co_star", S("Hamilton", OPEN, "~" + OPEN, **X)),
 ("Which shows have the same lyricist as West Side Story?", ["Gypsy", "Sweeney Todd", "Into the Woods", "Sunday in the Park with George", "Company"], "co_star", S("West Side Story", LYR, "~" + LYR, **X)),
 ("Who has co-written the music of a show with Robert Lopez?", ["Trey Parker", "Matt Stone", "Kristen Anderson-Lopez", "Jeff Marx"], "co_star", S("Robert Lopez", "~" + COMP, COMP, **X)),
 ("Who performed alongside Heather Headley in an original Broadway cast?", ["Jason Raize", "Samuel E. Wright", "Tsidii Le Loka", "Adam Pascal", "Sherie Rene Scott"], "co_star", S("Heather Headley", "~" + CAST, CAST, **X)),
 ("Which tennis players share a coach with Andre Agassi?", ["Andy Murray", "Andy Roddick", "Coco Gauff", "Jannik Sinner", "Lleyton Hewitt", "Simona Halep"], "co_star", S("Andre Agassi", COACH, "~" + COACH, **X)),
 ("Who else has worked with one of Naomi Osaka's coaches?", ["Iga Świątek|Iga Swiatek", "Victoria Azarenka", "Zheng Qinwen", "Kim Clijsters", "Serena Williams", "Simona Halep"], "co_star", S("Naomi Osaka", COACH, "~" + COACH, **X)),
 ("Which player was born in the same city as Aryna Sabalenka?", ["Victoria Azarenka"], "co_star", S("Aryna Sabalenka", POB, "~" + POB, **X)),
 ("Which players share a coach with Zheng Qinwen?", ["Naomi Osaka", "Iga Świątek|Iga Swiatek", "Victoria Azarenka", "Kim Clijsters", "Coco Gauff"], "co_star", S("Zheng Qinwen", COACH, "~" + COACH, **X)),
 ("Who else comes from Andy Roddick's birthplace?", ["Gerald Ford"], "co_star", S("Andy Roddick", POB, "~" + POB, **X)),
 ("Who else was born in the same city as Pete Sampras?", ["Chita Rivera", "Al Gore"], "co_star", S("Pete Sampras", POB, "~" + POB, **X)),
 ("Who else was secretary of state under the same president as John Kerry?", ["Hillary Clinton"], "co_star", S("John Kerry", SU, "~" + SU, **X)),
 ("Who else served as secretary of state under a president that Edward Stettinius Jr. also served?", ["Cordell Hull", "James F. Byrnes", "George Marshall", "Dean Acheson"], "co_star", S("Edward Stettinius Jr.", SU, "~" + SU, **X)),
 ("Who shares a birthplace with Kamala Harris?", ["Brad Gilbert", "Daveed Diggs"], "co_star", S("Kamala Harris", POB, "~" + POB, **X)),
 # ---------- inverse ----------
 ("Which musicals did Stephen Sondheim write lyrics for?", ["West Side Story", "Gypsy", "Sweeney Todd", "Into the Woods", "Sunday in the Park with George", "Company"], "inverse", S("Stephen Sondheim", "~" + LYR)),
 ("Which musicals opened at the St. James Theatre?", ["Frozen", "Oklahoma!", "The King and I"], "inverse", S("St. James Theatre", "~" + OPEN)),
 ("Which shows did Andrew Lloyd Webber compose?", ["The Phantom of the Opera", "Cats", "Evita", "Jesus Christ Superstar"], "inverse", S(ALW, "~" + COMP)),
 ("Which theatres does the Shubert Organization own?", ["Majestic Theatre", "Winter Garden Theatre", "Broadway Theatre", "Broadhurst Theatre", "Booth Theatre", "Music Box Theatre"], "inverse", S("Shubert Organization", "~" + OWN), 7),
 ("Which musicals did Bernadette Peters originate roles in?", ["Into the Woods", "Sunday in the Park with George"], "inverse", S("Bernadette Peters", "~" + CAST)),
 ("Which musical is based on La Bohème?", ["Rent"], "inverse", S("La Bohème", "~" + BASED)),
 ("Who has Brad Gilbert coached?", ["Andy Murray", "Andre Agassi", "Andy Roddick", "Coco Gauff"], "inverse", S("Brad Gilbert", "~" + COACH)),
 ("Which players has Patrick Mouratoglou coached?", ["Serena Williams", "Naomi Osaka", "Simona Halep"], "inverse", S("Patrick Mouratoglou", "~" + COACH)),
 ("Who was born in Minsk?", ["Aryna Sabalenka", "Victoria Azarenka"], "inverse", S("Minsk", "~" + POB)),
 ("Which players have won Wimbledon?", ["Roger Federer", "Novak Djokovic", "Andy Murray", "Serena Williams", "Venus Williams", "Steffi Graf"], "inverse", S("Wimbledon", "~" + WON), 21),
 ("Who served as secretary of state under Harry S. Truman?", ["Edward Stettinius", "James F. Byrnes", "George Marshall", "Dean Acheson"], "inverse", S("Harry S. Truman", "~" + SU)),
 ("Who were Richard Nixon's secretaries of state?", ["William P. Rogers", "Henry Kissinger"], "inverse", S("Richard Nixon", "~" + SU)),
 ("Which theatres does the Ambassador Theatre Group own?", ["Al Hirschfeld Theatre", "St. James Theatre", "Walter Kerr Theatre", "Eugene O'Neill Theatre"], "inverse", S(ATG, "~" + OWN)),
 ("Who was born in Prague?", ["Martina Navratilova", "Madeleine Albright"], "inverse", S("Prague", "~" + POB)),
 ("Which musicals did Robert Lopez write music for?", ["The Book of Mormon", "Frozen", "Avenue Q"], "inverse", S("Robert Lopez", "~" + COMP)),
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
