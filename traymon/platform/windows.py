"""Windows: machine defaults and policy in the registry, as Group Policy (ADMX) writes them.

Layout (the generated ADMX writes exactly this; ``tools/generate_config.py``):
``<root>\\<section>`` holds one value per setting, named by the setting's last part, e.g.
``HKLM\\Software\\Policies\\Traymon\\checks`` value ``min_interval`` (REG_DWORD). The
``services`` list is ``<root>`` value ``services``, REG_MULTI_SZ of TOML lines.

Policy is read from HKCU then HKLM ``Software\\Policies\\Traymon``; HKLM wins, as
machine policy does in Chrome. Machine defaults (written by the MSI) are HKLM
``Software\\Traymon``. Reading goes through ``Registry`` so the logic is tested on
Linux with a dictionary; only a Windows run proves the ``winreg`` adapter itself.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import Protocol

from traymon import identity
from traymon.config.errors import ConfigProblem
from traymon.config.settings import SETTINGS, Setting, SettingType
from traymon.config.toml_layer import TomlLayerError, load_toml
from traymon.config.values import LayerValues, RawValue
from traymon.settings_files import MAX_SETTINGS_BYTES, TOO_DEEP, nested_too_deeply

POLICY_KEY = identity.WINDOWS_POLICY_KEY
MACHINE_KEY = identity.WINDOWS_MACHINE_KEY


class Hive(Enum):
    HKLM = "HKLM"
    HKCU = "HKCU"


class Registry(Protocol):
    """Read the values of one key: ``{name: data}`` as ``winreg`` returns data, or ``None``."""

    def values(self, hive: Hive, key: str) -> dict[str, object] | None: ...


def setting_key(root: str, setting: Setting) -> str:
    return f"{root}\\{setting.section}" if setting.section else root


class RegistryReader:
    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    def machine_defaults(self) -> LayerValues:
        return self._read([(Hive.HKLM, MACHINE_KEY)], f"HKLM\\{MACHINE_KEY}")

    def policy(self) -> LayerValues:
        # Later entries win: machine policy over user policy.
        return self._read(
            [(Hive.HKCU, POLICY_KEY), (Hive.HKLM, POLICY_KEY)], f"HKCU/HKLM\\{POLICY_KEY}"
        )

    def describe(self) -> str:
        return f"machine defaults from HKLM\\{MACHINE_KEY}, policy from HKCU and HKLM\\{POLICY_KEY}"

    def _read(self, places: list[tuple[Hive, str]], origin: str) -> LayerValues:
        values: dict[str, RawValue] = {}
        problems: list[ConfigProblem] = []
        for hive, root in places:
            cache: dict[str, dict[str, object] | None] = {}
            for setting in SETTINGS:
                key = setting_key(root, setting)
                if key not in cache:
                    cache[key] = self.registry.values(hive, key)
                found = cache[key]
                if found is None or setting.key not in found:
                    continue
                where = f"{hive.value}\\{key}\\{setting.key}"
                raw = _from_registry(setting, found[setting.key], where, problems)
                if raw is not None:
                    values[setting.name] = raw
        return LayerValues(origin, values, tuple(problems))


def _from_registry(
    setting: Setting, data: object, where: str, problems: list[ConfigProblem]
) -> RawValue | None:
    """Registry data as the value TOML would have given (DWORD 0/1 is a boolean)."""
    if setting.type is SettingType.BOOL and isinstance(data, int) and data in (0, 1):
        return RawValue(bool(data), where)
    if setting.type in _TOML_TYPES:
        text = "\n".join(data) if isinstance(data, list) else data
        if not isinstance(text, str):
            problems.append(ConfigProblem(where, "must be text (REG_MULTI_SZ of TOML lines)"))
            return None
        if len(text) > MAX_SETTINGS_BYTES:
            problems.append(ConfigProblem(where, "is larger than 1 MiB, more than a setting is"))
            return None
        try:
            parsed = load_toml(text, where)
        except TomlLayerError as exc:
            problems.append(exc.problem)
            return None
        # A table is the text itself; a list is written as [[key]] tables.
        value = parsed if setting.type is SettingType.TABLE else parsed.get(setting.key, [])
        if nested_too_deeply(value):
            problems.append(ConfigProblem(where, TOO_DEEP))
            return None
        return RawValue(value, where, None, text)
    return RawValue(data, where)


_TOML_TYPES = (SettingType.SERVICES, SettingType.TABLE, SettingType.TABLE_LIST)


class WinregRegistry:
    """The real registry, 64-bit view (an installer may write either view; policy is 64-bit)."""

    def values(self, hive: Hive, key: str) -> dict[str, object] | None:
        if sys.platform == "win32":
            import winreg

            root = winreg.HKEY_LOCAL_MACHINE if hive is Hive.HKLM else winreg.HKEY_CURRENT_USER
            try:
                handle = winreg.OpenKey(root, key, 0, winreg.KEY_READ | winreg.KEY_WOW64_64KEY)
            except OSError:
                return None
            found: dict[str, object] = {}
            with handle:
                index = 0
                while True:
                    try:
                        name, data, _kind = winreg.EnumValue(handle, index)
                    except OSError:
                        break
                    found[name] = data
                    index += 1
            return found
        return None


INTERNET_SETTINGS = r"Software\Microsoft\Windows\CurrentVersion\Internet Settings"


def proxy_script_note(registry: Registry) -> str | None:
    """A sentence when Windows finds its proxy through a script (PAC), which Traymon cannot use.

    The manual proxy in the same key is used (httpx reads it through
    ``urllib.request.getproxies``); a PAC script would need a JavaScript engine.
    """
    found = registry.values(Hive.HKCU, INTERNET_SETTINGS) or {}
    script = found.get("AutoConfigURL")
    if isinstance(script, str) and script.strip():
        return (
            f"Windows finds its proxy with a script ({script.strip()}), which Traymon cannot "
            "read; if checks fail, IT can set the proxy with the network.proxy policy."
        )
    return None
