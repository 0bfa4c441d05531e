"""The offline answerer states what the KG calls found (their records, not their text); without
knowledge it replies honestly."""

from agent.offline import OfflineAnswerer
from agent.types import Call
from kg.networkx_kg import NetworkXKG


def fact(kg, entity, relation) -> Call:
    return _call(kg, "find_entity_or_value", entity_aliases=[entity], relation_aliases=[relation])


def entry(kg, entity) -> Call:
    return _call(kg, "get_entity_info", entity_aliases=[entity])


def _call(kg, function, **arguments) -> Call:
    """The call as the sandbox records it: result, message and findings from the backend."""
    result, message, findings = kg.call_with_findings(function, arguments)
    return Call(function=function, arguments=arguments, result=result, message=message, findings=findings)

KG = NetworkXKG.from_triples([("择天记", "男主角", "鹿晗"), ("郭帆", "出生地", "北京"), ("流浪地球", "导演", "郭帆")])
answerer = OfflineAnswerer()


def test_a_fact_becomes_one_sentence_with_the_title_marks_of_the_question():
    call = fact(KG, "择天记", "男主角")
    assert answerer.answer("《择天记》的男主角是谁？", [call]) == "《择天记》的男主角是鹿晗。"


def test_a_chain_keeps_every_step():
    messages = [fact(KG, "流浪地球", "导演"), fact(KG, "郭帆", "出生地")]
    answer = answerer.answer("流浪地球的导演是哪里人？", messages)
    assert "郭帆" in answer and "北京" in answer


def test_an_incoming_relation_reads_from_the_other_side():
    call = fact(KG, "郭帆", "导演")
    assert answerer.answer("郭帆导演过什么", [call]) == "流浪地球的导演是郭帆。"


def test_nothing_found_is_said_plainly():
    call = fact(KG, "不存在的书", "作者")
    assert "没有" in answerer.answer("不存在的书的作者是谁", [call])


def test_a_greeting_gets_a_greeting():
    assert "你好" in answerer.answer("你好", [])


def test_arithmetic_is_evaluated_on_numbers_only():
    assert answerer.answer("1+2*3等于几？", []) == "结果是7。"
    assert "离线基线" in answerer.answer("__import__('os')等于几", [])


def test_english_questions_get_english_answers_with_kg_names():
    # A relation the English table does not name stays the KG's, in quotes; one it names is English.
    call = fact(KG, "择天记", "男主角")
    assert answerer.answer("Who is the male lead of Ze Tian Ji?", [call]) == 'The "男主角" of 择天记 is 鹿晗.'
    call = fact(KG, "郭帆", "出生地")
    assert answerer.answer("Where was Guo Fan born?", [call]) == "The birthplace of 郭帆 is 北京."


def test_english_entry_summaries_name_relations_in_english_and_are_said_once():
    messages = [entry(KG, "郭帆"), entry(KG, "郭帆")]
    answer = answerer.answer("Tell me about Guo Fan", messages)
    assert answer.count("About 郭帆") == 1 and "birthplace" in answer and "出生地" not in answer


def test_its_name_says_it_is_a_baseline():
    assert "offline baseline" in answerer.name


AMBIGUOUS = NetworkXKG.from_triples([
    ("星河", "作者", "丙"), ("星河（动画）", "原著", "星河"), ("流浪（电影）", "原著", "流浪（小说）"),
    ("流浪（小说）", "作者", "丙"),
])


def test_linking_notes_are_left_out_but_brackets_of_names_stay():
    call = fact(AMBIGUOUS, "星河", "原著")
    assert "可能指" in call.message  # the KG explains its choice; the answer does not repeat it
    assert answerer.answer("星河的原著是什么", [call]) == "星河（动画）的原著是星河。"
    call = fact(AMBIGUOUS, "流浪（小说）", "原著")
    answer = answerer.answer("流浪的原著", [call])
    assert answer == "流浪（电影）的原著是流浪（小说）。"


def test_a_backend_without_findings_is_answered_with_its_own_message():
    # A user's KG with only the three functions: the message is all there is, and it is passed on.
    plain = Call(function="find_entity_or_value", arguments={}, result=["乙"], message="甲的作者是乙。")
    assert answerer.answer("甲的作者是谁", [plain]) == "甲的作者是乙。"
    assert answerer.answer("甲的作者是谁", [plain.model_copy(update={"message": ""})]) != "甲的作者是乙。"


def test_the_answer_is_built_from_the_findings_not_from_the_message_text():
    call = fact(KG, "择天记", "男主角")
    assert answerer.answer("择天记的男主角是谁", [call.model_copy(update={"message": "（改写过的文字）"})]) == "择天记的男主角是鹿晗。"


def test_a_refused_call_is_no_fact():
    call = _call(KG, "find_relationship", entity1_aliases=["择天记"], entity2_aliases=[])
    assert answerer.answer("择天记和谁是什么关系", [call]).startswith("抱歉，")


PERSON = NetworkXKG.from_triples(
    [("某人", r, v) for r, v in [("爱好", "下棋"), ("身高", "180厘米"), ("出生日期", "1900年1月1日"), ("本名", "某某"),
                                ("血型", "A型"), ("出生地", "南城"), ("国籍", "甲国"), ("职业", "作家"), ("星座", "白羊座"),
                                ("代表作品", "星河"), ("体重", "70公斤")]] + [("星河", "作者", "某人")]
)


def test_an_entry_becomes_a_short_summary_with_identity_facts_first():
    call = entry(PERSON, "某人")
    answer = answerer.answer("介绍一下某人", [call])
    assert answer.startswith("关于某人：")
    for fact in ("本名是某某", "出生日期是1900年1月1日", "出生地是南城", "国籍是甲国", "职业是作家", "代表作品是星河"):
        assert fact in answer
    assert "另有3项记载未列出" in answer and "这些事实的对象" not in answer


def test_the_facts_the_question_names_come_first_in_a_summary():
    call = entry(PERSON, "某人")
    assert "星座是白羊座" in answerer.answer("某人是什么星座的", [call])


def test_a_missing_relation_is_said_plainly_before_what_the_entity_has():
    messages = [_call(PERSON, "find_entity_or_value", entity_aliases=["某人"], relation_aliases=["妻子", "配偶"]), entry(PERSON, "某人")]
    answer = answerer.answer("某人的妻子是谁", messages)
    # One sentence and one line of what it records: never the entry dumped as if it answered.
    assert answer.startswith("知识图谱中没有某人的“妻子”的记载。它记载的关系有：爱好、身高")
    assert "关于某人" not in answer and "180厘米" not in answer
    alone = answerer.answer("某人的妻子是谁", messages[:1])
    assert alone.startswith("抱歉，知识图谱中没有某人的“妻子”的记载") and "爱好" in alone


def test_after_a_missing_relation_the_facts_near_the_question_are_the_one_line():
    messages = [_call(PERSON, "find_entity_or_value", entity_aliases=["某人"], relation_aliases=["出生医院"]),
                entry(PERSON, "某人")]
    answer = answerer.answer("某人的出生医院", messages)
    assert answer == "知识图谱中没有某人的“出生医院”的记载。它记载的相近事实：出生日期是1900年1月1日，出生地是南城。"
