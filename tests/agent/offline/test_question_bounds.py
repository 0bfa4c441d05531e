"""Question reading stays linear: the fast pre-checks and containment test agree with the slow definitions they replace."""

from hypothesis import given, settings, strategies as st

from agent.offline.question import _RELATIONSHIP, _could_ask_relationship


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="和与跟同关系联系关联甲乙丙之间是的", max_size=14))
def test_the_linear_pre_check_says_yes_exactly_when_the_pattern_matches(text):
    assert _could_ask_relationship(text) == bool(_RELATIONSHIP.search(text))


def _longest_by_pairs(matches):
    """The definition `_longest` keeps, written the slow way: drop a match inside a kept longer one."""
    kept = []
    for m in sorted(matches, key=lambda m: (-(m[1] - m[0]), m[0])):
        if not any(k[0] <= m[0] and m[1] <= k[1] for k in kept):
            kept.append(m)
    return kept


spans = st.tuples(st.integers(0, 30), st.integers(1, 8)).map(lambda s: (s[0], s[0] + s[1]))


@settings(max_examples=300, deadline=None)
@given(st.lists(spans, max_size=40, unique=True))
def test_longest_mentions_drop_exactly_those_inside_a_kept_longer_one(pairs):
    from agent.offline.index import _longest

    text = "中" * 40  # no ASCII: the whole-word rule stays out of it
    kept = _longest(text, [(s, e, text[s:e], ("x",)) for s, e in pairs])
    assert [(m.start, m.end) for m in kept] == _longest_by_pairs(pairs)
