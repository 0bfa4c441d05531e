"""Author-side script: writes zh_eval.jsonl, en_eval.jsonl and specs.jsonl from the lists below.
Each spec says how check.py recomputes the gold from the KG (see check.py for the spec language)."""
import json

NEG = ["没有|不知道|未找到|无"]

def S(start, *path, **kw):
    """A set expression: start node(s), then relation steps; 'R' forward, '~R' backward."""
    d = {"start": [start] if isinstance(start, str) else list(start),
         "path": [[p.lstrip("~"), "inv" if p.startswith("~") else "fwd"] for p in path]}
    d.update(kw)
    return d

def F(rel, value=None, neg=False):
    return {"rel": rel, **({"value": value} if value is not None else {}), **({"neg": True} if neg else {})}

def ABS(entity, *rels):
    return {"op": "absent", "entity": entity, "rels": list(rels)}

def NOENT(name):
    return {"op": "absent_entity", "name": name}

def CNT(setexpr, members=False, trap=None):
    """members=True: the gold lists the members after the number; trap=[entity, relation]: the KG stores
    a number there that is NOT the answer."""
    return {"op": "count", "set": setexpr, **({"members": setexpr} if members else {}),
            **({"trap": trap} if trap else {})}

def SET(setexpr, alias=None):
    return {"op": "set", "set": setexpr, **({"alias": alias} if alias else {})}

REP, WORK_BY, POB_ZH, PROV, DYN, JOB = "代表作", "作者", "出生地", "所属省份", "朝代", "职业"
COMPO, HERB_CLS, MERID, SCRIPT = "组成", "药物类别", "归经", "书体"
CAL, DOC = F(JOB, "书法家"), F(JOB, "医学家")
FEST = S("传统节日", "~类别")

ZH = [
 # ---------- count: no filter (19) ----------
 ("王羲之的代表作有几件？分别是哪些？", ["4", "兰亭序", "快雪时晴帖", "黄庭经", "十七帖"], "count",
  CNT(S("王羲之", REP), members=True)),
 ("颜真卿留下的代表作一共几件？", ["4"], "count", CNT(S("颜真卿", REP), trap=["颜真卿", "传世作品数"])),
 ("端午节的习俗有多少种？", ["5"], "count", CNT(S("端午节", "习俗"))),
 ("桂枝汤由几味药组成？", ["5"], "count", CNT(S("桂枝汤", COMPO))),
 ("补中益气汤的药材有几味？", ["8"], "count", CNT(S("补中益气汤", COMPO))),
 ("李时珍一共写了几部书？", ["3"], "count", CNT(S("李时珍", "~" + WORK_BY), trap=["本草纲目", "卷数"])),
 ("医圣张仲景著有几部医书？", ["2"], "count", CNT(S("张仲景", "~" + WORK_BY), trap=["伤寒论", "卷数"])),
 ("《兰亭序》有几个有名的摹本？", ["3"], "count", CNT(S("兰亭序", "摹本"), trap=["兰亭序", "行数"])),
 ("楷书四大家是哪几位？一共几个人？", ["4", "欧阳询", "颜真卿", "柳公权", "赵孟頫|赵孟𫖯"], "count",
  CNT(S("楷书四大家", "成员"), members=True)),
 ("甘草归几条经？", ["4"], "count", CNT(S("甘草", MERID), trap=["甘草", "常用剂量"])),
 ("用到甘草的方子有几个？", ["6"], "count", CNT(S("甘草", "~" + COMPO))),
 ("哪几个节日有赛龙舟的习俗？一共几个？", ["2", "端午节", "泼水节"], "count", CNT(S("赛龙舟", "~习俗"), members=True)),
 ("河南产的中药有几味？", ["4"], "count", CNT(S("河南省", "~" + PROV, "~主产地"))),
 ("出生在陕西的书法家和医家一共有几位？都是谁？", ["3", "颜真卿", "柳公权", "孙思邈"], "count",
  CNT(S("陕西省", "~" + PROV, "~" + POB_ZH), members=True)),
 ("楷书四大家的代表作加起来有几件？", ["12"], "count", CNT(S("楷书四大家", "成员", REP))),
 ("王羲之的儿子们留下的代表作有几件？", ["3"], "count", CNT(S("王羲之", "儿子", REP))),
 ("四物汤里的几味药一共归几条经？", ["6"], "count", CNT(S("四物汤", COMPO, MERID))),
 ("擅长草书的书法家有多少位？", ["5"], "count", CNT(S("草书", "~擅长书体"))),
 ("黄芪出现在几个方剂里？是哪几个？", ["3", "补中益气汤", "当归补血汤", "玉屏风散"], "count",
  CNT(S("黄芪", "~" + COMPO), members=True)),
 # ---------- count: with a filter (21) ----------
 ("唐代的书法家有几位？", ["8"], "count", CNT(S("唐", "~" + DYN, filter=[CAL]))),
 ("王羲之的代表作里有几件是行书？", ["2"], "count", CNT(S("王羲之", REP, filter=[F(SCRIPT, "行书")]))),
 ("颜真卿的代表作中不是楷书的有几件？", ["1"], "count", CNT(S("颜真卿", REP, filter=[F(SCRIPT, "楷书", neg=True)]))),
 ("补中益气汤里有几味是补虚药？", ["5"], "count", CNT(S("补中益气汤", COMPO, filter=[F(HERB_CLS, "补虚药")]))),
 ("逍遥散的组成中有几味解表药？", ["3"], "count", CNT(S("逍遥散", COMPO, filter=[F(HERB_CLS, "解表药")]))),
 ("小柴胡汤里归胃经的药有几味？", ["4"], "count", CNT(S("小柴胡汤", COMPO, filter=[F(MERID, "胃经")]))),
 ("不是汉族的传统节日有几个？分别是什么？", ["4", "泼水节", "火把节", "那达慕", "三月三"], "count",
  CNT(S("传统节日", "~类别", filter=[F("所属民族", "汉族", neg=True)]), members=True)),
 ("入选联合国人类非遗名录的传统节日有几个？", ["2"], "count",
  CNT(S("传统节日", "~类别", filter=[F("入选人类非遗时间")]))),
 ("放法定假的传统节日有几个？", ["4"], "count", CNT(S("传统节日", "~类别", filter=[F("法定假日天数")]))),
 ("浙江出生的书法家有几位？是哪几位？", ["4", "虞世南", "褚遂良", "赵孟頫|赵孟𫖯", "王献之"], "count",
  CNT(S("浙江省", "~" + PROV, "~" + POB_ZH, filter=[CAL]), members=True)),
 ("汉族的传统节日一共有几个？", ["9"], "count", CNT(S("传统节日", "~类别", filter=[F("所属民族", "汉族")]))),
 ("北宋的医书有几部？", ["2"], "count", CNT(S("北宋", "~" + DYN, filter=[F("类别", "医书")]))),
 ("重阳节的习俗里有几个跟中药有关？", ["2"], "count", CNT(S("重阳节", "习俗", filter=[F("相关中药")]))),
 ("陕西出生的人里有几位是书法家？", ["2"], "count",
  CNT(S("陕西省", "~" + PROV, "~" + POB_ZH, filter=[CAL]))),
 ("用到茯苓的方剂里有几个是补益剂？", ["2"], "count", CNT(S("茯苓", "~" + COMPO, filter=[F("方剂类别", "补益剂")]))),
 ("补虚药里拿果实入药的有几味？分别是什么？", ["2", "大枣", "枸杞子"], "count",
  CNT(S("补虚药", "~" + HERB_CLS, filter=[F("药用部位", "果实")]), members=True)),
 ("归肾经的补虚药有几味？", ["4"], "count", CNT(S("补虚药", "~" + HERB_CLS, filter=[F(MERID, "肾经")]))),
 ("王献之的代表作里楷书的有几件？", ["1"], "count", CNT(S("王献之", REP, filter=[F(SCRIPT, "楷书")]))),
 ("唐朝写草书的书法家有几个？是谁？", ["2", "张旭", "怀素"], "count",
  CNT(S("唐", "~" + DYN, filter=[CAL, F("擅长书体", "草书")]), members=True)),
 ("东汉的医学家有几位？", ["2"], "count", CNT(S("东汉", "~" + DYN, filter=[DOC]))),
 ("初唐四家里有几位不是出生在浙江的？", ["2"], "count",
  CNT(S("初唐四家", "成员", filter=[F(POB_ZH, "宁波市", neg=True), F(POB_ZH, "杭州市", neg=True)]))),
 # ---------- negative (6 + 4) ----------
 ("王羲之是哪一年去世的？", NEG, "negative", ABS("王羲之", "去世时间", "逝世时间", "卒年")),
 ("《兰亭序》的真迹现在收藏在哪里？", NEG, "negative", ABS("兰亭序", "收藏地", "现藏", "所在地")),
 ("重阳节的英文名叫什么？", NEG, "negative", ABS("重阳节", "英文名")),
 ("四物汤是谁发明的？", NEG, "negative", ABS("四物汤", "创制者", "相传创制者", "作者")),
 ("泼水节是农历哪一天？", NEG, "negative", ABS("泼水节", "农历日期")),
 ("黄芪一次用多少克？", NEG, "negative", ABS("黄芪", "常用剂量")),
 ("董其昌的代表作有哪些？", NEG, "negative", NOENT("董其昌")),
 ("银翘散由哪些药组成？", NEG, "negative", NOENT("银翘散")),
 ("冬至有什么习俗？", NEG, "negative", NOENT("冬至")),
 ("孙过庭是哪个朝代的书法家？", NEG, "negative", NOENT("孙过庭")),
 # ---------- traditional (5 counts, 3 one-hop, 2 two-hop) ----------
 ("端午節有幾個別名？", ["3"], "traditional", CNT(S("端午节", "别名"))),
 ("柳公權的代表作有幾件？", ["3"], "traditional", CNT(S("柳公权", REP))),
 ("六味地黃丸由幾味藥組成？", ["6"], "traditional", CNT(S("六味地黄丸", COMPO))),
 ("唐代擅長楷書的書法家有幾位？", ["6"], "traditional", CNT(S("唐", "~" + DYN, filter=[CAL, F("擅长书体", "楷书")]))),
 ("中秋節有幾種習俗？", ["3"], "traditional", CNT(S("中秋节", "习俗"))),
 ("《祭姪文稿》是誰寫的？", ["颜真卿"], "traditional", SET(S("祭侄文稿", WORK_BY))),
 ("張仲景的本名叫什麼？", ["张机"], "traditional", SET(S("张仲景", "本名"))),
 ("端午節紀念的是誰？", ["屈原"], "traditional", SET(S("端午节", "纪念人物"))),
 ("《蘭亭序》的作者是在哪個城市出生的？", ["临沂"], "traditional", SET(S("兰亭序", WORK_BY, POB_ZH))),
 ("李時珍出生的城市屬於哪個省？", ["湖北"], "traditional", SET(S("李时珍", POB_ZH, PROV))),
]

LINE, FOUND, POB, PAR, ADOPT = ("royalty.monarch.royal_line", "royalty.royal_line.founded_by",
                                "people.person.place_of_birth", "people.person.parents", "adoptive_father")
SPOUSE, SUCC, NAT, CONT, ALIAS = ("people.person.spouse", "succeeded_by", "people.person.nationality",
                                  "location.location.containedby", "common.topic.alias")
DEF, TRAIN, FAV, VAR, NAMED, YEAR = ("chess.world_champion.defeated_in_match", "chess.player.trainer",
                                     "favoriteOpening", "variation_of", "named_after", "titleWonIn")
DES, KIND, PROB, STD, SUPER, DER = ("cryptography.algorithm.designer", "algorithmType", "based_on_problem",
                                    "standardizedBy", "superseded_by", "derived_from")
BROKE, EMP, AWARD, HQ, DEV, BEAT, PUB = ("brokenBy", "people.person.employer", "awardWon",
                                         "organization.organization.headquarters", "developedBy", "won_match_against",
                                         "yearPublished")
NIST = "National Institute of Standards and Technology"

EN = [
 # ---------- two_hop (40) ----------
 ("Who founded the dynasty Hadrian belonged to?", ["Nerva"], "two_hop", S("Hadrian", LINE, FOUND)),
 ("Where were Caligula's parents born?", ["Rome"], "two_hop", S("Caligula", PAR, POB)),
 ("What city was Nero's mother born in?", ["Cologne"], "two_hop", S("Nero", PAR, POB)),
 ("Who did the emperor born in Leptis Magna marry?", ["Julia Domna"], "two_hop", S("Leptis Magna", "~" + POB, SPOUSE)),
 ("In which country was Claudius born?", ["France"], "two_hop", S("Claudius", POB, CONT)),
 ("Who was married to the emperor who adopted Marcus Aurelius?", ["Faustina the Elder"], "two_hop",
  S("Marcus Aurelius", ADOPT, SPOUSE)),
 ("Who are the sons of Septimius Severus's wife?", ["Caracalla", "Geta"], "two_hop", S("Septimius Severus", SPOUSE, "~" + PAR)),
 ("To which dynasty did Domitian's successor belong?", ["Antonine"], "two_hop", S("Domitian", SUCC, LINE)),
 ("Which emperor was a grandson of Livia?", ["Claudius"], "two_hop", S("Livia", "~" + PAR, "~" + PAR)),
 ("Whom did Nero's predecessor marry?", ["Messalina", "Agrippina the Younger"], "two_hop", S("Nero", "~" + SUCC, SPOUSE)),
 ("Who took the throne after the first Flavian emperor?", ["Titus"], "two_hop", S("Flavian dynasty", FOUND, SUCC)),
 ("Which dynasty was founded by the man who adopted Tiberius?", ["Julio-Claudian"], "two_hop", S("Tiberius", ADOPT, "~" + FOUND)),
 ("Who was the mother of the emperor that came after Heliogabalus?", ["Julia Mamaea"], "two_hop",
  S("Elagabalus", SUCC, PAR), ["Heliogabalus", "Elagabalus"]),
 ("Who trained the player Bobby Fischer beat for the title?", ["Igor Bondarevsky"], "two_hop", S("Bobby Fischer", DEF, TRAIN)),
 ("Where was the man who beat Garry Kasparov in a world championship match born?", ["Tuapse"], "two_hop",
  S("Garry Kasparov", "~" + DEF, POB)),
 ("Who did Magnus Carlsen's coaches defeat in world championship matches?", ["Anatoly Karpov", "Nigel Short", "Viswanathan Anand"],
  "two_hop", S("Magnus Carlsen", TRAIN, DEF)),
 ("Which openings did Kasparov's trainers like to play?", ["French Defence"], "two_hop", S("Garry Kasparov", TRAIN, FAV)),
 ("Which opening is named after someone born in Riga?", ["Nimzo-Indian"], "two_hop", S("Riga", "~" + POB, "~" + NAMED)),
 ("Where was the namesake of the Najdorf Variation born?", ["Grodzisk Mazowiecki"], "two_hop", S("Najdorf Variation", NAMED, POB)),
 ("Which opening lines are named after players Emanuel Lasker beat in title matches?", ["Marshall Attack", "Tarrasch Defence"],
  "two_hop", S("Emanuel Lasker", DEF, "~" + NAMED)),
 ("Whom did the champion born in Havana beat for the title?", ["Emanuel Lasker"], "two_hop", S("Havana", "~" + POB, DEF)),
 ("Who lost world championship matches to the champions Mikhail Botvinnik trained?",
  ["Viktor Korchnoi", "Gata Kamsky", "Viswanathan Anand", "Anatoly Karpov", "Nigel Short", "Veselin Topalov"], "two_hop",
  S("Mikhail Botvinnik", "~" + TRAIN, DEF), 7),
 ("Which company built the computer that beat Garry Kasparov?", ["IBM"], "two_hop", S("Garry Kasparov", "~" + BEAT, DEV)),
 ("What openings did the man who took the title from Kasparov like to play?", ["Berlin Defence", "Catalan Opening"], "two_hop",
  S("Garry Kasparov", "~" + DEF, FAV)),
 ("Whom did the world champion born in Leningrad defeat in a title match?", ["Tigran Petrosian"], "two_hop",
  S("Saint Petersburg", "~" + POB, DEF), ["Leningrad", "Saint Petersburg"]),
 ("Who or what are the variations of the Spanish Opening named after?", ["Berlin", "Frank Marshall"], "two_hop",
  S("Ruy Lopez", "~" + VAR, NAMED), ["Spanish Opening", "Ruy Lopez"]),
 ("When did the players who beat Boris Spassky in title matches become world champion?", ["1963", "1972"], "two_hop", S("Boris Spassky", "~" + DEF, YEAR)),
 ("In which years did the champions who beat Ian Nepomniachtchi in title matches win the world title?",
  ["2013", "2023"], "two_hop", S("Ian Nepomniachtchi", "~" + DEF, YEAR)),
 ("Where was the designer of Blowfish born?", ["New York City"], "two_hop", S("Blowfish", DES, POB)),
 ("What award did the inventors of RSA receive?", ["Turing Award"], "two_hop", S("RSA", DES, AWARD)),
 ("What was the cipher that AES replaced derived from?", ["Lucifer"], "two_hop", S("Advanced Encryption Standard", "~" + SUPER, DER),
  ["AES", "Advanced Encryption Standard"]),
 ("Who designed the cipher DES was based on?", ["Horst Feistel"], "two_hop", S("Data Encryption Standard", DER, DES),
  ["DES", "Data Encryption Standard"]),
 ("Which algorithms were designed by people born in New York City?",
  ["Diffie–Hellman|Diffie-Hellman", "Elliptic-curve|elliptic curve|ECC", "Blowfish", "Twofish"], "two_hop",
  S("New York City", "~" + POB, "~" + DES)),
 ("Which algorithms has the agency headquartered in Gaithersburg standardized?",
  ["Digital Signature Algorithm|DSA", "Data Encryption Standard|DES", "Advanced Encryption Standard|AES", "SHA-1", "SHA-2", "SHA-3"],
  "two_hop", S("Gaithersburg", "~" + HQ, "~" + STD)),
 ("Where were the codebreakers who cracked the Enigma machine born?", ["Bydgoszcz", "London"], "two_hop", S("Enigma machine", BROKE, POB)),
 ("Which ciphers were broken by people who worked at the Government Code and Cypher School?", ["Enigma", "Lorenz"], "two_hop",
  S("Government Code and Cypher School", "~" + EMP, "~" + BROKE)),
 ("Who was adopted by the man the Caesar cipher is named after?", ["Augustus|Octavian"], "two_hop", S("Caesar cipher", NAMED, "~" + ADOPT)),
 ("What did the developer of Deep Blue design?", ["Data Encryption Standard|DES"], "two_hop", S("Deep Blue", DEV, "~" + DES)),
 ("What kinds of algorithms did Joan Daemen help design?", ["block cipher", "hash function"], "two_hop", S("Joan Daemen", "~" + DES, KIND)),
 ("Who designed the hash functions that SHA-2 superseded?", ["Ron Rivest", "National Security Agency|NSA"], "two_hop",
  S("SHA-2", "~" + SUPER, DES)),
 # ---------- three_hop (10) ----------
 ("In which country was the founder of the Severan dynasty born?", ["Libya"], "three_hop", S("Severan dynasty", FOUND, POB, CONT)),
 ("Which country was Nero's mother born in?", ["Germany"], "three_hop", S("Nero", PAR, POB, CONT)),
 ("Where was the successor of the founder of the Flavian dynasty born?", ["Rome"], "three_hop", S("Flavian dynasty", FOUND, SUCC, POB)),
 ("In which country was the player who lost the title to Bobby Fischer born?", ["Russia"], "three_hop", S("Bobby Fischer", DEF, POB, CONT)),
 ("Which openings are named after people born in Poland?", ["Tarrasch Defence", "Najdorf Variation"], "three_hop",
  S("Poland", "~" + CONT, "~" + POB, "~" + NAMED)),
 ("Where were the champions who favoured a line of the Sicilian Defence born?", ["Chicago", "Baku", "Mayiladuthurai"], "three_hop",
  S("Sicilian Defence", "~" + VAR, "~" + FAV, POB)),
 ("Which algorithms were designed by people born in Belgium?", ["Advanced Encryption Standard|AES|Rijndael", "SHA-3|Keccak"], "three_hop",
  S("Belgium", "~" + CONT, "~" + POB, "~" + DES)),
 ("Where is the headquarters of the body that standardized the cipher that replaced DES?", ["Gaithersburg"], "three_hop",
  S("Data Encryption Standard", SUPER, STD, HQ), ["DES", "Data Encryption Standard"]),
 ("In which state was the designer of Salsa20 born?", ["New York"], "three_hop", S("Salsa20", DES, POB, CONT)),
 ("Where were the grandsons of Julia Maesa born?", ["Emesa|Homs", "Arca Caesarea"], "three_hop", S("Julia Maesa", "~" + PAR, "~" + PAR, POB)),
 # ---------- inverse (10) ----------
 ("Which emperors belonged to the Flavian dynasty?", ["Vespasian", "Titus", "Domitian"], "inverse", S("Flavian dynasty", "~" + LINE)),
 ("Who was born in Lyon?", ["Claudius", "Caracalla"], "inverse", S("Lyon", "~" + POB)),
 ("Whom did Antoninus Pius adopt?", ["Marcus Aurelius", "Lucius Verus"], "inverse", S("Antoninus Pius", "~" + ADOPT)),
 ("Which champions were trained by Mikhail Botvinnik?", ["Anatoly Karpov", "Garry Kasparov", "Vladimir Kramnik"], "inverse",
  S("Mikhail Botvinnik", "~" + TRAIN)),
 ("Who beat Viswanathan Anand in a world championship match?", ["Anatoly Karpov", "Garry Kasparov", "Magnus Carlsen"], "inverse",
  S("Viswanathan Anand", "~" + DEF)),
 ("What are the main lines of the Sicilian?", ["Najdorf", "Scheveningen", "Dragon"], "inverse", S("Sicilian Defence", "~" + VAR)),
 ("Which algorithms did Ron Rivest design?", ["RSA", "RC4", "RC5", "MD5"], "inverse", S("Ron Rivest", "~" + DES)),
 ("Who was born in New York City?", ["Frank Marshall", "Martin Hellman", "Neal Koblitz", "Bruce Schneier"], "inverse",
  S("New York City", "~" + POB)),
 ("Which algorithms are based on the discrete logarithm problem?",
  ["Diffie–Hellman|Diffie-Hellman", "ElGamal", "Digital Signature Algorithm|DSA"], "inverse", S("discrete logarithm problem", "~" + PROB)),
 ("Which Roman emperors and their relatives were born in Rome?",
  ["Augustus", "Tiberius", "Titus", "Domitian", "Marcus Aurelius", "Geta"], "inverse", S("Rome", "~" + POB), 9),
]

def main():
    specs = []
    with open("zh_eval.jsonl", "w", encoding="utf-8") as f:
        for q, a, t, spec in ZH:
            f.write(json.dumps({"question": q, "answers": a, "type": t, "need_knowledge": True}, ensure_ascii=False) + "\n")
            specs.append({"file": "zh_eval.jsonl", "question": q, "spec": spec})
    with open("en_eval.jsonl", "w", encoding="utf-8") as f:
        for q, a, t, setspec, *rest in EN:
            size = next((x for x in rest if isinstance(x, int)), len(a))  # hand-counted size of the full gold set
            alias = next((x for x in rest if isinstance(x, list)), None)
            f.write(json.dumps({"question": q, "answers": a, "type": t, "need_knowledge": True, "gold_size": size},
                               ensure_ascii=False) + "\n")
            specs.append({"file": "en_eval.jsonl", "question": q, "spec": SET(setspec, alias)})
    with open("specs.jsonl", "w", encoding="utf-8") as f:
        for s in specs:
            f.write(json.dumps(s, ensure_ascii=False) + "\n")
    print(len(ZH), "zh questions,", len(EN), "en questions")


if __name__ == "__main__":
    main()
