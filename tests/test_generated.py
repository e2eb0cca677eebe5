"""IT's files are generated from the settings table: current, well-formed, and readable back.

The ADMX is checked for the structure the ADMX schema requires (no schema validator or
Group Policy editor runs on Linux: importing it into gpedit/Intune is what only a
Windows run proves). The profile's managed preferences are read back by the macOS
reader from a real plist file, and the ADMX keys are where the Windows reader looks.
"""

from __future__ import annotations

import csv
import io
import plistlib
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_traymon
from tools import generate_config as generate
from traymon.config.layers import Layer, builtin_services, resolve
from traymon.config.settings import SETTINGS, SettingType
from traymon.config.values import LayerValues
from traymon.platform import macos
from traymon.platform.macos import PlistReader
from traymon.platform.windows import POLICY_KEY, Hive, RegistryReader, setting_key

NS = {"p": "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"}
ADMX = ROOT / "installer/windows/traymon.admx"
ADML = ROOT / "installer/windows/en-US/traymon.adml"
PROFILE = ROOT / "installer/macos/traymon.mobileconfig"
INTUNE = "installer/windows/intune-oma-uris.csv"


def test_committed_files_are_current() -> None:
    assert generate.stale(ROOT) == [], "run `make generated` and commit the result"


def test_drift_is_detected(tmp_path: Path) -> None:
    assert generate.main(["--root", str(tmp_path)]) == 0
    assert generate.stale(tmp_path) == []
    doc = tmp_path / "docs/configuration.md"
    doc.write_text(
        doc.read_text(encoding="utf-8").replace("min_interval", "min_intervall", 1),
        encoding="utf-8",
    )
    assert generate.stale(tmp_path) == ["docs/configuration.md"]
    assert generate.main(["--root", str(tmp_path), "--check"]) == 1


def test_admx_structure_follows_the_schema() -> None:
    admx = ET.parse(ADMX).getroot()
    adml = ET.parse(ADML).getroot()
    assert admx.tag == f"{{{NS['p']}}}policyDefinitions"
    assert adml.tag == f"{{{NS['p']}}}policyDefinitionResources"
    # The schema fixes the order of the top-level parts.
    order = [child.tag.split("}")[1] for child in admx]
    assert order == ["policyNamespaces", "resources", "supportedOn", "categories", "policies"]
    target = admx.find("p:policyNamespaces/p:target", NS)
    assert target is not None and target.get("prefix") and target.get("namespace")

    strings = {s.get("id"): s.text for s in adml.iterfind(".//p:stringTable/p:string", NS)}
    presentations = {p.get("id"): p for p in adml.iterfind(".//p:presentationTable/*", NS)}
    categories = {c.get("name") for c in admx.iterfind(".//p:categories/p:category", NS)}
    supported = {d.get("name") for d in admx.iterfind(".//p:supportedOn//p:definition", NS)}
    for reference in re.findall(r"\$\(string\.([^)]+)\)", ADMX.read_text(encoding="utf-8")):
        assert reference in strings, f"$(string.{reference}) has no ADML string"

    policies = admx.findall(".//p:policies/p:policy", NS)
    assert [p.get("name") for p in policies] == [
        generate.policy_name(s) for s in SETTINGS if s.policy
    ]
    element_tags = {"decimal", "text", "enum", "multiText", "boolean", "list"}
    for policy in policies:
        name = policy.get("name")
        assert policy.get("class") in ("User", "Machine", "Both")
        assert (policy.get("key") or "").startswith(r"Software\Policies\Traymon"), name
        children = [c.tag.split("}")[1] for c in policy]
        allowed = ["parentCategory", "supportedOn", "enabledValue", "disabledValue", "elements"]
        assert children == [c for c in allowed if c in children], f"{name}: order {children}"
        parent = policy.find("p:parentCategory", NS)
        assert parent is not None and parent.get("ref") in categories
        support = policy.find("p:supportedOn", NS)
        assert support is not None and support.get("ref") in supported
        elements = policy.find("p:elements", NS)
        if elements is None:  # a boolean policy writes its own value
            assert policy.get("valueName") and "enabledValue" in children
            continue
        presentation = presentations[(policy.get("presentation") or "")[15:-1]]
        refs = {c.get("refId") for c in presentation}
        for element in elements:
            assert element.tag.split("}")[1] in element_tags
            assert element.get("id") in refs, f"{name}: element without a presentation control"
            assert element.get("valueName")


@pytest.mark.parametrize(
    ("setting_type", "tag"),
    [
        (SettingType.INT, "decimal"),
        (SettingType.CHOICE, "enum"),
        (SettingType.URL_LIST, "multiText"),
        (SettingType.STRING, "text"),
        (SettingType.SERVICES, "multiText"),
    ],
)
def test_each_type_has_its_admx_element(setting_type: SettingType, tag: str) -> None:
    admx = ET.parse(ADMX).getroot()
    setting = next(s for s in SETTINGS if s.type is setting_type and s.policy)
    policy = admx.find(f".//p:policy[@name='{generate.policy_name(setting)}']", NS)
    assert policy is not None
    (element,) = policy.find("p:elements", NS) or []
    assert element.tag == f"{{{NS['p']}}}{tag}"
    if setting_type is SettingType.CHOICE:
        values = [v.text for v in element.iterfind(".//p:string", NS)]
        assert values == list(setting.choices)


def test_the_profile_forces_every_policy_setting_and_reads_back(tmp_path: Path) -> None:
    assert generate.BUNDLE_ID == macos.BUNDLE_ID
    profile = plistlib.loads(PROFILE.read_bytes())
    assert profile["PayloadType"] == "Configuration"
    (payload,) = profile["PayloadContent"]
    assert payload["PayloadType"] == "com.apple.ManagedClient.preferences"
    forced = payload["PayloadContent"][macos.BUNDLE_ID]["Forced"][0]["mcx_preference_settings"]
    assert set(forced) == {s.name for s in SETTINGS if s.policy}

    # What macOS writes for an installed profile: the forced keys as a plain plist.
    reader = PlistReader(root=tmp_path, user="alice")
    managed = reader.policy_files[1]
    managed.parent.mkdir(parents=True)
    managed.write_bytes(plistlib.dumps(forced))
    policy = reader.policy()
    assert policy.problems == ()
    effective = resolve(builtin_services(), LayerValues.empty("m"), LayerValues.empty("u"), policy)
    assert all(r.source is Layer.POLICY and r.locked for r in effective.resolved.values())
    assert effective.services() == builtin_services()


def test_docs_list_every_setting_with_its_default() -> None:
    doc = (ROOT / "docs/configuration.md").read_text(encoding="utf-8")
    for setting in SETTINGS:
        row = next(line for line in doc.splitlines() if line.startswith(f"| `{setting.name}` |"))
        assert generate.default_text(setting) in row


def test_admx_keys_are_where_the_windows_reader_looks() -> None:
    admx = ET.parse(ADMX).getroot()
    for setting in (s for s in SETTINGS if s.policy):
        policy = admx.find(f".//p:policy[@name='{generate.policy_name(setting)}']", NS)
        assert policy is not None
        names = {e.get("valueName") for e in policy.iter() if e.get("valueName")}
        assert setting.key in names
        assert policy.get("key") == setting_key(POLICY_KEY, setting)


def test_config_validate_checks_a_profile_before_it_is_uploaded(
    tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    done = run_traymon("config", "validate", str(PROFILE), env=isolated_env)
    assert (done.returncode, done.stderr) == (0, "")

    profile = plistlib.loads(PROFILE.read_bytes())
    forced = profile["PayloadContent"][0]["PayloadContent"][macos.BUNDLE_ID]["Forced"][0]
    forced["mcx_preference_settings"]["continuity.mode"] = "always"
    forced["mcx_preference_settings"]["checks.min_interval"] = "60"
    broken = tmp_path / "broken.mobileconfig"
    broken.write_bytes(plistlib.dumps(profile))
    done = run_traymon("config", "validate", str(broken), env=isolated_env)
    assert done.returncode == 3
    assert done.stderr.splitlines() == [
        f"{broken}: checks.min_interval: must be a whole number (got '60')",
        f"{broken}: continuity.mode: must be one of off, ask, automatic (got 'always')",
    ]


class _DictRegistry:
    def __init__(self, keys: dict[str, dict[str, object]]) -> None:
        self.keys = keys

    def values(self, hive: Hive, key: str) -> dict[str, object] | None:
        return self.keys.get(key) if hive is Hive.HKLM else None


def test_the_intune_rows_name_every_policy_and_their_values_read_back() -> None:
    """Each OMA-URI row applied as Windows applies an ingested ADMX policy: the example
    values land in the registry where the ADMX says, and Traymon's reader takes them."""
    rows = list(csv.DictReader(io.StringIO((ROOT / INTUNE).read_text(encoding="utf-8"))))
    ingest, *policies = rows
    assert ingest["OMA-URI"] == generate.INTUNE_INGEST_URI
    admx = ET.parse(ADMX).getroot()
    categories = {
        c.get("name"): (c.find("p:parentCategory", NS), c)
        for c in admx.iter(f"{{{NS['p']}}}category")
    }
    registry: dict[str, dict[str, object]] = {}
    by_setting = {generate.policy_name(s): s for s in SETTINGS if s.policy}
    assert len(policies) == len(by_setting)
    for row in policies:
        prefix, policy_name = row["OMA-URI"].rsplit("/", 1)
        setting = by_setting[policy_name]
        policy = admx.find(f".//p:policy[@name='{policy_name}']", NS)
        assert policy is not None and row["Data type"] == "String"
        # The category path from the ADMX's root category down to the policy's parent.
        chain: list[str] = []
        parent = policy.find("p:parentCategory", NS)
        while parent is not None:
            chain.insert(0, str(parent.get("ref")))
            parent = categories[parent.get("ref")][0]
        assert prefix == f"./Device/Vendor/MSFT/Policy/Config/Traymon~Policy~{'~'.join(chain)}"
        # The value as Windows reads it: <enabled/> or <disabled/>, and one <data> per element.
        value = ET.fromstring(f"<v>{row['Value']}</v>")
        values = registry.setdefault(str(policy.get("key")), {})
        if setting.type is SettingType.BOOL:
            (state,) = list(value)
            values[setting.key] = 1 if state.tag == "enabled" else 0
            continue
        assert value[0].tag == "enabled"
        (data,) = value.findall("data")
        (element,) = [
            e for e in policy.find("p:elements", NS) or [] if e.get("id") == data.get("id")
        ]
        text = str(data.get("value"))
        kind = element.tag.split("}")[1]
        values[str(element.get("valueName"))] = (
            int(text)
            if kind == "decimal"
            else text.split("\uf000")
            if kind == "multiText"
            else text
        )
    policy_values = RegistryReader(_DictRegistry(registry)).policy()
    assert policy_values.problems == ()
    effective = resolve(
        builtin_services(), LayerValues.empty("m"), LayerValues.empty("u"), policy_values
    )
    assert all(r.source is Layer.POLICY and r.locked for r in effective.resolved.values())
    assert [s.id for s in effective.services()] == ["microsoft-365", "slack"]
