"""English questions over English KGs: relation names as words, paraphrases, going back along a
hop for co-/same/also questions, the others without the topic, and common words that are titles."""

import pytest

from agent.loop import Agent
from agent.offline import OfflineAnswerer, OfflinePlanner
from agent.offline.english import name_words, stem
from kg.networkx_kg import NetworkXKG

FILMS = NetworkXKG.from_triples([
    ("Red Harbor", "directed_by", "Ann Lee"), ("Red Harbor", "starred_actors", "Tom Hale"),
    ("Red Harbor", "starred_actors", "Mia Ross"), ("Blue Field", "directed_by", "Ann Lee"),
    ("Blue Field", "starred_actors", "Tom Hale"), ("Blue Field", "starred_actors", "Sam Oaks"),
    ("Blue Field", "has_genre", "Drama"), ("Red Harbor", "has_genre", "Thriller"),
    ("Blue Field", "release_year", "1999"), ("Red Harbor", "release_year", "2004"),
    ("Together", "written_by", "Jo Park"), ("Grey Sky", "written_by", "Mia Ross"), ("Grey Sky", "directed_by", "Bo Kim"),
    ("Grey Sky", "starred_actors", "Sam Oaks"), ("Blue Field", "in_language", "Welsh"), ("Red Harbor", "in_language", "Irish"),
    ("Grey Sky", "in_language", "Basque"),
])
PEOPLE = NetworkXKG.from_triples([
    ("Ada Stone", "people.person.place_of_birth", "Lowtown"), ("Ada Stone", "spouseName", "Cal Stone"),
    ("Cal Stone", "date_of_birth", "1950-02-03"),
])


@pytest.fixture(scope="module")
def ask():
    agents = {}

    def run(kg, question):
        if id(kg) not in agents:
            agents[id(kg)] = Agent(kg, OfflinePlanner(kg), OfflineAnswerer())
        return agents[id(kg)].ask(question)

    yield run
    for agent in agents.values():
        agent.close()


def test_relation_names_read_as_words():
    assert name_words("starred_actors") == ("starred", "actors")
    assert name_words("placeOfBirth") == ("place", "of", "birth")
    assert name_words("people.person.place_of_birth") == ("place", "of", "birth")
    assert stem("genres") == stem("genre") and stem("directed") == stem("direct")


def test_a_two_hop_chain_through_an_incoming_edge(ask):
    answer = ask(FILMS, "what genres are the movies directed by Ann Lee in").answer
    assert "Drama" in answer and "Thriller" in answer


def test_co_stars_go_back_along_the_hop_and_leave_the_actor_out(ask):
    result = ask(FILMS, "who are co-stars of Tom Hale")
    assert "Mia Ross" in result.answer and "Sam Oaks" in result.answer
    assert result.computed and "Tom Hale" not in result.computed[-1].split(":", 1)[1]
    assert "not in" in result.code  # the plan's own code leaves him out: the trace shows it


def test_share_words_pick_the_relation_gone_back_along(ask):
    answer = ask(FILMS, "the films that share actors with the film Red Harbor were released in which years").answer
    assert "1999" in answer


def test_a_lower_case_word_is_not_the_title_it_spells(ask):
    answer = ask(FILMS, "who wrote films together with Mia Ross").answer
    assert "Jo Park" not in answer


def test_freebase_and_camel_case_relations_answer_everyday_words(ask):
    assert "Lowtown" in ask(PEOPLE, "where was Ada Stone born").answer
    assert "1950" in ask(PEOPLE, "when was the spouse of Ada Stone born").answer


def test_two_words_side_by_side_for_one_relation_make_one_hop(ask):
    # "languages spoken" names in_language once: no going back along it to other films' languages.
    result = ask(FILMS, "what are the languages spoken in the movies acted by Tom Hale")
    assert "Welsh" in result.answer and "Irish" in result.answer and "Basque" not in result.answer
    assert result.code.count("find_entity_or_value") == 2
