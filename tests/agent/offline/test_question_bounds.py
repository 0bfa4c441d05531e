"""Question reading stays linear: the relationship pre-check agrees with the pattern it guards."""

from hypothesis import given, settings, strategies as st

from agent.offline.question import _RELATIONSHIP, _could_ask_relationship


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="和与跟同关系联系关联甲乙丙之间是的", max_size=14))
def test_the_linear_pre_check_says_yes_exactly_when_the_pattern_matches(text):
    assert _could_ask_relationship(text) == bool(_RELATIONSHIP.search(text))
