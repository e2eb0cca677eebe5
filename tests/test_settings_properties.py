"""Whatever IT or a profile writes, resolving never raises and every value keeps its type."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from traymon.config.layers import Layer, builtin_services, resolve
from traymon.config.settings import BY_NAME, SETTINGS, SettingType
from traymon.config.toml_layer import parse_toml_layer
from traymon.config.values import LayerValues, RawValue, coerce

BUILTIN = builtin_services()
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**40), 2**40), st.text(max_size=30), st.floats()
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
layers = st.dictionaries(st.sampled_from([s.name for s in SETTINGS]), values, max_size=8)


def _layer(data: dict[str, object], origin: str) -> LayerValues:
    return LayerValues(origin, {k: RawValue(v, origin) for k, v in data.items()})


@settings(max_examples=150, deadline=None)
@given(machine=layers, policy=layers)
def test_any_machine_or_policy_data_resolves(
    machine: dict[str, object], policy: dict[str, object]
) -> None:
    effective = resolve(
        BUILTIN, _layer(machine, "machine"), LayerValues.empty("user"), _layer(policy, "policy")
    )
    for setting in SETTINGS:
        resolved = effective.resolved[setting.name]
        if setting.type is SettingType.BOOL:
            assert isinstance(resolved.value, bool)
        elif setting.type is SettingType.INT:
            assert isinstance(resolved.value, int)
            assert (setting.minimum or 0) <= resolved.value
        elif setting.type is SettingType.CHOICE:
            assert resolved.value in setting.choices
        assert resolved.locked == (resolved.source is Layer.POLICY)


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=200))
def test_any_text_as_a_toml_layer_never_raises(text: str) -> None:
    layer = parse_toml_layer(text, Path("policy.toml"))
    for name, raw in layer.values.items():
        coerce(BY_NAME[name], raw)


def test_a_setting_policy_may_not_set_is_ignored_there(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    user_only = dataclasses.replace(BY_NAME["logging.level"], policy=False)
    monkeypatch.setitem(BY_NAME, "logging.level", user_only)
    policy = _layer({"logging.level": "debug"}, "/etc/traymon/policy.toml")
    user = _layer({"logging.level": "warning"}, "user.toml")
    with caplog.at_level(logging.WARNING, logger="traymon"):
        effective = resolve(BUILTIN, LayerValues.empty("m"), user, policy)
    assert effective.resolved["logging.level"].value == "warning"
    assert effective.resolved["logging.level"].locked is False
    assert "logging.level cannot be set by policy; ignored" in caplog.text
