"""Author-side script: writes zh_eval.jsonl, en_eval.jsonl and specs.jsonl from the lists below.
Each spec says how check.py recomputes the gold from the KG (see check.py for the spec language)."""
import json

NEG = ["没有|不知道|未找到|无"]
YES, NO = "是|对|高", "不|否|没有"

def S(start, *path, **kw):
    """A set expression: start node(s), then relation steps; 'R' forward, '~R' backward."""
    d = {"start": [start] if isinstance(start, str) else list(start),
         "path": [[p.lstrip("~"), "inv" if p.startswith("~") else "fwd"] for p in path]}
    d.update(kw)
    return d

def AND(*sets):
    return {"and": list(sets)}

ZH = [
 # ---------- count ----------
 ("多瑙河流经几个国家？", ["10"], "count", {"op": "count", "set": S("多瑙河", "流经国家")}),
 ("莱茵河一共流过多少个国家？", ["6"], "count", {"op": "count", "set": S("莱茵河", "流经国家")}),
 ("里海沿岸有几个国家？", ["5"], "count", {"op": "count", "set": S("里海", "所在国家")}),
 ("阿尔卑斯山脉横跨了几个国家？", ["8"], "count", {"op": "count", "set": S("阿尔卑斯山脉", "所在国家")}),
 ("喜马拉雅山脉有几座主要山峰？", ["10"], "count", {"op": "count", "set": S("喜马拉雅山脉", "主要山峰")}),
 ("2015年诺贝尔生理学或医学奖一共颁给了几个人？其中的女性是谁？", ["3", "屠呦呦"], "count",
  {"op": "count", "set": S("2015年诺贝尔生理学或医学奖", "获奖者"),
   "members": S("2015年诺贝尔生理学或医学奖", "获奖者", filter=[{"rel": "性别", "value": "女"}])}),
 ("2018年诺贝尔物理学奖的得主里有几位女性？", ["1", "斯特里克兰"], "count",
  {"op": "count", "set": S("2018年诺贝尔物理学奖", "获奖者", filter=[{"rel": "性别", "value": "女"}]),
   "members": S("2018年诺贝尔物理学奖", "获奖者", filter=[{"rel": "性别", "value": "女"}])}),
 ("2020年诺贝尔化学奖有多少位获奖者？", ["2"], "count", {"op": "count", "set": S("2020年诺贝尔化学奖", "获奖者")}),
 ("印象派的代表画家有几位？", ["7"], "count", {"op": "count", "set": S("印象派", "代表画家")}),
 ("印象派代表画家中女画家有几个？", ["2"], "count",
  {"op": "count", "set": S("印象派", "代表画家", filter=[{"rel": "性别", "value": "女"}])}),
 ("印象派代表画家里有几位不是法国国籍？", ["2"], "count",
  {"op": "count", "set": S("印象派", "代表画家", filter=[{"rel": "国籍", "value": "法国", "neg": True}])}),
 ("柴可夫斯基写过几部芭蕾舞剧？", ["3"], "count",
  {"op": "count", "set": S("彼得·伊里奇·柴可夫斯基", "代表作品", filter=[{"rel": "类型", "value": "芭蕾舞剧"}])}),
 ("莫扎特的代表作里有几部是歌剧？", ["3"], "count",
  {"op": "count", "set": S("沃尔夫冈·阿马多伊斯·莫扎特", "代表作品", filter=[{"rel": "类型", "value": "歌剧"}])}),
 ("第一次登上珠穆朗玛峰顶的一共有几个人？", ["2"], "count", {"op": "count", "set": S("珠穆朗玛峰", "首次登顶者")}),
 ("斯坦福大学是由几个人创办的？", ["2"], "count", {"op": "count", "set": S("斯坦福大学", "创办人")}),
 ("2009年诺贝尔物理学奖一共颁给了几位科学家？", ["3"], "count", {"op": "count", "set": S("2009年诺贝尔物理学奖", "获奖者")}),
 ("1997年诺贝尔物理学奖的获奖者中有几个美国人？", ["2"], "count",
  {"op": "count", "set": S("1997年诺贝尔物理学奖", "获奖者", filter=[{"rel": "国籍", "value": "美国"}])}),
 ("贝多芬的代表作品中有几部交响曲？", ["3"], "count",
  {"op": "count", "set": S("路德维希·凡·贝多芬", "代表作品", filter=[{"rel": "类型", "value": "交响曲"}])}),
 ("超级马里奥兄弟有几位设计者？", ["2"], "count", {"op": "count", "set": S("超级马里奥兄弟", "设计者")}),
 ("坦噶尼喀湖周边有几个国家？", ["4"], "count", {"op": "count", "set": S("坦噶尼喀湖", "所在国家")}),
 # ---------- compare ----------
 ("哈佛大学和耶鲁大学哪个成立得更早？", ["哈佛"], "compare", {"op": "compare", "entities": ["哈佛大学", "耶鲁大学"], "attr": "创办时间", "dir": "min"}),
 ("清华和北大，哪所学校的历史更久？", ["北京大学|北大"], "compare", {"op": "compare", "entities": ["清华大学", "北京大学"], "attr": "创办时间", "dir": "min"}),
 ("麻省理工学院和斯坦福大学谁建校早？", ["麻省理工|MIT"], "compare", {"op": "compare", "entities": ["麻省理工学院", "斯坦福大学"], "attr": "创办时间", "dir": "min"}),
 ("东京大学比剑桥大学建校还早吗？", [NO], "compare", {"op": "compare", "entities": ["东京大学", "剑桥大学"], "attr": "创办时间", "dir": "min", "yesno": "东京大学"}),
 ("杨振宁和李政道谁年纪大？", ["杨振宁"], "compare", {"op": "compare", "entities": ["杨振宁", "李政道"], "attr": "出生日期", "dir": "min"}),
 ("麻省理工学院和斯坦福大学哪所学生更多？", ["斯坦福"], "compare", {"op": "compare", "entities": ["麻省理工学院", "斯坦福大学"], "attr": "在校学生人数", "dir": "max"}),
 ("贝多芬和莫扎特，谁先出生？", ["莫扎特"], "compare", {"op": "compare", "entities": ["路德维希·凡·贝多芬", "沃尔夫冈·阿马多伊斯·莫扎特"], "attr": "出生日期", "dir": "min"}),
 ("肖邦和罗伯特·舒曼谁的年龄更大？", ["肖邦"], "compare", {"op": "compare", "entities": ["弗雷德里克·肖邦", "罗伯特·舒曼"], "attr": "出生日期", "dir": "min"}),
 ("亨德尔和巴赫哪一位出生得更早？", ["亨德尔"], "compare", {"op": "compare", "entities": ["乔治·弗里德里希·亨德尔", "约翰·塞巴斯蒂安·巴赫"], "attr": "出生日期", "dir": "min"}),
 ("乞力马扎罗山和厄尔布鲁士峰哪个更高？", ["乞力马扎罗"], "compare", {"op": "compare", "entities": ["乞力马扎罗山", "厄尔布鲁士峰"], "attr": "海拔", "dir": "max"}),
 ("德纳里峰比乞力马扎罗山高吗？", [YES], "compare", {"op": "compare", "entities": ["德纳里峰", "乞力马扎罗山"], "attr": "海拔", "dir": "max", "yesno": "德纳里峰"}),
 ("富士山比马特洪峰还高吗？", [NO], "compare", {"op": "compare", "entities": ["富士山", "马特洪峰"], "attr": "海拔", "dir": "max", "yesno": "富士山"}),
 ("贝加尔湖和坦噶尼喀湖哪个更深？", ["贝加尔"], "compare", {"op": "compare", "entities": ["贝加尔湖", "坦噶尼喀湖"], "attr": "最大深度", "dir": "max"}),
 ("苏必利尔湖和维多利亚湖哪个面积大？", ["苏必利尔"], "compare", {"op": "compare", "entities": ["苏必利尔湖", "维多利亚湖"], "attr": "面积", "dir": "max"}),
 ("青海湖和贝加尔湖比，哪个更大？", ["贝加尔"], "compare", {"op": "compare", "entities": ["青海湖", "贝加尔湖"], "attr": "面积", "dir": "max"}),
 ("日内瓦湖和死海，哪个湖面积更大一些？", ["死海"], "compare", {"op": "compare", "entities": ["日内瓦湖", "死海"], "attr": "面积", "dir": "max"}),
 ("多瑙河和湄公河哪条河的流域面积更大？", ["多瑙河"], "compare", {"op": "compare", "entities": ["多瑙河", "湄公河"], "attr": "流域面积", "dir": "max"}),
 ("《星月夜》和《日出·印象》哪幅画画得更早？", ["日出·印象|日出印象"], "compare", {"op": "compare", "entities": ["星月夜", "日出·印象"], "attr": "创作年份", "dir": "min"}),
 ("超级马里奥兄弟和塞尔达传说哪个先发售？", ["超级马里奥兄弟"], "compare", {"op": "compare", "entities": ["超级马里奥兄弟", "塞尔达传说（游戏）"], "attr": "发行时间", "dir": "min"}),
 ("俄罗斯方块的销量比我的世界高吗？", [YES], "compare", {"op": "compare", "entities": ["俄罗斯方块", "我的世界"], "attr": "销量", "dir": "max", "yesno": "俄罗斯方块"}),
 # ---------- superlative ----------
 ("贝多芬的代表作品中，哪一部创作得最早？", ["升c小调第十四钢琴奏鸣曲|月光奏鸣曲|月光"], "superlative",
  {"op": "argmin", "set": S("路德维希·凡·贝多芬", "代表作品"), "attr": "创作年份"}),
 ("柴可夫斯基的作品里最晚写成的是哪部？", ["悲怆"], "superlative", {"op": "argmax", "set": S("彼得·伊里奇·柴可夫斯基", "代表作品"), "attr": "创作年份"}),
 ("梵高的代表作中最早的一幅是什么？", ["吃土豆的人"], "superlative", {"op": "argmin", "set": S("文森特·梵高", "代表作品"), "attr": "创作年份"}),
 ("毕加索的代表作里哪幅画创作时间最早？", ["老吉他手"], "superlative", {"op": "argmin", "set": S("巴勃罗·毕加索", "代表作品"), "attr": "创作年份"}),
 ("喜马拉雅山脉的主要山峰里哪座最矮？", ["希夏邦马峰"], "superlative", {"op": "argmin", "set": S("喜马拉雅山脉", "主要山峰"), "attr": "海拔"}),
 ("阿尔卑斯山脉的主要山峰中最高的是哪座？", ["勃朗峰"], "superlative", {"op": "argmax", "set": S("阿尔卑斯山脉", "主要山峰"), "attr": "海拔"}),
 ("印象派代表画家中谁的年纪最大？", ["毕沙罗"], "superlative", {"op": "argmin", "set": S("印象派", "代表画家"), "attr": "出生日期"}),
 ("2009年诺贝尔物理学奖的三位得主里谁出生得最早？", ["博伊尔"], "superlative", {"op": "argmin", "set": S("2009年诺贝尔物理学奖", "获奖者"), "attr": "出生日期"}),
 ("1965年诺贝尔物理学奖的获奖者中最年轻的是哪位？", ["费曼"], "superlative", {"op": "argmax", "set": S("1965年诺贝尔物理学奖", "获奖者"), "attr": "出生日期"}),
 ("宫本茂设计的游戏中最早发行的是哪款？", ["大金刚"], "superlative", {"op": "argmin", "set": S("宫本茂", "~设计者"), "attr": "发行时间"}),
 ("莫扎特的代表作品中最早的是哪一部？", ["土耳其进行曲"], "superlative", {"op": "argmin", "set": S("沃尔夫冈·阿马多伊斯·莫扎特", "代表作品"), "attr": "创作年份"}),
 ("亨德尔的代表作里哪部最晚问世？", ["皇家烟火音乐"], "superlative", {"op": "argmax", "set": S("乔治·弗里德里希·亨德尔", "代表作品"), "attr": "创作年份"}),
 ("达·芬奇的代表作中最晚完成的是哪幅？", ["蒙娜丽莎"], "superlative", {"op": "argmax", "set": S("列奥纳多·达·芬奇", "代表作品"), "attr": "创作年份"}),
 ("安第斯山脉的主要山峰中海拔最低的是哪座？", ["钦博拉索山"], "superlative", {"op": "argmin", "set": S("安第斯山脉", "主要山峰"), "attr": "海拔"}),
 ("克拉拉·舒曼丈夫的代表作品中，最早的是哪一部？", ["童年情景"], "superlative", {"op": "argmin", "set": S("克拉拉·舒曼", "配偶", "代表作品"), "attr": "创作年份"}),
 # ---------- intersection ----------
 ("多瑙河和莱茵河都流经哪些国家？", ["德国", "奥地利"], "intersection", {"op": "set", "set": AND(S("多瑙河", "流经国家"), S("莱茵河", "流经国家"))}),
 ("哪些国家既有阿尔卑斯山脉又有莱茵河流过？", ["法国", "瑞士", "列支敦士登", "奥地利", "德国"], "intersection",
  {"op": "set", "set": AND(S("阿尔卑斯山脉", "所在国家"), S("莱茵河", "流经国家"))}),
 ("在维也纳去世的作曲家里，哪些是德国人？", ["贝多芬", "勃拉姆斯"], "intersection",
  {"op": "set", "set": AND(S("维也纳", "~逝世地"), S("德国", "~国籍"))}),
 ("柴可夫斯基的作品中哪些是芭蕾舞剧？", ["天鹅湖", "胡桃夹子", "睡美人"], "intersection",
  {"op": "set", "set": AND(S("彼得·伊里奇·柴可夫斯基", "代表作品"), S("芭蕾舞剧", "~类型"))}),
 ("获得过诺贝尔物理学奖的女科学家有哪些？", ["斯特里克兰", "格兹", "吕利耶"], "intersection",
  {"op": "set", "set": AND(S("诺贝尔物理学奖", "~获得奖项"), S("女", "~性别"))}),
 ("宫本茂和手冢卓志一起设计过哪些游戏？", ["超级马里奥兄弟", "塞尔达传说"], "intersection",
  {"op": "set", "set": AND(S("宫本茂", "~设计者"), S("手冢卓志", "~设计者"))}),
 ("印象派代表画家中，哪些人出生在巴黎？", ["莫奈", "德加", "西斯莱"], "intersection",
  {"op": "set", "set": AND(S("印象派", "代表画家"), S("巴黎", "~出生地"))}),
 ("维多利亚湖和坦噶尼喀湖共同所在的国家是哪个？", ["坦桑尼亚"], "intersection",
  {"op": "set", "set": AND(S("维多利亚湖", "所在国家"), S("坦噶尼喀湖", "所在国家"))}),
 ("既在苏黎世联邦理工学院读过书，又拿过诺贝尔物理学奖的有谁？", ["爱因斯坦", "伦琴"], "intersection",
  {"op": "set", "set": AND(S("苏黎世联邦理工学院", "~毕业院校"), S("诺贝尔物理学奖", "~获得奖项"))}),
 ("出生在汉堡的作曲家里，谁是女性？", ["范妮·门德尔松|范妮"], "intersection",
  {"op": "set", "set": AND(S("汉堡", "~出生地"), S("女", "~性别"))}),
 ("莫扎特写的歌剧有哪些？", ["费加罗的婚礼", "唐璜", "魔笛"], "intersection",
  {"op": "set", "set": AND(S("沃尔夫冈·阿马多伊斯·莫扎特", "代表作品"), S("歌剧", "~类型"))}),
 ("哪些歌剧是在维也纳首演的？", ["费加罗的婚礼", "魔笛", "费德里奥"], "intersection",
  {"op": "set", "set": AND(S("歌剧", "~类型"), S("维也纳", "~首演地点"))}),
 ("喜马拉雅山脉所在的国家中，哪个也有湄公河流过？", ["中国"], "intersection",
  {"op": "set", "set": AND(S("喜马拉雅山脉", "所在国家"), S("湄公河", "流经国家"))}),
 ("1965年诺贝尔物理学奖得主中哪几位是美国人？", ["费曼", "施温格"], "intersection",
  {"op": "set", "set": AND(S("1965年诺贝尔物理学奖", "获奖者"), S("美国", "~国籍"))}),
 ("毕业于麻省理工学院的诺贝尔物理学奖得主里，哪位是女性？", ["格兹"], "intersection",
  {"op": "set", "set": AND(S("麻省理工学院", "~毕业院校"), S("诺贝尔物理学奖", "~获得奖项"), S("女", "~性别"))}),
 # ---------- negative ----------
 ("贝多芬的妻子是谁？", NEG, "negative", {"op": "absent", "entity": "路德维希·凡·贝多芬", "rels": ["配偶", "妻子", "夫人"]}),
 ("梵高的儿子叫什么名字？", NEG, "negative", {"op": "absent", "entity": "文森特·梵高", "rels": ["儿子", "子女", "孩子"]}),
 ("青海湖最深的地方有多深？", NEG, "negative", {"op": "absent", "entity": "青海湖", "rels": ["最大深度", "平均深度", "深度"]}),
 ("北京大学的校训是什么？", NEG, "negative", {"op": "absent", "entity": "北京大学", "rels": ["校训"]}),
 ("瓦格纳写过哪些歌剧？", NEG, "negative", {"op": "absent_entity", "name": "瓦格纳"}),
 ("慕士塔格峰的海拔是多少？", NEG, "negative", {"op": "absent_entity", "name": "慕士塔格"}),
 ("富士山是哪一年第一次被人登顶的？", NEG, "negative", {"op": "absent", "entity": "富士山", "rels": ["首次登顶时间", "首次登顶者"]}),
 ("屠呦呦的导师是谁？", NEG, "negative", {"op": "absent", "entity": "屠呦呦", "rels": ["导师"]}),
 ("塞尚是哪年出生的？", NEG, "negative", {"op": "absent", "entity": "保罗·塞尚", "rels": ["出生日期", "出生年份"]}),
 ("达·芬奇娶的是谁？", NEG, "negative", {"op": "absent", "entity": "列奥纳多·达·芬奇", "rels": ["配偶", "妻子"]}),
 ("2024年诺贝尔物理学奖颁给了谁？", NEG, "negative", {"op": "absent_entity", "name": "2024年诺贝尔物理学奖"}),
 ("斯坦福大学现任校长是谁？", NEG, "negative", {"op": "absent", "entity": "斯坦福大学", "rels": ["校长", "现任校长"]}),
 ("死海最深处有多深？", NEG, "negative", {"op": "absent", "entity": "死海", "rels": ["最大深度", "深度"]}),
 ("拉赫玛尼诺夫是哪一年出生的？", NEG, "negative", {"op": "absent_entity", "name": "拉赫玛尼诺夫"}),
 ("《蒙娜丽莎》现在收藏在哪里？", NEG, "negative", {"op": "absent", "entity": "蒙娜丽莎", "rels": ["收藏地", "馆藏地", "所在地"]}),
 # ---------- traditional ----------
 ("《星月夜》是誰畫的？", ["梵高"], "traditional", {"op": "set", "set": S("星月夜", "~代表作品")}),
 ("貝多芬是在哪裡出生的？", ["波恩"], "traditional", {"op": "set", "set": S("路德维希·凡·贝多芬", "出生地")}),
 ("珠穆朗瑪峰有多高？", ["8848.86"], "traditional", {"op": "set", "set": S("珠穆朗玛峰", "海拔")}),
 ("阿爾卑斯山脈的主要山峰有幾座？", ["5"], "traditional", {"op": "count", "set": S("阿尔卑斯山脉", "主要山峰")}),
 ("《天鵝湖》的作曲家是哪國人？", ["俄罗斯"], "traditional", {"op": "set", "set": S("天鹅湖", "~代表作品", "国籍")}),
 ("屠呦呦畢業於哪所學校？", ["北京医学院"], "traditional", {"op": "set", "set": S("屠呦呦", "毕业院校")}),
 ("俄羅斯方塊是誰設計的？", ["帕基特诺夫"], "traditional", {"op": "set", "set": S("俄罗斯方块", "设计者")}),
 ("莫奈屬於哪個畫派？", ["印象派"], "traditional", {"op": "set", "set": S("克劳德·莫奈", "~代表画家")}),
 ("楊振寧的導師是誰？", ["泰勒"], "traditional", {"op": "set", "set": S("杨振宁", "导师")}),
 ("《魔笛》是什麼時候首演的？", ["1791年9月30日"], "traditional", {"op": "set", "set": S("魔笛", "首演时间")}),
 ("哈佛大學是哪一年創辦的？", ["1636"], "traditional", {"op": "set", "set": S("哈佛大学", "创办时间")}),
 ("莫扎特是在哪座城市過世的？", ["维也纳"], "traditional", {"op": "set", "set": S("沃尔夫冈·阿马多伊斯·莫扎特", "逝世地")}),
 ("弗里達·卡羅的丈夫是誰？", ["里维拉"], "traditional", {"op": "set", "set": S("弗里达·卡罗", "配偶")}),
 ("《格爾尼卡》的作者是在哪裡出生的？", ["马拉加"], "traditional", {"op": "set", "set": S("格尔尼卡", "~代表作品", "出生地")}),
 ("2020年諾貝爾物理學獎有幾位得主？", ["3"], "traditional", {"op": "count", "set": S("2020年诺贝尔物理学奖", "获奖者")}),
]

DIR, STAR, MUSIC, BASED = "film.film.directed_by", "starred_actors", "film.film.music", "film.film.based_on"
PROD, POB, NAT, PAR = "film.film.production_companies", "people.person.place_of_birth", "people.person.nationality", "people.person.parents"
AUTH, BGEN, ART, IN = "book.written_work.author", "book.book.genre", "music.album.artist", "location.location.containedby"
OPAR, FOUND, HQ = "organization.organization.parent", "organization.organization.founders", "organization.organization.headquarters"

EN = [
 # ---------- two_hop ----------
 ("Who directed the films that Ryan Gosling starred in?", ["Denis Villeneuve", "Nicolas Winding Refn", "Damien Chazelle", "Greta Gerwig"], "two_hop", S("Ryan Gosling", "~" + STAR, DIR)),
 ("Where was the director of Heat born?", ["Chicago"], "two_hop", S("Heat", DIR, POB)),
 ("Which genres has Ian McEwan written in?", ["historical fiction", "satire", "literary fiction"], "two_hop", S("Ian McEwan", "~" + AUTH, BGEN)),
 ("Who wrote the book that the film Atonement was adapted from?", ["Ian McEwan"], "two_hop", S("Atonement", BASED, AUTH)),
 ("Which publisher put out the story that Arrival is based on?", ["Tor Books"], "two_hop", S("Arrival", BASED, "published_by")),
 ("Who composed the music for the films directed by Damien Chazelle?", ["Justin Hurwitz"], "two_hop", S("Damien Chazelle", "~" + DIR, MUSIC)),
 ("In which years were the films starring Saoirse Ronan released?", ["2007", "2017", "2019"], "two_hop", S("Saoirse Ronan", "~" + STAR, "release_year")),
 ("Who are the members of the band that made OK Computer?", ["Thom Yorke", "Jonny Greenwood", "Colin Greenwood", "Ed O'Brien", "Philip Selway"], "two_hop", S("OK Computer", ART, "~member_of")),
 ("Which record labels have released Rihanna's albums?", ["Def Jam", "Roc Nation"], "two_hop", S("Rihanna", "~" + ART, "record_label")),
 ("Who starred in the films produced by DreamWorks Animation?", ["Jim Parsons", "Rihanna", "Steve Martin", "Jennifer Lopez"], "two_hop", S("DreamWorks Animation", "~" + PROD, STAR)),
 ("Where was the author of the novel Dune born?", ["Tacoma"], "two_hop", S("Dune (novel)", AUTH, POB)),
 ("Who directed the film adaptation of the novel Little Women?", ["Greta Gerwig"], "two_hop", S("Little Women (novel)", "~" + BASED, DIR)),
 ("Which production companies made the films Christopher Nolan directed?", ["Syncopy", "Legendary Pictures"], "two_hop", S("Christopher Nolan", "~" + DIR, PROD)),
 ("What genres are the movies Leonardo DiCaprio has acted in?", ["science fiction", "western", "biographical", "crime"], "two_hop", S("Leonardo DiCaprio", "~" + STAR, "has_genre")),
 ("Where was Sofia Coppola's father born?", ["Detroit"], "two_hop", S("Sofia Coppola", PAR, POB)),
 ("In which city was the band behind the album Funeral formed?", ["Montreal"], "two_hop", S("Funeral", ART, "formed_in")),
 ("Who founded the parent company of Pixar?", ["Walt Disney", "Roy O. Disney"], "two_hop", S("Pixar", OPAR, FOUND)),
 ("Which university did the director of Whiplash attend?", ["Harvard"], "two_hop", S("Whiplash", DIR, "educated_at")),
 ("Which directors made films scored by Hans Zimmer?", ["Denis Villeneuve", "Christopher Nolan"], "two_hop", S("Hans Zimmer", "~" + MUSIC, DIR)),
 ("Which bands is the composer of Phantom Thread a member of?", ["Radiohead", "The Smile"], "two_hop", S("Phantom Thread", MUSIC, "member_of")),
 ("Which authors have been published by Alfred A. Knopf?", ["Ted Chiang", "Kai Bird", "Martin J. Sherwin", "Cormac McCarthy"], "two_hop", S("Alfred A. Knopf", "~published_by", AUTH)),
 ("Which films are based on books published by Simon & Schuster?", ["Goodfellas", "First Man"], "two_hop", S("Simon & Schuster", "~published_by", "~" + BASED)),
 ("What is the parent company of the publisher of The Road?", ["Penguin Random House"], "two_hop", S("The Road", "published_by", OPAR)),
 ("In what year was the book behind The Irishman published?", ["2004"], "two_hop", S("The Irishman", BASED, "publication_year")),
 ("Who acted in the films that Michael Giacchino wrote the music for?", ["Ed Asner", "Christopher Plummer", "Jordan Nagai", "Amy Poehler", "Phyllis Smith", "Bill Hader"], "two_hop", S("Michael Giacchino", "~" + MUSIC, STAR)),
 ("What albums have the actors of Lost in Translation released?", ["Anywhere I Lay My Head"], "two_hop", S("Lost in Translation", STAR, "~" + ART)),
 ("Where were the stars of Oppenheimer born?", ["Cork", "London", "Cambridge", "Oxford", "New York"], "two_hop", S("Oppenheimer", STAR, POB)),
 ("Who directed the movies Al Pacino appeared in?", ["Michael Mann", "Martin Scorsese", "Francis Ford Coppola"], "two_hop", S("Al Pacino", "~" + STAR, DIR)),
 ("Which labels released Radiohead's albums?", ["Parlophone", "XL Recordings"], "two_hop", S("Radiohead", "~" + ART, "record_label")),
 ("Who wrote the screenplays for the films Greta Gerwig directed?", ["Greta Gerwig", "Noah Baumbach"], "two_hop", S("Greta Gerwig", "~" + DIR, "written_by")),
 # ---------- three_hop ----------
 ("In which country was the director of Heat born?", ["United States|USA|U.S."], "three_hop", S("Heat", DIR, POB, IN)),
 ("Where were the directors of Ryan Gosling's films born?", ["Bécancour|Becancour", "Copenhagen", "Providence", "Sacramento"], "three_hop", S("Ryan Gosling", "~" + STAR, DIR, POB)),
 ("Who starred in the films adapted from Cormac McCarthy's books?", ["Tommy Lee Jones", "Javier Bardem", "Josh Brolin"], "three_hop", S("Cormac McCarthy", "~" + AUTH, "~" + BASED, STAR)),
 ("What is the parent company of the publisher of the book that the film Killers of the Flower Moon is based on?", ["Penguin Random House"], "three_hop", S("Killers of the Flower Moon (film)", BASED, "published_by", OPAR)),
 ("Who founded the publisher of the book Goodfellas was based on?", ["Richard L. Simon", "M. Lincoln Schuster"], "three_hop", S("Goodfellas", BASED, "published_by", FOUND)),
 ("Which record labels released albums by the band that scored Her?", ["Merge Records", "Columbia Records"], "three_hop", S("Her", MUSIC, "~" + ART, "record_label")),
 ("In which city was the band formed that the composer of the film Drive played in?", ["Los Angeles"], "three_hop", S("Drive", MUSIC, "member_of", "formed_in")),
 ("What albums were released by the bands of the composer of The Power of the Dog?", ["OK Computer", "Kid A", "In Rainbows", "A Moon Shaped Pool", "A Light for Attracting Attention", "Wall of Eyes"], "three_hop", S("The Power of the Dog", MUSIC, "member_of", "~" + ART)),
 ("Where was the author of the book behind the film First Man born?", ["Fort Wayne"], "three_hop", S("First Man", BASED, AUTH, POB)),
 ("Where was the author of the novel adapted as The Reader born?", ["Bielefeld"], "three_hop", S("The Reader", BASED, AUTH, POB)),
 ("What other books has the writer of the novel behind the film Atonement written?", ["Amsterdam", "Saturday", "On Chesil Beach"], "three_hop", S("Atonement", BASED, AUTH, "~" + AUTH, exclude=["Atonement (novel)"])),
 ("Who directed films starring the cast of La La Land?", ["Denis Villeneuve", "Nicolas Winding Refn", "Damien Chazelle", "Greta Gerwig", "Iñárritu|Inarritu"], "three_hop", S("La La Land", STAR, "~" + STAR, DIR)),
 ("Where are the studios behind Cillian Murphy's films headquartered?", ["London", "Burbank"], "three_hop", S("Cillian Murphy", "~" + STAR, PROD, HQ)),
 ("Which schools did the directors of Saoirse Ronan's films attend?", ["Barnard College", "Camberwell College of Arts"], "three_hop", S("Saoirse Ronan", "~" + STAR, DIR, "educated_at")),
 ("Who are the parents of the director of the films Bill Murray starred in?", ["Francis Ford Coppola", "Eleanor Coppola"], "three_hop", S("Bill Murray", "~" + STAR, DIR, PAR)),
 ("What nationalities are the directors of films scored by Jonny Greenwood?", ["New Zealand", "United States|USA|American"], "three_hop", S("Jonny Greenwood", "~" + MUSIC, DIR, NAT)),
 ("Whose books did Martin Scorsese adapt into films?", ["Charles Brandt", "Nicholas Pileggi", "Jordan Belfort", "David Grann"], "three_hop", S("Martin Scorsese", "~" + DIR, BASED, AUTH)),
 ("Who directed the films based on books published by Alfred A. Knopf?", ["Christopher Nolan", "Joel Coen", "Ethan Coen"], "three_hop", S("Alfred A. Knopf", "~published_by", "~" + BASED, DIR)),
 ("In which countries were the actors of Oppenheimer born?", ["Ireland", "United Kingdom|UK|England", "United States|USA"], "three_hop", S("Oppenheimer", STAR, POB, IN)),
 ("Which bands include people who composed music for Pete Docter's films?", ["Nine Inch Nails"], "three_hop", S("Pete Docter", "~" + DIR, MUSIC, "member_of")),
 # ---------- co_star ----------
 ("Who acted together with Scarlett Johansson?", ["Joaquin Phoenix", "Amy Adams", "Rooney Mara", "Bill Murray"], "co_star", S("Scarlett Johansson", "~" + STAR, STAR, exclude_start=True)),
 ("Which actors have co-starred with Robert De Niro?", ["Al Pacino", "Joe Pesci", "Val Kilmer", "Ray Liotta", "Jodie Foster", "Leonardo DiCaprio"], "co_star", S("Robert De Niro", "~" + STAR, STAR, exclude_start=True), 9),
 ("Who has appeared on screen alongside Timothée Chalamet?", ["Saoirse Ronan", "Zendaya", "Florence Pugh", "Meryl Streep", "Armie Hammer", "Oscar Isaac"], "co_star", S("Timothée Chalamet", "~" + STAR, STAR, exclude_start=True), 10),
 ("Who starred with James McAvoy?", ["Sharon Horgan", "Keira Knightley", "Saoirse Ronan"], "co_star", S("James McAvoy", "~" + STAR, STAR, exclude_start=True)),
 ("Which authors share a publisher with Cormac McCarthy?", ["Ted Chiang", "Kai Bird", "Martin J. Sherwin"], "co_star", S("Cormac McCarthy", "~" + AUTH, "published_by", "~published_by", AUTH, exclude_start=True)),
 ("Which authors share a publisher with James R. Hansen?", ["Nicholas Pileggi"], "co_star", S("James R. Hansen", "~" + AUTH, "published_by", "~published_by", AUTH, exclude_start=True)),
 ("Which artists share a record label with Radiohead?", ["The Smile", "Thom Yorke"], "co_star", S("Radiohead", "~" + ART, "record_label", "~record_label", ART, exclude_start=True)),
 ("Who are Thom Yorke's bandmates?", ["Jonny Greenwood", "Colin Greenwood", "Ed O'Brien", "Philip Selway", "Tom Skinner"], "co_star", S("Thom Yorke", "member_of", "~member_of", exclude_start=True)),
 ("Who has acted alongside Emma Stone?", ["Ryan Gosling", "J. K. Simmons", "Michael Keaton", "Edward Norton"], "co_star", S("Emma Stone", "~" + STAR, STAR, exclude_start=True)),
 ("Who co-starred with Meryl Streep?", ["Nicole Kidman", "Julianne Moore", "Saoirse Ronan", "Emma Watson", "Florence Pugh", "Timothée Chalamet"], "co_star", S("Meryl Streep", "~" + STAR, STAR, exclude_start=True), 7),
 ("Who worked together with Tom Hardy on screen?", ["Leonardo DiCaprio", "Joseph Gordon-Levitt", "Elliot Page", "Cillian Murphy"], "co_star", S("Tom Hardy", "~" + STAR, STAR, exclude_start=True)),
 ("Who co-wrote a book with Kai Bird?", ["Martin J. Sherwin"], "co_star", S("Kai Bird", "~" + AUTH, AUTH, exclude_start=True)),
 ("Who appeared in films together with Amy Adams?", ["Joaquin Phoenix", "Scarlett Johansson", "Rooney Mara", "Jeremy Renner", "Forest Whitaker"], "co_star", S("Amy Adams", "~" + STAR, STAR, exclude_start=True)),
 ("Which other directors have made films with the same production companies as Christopher Nolan?", ["Denis Villeneuve"], "co_star", S("Christopher Nolan", "~" + DIR, PROD, "~" + PROD, DIR, exclude_start=True)),
 ("Who else has been in a film with Matt Damon?", ["Cillian Murphy", "Emily Blunt", "Robert Downey Jr.", "Florence Pugh", "Matthew McConaughey", "Anne Hathaway"], "co_star", S("Matt Damon", "~" + STAR, STAR, exclude_start=True), 7),
 # ---------- inverse ----------
 ("Which films were directed by Denis Villeneuve?", ["Arrival", "Dune", "Blade Runner 2049"], "inverse", S("Denis Villeneuve", "~" + DIR)),
 ("What movies has Greta Gerwig directed?", ["Little Women", "Lady Bird", "Barbie"], "inverse", S("Greta Gerwig", "~" + DIR)),
 ("Which books did David Grann write?", ["Killers of the Flower Moon", "The Lost City of Z", "The Wager"], "inverse", S("David Grann", "~" + AUTH)),
 ("What novels has Ian McEwan written?", ["Atonement", "Amsterdam", "Saturday", "On Chesil Beach"], "inverse", S("Ian McEwan", "~" + AUTH)),
 ("Which films did Pixar produce?", ["Up", "Inside Out", "Soul"], "inverse", S("Pixar", "~" + PROD)),
 ("Which albums has Radiohead released?", ["OK Computer", "Kid A", "In Rainbows", "A Moon Shaped Pool"], "inverse", S("Radiohead", "~" + ART)),
 ("Which films has Hans Zimmer composed music for?", ["Dune", "Blade Runner 2049", "Interstellar", "Inception"], "inverse", S("Hans Zimmer", "~" + MUSIC)),
 ("Who was born in Mexico City?", ["Iñárritu|Inarritu", "Cuarón|Cuaron"], "inverse", S("Mexico City", "~" + POB)),
 ("Which films star Cillian Murphy?", ["Oppenheimer", "Inception"], "inverse", S("Cillian Murphy", "~" + STAR)),
 ("What books did Roberts Brothers publish?", ["Little Women", "Little Men", "Jo's Boys"], "inverse", S("Roberts Brothers", "~published_by")),
 ("Who studied at Harvard University?", ["Damien Chazelle", "Matt Damon", "Justin Hurwitz", "André Aciman|Andre Aciman"], "inverse", S("Harvard University", "~educated_at")),
 ("Who are the members of Arcade Fire?", ["Win Butler", "Régine Chassagne|Regine Chassagne", "Richard Reed Parry", "Jeremy Gara", "Tim Kingsbury"], "inverse", S("Arcade Fire", "~member_of")),
 ("Which films were released in 2023?", ["Barbie", "Oppenheimer", "Killers of the Flower Moon"], "inverse", S("2023", "~release_year")),
 ("Which films did Stephen Daldry direct?", ["Together", "The Hours", "The Reader", "Billy Elliot"], "inverse", S("Stephen Daldry", "~" + DIR)),
 ("Which films did Working Title Films produce?", ["Atonement", "Billy Elliot"], "inverse", S("Working Title Films", "~" + PROD)),
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
