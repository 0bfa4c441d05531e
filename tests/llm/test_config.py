from pathlib import Path

import re

import pytest

pytest.importorskip("httpx")

from llm.base import ModelLoadError  # noqa: E402
from agent.llm_planner import build_models  # noqa: E402
from llm.config import load_settings  # noqa: E402
from llm.openai_compat import OpenAICompatRuntime  # noqa: E402


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch, tmp_path):
    for name in ("MODEL", "LORA", "INT8", "ENDPOINT", "API_KEY", "LANG", "CONSTRAINED", "DTYPE", "MAX_NEW_TOKENS", "API"):
        monkeypatch.delenv(f"CUTEKG_{name}", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)


def test_nothing_configured_means_the_offline_planner():
    settings = load_settings()
    assert not settings.configured
    assert (settings.lang, settings.constrained, settings.int8) == ("zh", True, False)
    with pytest.raises(ModelLoadError, match="no model configured"):
        build_models(settings)


def test_flags_beat_environment_beat_file(tmp_path, monkeypatch):
    config = tmp_path / "my.toml"
    (tmp_path / "from_file").mkdir()
    config.write_text(f'model = "{tmp_path / "from_file"}"\nint8 = true\nlang = "en"\nmax_new_tokens = 64\n')
    monkeypatch.setenv("CUTEKG_LANG", "zh")
    monkeypatch.setenv("CUTEKG_MAX_NEW_TOKENS", "128")
    settings = load_settings(config, max_new_tokens=256, model=None, int8=None)
    assert (settings.model, settings.int8, settings.lang, settings.max_new_tokens) == (str(tmp_path / "from_file"), True, "zh", 256)
    assert settings.configured


def test_the_file_is_found_in_the_working_directory_then_in_the_home_config(tmp_path):
    home_config = tmp_path / "home" / ".config" / "cutekg" / "config.toml"
    home_config.parent.mkdir(parents=True)
    home_config.write_text('endpoint = "http://home:8000"\n')
    assert load_settings().endpoint == "http://home:8000"
    Path("cutekg.toml").write_text('endpoint = "http://here:8000"\n')
    assert load_settings().endpoint == "http://here:8000"


def test_a_missing_or_bad_config_file_is_a_one_line_error(tmp_path):
    with pytest.raises(ModelLoadError, match="config file not found"):
        load_settings(tmp_path / "nope.toml")
    (tmp_path / "bad.toml").write_text("model = \n")
    with pytest.raises(ModelLoadError, match="cannot read config file"):
        load_settings(tmp_path / "bad.toml")
    with pytest.raises(ModelLoadError, match="invalid model setting lang"):
        load_settings(lang="fr")


def test_an_endpoint_builds_a_remote_planner_and_answerer(monkeypatch):
    monkeypatch.setenv("CUTEKG_ENDPOINT", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("CUTEKG_API_KEY", "secret")
    settings = load_settings(model="cutegpt-13b")
    assert "secret" not in repr(settings)
    planner, answerer = build_models(settings)
    assert isinstance(planner.runtime, OpenAICompatRuntime) and planner.runtime is answerer.runtime
    assert planner.name == answerer.name == "cutegpt:cutegpt-13b"
    assert planner.config.do_sample is False and answerer.config.do_sample is True


def test_the_endpoint_timeout_is_a_setting_bounding_each_answer(tmp_path, monkeypatch):
    monkeypatch.setenv("CUTEKG_ENDPOINT", "http://127.0.0.1:9/v1")
    assert build_models(load_settings())[0].runtime.timeout == 300
    monkeypatch.setenv("CUTEKG_ENDPOINT_TIMEOUT", "7.5")
    assert build_models(load_settings())[0].runtime.timeout == 7.5
    monkeypatch.setenv("CUTEKG_ENDPOINT_TIMEOUT", "0")
    with pytest.raises(ModelLoadError, match=r"endpoint_timeout \(CUTEKG_ENDPOINT_TIMEOUT\)"):
        load_settings()


def test_a_model_directory_builds_the_local_runtime(full_dir):
    planner, answerer = build_models(load_settings(model=str(full_dir), max_new_tokens=16, constrained=False))
    assert planner.name == f"cutegpt:{full_dir.name}"
    assert planner.runtime.kind == "full" and not planner.constrained
    assert planner.config.max_new_tokens == answerer.config.max_new_tokens == 16


def test_a_bad_setting_names_where_it_came_from(tmp_path, monkeypatch):
    config = tmp_path / "c.toml"
    config.write_text("max_new_tokens = -1\n")
    with pytest.raises(ModelLoadError, match=f"max_new_tokens \\(in {re.escape(str(config))}\\)"):
        load_settings(config)
    monkeypatch.setenv("CUTEKG_INT8", "maybe")
    with pytest.raises(ModelLoadError, match=r"int8 \(CUTEKG_INT8\)"):
        load_settings()


def test_an_empty_endpoint_or_a_table_is_refused_not_ignored(tmp_path, monkeypatch):
    with pytest.raises(ModelLoadError, match=r"^--endpoint '': empty"):
        load_settings(endpoint="")
    config = tmp_path / "c.toml"
    config.write_text('endpoint = ""\n')
    with pytest.raises(ModelLoadError, match=r"^endpoint '' \(in .*c.toml\): empty"):
        load_settings(config)
    config.write_text('[foo]\nx = 1\n')
    with pytest.raises(ModelLoadError, match=r"c.toml: \[foo\] is a table"):
        load_settings(config)
    monkeypatch.setenv("CUTEKG_ENDPOINT", "")  # an empty variable is the usual way to unset one
    assert not load_settings().configured


def test_an_empty_model_in_a_config_file_is_refused_while_an_empty_variable_unsets_it(tmp_path, monkeypatch):
    config = tmp_path / "c.toml"
    config.write_text('model = " "\n')
    with pytest.raises(ModelLoadError, match=r"^invalid model setting model \(in .*c.toml\): empty"):
        load_settings(config)
    monkeypatch.setenv("CUTEKG_MODEL", "")
    assert not load_settings().configured


def test_a_bad_dtype_or_a_key_with_a_line_break_is_refused_naming_its_source_never_the_key(monkeypatch):
    from llm.config import load_settings

    monkeypatch.setenv("CUTEKG_DTYPE", "int3")
    with pytest.raises(ModelLoadError, match=r"dtype \(CUTEKG_DTYPE\)"):
        load_settings()
    monkeypatch.delenv("CUTEKG_DTYPE")
    monkeypatch.setenv("CUTEKG_API_KEY", "sk-secret\nx")
    with pytest.raises(ModelLoadError, match=r"api_key \(CUTEKG_API_KEY\): the key holds") as refused:
        load_settings()
    assert "sk-secret" not in str(refused.value)


def test_an_endpoint_with_spaces_around_it_is_refused():
    from llm.config import check_endpoint

    with pytest.raises(ModelLoadError, match="spaces around the URL"):
        check_endpoint(" http://127.0.0.1:8000/v1")


def test_max_new_tokens_above_the_servers_cap_is_an_invalid_setting(monkeypatch):
    # 10**20 tokens was accepted and only failed as a "prompt too long" answer (exit 1).
    monkeypatch.setenv("CUTEKG_MAX_NEW_TOKENS", "99999999999999999999")
    with pytest.raises(ModelLoadError, match=r"max_new_tokens \(CUTEKG_MAX_NEW_TOKENS\): .*4096"):
        load_settings()


def test_a_config_file_that_is_a_folder_where_one_is_looked_for_is_an_error(tmp_path, monkeypatch):
    # ./cutekg.toml or ~/.config/cutekg/config.toml as a folder or a FIFO was skipped silently.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    Path("cutekg.toml").mkdir()
    with pytest.raises(ModelLoadError, match="config file cutekg.toml is not a file"):
        load_settings()


@pytest.mark.parametrize("text, says", [
    ("max_new_tokens = true\n", "max_new_tokens.*true is not a whole number"),  # was read as 1
    ("endpoint_timeout = true\n", "endpoint_timeout.*true is not a number"),  # was read as 1 s
    ('int8 = "yes"\n', 'int8.*"yes" is not true or false'),  # TOML has booleans: a string was read as a switch
    ("constrained = 0\n", "constrained.*0 is not true or false"),
    ('model = "m"\nlora = ""\n', "lora.*empty; leave the setting out"),  # was the current folder "."
])
def test_a_setting_a_typo_would_change_silently_is_refused(tmp_path, text, says):
    config = tmp_path / "c.toml"
    config.write_text(text)
    with pytest.raises(ModelLoadError, match=says):
        load_settings(config)


def test_a_name_with_spaces_around_it_or_an_adapter_without_a_model_is_refused_naming_its_source(tmp_path, monkeypatch):
    config = tmp_path / "c.toml"
    config.write_text('model = "tiny\\u00a0"\n')  # a non-breaking space pasted from a web page
    with pytest.raises(ModelLoadError, match=r"model \(in .*c.toml\): 'tiny\\xa0' has spaces around it"):
        load_settings(config)
    monkeypatch.setenv("CUTEKG_MODEL", " tiny")
    with pytest.raises(ModelLoadError, match=r"model \(CUTEKG_MODEL\): ' tiny' has spaces around it"):
        load_settings()
    monkeypatch.delenv("CUTEKG_MODEL")
    config.write_text('lora = "run1"\n')
    with pytest.raises(ModelLoadError, match=r"lora \(in .*c.toml\): the adapter run1 needs a model setting"):
        load_settings(config)


def test_a_config_file_saved_with_a_byte_order_mark_is_read(tmp_path):
    config = tmp_path / "c.toml"
    config.write_bytes("\ufeffint8 = false\n".encode("utf-8"))  # Notepad's UTF-8: was "Invalid statement (at line 1, column 1)"
    assert load_settings(config).int8 is False


def test_a_model_folder_a_file_or_variable_names_that_does_not_exist_names_the_file_or_variable(tmp_path, monkeypatch):
    config = tmp_path / "c.toml"
    config.write_text('model = "~/no_such_model_here"\n')
    with pytest.raises(ModelLoadError, match=r"model \(in .*c.toml\): no such folder: ~/no_such_model_here"):
        load_settings(config)
    monkeypatch.setenv("CUTEKG_MODEL", "nowhere_x")
    with pytest.raises(ModelLoadError, match=r"model \(CUTEKG_MODEL\): no such folder: nowhere_x"):
        load_settings()
