"""Generate IT's files from the settings table, so they can never drift apart.

``python -m tools.generate_config`` (``make generated``) writes:

- ``docs/configuration.md``: the table IT reads (key, type, default, where to set it);
- ``installer/windows/traymon.admx`` and ``installer/windows/en-US/traymon.adml``:
  Group Policy / Intune administrative templates writing ``Software\\Policies\\Traymon``;
- ``installer/macos/traymon.mobileconfig``: an example configuration profile forcing
  Traymon's managed preferences (Jamf, Intune);
- ``installer/windows/intune-oma-uris.csv``: the same policies as Intune custom OMA-URI rows
  (ADMX ingestion), one per policy, with an example value.

``--check`` exits 1 when a committed file differs from what would be generated.
"""

from __future__ import annotations

import argparse
import csv
import io
import plistlib
import sys
import tomllib
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path
from xml.sax.saxutils import escape

from traymon import __version__, identity
from traymon.config.settings import SERVICES, SETTINGS, Setting, SettingType
from traymon.paths import default_services_file

POLICY_ROOT = identity.WINDOWS_POLICY_KEY
MACHINE_ROOT = identity.WINDOWS_MACHINE_KEY
BUNDLE_ID = identity.BUNDLE_ID
ADMX_NAMESPACE = "Traymon.Policies.Traymon"
SUPPORTED = "SUPPORTED_TRAYMON_0_1"
ROOT_CATEGORY = "Cat_Traymon"
_GP_NS = "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"
_UUID_NS = uuid.uuid5(uuid.NAMESPACE_DNS, "traymon.invalid")

REGISTRY_TYPES = {
    SettingType.BOOL: "REG_DWORD (0 or 1)",
    SettingType.INT: "REG_DWORD",
    SettingType.STRING: "REG_SZ",
    SettingType.CHOICE: "REG_SZ",
    SettingType.TIME_RANGE: "REG_SZ",
    SettingType.URL: "REG_SZ",
    SettingType.SECRET_NAME: "REG_SZ",
    SettingType.PROXY_URL: "REG_SZ",
    SettingType.STRING_LIST: "REG_MULTI_SZ",
    SettingType.URL_LIST: "REG_MULTI_SZ",
    SettingType.PATH_LIST: "REG_MULTI_SZ",
    SettingType.SERVICES: "REG_MULTI_SZ (TOML lines)",
    SettingType.TABLE: "REG_MULTI_SZ (TOML lines)",
    SettingType.TABLE_LIST: "REG_MULTI_SZ (TOML lines)",
}
_SECTION_TITLES = {
    "": "Traymon",
    "checks": "Checks",
    "notifications": "Notifications",
    "continuity": "Continuity (outages)",
    "network": "Network",
    "tray": "Tray icon",
    "logging": "Logging",
}


def policy_settings() -> tuple[Setting, ...]:
    return tuple(s for s in SETTINGS if s.policy)


def policy_name(setting: Setting) -> str:
    return setting.name.replace(".", "_")


def registry_place(root: str, setting: Setting) -> tuple[str, str]:
    """(key, value name): ``<root>\\<section>`` and the setting's last part."""
    key = f"{root}\\{setting.section}" if setting.section else root
    return key, setting.key


def category_name(section: str) -> str:
    return f"Cat_{section}" if section else ROOT_CATEGORY


def section_title(section: str) -> str:
    return _SECTION_TITLES.get(section, section.replace("_", " ").capitalize())


def default_text(setting: Setting) -> str:
    if setting.default_text:
        return setting.default_text
    value = setting.default
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | Mapping):
        return "(none)" if not value else ", ".join(str(v) for v in value)
    return "(empty)" if value == "" else str(value)


# --- Windows -----------------------------------------------------------------------------


def admx() -> str:
    root = ET.Element(
        "policyDefinitions",
        {
            "xmlns:xsd": "http://www.w3.org/2001/XMLSchema",
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "revision": "1.0",
            "schemaVersion": "1.0",
            "xmlns": _GP_NS,
        },
    )
    namespaces = ET.SubElement(root, "policyNamespaces")
    ET.SubElement(namespaces, "target", prefix="traymon", namespace=ADMX_NAMESPACE)
    ET.SubElement(namespaces, "using", prefix="windows", namespace="Microsoft.Policies.Windows")
    ET.SubElement(root, "resources", minRequiredRevision="1.0")
    supported = ET.SubElement(ET.SubElement(root, "supportedOn"), "definitions")
    ET.SubElement(supported, "definition", name=SUPPORTED, displayName=f"$(string.{SUPPORTED})")
    categories = ET.SubElement(root, "categories")
    ET.SubElement(
        categories, "category", name=ROOT_CATEGORY, displayName=f"$(string.{ROOT_CATEGORY})"
    )
    for section in dict.fromkeys(s.section for s in policy_settings() if s.section):
        name = category_name(section)
        category = ET.SubElement(categories, "category", name=name, displayName=f"$(string.{name})")
        ET.SubElement(category, "parentCategory", ref=ROOT_CATEGORY)
    policies = ET.SubElement(root, "policies")
    for setting in policy_settings():
        _admx_policy(policies, setting)
    return _xml(root)


def _admx_policy(parent: ET.Element, setting: Setting) -> None:
    name = policy_name(setting)
    key, value_name = registry_place(POLICY_ROOT, setting)
    attributes = {
        "name": name,
        "class": "Both",
        "displayName": f"$(string.{name})",
        "explainText": f"$(string.{name}_Explain)",
        "key": key,
    }
    if setting.type is SettingType.BOOL:
        attributes["valueName"] = value_name
    else:
        attributes["presentation"] = f"$(presentation.{name})"
    policy = ET.SubElement(parent, "policy", attributes)
    ET.SubElement(policy, "parentCategory", ref=category_name(setting.section))
    ET.SubElement(policy, "supportedOn", ref=SUPPORTED)
    if setting.type is SettingType.BOOL:
        ET.SubElement(ET.SubElement(policy, "enabledValue"), "decimal", value="1")
        ET.SubElement(ET.SubElement(policy, "disabledValue"), "decimal", value="0")
        return
    elements = ET.SubElement(policy, "elements")
    if setting.type is SettingType.INT:
        ET.SubElement(
            elements,
            "decimal",
            id=name,
            valueName=value_name,
            required="true",
            minValue=str(setting.minimum if setting.minimum is not None else 0),
            maxValue=str(setting.maximum if setting.maximum is not None else 2**31 - 1),
        )
    elif setting.type is SettingType.CHOICE:
        choice = ET.SubElement(elements, "enum", id=name, valueName=value_name, required="true")
        for option in setting.choices:
            item = ET.SubElement(choice, "item", displayName=f"$(string.{name}_{option})")
            ET.SubElement(ET.SubElement(item, "value"), "string").text = option
    elif setting.type in (SettingType.STRING_LIST, SettingType.URL_LIST, SettingType.PATH_LIST):
        ET.SubElement(elements, "multiText", id=name, valueName=value_name)
    elif setting.type in _TOML_TYPES:
        ET.SubElement(elements, "multiText", id=name, valueName=value_name, required="true")
    else:
        ET.SubElement(elements, "text", id=name, valueName=value_name, maxLength="2048")


def adml() -> str:
    root = ET.Element(
        "policyDefinitionResources",
        {
            "xmlns:xsd": "http://www.w3.org/2001/XMLSchema",
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "revision": "1.0",
            "schemaVersion": "1.0",
            "xmlns": _GP_NS,
        },
    )
    ET.SubElement(root, "displayName").text = "Traymon"
    ET.SubElement(root, "description").text = "Policies for the Traymon service status tray app."
    resources = ET.SubElement(root, "resources")
    strings = ET.SubElement(resources, "stringTable")
    presentations = ET.SubElement(resources, "presentationTable")

    def string(identifier: str, text: str) -> None:
        ET.SubElement(strings, "string", id=identifier).text = text

    string(SUPPORTED, f"Traymon {__version__} and later")
    string(ROOT_CATEGORY, "Traymon")
    for section in dict.fromkeys(s.section for s in policy_settings() if s.section):
        string(category_name(section), section_title(section))
    for setting in policy_settings():
        name = policy_name(setting)
        key, value_name = registry_place(POLICY_ROOT, setting)
        string(name, setting.name)
        string(f"{name}_Explain", _explain(setting, key, value_name))
        for option in setting.choices:
            string(f"{name}_{option}", option)
        if setting.type is not SettingType.BOOL:
            _presentation(presentations, setting)
    return _xml(root)


def _explain(setting: Setting, key: str, value_name: str) -> str:
    lines = [setting.help, "", f"Default: {default_text(setting)}."]
    if setting.type is SettingType.BOOL:
        lines.append("Enabled turns it on, Disabled turns it off; both lock it.")
    else:
        lines.append("Enabled sets and locks it; Disabled or Not configured leaves it to the user.")
    if setting.type in _TOML_TYPES:
        lines.append(f"Enter it as TOML, one line per row: {_toml_example(setting)}")
    lines.append(f"Registry: {key}\\{value_name} ({REGISTRY_TYPES[setting.type]}).")
    return "\n".join(lines)


def _presentation(parent: ET.Element, setting: Setting) -> None:
    name = policy_name(setting)
    presentation = ET.SubElement(parent, "presentation", id=name)
    label = setting.name
    if setting.type is SettingType.INT:
        ET.SubElement(
            presentation, "decimalTextBox", refId=name, defaultValue=str(setting.default)
        ).text = label
    elif setting.type is SettingType.CHOICE:
        ET.SubElement(
            presentation,
            "dropdownList",
            refId=name,
            noSort="true",
            defaultItem=str(setting.choices.index(str(setting.default))),
        ).text = label
    elif setting.type in _MULTI_TEXT:
        ET.SubElement(presentation, "multiTextBox", refId=name).text = label
    else:
        box = ET.SubElement(presentation, "textBox", refId=name)
        ET.SubElement(box, "label").text = label


_TOML_TYPES = (SettingType.SERVICES, SettingType.TABLE, SettingType.TABLE_LIST)
_MULTI_TEXT = (SettingType.STRING_LIST, SettingType.URL_LIST, SettingType.PATH_LIST, *_TOML_TYPES)


def _toml_example(setting: Setting) -> str:
    if setting.type is SettingType.TABLE:
        return 'key = "value" lines (the table\'s contents).'
    return f"[[{setting.key}]] tables."


def _xml(root: ET.Element) -> str:
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, "unicode") + "\n"


# --- Intune (ADMX ingestion) -----------------------------------------------------------

#: The name the ADMX is ingested under; every policy's OMA-URI starts with it.
INTUNE_APP = "Traymon"
INTUNE_INGEST_URI = (
    f"./Device/Vendor/MSFT/Policy/ConfigOperations/ADMXInstall/{INTUNE_APP}/Policy/TraymonAdmx"
)
#: Microsoft's separator between the strings of a multiText element in an OMA-URI value.
MULTI_TEXT_SEPARATOR = "\uf000"
_INTUNE_EXAMPLES: dict[str, tuple[str, ...]] = {
    "services": ("[[services]]", 'use = "microsoft-365"', "[[services]]", 'use = "slack"'),
    "continuity.trigger_services": ("microsoft-365",),
    "checks.watch": ("microsoft-365", "slack"),
    "continuity.backup": ('thunderbird = "account3"', 'outlook = "Backup"'),
    "continuity.instructions": (
        "[[instructions]]",
        'service = "microsoft-365"',
        'text = "Use the backup webmail: https://mail.backup.example"',
    ),
    "network.extra_ca_certificates": ("C:\\ProgramData\\Corp\\proxy-ca.pem",),
}


def intune_uri(setting: Setting) -> str:
    """``./Device/…/Config/Traymon~Policy~<category path>/<policy>`` (Microsoft's rule for
    ingested ADMX: the category chain from the root, joined by ``~``)."""
    path = [ROOT_CATEGORY] + ([category_name(setting.section)] if setting.section else [])
    area = f"{INTUNE_APP}~Policy~{'~'.join(path)}"
    return f"./Device/Vendor/MSFT/Policy/Config/{area}/{policy_name(setting)}"


def intune_value(setting: Setting) -> str:
    """An example value in the ``<enabled/><data …/>`` form the element's type takes."""
    if setting.type is SettingType.BOOL:
        return "<enabled/>" if not setting.default else "<disabled/>"
    example: object = _INTUNE_EXAMPLES.get(setting.name)
    if example is None:
        value = example_value(setting)
        if setting.type is SettingType.TIME_RANGE and not value:
            value = "22:00-07:00"
        elif setting.type is SettingType.CHOICE and setting.choices:
            value = setting.choices[-1]
        example = value
    if isinstance(example, list | tuple):
        text = MULTI_TEXT_SEPARATOR.join(str(item) for item in example)
    else:
        text = str(example)
    # The separator is written as a character reference, as Microsoft's examples show it.
    quoted = escape(text, {'"': "&quot;"}).replace(MULTI_TEXT_SEPARATOR, "&#xF000;")
    return f'<enabled/><data id="{policy_name(setting)}" value="{quoted}"/>'


def intune_csv() -> str:
    """One row per policy for an Intune custom profile, after the ADMX ingestion row."""
    out = io.StringIO()
    rows = csv.writer(out, lineterminator="\n")
    rows.writerow(["Name", "Description", "OMA-URI", "Data type", "Value"])
    rows.writerow([
        "Traymon: ingest the ADMX",
        "Once per profile, before the rows below: the value is the whole traymon.admx file.",
        INTUNE_INGEST_URI,
        "String",
        "(the contents of installer/windows/traymon.admx)",
    ])  # fmt: skip
    for setting in policy_settings():
        rows.writerow([
            f"Traymon: {setting.name}",
            setting.help,
            intune_uri(setting),
            "String",
            intune_value(setting),
        ])  # fmt: skip
    return out.getvalue()


# --- macOS -------------------------------------------------------------------------------


def example_value(setting: Setting) -> object:
    if setting.type is SettingType.SERVICES:
        data = tomllib.loads(default_services_file().read_text(encoding="utf-8"))
        return data[SERVICES]
    if isinstance(setting.default, Mapping):
        return dict(setting.default)
    return list(setting.default) if isinstance(setting.default, tuple) else setting.default


def mobileconfig() -> bytes:
    forced = {s.name: example_value(s) for s in policy_settings()}
    payload = {
        "PayloadType": "com.apple.ManagedClient.preferences",
        "PayloadVersion": 1,
        "PayloadIdentifier": f"{BUNDLE_ID}.policy.preferences",
        "PayloadUUID": str(uuid.uuid5(_UUID_NS, "mobileconfig.preferences")).upper(),
        "PayloadDisplayName": "Traymon managed preferences",
        "PayloadEnabled": True,
        "PayloadContent": {BUNDLE_ID: {"Forced": [{"mcx_preference_settings": forced}]}},
    }
    profile = {
        "PayloadContent": [payload],
        "PayloadDisplayName": "Traymon policy (example)",
        "PayloadDescription": (
            "Example: every key below forces (locks) that Traymon setting to its built-in "
            "default. Edit the values, and delete the keys you do not want to lock. "
            "Keys and types: docs/configuration.md."
        ),
        "PayloadIdentifier": f"{BUNDLE_ID}.policy",
        "PayloadOrganization": "Example Corp",
        "PayloadScope": "System",
        "PayloadType": "Configuration",
        "PayloadUUID": str(uuid.uuid5(_UUID_NS, "mobileconfig.profile")).upper(),
        "PayloadVersion": 1,
    }
    return plistlib.dumps(profile, sort_keys=True)


# --- Docs --------------------------------------------------------------------------------


def configuration_md() -> str:
    out = [
        "# Configuration reference",
        "",
        "<!-- Generated by `make generated` (python -m tools.generate_config) from",
        "     traymon/config/settings.py. Do not edit by hand: a test fails when it drifts. -->",
        "",
        "Every setting, where IT and users set it, and which layer wins. Layers, lowest first:",
        "",
        "1. **Built-in defaults** (the table below).",
        f"2. **Machine defaults**, which a user may change: Windows `HKLM\\{MACHINE_ROOT}`; "
        f"macOS `/Library/Preferences/{BUNDLE_ID}.plist`; Linux `defaults.toml` in the "
        "policy folder.",
        "3. **The user's file**: `config.toml` in the user's config folder "
        "(`~/.config/traymon/` on Linux), or `--config FILE` / `$TRAYMON_CONFIG`.",
        "4. **The person's choices** in the settings dialog: `choices.toml` next to the "
        "user's file, written by Traymon; only the settings marked *person* below, and only "
        "what the person changed (the rest keeps following the layers below). Above the "
        "user's file because the dialog is where the person chooses.",
        f"5. **Policy**, which wins and is locked: Windows `HKCU\\{POLICY_ROOT}` then "
        f"`HKLM\\{POLICY_ROOT}` (HKLM wins); macOS managed preferences "
        f"(`/Library/Managed Preferences/{BUNDLE_ID}.plist`"
        ", then the per-user folder; the computer's wins); Linux `policy.toml` in the policy "
        "folder.",
        "",
        "The Linux policy folder is `/etc/traymon`, or `$TRAYMON_POLICY_DIR` when set.",
        "",
        "An invalid machine-default or policy value is logged with its location and ignored for "
        "that key (the layer below stands); it never stops Traymon. A user value or a "
        "person's choice that policy sets is ignored, with a log line. `checks.min_interval` "
        "is a floor for every layer, the person's choices too: it is not a lock, so the "
        "person may still choose a longer interval. `traymon config show --effective` shows each "
        "setting's value, the layer it came from and whether it is locked; "
        "`traymon config validate FILE` checks a file before you deploy it.",
        "",
        "| setting | type | default | policy | Windows value (under `Software\\Policies\\"
        "Traymon`) | description |",
        "|---|---|---|---|---|---|",
    ]
    for setting in SETTINGS:
        key, value_name = registry_place(POLICY_ROOT, setting)
        relative = key[len(POLICY_ROOT) :].lstrip("\\")
        where = f"`{relative}\\{value_name}`" if relative else f"`{value_name}`"
        kind = setting.type.value
        if setting.choices:
            kind += ": " + " / ".join(f"`{c}`" for c in setting.choices)
        if setting.minimum is not None:
            kind += f", {setting.minimum}–{setting.maximum}"
        cells = [
            f"`{setting.name}`",
            kind,
            default_text(setting),
            "yes" if setting.policy else "no",
            f"{where} {REGISTRY_TYPES[setting.type]}" if setting.policy else "—",
            setting.help.replace("|", "\\|")
            + (" *Person: the settings dialog offers it.*" if setting.person else ""),
        ]
        out.append("| " + " | ".join(cells) + " |")
    out += [
        "",
        "## Where each layer writes a setting",
        "",
        "- **TOML** (user file, `defaults.toml`, `policy.toml`): `section.key` is `key` in "
        "`[section]`; `services` is `[[services]]` tables.",
        "  ```toml",
        "  [checks]",
        "  min_interval = 120",
        "",
        "  [continuity]",
        '  mode = "ask"',
        "  ```",
        "- **Windows registry**: `section.key` is the value `key` under `<root>\\section`; "
        "`services` is the value `services` under `<root>` holding the `[[services]]` TOML, "
        "one line per string. `<root>` is `Software\\Policies\\Traymon` for policy and "
        f"`{MACHINE_ROOT}` (HKLM) for machine defaults. The ADMX/ADML templates in "
        "`installer/windows/` write exactly this.",
        "- **macOS**: the dotted name is the preference key in the "
        f"`{BUNDLE_ID}` domain (`defaults write {BUNDLE_ID} checks.min_interval -int 120`); "
        "`services` is an array of dictionaries. `installer/macos/traymon.mobileconfig` is "
        "an example profile forcing them.",
        "",
        "## Secrets",
        "",
        "Settings of type *secret name* hold the **name** of a secret in the OS keyring, never "
        "the secret. Store it on each computer with `traymon secret set NAME` (asked without "
        "echo, or one line on standard input); remove it with `traymon secret delete NAME`. "
        "Without a keyring (e.g. no Secret Service on Linux) Traymon says so and stores "
        "nothing: it never falls back to a plain file.",
        "",
    ]
    return "\n".join(out)


# --- Writing and checking ----------------------------------------------------------------


def outputs() -> dict[str, bytes]:
    """Path relative to the repository root -> generated content."""
    return {
        "docs/configuration.md": configuration_md().encode("utf-8"),
        "installer/windows/traymon.admx": admx().encode("utf-8"),
        "installer/windows/en-US/traymon.adml": adml().encode("utf-8"),
        "installer/macos/traymon.mobileconfig": mobileconfig(),
        "installer/windows/intune-oma-uris.csv": intune_csv().encode("utf-8"),
    }


def stale(root: Path) -> list[str]:
    """The generated files under ``root`` that are missing or differ."""
    found = []
    for relative, content in outputs().items():
        path = root / relative
        if not path.is_file() or path.read_bytes() != content:
            found.append(relative)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository root")
    parser.add_argument("--check", action="store_true", help="only report stale files")
    args = parser.parse_args(argv)
    if args.check:
        differ = stale(args.root)
        for relative in differ:
            print(f"{relative} is out of date; run `make generated`", file=sys.stderr)
        return 1 if differ else 0
    for relative, content in outputs().items():
        path = args.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        print(f"wrote {relative}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
