"""Outlook for Windows (classic): make the backup MAPI profile the default, and back.

Facts (research/mailclients.md §1): the default profile is ``DefaultProfile`` (REG_SZ)
under ``HKCU\\Software\\Microsoft\\Office\\16.0\\Outlook``; "Prompt for a profile" is
``PickLogonProfile`` (REG_SZ "1"/"0") under ``HKCU\\Software\\Microsoft\\Exchange\\Client\\Options``
— both community-documented, so both are read back after writing. A profile cannot
change while Outlook runs, and Outlook must never be killed (its data files are then
checked on the next start), so the person is asked to close it.

New Outlook (``olk.exe``) has no profiles, no ``/profile`` switch and no object model:
it cannot be switched from outside, and the backup webmail is offered instead.

The registry is behind ``Registry``: ``WindowsRegistry`` on Windows, ``MemoryRegistry``
in tests elsewhere. Only a Windows machine with Outlook proves the real effect.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any, ClassVar, Protocol

from traymon.continuity.adapter import AdapterOptions, ClientStatus, Detection, Outcome, Platform
from traymon.continuity.atomic import Checkpoint, no_checkpoint
from traymon.continuity.errors import (
    ClientRunningError,
    NotFoundError,
    NotSwitchableError,
)
from traymon.continuity.journal import Journal, Stage, ValueRecord
from traymon.continuity.processes import ProcessLister, running_process_names
from traymon.continuity.transaction import (
    Plan,
    changed_since_switch,
    restore,
    run_switch,
    settle_earlier_switch,
)

NAME = "outlook"
DISPLAY = "Outlook"
OUTLOOK_KEY = r"Software\Microsoft\Office\16.0\Outlook"
PROFILES_KEY = OUTLOOK_KEY + r"\Profiles"
OPTIONS_KEY = r"Software\Microsoft\Exchange\Client\Options"
DEFAULT_PROFILE = f"{OUTLOOK_KEY}\\DefaultProfile"
PICK_LOGON_PROFILE = f"{OPTIONS_KEY}\\PickLogonProfile"
TARGET = "HKCU\\" + OUTLOOK_KEY


class Registry(Protocol):
    """String values under HKEY_CURRENT_USER, by key path and value name."""

    def get(self, key: str, name: str) -> str | None: ...

    def set(self, key: str, name: str, value: str) -> None: ...

    def delete(self, key: str, name: str) -> None: ...

    def subkeys(self, key: str) -> list[str]: ...


class MemoryRegistry:
    """An in-memory HKCU for tests and for platforms without a registry.

    Key paths compare case-insensitively and keep their spelling, as Windows does.
    """

    def __init__(self, values: dict[str, dict[str, str]] | None = None) -> None:
        self.values: dict[str, dict[str, str]] = {k: dict(v) for k, v in (values or {}).items()}

    def _key(self, key: str) -> str:
        return next((k for k in self.values if k.lower() == key.lower()), key)

    def get(self, key: str, name: str) -> str | None:
        return self.values.get(self._key(key), {}).get(name)

    def set(self, key: str, name: str, value: str) -> None:
        self.values.setdefault(self._key(key), {})[name] = value

    def delete(self, key: str, name: str) -> None:
        self.values.get(self._key(key), {}).pop(name, None)

    def subkeys(self, key: str) -> list[str]:
        prefix = key.lower() + "\\"
        return sorted(
            {k[len(prefix) :].split("\\")[0] for k in self.values if k.lower().startswith(prefix)}
        )


class WindowsRegistry:  # pragma: no cover - Windows only; the Windows test uses it
    """HKEY_CURRENT_USER through ``winreg``; values are REG_SZ as Outlook writes them."""

    def get(self, key: str, name: str) -> str | None:
        winreg = _winreg()

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key) as handle:
                value, _kind = winreg.QueryValueEx(handle, name)
        except FileNotFoundError:
            return None
        return str(value)

    def set(self, key: str, name: str, value: str) -> None:
        winreg = _winreg()

        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, key) as handle:
            winreg.SetValueEx(handle, name, 0, winreg.REG_SZ, value)

    def delete(self, key: str, name: str) -> None:
        winreg = _winreg()

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key, 0, winreg.KEY_SET_VALUE) as handle:
                winreg.DeleteValue(handle, name)
        except FileNotFoundError:
            pass

    def subkeys(self, key: str) -> list[str]:
        winreg = _winreg()

        names: list[str] = []
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key) as handle:
                index = 0
                while True:
                    try:
                        names.append(winreg.EnumKey(handle, index))
                    except OSError:
                        return names
                    index += 1
        except FileNotFoundError:
            return names


class _RegistryValues:
    """The transaction's view of registry values: "key\\name" → string or absent."""

    def __init__(self, registry: Registry) -> None:
        self._registry = registry

    def read(self, key: str) -> str | None:
        path, name = key.rsplit("\\", 1)
        return self._registry.get(path, name)

    def write(self, key: str, value: str | None) -> None:
        path, name = key.rsplit("\\", 1)
        if value is None:
            self._registry.delete(path, name)
        else:
            self._registry.set(path, name, value)


class OutlookAdapter:
    name: ClassVar[str] = NAME
    display_name: ClassVar[str] = DISPLAY
    backup_keys: ClassVar[tuple[str, ...]] = ("outlook",)
    close_first: ClassVar[bool] = True
    platforms: ClassVar[frozenset[Platform]] = frozenset({Platform.WINDOWS})
    native_on: ClassVar[frozenset[Platform]] = frozenset({Platform.WINDOWS})

    @classmethod
    def from_options(cls, options: AdapterOptions) -> OutlookAdapter:
        return cls(options.journal, webmail_url=options.webmail_url)

    def __init__(
        self,
        journal: Journal,
        registry: Registry | None = None,
        processes: ProcessLister = running_process_names,
        webmail_url: str | None = None,
    ) -> None:
        self._journal = journal
        self._registry = registry if registry is not None else _platform_registry()
        self._processes = processes
        self._webmail = webmail_url

    def detect(self) -> Detection:
        running = self._processes()
        if "olk.exe" in running and "outlook.exe" not in running:
            return Detection(NAME, "New Outlook", True, None, True, _new_outlook(self._webmail))
        if self._registry is None:
            return Detection(NAME, DISPLAY, False, detail="Classic Outlook exists only on Windows.")
        profiles = self._registry.subkeys(PROFILES_KEY)
        if not profiles:
            return Detection(NAME, DISPLAY, False, detail="No Outlook profile was found.")
        is_running = "outlook.exe" in running
        return Detection(
            NAME,
            DISPLAY,
            True,
            TARGET,
            is_running,
            f"Outlook profiles: {', '.join(profiles)}"
            + (" (Outlook is open)" if is_running else ""),
        )

    def status(self) -> ClientStatus:
        detection = self.detect()
        if not detection.found or self._registry is None or detection.target is None:
            return ClientStatus(detection)
        tx = self._journal.load(NAME, TARGET)
        return ClientStatus(
            detection,
            current=self._registry.get(OUTLOOK_KEY, "DefaultProfile"),
            switched_to=tx.summary if tx and tx.stage is Stage.SWITCHED else None,
            pending=tx.summary if tx and tx.stage in (Stage.PREPARING, Stage.BACKED_UP) else None,
            restoring=tx.summary if tx and tx.stage is Stage.RESTORING else None,
        )

    def switch(self, backup: str, checkpoint: Checkpoint = no_checkpoint) -> Outcome:
        registry = self._ready()
        with self._journal.exclusive(NAME, TARGET, "Outlook"):
            return self._switch(registry, backup, checkpoint)

    def _switch(self, registry: Registry, backup: str, checkpoint: Checkpoint) -> Outcome:
        store = _RegistryValues(registry)
        earlier = settle_earlier_switch(self._journal, NAME, TARGET, backup, "Outlook", store)
        if earlier is not None:
            return earlier
        profiles = registry.subkeys(PROFILES_KEY)
        match = next((p for p in profiles if p.lower() == backup.lower()), None)
        if match is None:
            raise NotFoundError(
                f"There is no Outlook profile {backup!r}; the profiles are: {', '.join(profiles)}."
            )
        old_default = store.read(DEFAULT_PROFILE)
        values = (
            ValueRecord(DEFAULT_PROFILE, old_default, match),
            # "Prompt for a profile" would let the old profile be picked at start
            ValueRecord(PICK_LOGON_PROFILE, store.read(PICK_LOGON_PROFILE), "0"),
        )
        if all(v.old == v.new for v in values):
            return Outcome(False, f"{match!r} is already Outlook's default profile.")
        summary = f"default profile {old_default!r} → {match!r}"
        plan = Plan(NAME, TARGET, summary, values=values, details={"backup": match})
        run_switch(self._journal, plan, store, checkpoint=checkpoint)
        return Outcome(
            True,
            f"Switched Outlook: {summary}.",
            next_step=f'Start Outlook again (outlook.exe /profile "{match}").',
            launch=self.launch_command(match),
        )

    def restore(self, checkpoint: Checkpoint = no_checkpoint) -> Outcome:
        tx = self._journal.load(NAME, TARGET)
        if tx is None:
            return Outcome(False, "Nothing to restore: Traymon has not switched Outlook.")
        registry = self._ready()
        store = _RegistryValues(registry)
        with self._journal.exclusive(NAME, TARGET, "Outlook"):
            tx = self._journal.load(NAME, TARGET)  # again, under Traymon's lock
            if tx is None:
                return Outcome(False, "Nothing to restore: Traymon has not switched Outlook.")
            # A default profile picked by hand since the switch (Mail control panel) stays.
            chosen = {v.key for v in changed_since_switch(tx, store)}
            restore(self._journal, tx, store, checkpoint=checkpoint, keep=chosen)
        if DEFAULT_PROFILE in chosen:
            mine = store.read(DEFAULT_PROFILE)
            return Outcome(
                True,
                f"You chose the profile {mine!r} yourself after the switch; "
                "Traymon left it as it is.",
                launch=self.launch_command(mine) if mine else ("outlook.exe",),
            )
        old = next((v.old for v in tx.values if v.key == DEFAULT_PROFILE), None)
        return Outcome(
            True,
            f"Restored Outlook: {tx.summary} was undone.",
            launch=self.launch_command(old) if old else ("outlook.exe",),
        )

    def launch_command(self, profile: str) -> tuple[str, ...]:
        """How to start Outlook on ``profile`` (Outlook's documented ``/profile`` switch)."""
        return ("outlook.exe", "/profile", profile)

    def _ready(self) -> Registry:
        running = self._processes()
        if "olk.exe" in running and "outlook.exe" not in running:
            raise NotSwitchableError(_new_outlook(self._webmail))
        if self._registry is None:
            raise NotSwitchableError("Classic Outlook exists only on Windows.")
        if "outlook.exe" in running:
            raise ClientRunningError(
                "Outlook is running. Close Outlook first; Traymon never closes it for you, "
                "so nothing you are writing is lost."
            )
        return self._registry


def _new_outlook(webmail: str | None) -> str:
    offer = f" Use the backup webmail instead: {webmail}" if webmail else ""
    return (
        "The new Outlook cannot be switched to another account from outside; it has no "
        f"profiles to choose from.{offer}"
    )


def _winreg() -> Any:
    # Imported by name: the module and its type stubs exist only on Windows.
    return importlib.import_module("winreg")


def _platform_registry() -> Registry | None:
    platform: str = sys.platform
    return WindowsRegistry() if platform == "win32" else None


__all__ = ["MemoryRegistry", "OutlookAdapter", "Registry", "WindowsRegistry"]
