from llm.template import META_INSTRUCTION, clean_response, render_prompt

META = "你是复旦大学知识工场实验室训练出来的语言模型CuteGPT。给定任务描述，请给出对应请求的回答。\n"


def test_prompt_without_history_is_meta_then_question():
    assert render_prompt("鲁迅是谁？") == META + "问：鲁迅是谁？\n答：\n"
    assert META_INSTRUCTION == META


def test_history_turns_are_appended_in_order_each_closed_by_end_as_in_training_rows():
    history = [("你好", "你好！"), ("鲁迅是谁？", "作家。")]
    assert render_prompt("他写了什么？", history) == (
        META + "问：你好\n答：\n你好！<end>" + "问：鲁迅是谁？\n答：\n作家。<end>" + "问：他写了什么？\n答：\n"
    )


def test_only_the_last_three_turns_are_kept_by_default():
    history = [(f"q{i}", f"a{i}") for i in range(5)]
    assert render_prompt("q", history) == META + "问：q2\n答：\na2<end>问：q3\n答：\na3<end>问：q4\n答：\na4<end>问：q\n答：\n"
    assert render_prompt("q", history, max_history=1) == META + "问：q4\n答：\na4<end>问：q\n答：\n"
    assert render_prompt("q", history, max_history=0) == META + "问：q\n答：\n"
    assert render_prompt("q", history, max_history=None).count("问：") == 6


def test_clean_response_cuts_at_end_or_eos_and_strips_special_tokens():
    assert clean_response("<s>达尔文。<end>问：下一个") == "达尔文。"
    assert clean_response("达尔文。</s>garbage<end>") == "达尔文。"
    assert clean_response("  达尔文 \n") == "达尔文"
    assert clean_response("<end>") == ""
