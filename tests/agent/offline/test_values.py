"""Dates and quantities as comparable numbers, in the sandbox's Python too."""

import pytest

from agent.offline.values import VALUE_OF_SOURCE, is_date, value_of


@pytest.mark.parametrize(("text", "number"), [
    ("1970年3月5日", 19700305), ("2001-04-01", 20010401), ("1998年11月", 19981100), ("1921年", 19210000),
    ("公元前221年", -2210000), ("约1.2万平方千米", 1.2e4 * 1e6), ("1.85米", 1.85), ("185cm", 1.85),
    ("3.5亿", 3.5e8), ("10153万人", 1.0153e8), ("2小时30分钟", 150), ("90分钟", 90), ("8848.86米", 8848.86),
])
def test_values_parse_to_numbers(text, number):
    assert value_of(text) == pytest.approx(number)


def test_text_without_a_number_has_no_value():
    assert value_of("武侠小说") is None and value_of("") is None


def test_order_follows_the_calendar_and_the_units():
    assert value_of("公元前221年") < value_of("公元前210年") < value_of("1881年9月25日") < value_of("1899年2月3日")
    assert value_of("1.78米") < value_of("185cm")
    assert is_date("1881年9月25日") and is_date("2001-04-01") and not is_date("185cm")


def test_the_plan_can_carry_the_parser_into_the_sandbox():
    from agent.sandbox import Sandbox
    from kg.networkx_kg import NetworkXKG

    body = "".join("\t" + line + "\n" for line in VALUE_OF_SOURCE.splitlines())
    code = "def search():\n" + body + "\treturn [value_of('1970年3月5日'), value_of('约1.2万平方千米'), value_of('x')]\n"
    with Sandbox(NetworkXKG.from_triples([("a", "b", "c")])) as sandbox:
        result = sandbox.run(code)
    assert result.error is None and result.value == [19700305.0, 1.2e10, None]


def test_a_bare_four_digit_year_is_a_date():
    from agent.offline.values import is_date, value_of

    assert is_date("1995") and value_of("1995") == 19950000 < value_of("1995年3月")
    assert not is_date("19950") and value_of("1500米") == 1500
