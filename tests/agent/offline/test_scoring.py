"""Query: how well a relation name explains the rest of a question (invented questions)."""

from agent.offline.scoring import Query, overlap


def test_the_graphs_own_name_outscores_a_synonym_and_a_stranger():
    query = Query("□□的老婆是谁", "zh")
    own, _ = query.support("老婆", frozenset(), [])
    synonym, _ = query.support("妻子", frozenset(), ["老婆"])
    stranger, _ = query.support("出生地", frozenset(), [])
    assert own > synonym > stranger == 0.0


def test_used_characters_are_not_evidence_twice():
    score, positions = overlap("作者", "□的作者的作者", frozenset({2, 3}))
    assert positions == frozenset({5, 6}) and score > 0


def test_a_one_character_synonym_match_is_too_weak():
    assert overlap("出演", "他出生在哪", frozenset(), synonym=True) == (0.0, frozenset())


def test_the_question_word_decides_the_answer_kind():
    assert Query("□□是哪一年成立的", "zh").asks == "time"
    assert Query("□□是谁写的", "zh").asks == "person"
    assert Query("where was □ born", "en").asks == "place"
    time = Query("□□是哪年成立的", "zh")
    assert time.answer_type_bonus("成立时间", ("1998年",)) > time.answer_type_bonus("创始人", ("某人",))


def test_english_words_map_to_relation_words():
    query = Query("who is the wife of □", "en")
    assert query.support("妻子", frozenset(), [])[0] > 0
    assert query.support("spouse", frozenset(), [])[0] > 0


def test_others_after_the_explained_words_ask_for_going_back():
    query = Query("□□的作者还写过什么", "zh")
    assert query.asks_for_others_after(frozenset({3, 4}))
    assert not Query("□□的代表作品还有哪些", "zh").asks_for_others_after(frozenset(range(3, 7)))
