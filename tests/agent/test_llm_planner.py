import pytest

import prompts
from llm.base import GenerationConfig
from llm.fake import ScriptedRuntime
from llm.grammar import PLAN_SCHEMA, plan_schema
from agent.llm_planner import LLMAnswerer, LLMPlanner
from agent.types import Call


def calls(*messages):
    """KG calls as the sandbox records them; the model answerer reads their messages."""
    return [Call(function="find_entity_or_value", arguments={}, message=m) for m in messages]
from llm.template import META_INSTRUCTION, render_prompt

PLAN_REPLY = '{"need_knowledge": "是", "thought": "查作者", "code": "def search():\\n\\treturn \'\'"}<end>'


def test_planner_renders_the_plan_prompt_in_the_template_and_decodes_greedily():
    runtime = ScriptedRuntime([PLAN_REPLY])
    planner = LLMPlanner(runtime)
    reply = planner.plan("《三体》的作者是谁？", history=[("你好", "你好！")])
    assert reply == PLAN_REPLY.removesuffix("<end>")
    plan_prompt = prompts.render("plan", "zh", question="《三体》的作者是谁？").rstrip()
    assert runtime.prompts == [render_prompt(plan_prompt, [("你好", "你好！")])]
    assert runtime.prompts[0].startswith(META_INSTRUCTION + "问：你好\n答：\n你好！<end>问：你是一个知识图谱访问代理")
    assert runtime.prompts[0].endswith("\n===\n输入：《三体》的作者是谁？\n答：\n")
    assert runtime.configs[0].do_sample is False
    assert runtime.schemas == [PLAN_SCHEMA]
    assert planner.name == "cutegpt:scripted"


def test_feedback_wraps_the_plan_prompt_with_the_error():
    runtime = ScriptedRuntime([PLAN_REPLY])
    LLMPlanner(runtime).plan("谁提出了进化论？", feedback="JSON 不完整")
    plan_prompt = prompts.render("plan", "zh", question="谁提出了进化论？").rstrip()
    expected = prompts.render("plan_feedback", "zh", plan_prompt=plan_prompt, feedback="JSON 不完整").rstrip()
    assert runtime.prompts == [render_prompt(expected)]
    assert runtime.prompts[0].endswith("请改正后重新输出一个完整的JSON。\n答：\n")
    assert "上一次的输出无法使用：JSON 不完整" in runtime.prompts[0]


def test_unconstrained_english_planner_sends_no_schema_and_uses_the_english_prompt():
    runtime = ScriptedRuntime(["{}"])
    LLMPlanner(runtime, lang="en", constrained=False).plan("Who wrote The Three-Body Problem?")
    assert runtime.schemas == [None]
    assert "Who wrote The Three-Body Problem?" in runtime.prompts[0]
    assert LLMPlanner(runtime, lang="en").constrained and plan_schema("en") != PLAN_SCHEMA


def test_answerer_joins_the_messages_into_the_knowledge_and_samples_like_upstream():
    runtime = ScriptedRuntime(["达尔文。<end>"])
    answer = LLMAnswerer(runtime).answer("谁提出了进化论？", calls("进化论的提出者是达尔文。", "", "达尔文是英国人。"))
    assert answer == "达尔文。"
    body = prompts.render("answer", "zh", knowledge="进化论的提出者是达尔文。\n达尔文是英国人。", question="谁提出了进化论？")
    assert runtime.prompts == [render_prompt(body.rstrip())]
    assert runtime.prompts[0].endswith("问题：谁提出了进化论？\n答：\n")
    config = runtime.configs[0]
    assert (config.do_sample, config.top_p, config.top_k, config.repetition_penalty) == (True, 0.8, 50, 1.1)


@pytest.mark.parametrize(("lang", "none"), [("zh", "（无）"), ("en", "(none)")])
def test_answerer_says_none_when_nothing_was_retrieved(lang, none):
    runtime = ScriptedRuntime(["x"])
    LLMAnswerer(runtime, lang=lang).answer("q", [])
    assert runtime.prompts[0] == render_prompt(prompts.render("answer", lang, knowledge=none, question="q").rstrip())


def test_answerer_streams_the_same_prompt():
    runtime = ScriptedRuntime(["达尔文。"])
    answerer = LLMAnswerer(runtime, config=GenerationConfig(max_new_tokens=5))
    assert "".join(answerer.stream("谁？", calls("m"), history=[("a", "b")])) == "达尔文。"
    assert runtime.prompts == [answerer.prompt("谁？", calls("m"), [("a", "b")])]
    assert runtime.configs[0].max_new_tokens == 5


def test_scripted_runtime_takes_a_function_and_says_when_a_script_runs_out():
    echo = ScriptedRuntime(lambda prompt: prompt[-3:])
    assert echo.generate_batch(["abc", "xyz"], GenerationConfig()) == ["abc", "xyz"]
    with pytest.raises(IndexError, match="ran out of replies after 1"):
        script = ScriptedRuntime(["one"])
        script.generate("p", GenerationConfig())
        script.generate("p", GenerationConfig())


def test_generation_config_forbids_unknown_keys_and_greedy_keeps_overrides():
    with pytest.raises(ValueError):
        GenerationConfig(top_q=0.5)
    greedy = GenerationConfig.greedy(max_new_tokens=64)
    assert (greedy.do_sample, greedy.max_new_tokens) == (False, 64)
    assert "top_p" not in greedy.sampling_kwargs()
    assert GenerationConfig().sampling_kwargs()["top_k"] == 50


def test_batched_plans_and_answers_use_the_same_prompts_as_single_calls():
    runtime = ScriptedRuntime([PLAN_REPLY] * 4)
    planner, answerer = LLMPlanner(runtime), LLMAnswerer(runtime)
    assert planner.plan_batch(["甲？", "乙？"]) == [PLAN_REPLY.removesuffix("<end>")] * 2
    assert runtime.prompts == [planner.prompt("甲？"), planner.prompt("乙？")]
    assert runtime.schemas == [PLAN_SCHEMA] * 2
    answerer.answer_batch([("甲？", calls("甲是A。"), ()), ("乙？", [], ["乙共2个。"])])
    assert runtime.prompts[2:] == [answerer.prompt("甲？", calls("甲是A。")), answerer.prompt("乙？", [], computed=["乙共2个。"])]
    assert "乙共2个。" in runtime.prompts[3]
    assert runtime.schemas[2:] == [None, None]
