"""Issue 14, class 7: the KG boundary caps what a plan can ask (alias length and count, relation
count) and links in linear time, so backend code stays fast on hostile arguments."""

import time

import pytest

from kg import NetworkXKG


@pytest.mark.parametrize(
    ("function", "arguments"),
    [
        ("get_entity_info", (["a" + "\x1c" * 200_000 + ")"],)),
        ("find_entity_or_value", (["三体" + " " * 100_000 + "(x"], ["作者"])),
        ("find_entity_or_value", (["三体"], [f"关系{i}" for i in range(5000)])),
        ("find_entity_or_value", ([f"三体{i}" for i in range(5000)], [f"关系{i}" for i in range(5000)])),
        ("find_relationship", (["刘" * 100_000], ["三" * 100_000 + "（x）"])),
    ],
    ids=["control run before a bracket", "spaces before an open bracket", "many relations",
         "many mentions and relations", "long fuzzy mentions"],
)
def test_hostile_arguments_stay_fast_in_the_networkx_backend(function, arguments):
    kg = NetworkXKG.from_triples([("三体", "作者", "刘慈欣"), ("刘慈欣", "作品", "三体（小说）")] +
                                 [(f"实体{i}", f"关系{i % 50}", f"值{i}") for i in range(2000)])
    started = time.monotonic()
    result, message = getattr(kg, function)(*arguments)
    assert time.monotonic() - started < 0.5
    assert isinstance(message, str) and len(message) < 20_000  # bounded, not echoing the input


def test_the_networkx_backend_still_answers_through_the_caps():
    kg = NetworkXKG.from_triples([("三体", "作者", "刘慈欣"), ("活着（电影）", "导演", "张艺谋")])
    assert kg.find_entity_or_value(["x" * 300, "三体"], ["作者"])[0] == ["刘慈欣"]
    assert kg.find_entity_or_value(["活着 (电影)"], ["导演"])[0] == ["张艺谋"]
    assert kg.find_entity_or_value(["活着"], ["导演"])[0] == ["张艺谋"]


def test_suffix_stripping_is_linear_and_means_what_it_meant():
    from kg.linking import strip_suffix, suffix_of

    assert strip_suffix("刘晓华（广东工业大学教授）") == "刘晓华" and suffix_of("X (film)") == "film"
    assert strip_suffix("活着 (电影)") == "活着" and strip_suffix("(电影)") == "(电影)"
    assert strip_suffix("a (b) c") == "a (b) c" and strip_suffix("a (b (c))") == "a (b (c))"
    started = time.monotonic()
    for hostile in ("a" + "\x1c" * 200_000 + ")", "a" + " " * 200_000 + "(b)c)", "a (" * 50_000 + ")"):
        strip_suffix(hostile)
    assert time.monotonic() - started < 0.2
