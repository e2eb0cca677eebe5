"""Apple Mail through the exact scripts Traymon would run (only a Mac runs them for real)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from traymon.continuity.apple_mail import (
    PERMISSION_HELP,
    AppleMailAdapter,
    applescript_string,
    get_enabled_script,
    list_accounts_script,
    set_enabled_script,
)
from traymon.continuity.errors import ContinuityError, NotFoundError
from traymon.continuity.journal import Journal


class ScriptedMail:
    """Answers the three scripts the adapter may send, as Mail would; refuses any other."""

    _GET = re.compile(r'^tell application "Mail" to get enabled of account "(.*)"$')
    _SET = re.compile(r'^tell application "Mail" to set enabled of account "(.*)" to (true|false)$')

    def __init__(self, accounts: dict[str, bool]) -> None:
        self.accounts = dict(accounts)
        self.scripts: list[str] = []

    def __call__(self, script: str) -> str:
        self.scripts.append(script)
        if script == list_accounts_script():
            return "\n".join(self.accounts)
        if match := self._GET.match(script):
            return str(self.accounts[_unquote(match.group(1))]).lower()
        if match := self._SET.match(script):
            self.accounts[_unquote(match.group(1))] = match.group(2) == "true"
            return ""
        raise AssertionError(f"unexpected script: {script}")


def _unquote(body: str) -> str:
    return body.replace('\\"', '"').replace("\\\\", "\\")


def test_the_scripts_are_exactly_what_mail_understands() -> None:
    assert set_enabled_script('Work "EU"', False) == (
        'tell application "Mail" to set enabled of account "Work \\"EU\\"" to false'
    )
    assert (
        get_enabled_script("Backup") == 'tell application "Mail" to get enabled of account "Backup"'
    )
    assert applescript_string('a\\b"c') == '"a\\\\b\\"c"'


def test_switch_enables_the_backup_and_disables_the_primary_and_restore_undoes_it(
    tmp_path: Path,
) -> None:
    mail = ScriptedMail({'Work "EU"': True, "Backup": False, "Private": True})
    apple = AppleMailAdapter(Journal(tmp_path / "j"), 'Work "EU"', mail)

    apple.switch("Backup")
    assert mail.accounts == {'Work "EU"': False, "Backup": True, "Private": True}
    assert set_enabled_script("Backup", True) in mail.scripts

    apple.restore()
    assert mail.accounts == {'Work "EU"': True, "Backup": False, "Private": True}


def test_an_unknown_account_is_refused_before_any_change(tmp_path: Path) -> None:
    mail = ScriptedMail({"Work": True, "Backup": False})
    with pytest.raises(NotFoundError, match="no account 'Spare'"):
        AppleMailAdapter(Journal(tmp_path / "j"), "Work", mail).switch("Spare")
    assert not any(" set enabled " in s for s in mail.scripts)


def test_a_refused_automation_permission_is_explained_and_nothing_is_left_half_done(
    tmp_path: Path,
) -> None:
    mail = ScriptedMail({"Work": True, "Backup": False})

    def refuse_writes(script: str) -> str:
        if " set enabled " in script and "Work" in script:
            raise ContinuityError(PERMISSION_HELP)
        return mail(script)

    with pytest.raises(ContinuityError, match="Privacy & Security › Automation"):
        AppleMailAdapter(Journal(tmp_path / "j"), "Work", refuse_writes).switch("Backup")
    assert mail.accounts == {"Work": True, "Backup": False}  # the backup was switched off again
    assert Journal(tmp_path / "j").all() == []
