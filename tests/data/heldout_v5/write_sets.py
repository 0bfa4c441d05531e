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

CREW_GOLD = "冠军"
BIRTH, FOUNDER, HQ_ZH, MAKER, ROUTE = "出生日期", "创始人", "总部所在地", "生产商", "途经省份"
WIN_GAMES, EVENT_GAMES = "夺冠奥运会", "所属奥运会"
TK, PR = "2020年东京奥运会", "2024年巴黎奥运会"
JH, JG, HK = "京沪高速铁路", "京广高速铁路", "沪昆高速铁路"

ZH = [
 # ---------- count ----------
 ("特斯拉一共有几位创始人？", ["5"], "count", CNT(S("特斯拉", FOUNDER))),
 ("小鹏汽车是几个人一起创办的？", ["3"], "count", CNT(S("小鹏汽车", FOUNDER))),
 ("劳斯莱斯是由几个人创立的？", ["2"], "count", CNT(S("劳斯莱斯汽车", FOUNDER))),
 ("马龙在几届奥运会上拿过金牌？", ["4"], "count", CNT(S("马龙", WIN_GAMES))),
 ("博尔特一共在多少届奥运会上夺过金？", ["3"], "count", CNT(S("尤塞恩·博尔特", WIN_GAMES))),
 ("飞鱼菲尔普斯在几届奥运会上都拿到了金牌？", ["4"], "count", CNT(S("迈克尔·菲尔普斯", WIN_GAMES))),
 ("京沪高铁一路经过几个省和直辖市？", ["7"], "count", CNT(S(JH, ROUTE))),
 ("京广高铁穿过多少个省级行政区？", ["6"], "count", CNT(S(JG, ROUTE))),
 ("沪昆高铁途经的省级行政区有几个？", ["6"], "count", CNT(S(HK, ROUTE))),
 ("京哈高铁要经过几个省市？", ["5"], "count", CNT(S("京哈高速铁路", ROUTE))),
 ("东京奥运会乒乓球男团冠军有几名队员？", ["3"], "count", CNT(S("东京奥运会乒乓球男子团体", "冠军"))),
 ("樊振东在东京和巴黎一共拿了几个乒乓球项目的冠军？", ["3"], "count", CNT(S("樊振东", "~冠军"))),
 # filtered
 ("巴黎奥运会上孙颖莎拿了几个项目的冠军？", ["2"], "count",
  CNT(S("孙颖莎", "~冠军", filter=[F(EVENT_GAMES, PR)]))),
 ("马龙在东京奥运会上拿了几块金牌？", ["2"], "count",
  CNT(S("马龙", "~冠军", filter=[F(EVENT_GAMES, TK)]))),
 ("巴黎奥运会混双冠军组合里有几位女选手？是谁？", ["1", "孙颖莎|莎莎"], "count",
  CNT(S("巴黎奥运会乒乓球混合双打", "冠军", filter=[F("性别", "女")]),
      S("巴黎奥运会乒乓球混合双打", "冠军", filter=[F("性别", "女")]))),
 ("巴黎奥运会乒乓球项目的冠军里，女运动员有几位？", ["3", "陈梦", "孙颖莎|莎莎", "王曼昱"], "count",
  CNT(S(PR, "~" + EVENT_GAMES, "冠军", filter=[F("性别", "女")]),
      S(PR, "~" + EVENT_GAMES, "冠军", filter=[F("性别", "女")]))),
 ("东京奥运会乒乓球各项冠军中男选手有几个？", ["4"], "count",
  CNT(S(TK, "~" + EVENT_GAMES, "冠军", filter=[F("性别", "男")]))),
 ("菲尔普斯夺冠的那几届奥运会里，有几届是在中国办的？", ["1"], "count",
  CNT(S("迈克尔·菲尔普斯", WIN_GAMES, filter=[F("举办国家", "中国")]))),
 ("特斯拉的车型里有几款是SUV？", ["2"], "count", CNT(S("特斯拉", "~" + MAKER, filter=[F("类型", "SUV")]))),
 ("特斯拉出过几款轿车？", ["2"], "count", CNT(S("特斯拉", "~" + MAKER, filter=[F("类型", "轿车")]))),
 # ---------- compare ----------
 ("比亚迪和特斯拉，2023年谁卖的车更多？", ["比亚迪|BYD"], "compare", CMP("比亚迪", "特斯拉", "2023年销量", "max")),
 ("2023年理想和蔚来哪家卖得多？", ["理想"], "compare", CMP("理想汽车", "蔚来", "2023年销量", "max")),
 ("丰田和大众2023年谁的销量更大？", ["丰田|Toyota"], "compare", CMP("丰田汽车", "大众汽车集团", "2023年销量", "max")),
 ("小鹏汽车和理想汽车哪个成立得早？", ["小鹏"], "compare", CMP("小鹏汽车", "理想汽车", "成立时间", "min")),
 ("宝马和大众哪个牌子历史更长？", ["宝马|BMW"], "compare", CMP("宝马", "大众汽车集团", "成立时间", "min")),
 ("丰田和本田谁先成立？", ["丰田|Toyota"], "compare", CMP("丰田汽车", "本田技研工业", "成立时间", "min")),
 ("法拉利比兰博基尼成立得早吗？", [YES], "compare", CMP("法拉利", "兰博基尼", "成立时间", "min", yesno="法拉利")),
 ("卡尔·本茨和戴姆勒谁年纪更大？", ["戴姆勒"], "compare", CMP("卡尔·本茨", "戈特利布·戴姆勒", BIRTH, "min")),
 ("王传福和李书福谁更年轻？", ["王传福"], "compare", CMP("王传福", "李书福", BIRTH, "max")),
 ("雷军比马斯克年纪大吗？", [YES], "compare", CMP("雷军", "埃隆·马斯克", BIRTH, "min", yesno="雷军")),
 ("Model 3和Model Y哪个先上市？", ["Model 3"], "compare", CMP("Model 3", "Model Y", "上市时间", "min")),
 ("理想L9和小鹏G9哪款车更早上市？", ["理想L9|L9"], "compare", CMP("理想L9", "小鹏G9", "上市时间", "min")),
 ("福特野马比保时捷911上市早吗？", [NO], "compare", CMP("福特野马", "保时捷911", "上市时间", "min", yesno="福特野马")),
 ("马龙和张继科谁岁数大？", ["张继科"], "compare", CMP("马龙", "张继科", BIRTH, "min")),
 ("孙颖莎和王楚钦谁更年轻一点？", ["孙颖莎|莎莎"], "compare", CMP("孙颖莎", "王楚钦", BIRTH, "max")),
 ("朱婷和郎平谁个子更高？", ["朱婷"], "compare", CMP("朱婷", "郎平", "身高", "max")),
 ("林丹比刘翔高吗？", [NO], "compare", CMP("林丹", "刘翔", "身高", "max", yesno="林丹")),
 ("京沪高铁和京广高铁哪条线更长？", ["京广"], "compare", CMP(JH, JG, "全长", "max")),
 ("京张高铁和京哈高铁哪个先通车？", ["京张"], "compare", CMP("京张高速铁路", "京哈高速铁路", "开通时间", "min")),
 ("东京奥运会和里约奥运会，中国队哪届拿的金牌多？", ["东京"], "compare",
  CMP(TK, "2016年里约热内卢奥运会", "中国队金牌数", "max")),
 # ---------- superlative ----------
 ("特斯拉最新推出的车型是哪款？", ["Cybertruck"], "superlative", SUP("argmax", S("特斯拉", "~" + MAKER), "上市时间")),
 ("丰田的卡罗拉、凯美瑞和普锐斯，哪款最早上市？", ["卡罗拉|花冠"], "superlative", SUP("argmin", S("丰田汽车", "~" + MAKER), "上市时间")),
 ("保时捷、法拉利和兰博基尼这三家里，哪家成立得最晚？", ["兰博基尼"], "superlative",
  SUP("argmax", S(["保时捷", "法拉利", "兰博基尼"]), "成立时间")),
 ("Model S、Model X和Model 3里面，最早上市的是哪一款？", ["Model S"], "superlative",
  SUP("argmin", S(["Model S", "Model X", "Model 3"]), "上市时间")),
 ("大众最早推出的车型是哪个？", ["甲壳虫|Beetle"], "superlative", SUP("argmin", S("大众汽车集团", "~" + MAKER), "上市时间")),
 ("理想ONE、理想L9、理想MEGA这几款车里哪款最新？", ["MEGA"], "superlative", SUP("argmax", S("理想汽车", "~" + MAKER), "上市时间")),
 ("蔚来的车型中哪款最先上市？", ["ES8"], "superlative", SUP("argmin", S("蔚来", "~" + MAKER), "上市时间")),
 ("中国的汽车公司里哪家成立最早？", ["长城"], "superlative", SUP("argmin", S("中国", "~所属国家"), "成立时间")),
 ("美国的汽车公司里哪家历史最久？", ["福特|Ford"], "superlative", SUP("argmin", S("美国", "~所属国家"), "成立时间")),
 ("2023年销量最高的中国车企是哪家？", ["比亚迪|BYD"], "superlative",
  SUP("argmax", S("中国", "~所属国家", filter=[{"rel": "2023年销量"}]), "2023年销量")),
 ("德国车企的创始人当中谁出生得最早？", ["戴姆勒"], "superlative",
  SUP("argmin", S("德国", "~所属国家", FOUNDER), BIRTH)),
 ("意大利汽车品牌的创始人里谁最年轻？", ["兰博基尼"], "superlative",
  SUP("argmax", S("意大利", "~所属国家", FOUNDER), BIRTH)),
 ("东京奥运会乒乓球男团的冠军成员中谁最年轻？", ["樊振东|小胖"], "superlative",
  SUP("argmax", S("东京奥运会乒乓球男子团体", "冠军"), BIRTH)),
 ("巴黎奥运会乒乓球女团夺冠的三个人里谁年纪最大？", ["陈梦"], "superlative",
  SUP("argmin", S("巴黎奥运会乒乓球女子团体", "冠军"), BIRTH)),
 ("马龙第一次拿奥运金牌是在哪届奥运会？", ["伦敦|2012"], "superlative", SUP("argmin", S("马龙", WIN_GAMES), "开幕时间")),
 ("菲尔普斯最后一次拿奥运金牌是在哪一届？", ["里约|2016"], "superlative",
  SUP("argmax", S("迈克尔·菲尔普斯", WIN_GAMES), "开幕时间")),
 ("从北京南站出发的线路里哪条最长？", ["京沪"], "superlative", SUP("argmax", S("北京南站", "~起点站"), "全长")),
 ("终点在广州南站的高铁中哪条开通得最早？", ["武广"], "superlative", SUP("argmin", S("广州南站", "~终点站"), "开通时间")),
 ("经过河北省的高铁里哪一条最长？", ["京广"], "superlative", SUP("argmax", S("河北省", "~" + ROUTE), "全长")),
 ("途经湖南省的高铁中最早开通的是哪条？", ["武广"], "superlative", SUP("argmin", S("湖南省", "~" + ROUTE), "开通时间")),
 # ---------- intersection ----------
 ("马龙和樊振东在哪几届奥运会上都拿了金牌？", ["东京", "巴黎"], "intersection",
  SET(AND(S("马龙", WIN_GAMES), S("樊振东", WIN_GAMES)))),
 ("陈梦和孙颖莎一起拿过哪些冠军？", ["东京奥运会乒乓球女子团体|东京", "巴黎奥运会乒乓球女子团体|巴黎"], "intersection",
  SET(AND(S("陈梦", "~冠军"), S("孙颖莎", "~冠军")))),
 ("王楚钦和孙颖莎共同获得过哪个项目的冠军？", ["混合双打"], "intersection",
  SET(AND(S("王楚钦", "~冠军"), S("孙颖莎", "~冠军")))),
 ("马龙和许昕都在哪届奥运会上夺过冠？", ["里约", "东京"], "intersection",
  SET(AND(S("马龙", WIN_GAMES), S("许昕", WIN_GAMES)))),
 ("丁宁、李晓霞和张继科三人都拿过金牌的是哪几届奥运会？", ["伦敦", "里约"], "intersection",
  SET(AND(S("丁宁", WIN_GAMES), S("李晓霞", WIN_GAMES), S("张继科", WIN_GAMES)))),
 ("菲尔普斯和博尔特都在哪些奥运会上拿过金牌？", ["北京", "伦敦", "里约"], "intersection",
  SET(AND(S("迈克尔·菲尔普斯", WIN_GAMES), S("尤塞恩·博尔特", WIN_GAMES)))),
 ("郭晶晶和张怡宁共同夺冠的奥运会有哪几届？", ["雅典", "北京"], "intersection",
  SET(AND(S("郭晶晶", WIN_GAMES), S("张怡宁", WIN_GAMES)))),
 ("超级丹和闪电博尔特都是在哪届奥运会上夺的冠？", ["北京", "伦敦"], "intersection",
  SET(AND(S("林丹", WIN_GAMES), S("尤塞恩·博尔特", WIN_GAMES)))),
 ("东京和巴黎两届奥运会的乒乓球男团冠军里都有谁？", ["马龙", "樊振东|小胖"], "intersection",
  SET(AND(S("东京奥运会乒乓球男子团体", "冠军"), S("巴黎奥运会乒乓球男子团体", "冠军")))),
 ("京沪高铁和京广高铁都经过哪些省市？", ["北京", "河北"], "intersection",
  SET(AND(S(JH, ROUTE), S(JG, ROUTE)))),
 ("京广高铁和沪昆高铁共同途经哪个省？", ["湖南"], "intersection", SET(AND(S(JG, ROUTE), S(HK, ROUTE)))),
 ("京哈高铁和哈大高铁都穿过哪几个省？", ["辽宁", "吉林", "黑龙江"], "intersection",
  SET(AND(S("京哈高速铁路", ROUTE), S("哈大高速铁路", ROUTE)))),
 ("武广高铁和京广高铁都走哪些省？", ["湖北", "湖南", "广东"], "intersection",
  SET(AND(S("武广高速铁路", ROUTE), S(JG, ROUTE)))),
 ("京沪高铁和京津城际是从同一个车站发车的吗？是哪个站？", ["北京南"], "intersection",
  SET(AND(S(JH, "起点站"), S("京津城际铁路", "起点站")))),
 ("兰新高铁和青藏铁路都经过哪个省？", ["青海"], "intersection",
  SET(AND(S("兰新高速铁路", ROUTE), S("青藏铁路", ROUTE)))),
 ("京沪高铁和沪昆高铁都经过的地方是哪里？", ["上海"], "intersection", SET(AND(S(JH, ROUTE), S(HK, ROUTE)))),
 ("保时捷和兰博基尼共同的母公司是谁？", ["大众|Volkswagen"], "intersection",
  SET(AND(S("保时捷", "母公司"), S("兰博基尼", "母公司")))),
 ("奔驰和保时捷的总部都设在哪个城市？", ["斯图加特"], "intersection",
  SET(AND(S("梅赛德斯-奔驰", HQ_ZH), S("保时捷", HQ_ZH)))),
 ("哪座城市既是郭晶晶的出生地，又是长城汽车的总部所在地？", ["保定"], "intersection",
  SET(AND(S("郭晶晶", "出生地"), S("长城汽车", HQ_ZH)))),
 ("马龙和李晓霞是同一个地方出生的吗？是哪里？", ["鞍山"], "intersection",
  SET(AND(S("马龙", "出生地"), S("李晓霞", "出生地")))),
 # ---------- negative ----------
 ("马龙的教练是谁？", NEG, "negative", ABS("马龙", "教练", "主教练")),
 ("王楠是哪里人？", NEG, "negative", ABS("王楠", "出生地", "籍贯")),
 ("京广高铁沿线一共有多少个车站？", NEG, "negative", ABS(JG, "车站数")),
 ("京津城际铁路总共投资了多少钱？", NEG, "negative", ABS("京津城际铁路", "总投资")),
 ("法拉利2023年卖了多少辆车？", NEG, "negative", ABS("法拉利", "2023年销量", "销量")),
 ("小米汽车2023年的销量是多少？", NEG, "negative", ABS("小米汽车", "2023年销量", "销量")),
 ("唐古拉山口属于哪个省？", NEG, "negative", ABS("唐古拉山口", "所在省份", "所属省份", "所在地")),
 ("丰田喜一郎出生在哪里？", NEG, "negative", ABS("丰田喜一郎", "出生地")),
 ("劳斯莱斯的总部在哪？", NEG, "negative", ABS("劳斯莱斯汽车", HQ_ZH, "总部")),
 ("2008年北京奥运会中国队拿了多少枚金牌？", NEG, "negative", ABS("2008年北京奥运会", "中国队金牌数")),
 ("谷爱凌有多高？", NEG, "negative", ABS("谷爱凌", "身高")),
 ("苏炳添拿过几块奥运金牌？", NEG, "negative", ABS("苏炳添", "奥运金牌数", "夺冠奥运会")),
 ("哈大高铁的设计时速是多少？", NEG, "negative", ABS("哈大高速铁路", "设计时速")),
 ("比亚迪汉卖多少钱？", NEG, "negative", ABS("比亚迪汉", "售价", "价格", "指导价")),
 ("蔚来ES7是什么时候上市的？", NEG, "negative", {"op": "absent_entity", "name": "ES7"}),
 ("京昆高铁全长多少公里？", NEG, "negative", {"op": "absent_entity", "name": "京昆"}),
 ("刘国梁拿过几枚奥运金牌？", NEG, "negative", {"op": "absent_entity", "name": "刘国梁"}),
 ("1988年汉城奥运会是哪天开幕的？", NEG, "negative", {"op": "absent_entity", "name": "汉城"}),
 ("雪佛兰是哪一年成立的？", NEG, "negative", {"op": "absent_entity", "name": "雪佛兰"}),
 ("郑州东站是什么时候启用的？", NEG, "negative", {"op": "absent_entity", "name": "郑州东"}),
 # ---------- traditional ----------
 ("比亞迪的創始人是誰？", ["王传福"], "traditional", SET(S("比亚迪", FOUNDER))),
 ("特斯拉的總部在哪個城市？", ["奥斯汀"], "traditional", SET(S("特斯拉", HQ_ZH))),
 ("蔚來是哪一年成立的？", ["2014"], "traditional", SET(S("蔚来", "成立时间"))),
 ("小米SU7是什麼時候上市的？", ["2024年3月28日|2024"], "traditional", SET(S("小米SU7", "上市时间"))),
 ("林丹有什麼外號？", ["超级丹"], "traditional", SET(S("林丹", "别名"))),
 ("馬龍出生在哪裡？", ["鞍山"], "traditional", SET(S("马龙", "出生地"))),
 ("劉翔的身高是多少？", ["1.89"], "traditional", SET(S("刘翔", "身高"))),
 ("京滬高鐵全長多少公里？", ["1318"], "traditional", SET(S(JH, "全长"))),
 ("青藏鐵路的終點站是哪個站？", ["拉萨"], "traditional", SET(S("青藏铁路", "终点站"))),
 ("復興號是哪家單位研製的？", ["中国中车|中车|CRRC"], "traditional", SET(S("复兴号", "研制单位"))),
 ("2024年巴黎奧運會是哪天開幕的？", ["7月26|2024-07-26"], "traditional", SET(S(PR, "开幕时间"))),
 ("京廣高鐵經過幾個省級行政區？", ["6"], "traditional", CNT(S(JG, ROUTE))),
 ("本田有幾位創始人？", ["2"], "traditional", CNT(S("本田技研工业", FOUNDER))),
 ("陳夢拿過幾個奧運乒乓球項目的冠軍？", ["4"], "traditional", CNT(S("陈梦", "~冠军"))),
 ("東京奧運會乒乓球女子團體冠軍有幾個人？", ["3"], "traditional", CNT(S("东京奥运会乒乓球女子团体", "冠军"))),
 ("比亞迪總部所在的城市屬於哪個省？", ["广东"], "traditional", SET(S("比亚迪", HQ_ZH, "所属省份"))),
 ("孫穎莎出生的城市在哪個省？", ["河北"], "traditional", SET(S("孙颖莎", "出生地", "所属省份"))),
 ("京張高鐵的終點站在哪個城市？", ["张家口"], "traditional", SET(S("京张高速铁路", "终点站", "所在城市"))),
 ("蔚來ES8的生產商總部在哪裡？", ["上海"], "traditional", SET(S("蔚来ES8", MAKER, HQ_ZH))),
 ("保時捷的母公司總部設在哪個城市？", ["沃尔夫斯堡"], "traditional", SET(S("保时捷", "母公司", HQ_ZH))),
]

T, POB, NAT, PAR = "racing.driver.teams", "people.person.place_of_birth", "people.person.nationality", "people.person.parents"
BASE, TP, ENG, FB, OWN = "base_location", "team_principal", "engine_supplier", "foundedBy", "ownedBy"
DC, CC = "drivers_champion", "constructors_champion"
HUB, ALL, HQ, PC, FM, SC = "hub_airport", "memberOfAlliance", "organization.organization.headquarters", "parentCompany", "foundingMembers", "serves_city"
CB, PUB, PORT, TEAM, FA, PY = "comics.character.created_by", "comics.character.publisher", "portrayedBy", "teamAffiliation", "first_appearance", "publication_year"
CONT = "location.location.containedby"
X = dict(exclude_start=True)
def SEASON(y):
    return f"{y} Formula One season"

EN = [
 # ---------- two_hop ----------
 ("Where is the team that won the 2009 constructors' championship based?", ["Brackley"], "two_hop", S(SEASON(2009), CC, BASE)),
 ("Which teams has the 2016 world drivers' champion raced for?", ["Williams", "Mercedes"], "two_hop", S(SEASON(2016), DC, T)),
 ("Who is the team principal of the team that took the 2024 constructors' title?", ["Andrea Stella"], "two_hop", S(SEASON(2024), CC, TP)),
 ("Which engine supplier powers the teams Lewis Hamilton has driven for?", ["Mercedes-AMG"], "two_hop", S("Lewis Hamilton", T, ENG)),
 ("Where are the teams Charles Leclerc has raced for based?", ["Hinwil", "Maranello"], "two_hop", S("Charles Leclerc", T, BASE)),
 ("Who founded the teams Ayrton Senna drove for?", ["Colin Chapman", "Bruce McLaren", "Frank Williams", "Patrick Head"], "two_hop", S("Ayrton Senna", T, FB)),
 ("Where were the Red Bull Racing drivers born?", ["Hasselt", "Heppenheim", "Perth", "Guadalajara", "Rouen", "Queanbeyan"], "two_hop", S("Red Bull Racing", "~" + T, POB)),
 ("What nationality is Nico Rosberg's father?", ["Finland|Finnish"], "two_hop", S("Nico Rosberg", PAR, NAT)),
 ("Who won the drivers' title in the seasons McLaren won the constructors' championship?", ["Ayrton Senna", "Alain Prost", "Mika Häkkinen", "Max Verstappen"], "two_hop", S("McLaren", "~" + CC, DC)),
 ("Which teams won the constructors' championship in the years Michael Schumacher was world champion?", ["Williams", "Benetton", "Ferrari"], "two_hop", S("Michael Schumacher", "~" + DC, CC)),
 ("Where is the team owned by Lawrence Stroll based?", ["Silverstone"], "two_hop", S("Lawrence Stroll", "~" + OWN, BASE)),
 ("Where are the teams that Red Bull GmbH owns located?", ["Milton Keynes", "Faenza"], "two_hop", S("Red Bull GmbH", "~" + OWN, BASE)),
 ("Which cities do Lufthansa's hub airports serve?", ["Frankfurt", "Munich"], "two_hop", S("Lufthansa", HUB, SC)),
 ("Which airlines have a hub at an airport serving Tokyo?", ["All Nippon Airways|ANA", "Japan Airlines|JAL"], "two_hop", S("Tokyo", "~" + SC, "~" + HUB)),
 ("Which alliance do the airlines owned by International Airlines Group belong to?", ["oneworld"], "two_hop", S("International Airlines Group", "~" + PC, ALL)),
 ("Where are the founding members of SkyTeam headquartered?", ["Atlanta", "Paris", "Mexico City", "Seoul"], "two_hop", S("SkyTeam", FM, HQ)),
 ("What cities are Air Canada's hubs in?", ["Toronto", "Montreal", "Vancouver", "Calgary"], "two_hop", S("Air Canada", HUB, SC)),
 ("Which airports are hubs for the airlines headquartered in Dublin?", ["Dublin Airport", "Stansted"], "two_hop", S("Dublin", "~" + HQ, HUB)),
 ("Which alliances are the airlines that use LAX as a hub part of?", ["Star Alliance", "oneworld", "SkyTeam"], "two_hop", S("Los Angeles International Airport", "~" + HUB, ALL)),
 ("Where is the parent company of Swiss International Air Lines headquartered?", ["Cologne"], "two_hop", S("Swiss International Air Lines", PC, HQ)),
 ("Who has played the characters Jerry Siegel created?", ["Christopher Reeve", "Brandon Routh", "Henry Cavill"], "two_hop", S("Jerry Siegel", "~" + CB, PORT)),
 ("Where were the actors who played Spider-Man born?", ["Santa Monica", "Los Angeles", "London"], "two_hop", S("Spider-Man", PORT, POB)),
 ("In what year was the comic in which Deadpool first appeared published?", ["1991"], "two_hop", S("Deadpool", FA, PY)),
 ("Who created the characters Ryan Reynolds has played?", ["Rob Liefeld", "Fabian Nicieza", "John Broome", "Gil Kane"], "two_hop", S("Ryan Reynolds", "~" + PORT, CB)),
 ("Which actors have played members of the Justice League?", ["Christopher Reeve", "Christian Bale", "Gal Gadot", "Jason Momoa", "Ezra Miller", "Ryan Reynolds"], "two_hop", S("Justice League", "~" + TEAM, PORT), 16),
 ("Where were the creators of Superman born?", ["Cleveland", "Toronto"], "two_hop", S("Superman", CB, POB)),
 ("Who created the characters that debuted in The X-Men #1?", ["Stan Lee", "Jack Kirby"], "two_hop", S("The X-Men #1", "~" + FA, CB)),
 ("Which publisher owns the characters Hugh Jackman has played?", ["Marvel"], "two_hop", S("Hugh Jackman", "~" + PORT, PUB)),
 ("Who has played the characters Bill Finger co-created?", ["Christian Bale", "Michael Keaton", "Robert Pattinson", "Heath Ledger", "Jack Nicholson", "Joaquin Phoenix"], "two_hop", S("Bill Finger", "~" + CB, PORT), 11),
 ("Which teams do the characters created by Len Wein belong to?", ["X-Men", "Avengers"], "two_hop", S("Len Wein", "~" + CB, TEAM)),
 # ---------- three_hop ----------
 ("In which country is the team that won the 2009 constructors' title based?", ["England|United Kingdom|UK|Britain"], "three_hop", S(SEASON(2009), CC, BASE, CONT)),
 ("What nationalities are the drivers' champions from the seasons McLaren won the constructors' title?", ["Brazil|Brazilian", "France|French", "Finland|Finnish", "Netherlands|Dutch"], "three_hop", S("McLaren", "~" + CC, DC, NAT)),
 ("What nationalities are the team principals of the teams Carlos Sainz has driven for?", ["Italy|Italian", "France|French"], "three_hop", S("Carlos Sainz", T, TP, NAT)),
 ("Where were the founders of Nigel Mansell's teams born?", ["London", "South Shields", "Modena", "Auckland"], "three_hop", S("Nigel Mansell", T, FB, POB)),
 ("In which countries are the teams Max Verstappen has raced for based?", ["Italy", "England|United Kingdom|UK|Britain"], "three_hop", S("Max Verstappen", T, BASE, CONT)),
 ("Where were the drivers' champions of the seasons Williams won the constructors' title born?", ["Lorette", "Hürth|Hurth", "London"], "three_hop", S("Williams", "~" + CC, DC, POB)),
 ("Where were the drivers who became world champion in Red Bull Racing's constructors' title years born?", ["Heppenheim", "Hasselt"], "three_hop", S("Red Bull Racing", "~" + CC, DC, POB)),
 ("Which cities are served by the hubs of Star Alliance's founding members?", ["Chicago", "Frankfurt", "Toronto", "Copenhagen", "Bangkok", "Munich"], "three_hop", S("Star Alliance", FM, HUB, SC), 17),
 ("In which country are the cities Qantas has its hubs in?", ["Australia"], "three_hop", S("Qantas", HUB, SC, CONT)),
 ("Where are the parent companies of oneworld airlines headquartered?", ["London"], "three_hop", S("oneworld", "~" + ALL, PC, HQ)),
 ("Which airline has a hub in the city where SkyTeam is headquartered?", ["KLM"], "three_hop", S("SkyTeam", HQ, "~" + SC, "~" + HUB)),
 ("Which alliances do the airlines with hubs in London belong to?", ["oneworld"], "three_hop", S("London", "~" + SC, "~" + HUB, ALL)),
 ("Which airlines are hubbed in the city where Star Alliance has its headquarters?", ["Lufthansa"], "three_hop", S("Star Alliance", HQ, "~" + SC, "~" + HUB)),
 ("In which countries are SkyTeam's founding airlines headquartered?", ["United States|USA|U.S.", "France", "Mexico", "South Korea|Korea"], "three_hop", S("SkyTeam", FM, HQ, CONT)),
 ("Where was the actor who played the character Joe Simon co-created born?", ["Boston"], "three_hop", S("Joe Simon", "~" + CB, PORT, POB)),
 ("In which years were the debut comics of the Justice League's members published?", ["1938", "1939", "1941", "1956", "1959"], "three_hop", S("Justice League", "~" + TEAM, FA, PY)),
 ("Where were the creators of the character Heath Ledger played born?", ["Denver", "New York City", "Trenton"], "three_hop", S("Heath Ledger", "~" + PORT, CB, POB)),
 ("Where were the creators of the Avengers members born?", ["New York City", "Johnstown", "Rochester"], "three_hop", S("Avengers", "~" + TEAM, CB, POB)),
 ("Which airlines have hubs in the city where Chris Hemsworth was born?", ["Qantas"], "three_hop", S("Chris Hemsworth", POB, "~" + SC, "~" + HUB)),
 ("Which airline is hubbed in Zhou Guanyu's birthplace?", ["China Eastern"], "three_hop", S("Zhou Guanyu", POB, "~" + SC, "~" + HUB)),
 # ---------- co_star ----------
 ("Who else has driven for a team that Lewis Hamilton drove for?", ["Fernando Alonso", "Jenson Button", "Lando Norris", "Oscar Piastri", "Michael Schumacher", "George Russell"], "co_star", S("Lewis Hamilton", T, "~" + T, **X), 18),
 ("Which drivers share a team with Zhou Guanyu?", ["Kimi Räikkönen|Raikkonen", "Valtteri Bottas", "Charles Leclerc", "Sergio Pérez|Sergio Perez", "Jacques Villeneuve"], "co_star", S("Zhou Guanyu", T, "~" + T, **X)),
 ("Which other teams have been based in the same place as Mercedes?", ["Brawn GP", "BAR", "Honda Racing"], "co_star", S("Mercedes", BASE, "~" + BASE, **X)),
 ("Which teams share a base with Alpine?", ["Renault F1 Team", "Benetton", "Lotus F1"], "co_star", S("Alpine", BASE, "~" + BASE, **X)),
 ("Which other teams use the same engine supplier as Haas?", ["Scuderia Ferrari", "Sauber"], "co_star", S("Haas", ENG, "~" + ENG, **X)),
 ("Who else was born in the same city as Toto Wolff?", ["Niki Lauda"], "co_star", S("Toto Wolff", POB, "~" + POB, **X)),
 ("Which airline shares a hub airport with Japan Airlines?", ["All Nippon Airways|ANA"], "co_star", S("Japan Airlines", HUB, "~" + HUB, **X)),
 ("Which airlines are in the same alliance as Qatar Airways?", ["American Airlines", "British Airways", "Iberia", "Qantas", "Cathay Pacific", "Finnair"], "co_star", S("Qatar Airways", ALL, "~" + ALL, **X), 7),
 ("Which airlines belong to the same group as Aer Lingus?", ["British Airways", "Iberia", "Vueling"], "co_star", S("Aer Lingus", PC, "~" + PC, **X)),
 ("Which airlines share a hub with United Airlines?", ["American Airlines", "Delta Air Lines"], "co_star", S("United Airlines", HUB, "~" + HUB, **X)),
 ("Which airlines co-founded oneworld together with British Airways?", ["American Airlines", "Cathay Pacific", "Qantas", "Canadian Airlines"], "co_star", S("British Airways", "~" + FM, FM, **X)),
 ("Who has co-created a character with Jack Kirby?", ["Stan Lee", "Larry Lieber", "Don Heck", "Joe Simon"], "co_star", S("Jack Kirby", "~" + CB, CB, **X)),
 ("Which characters are on a team with Storm?", ["Wolverine", "Professor X", "Jean Grey", "Cyclops"], "co_star", S("Storm", TEAM, "~" + TEAM, **X)),
 ("Who else has played a character that Christian Bale played?", ["Adam West", "Michael Keaton", "Val Kilmer", "George Clooney", "Ben Affleck", "Robert Pattinson"], "co_star", S("Christian Bale", "~" + PORT, PORT, **X)),
 ("Who shares a role with Mark Ruffalo?", ["Eric Bana", "Edward Norton"], "co_star", S("Mark Ruffalo", "~" + PORT, PORT, **X)),
 # ---------- inverse ----------
 ("Which drivers have raced for Williams?", ["Jenson Button", "Nico Rosberg", "Ayrton Senna", "Nigel Mansell", "Damon Hill", "Valtteri Bottas"], "inverse", S("Williams", "~" + T), 12),
 ("Which teams are based in Faenza?", ["RB", "Toro Rosso", "AlphaTauri", "Minardi"], "inverse", S("Faenza", "~" + BASE)),
 ("In which seasons did Mercedes win the constructors' championship?", ["2014", "2015", "2016", "2019", "2020", "2021"], "inverse", S("Mercedes", "~" + CC), 8),
 ("In which seasons was Michael Schumacher drivers' champion?", ["1994", "1995", "2000", "2001", "2002", "2004"], "inverse", S("Michael Schumacher", "~" + DC), 7),
 ("Which teams run Ferrari engines?", ["Scuderia Ferrari", "Sauber", "Haas"], "inverse", S("Ferrari", "~" + ENG)),
 ("Which teams does Red Bull GmbH own?", ["Red Bull Racing", "RB", "Toro Rosso", "AlphaTauri"], "inverse", S("Red Bull GmbH", "~" + OWN)),
 ("Who was born in Melbourne?", ["Oscar Piastri", "Chris Hemsworth", "Eric Bana"], "inverse", S("Melbourne", "~" + POB)),
 ("Which airlines are members of SkyTeam?", ["Delta Air Lines", "Air France", "KLM", "Korean Air", "China Eastern", "Scandinavian Airlines|SAS"], "inverse", S("SkyTeam", "~" + ALL), 7),
 ("Which airlines use Haneda as a hub?", ["All Nippon Airways|ANA", "Japan Airlines|JAL"], "inverse", S("Haneda Airport", "~" + HUB)),
 ("Which airlines does Lufthansa Group own?", ["Lufthansa", "Swiss", "Austrian"], "inverse", S("Lufthansa Group", "~" + PC)),
 ("Which airlines are headquartered in Tokyo?", ["All Nippon Airways|ANA", "Japan Airlines|JAL"], "inverse", S("Tokyo", "~" + HQ)),
 ("Which characters did Stan Lee co-create?", ["Spider-Man", "Iron Man", "Hulk", "Black Panther", "Doctor Strange", "Professor X"], "inverse", S("Stan Lee", "~" + CB), 12),
 ("Which characters first appeared in The X-Men #1?", ["Professor X", "Magneto", "Jean Grey", "Cyclops"], "inverse", S("The X-Men #1", "~" + FA)),
 ("Who are the members of the Justice League?", ["Superman", "Batman", "Wonder Woman", "The Flash|Flash", "Aquaman", "Green Lantern"], "inverse", S("Justice League", "~" + TEAM)),
 ("Which characters has Ryan Reynolds played?", ["Deadpool", "Green Lantern"], "inverse", S("Ryan Reynolds", "~" + PORT)),
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
