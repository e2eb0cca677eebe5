"""Build Traymon's MSI from a PyInstaller folder: harvest the files, then wixl (Linux) or WiX.

    python installer/windows/build_msi.py dist/traymon --version 0.1.0 \
        --icon build/icons/traymon.ico --output dist/x.msi
    python installer/windows/build_msi.py dist/traymon --version 0.1.0 \
        --fragment-only build/appfiles.wxs

On Linux this runs wixl and then msibuild for what wixl cannot express (see traymon.wxs);
on Windows the release workflow runs it with --fragment-only and hands the fragment to the
WiX toolset. Standard library only, so it runs with any Python 3.11.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import subprocess
import sys
import tempfile
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

WIX_NS = "http://schemas.microsoft.com/wix/2006/wi"
WXS = Path(__file__).with_name("traymon.wxs")
MAIN_EXE_ID = "TraymonExe"  # traymon.wxs points the shortcut, Run value and launch at this File
MAIN_EXE_NAMES = ("traymon.exe", "traymon")  # Windows build, or the Linux build for the check

# Component GUIDs are uuid5(this namespace, the file's path inside the install folder): the
# same file keeps the same GUID in every build, which MSI's component rules require.
# Fixed forever, like the UpgradeCode.
COMPONENT_NAMESPACE = uuid.UUID("1A288C43-1AB3-4F21-A008-815363674A85")

# Windows' property key for System.AppUserModel.ID (propkey.h: PKEY_AppUserModel_ID).
PKEY_APP_USER_MODEL_ID = "{9F4C2855-9F79-4B39-A8D0-E1D42DE1D5F3}, 5"


@dataclass(frozen=True)
class Harvested:
    relative: str  # POSIX path inside the install folder
    source: Path

    @property
    def component_guid(self) -> str:
        return str(uuid.uuid5(COMPONENT_NAMESPACE, self.relative.lower())).upper()

    @property
    def file_id(self) -> str:
        if self.relative.lower() in MAIN_EXE_NAMES:
            return MAIN_EXE_ID
        return "f_" + _digest(self.relative)


def _digest(text: str) -> str:
    return hashlib.sha1(text.lower().encode("utf-8")).hexdigest()[:32]


def harvest(stage: Path) -> list[Harvested]:
    """Every file under ``stage``, in a stable order; links become copies (MSI has none)."""
    files = [p for p in stage.rglob("*") if p.is_file()]
    return sorted(
        (Harvested(p.relative_to(stage).as_posix(), p) for p in files), key=lambda h: h.relative
    )


def fragment(files: list[Harvested], source_root: Path) -> str:
    """A WiX fragment: the folder tree under INSTALLDIR and one component per file."""
    ET.register_namespace("", WIX_NS)
    wix = ET.Element(f"{{{WIX_NS}}}Wix")
    frag = ET.SubElement(wix, f"{{{WIX_NS}}}Fragment")
    root_dir = ET.SubElement(frag, f"{{{WIX_NS}}}DirectoryRef", Id="INSTALLDIR")
    group = ET.SubElement(
        ET.SubElement(wix, f"{{{WIX_NS}}}Fragment"), f"{{{WIX_NS}}}ComponentGroup", Id="AppFiles"
    )
    folders: dict[str, ET.Element] = {"": root_dir}
    for item in files:
        parent = _folder(folders, item.relative.rpartition("/")[0])
        component = ET.SubElement(
            parent,
            f"{{{WIX_NS}}}Component",
            Id="c_" + _digest(item.relative),
            Guid=item.component_guid,
            Win64="yes",
        )
        ET.SubElement(
            component,
            f"{{{WIX_NS}}}File",
            Id=item.file_id,
            Name=item.relative.rpartition("/")[2],
            Source=str(source_root / item.relative),
            KeyPath="yes",
        )
        ET.SubElement(group, f"{{{WIX_NS}}}ComponentRef", Id="c_" + _digest(item.relative))
    ET.indent(wix)
    return ET.tostring(wix, encoding="unicode", xml_declaration=True) + "\n"


def _folder(folders: dict[str, ET.Element], relative: str) -> ET.Element:
    if relative in folders:
        return folders[relative]
    parent_path, _, name = relative.rpartition("/")
    parent = _folder(folders, parent_path)
    folders[relative] = ET.SubElement(
        parent, f"{{{WIX_NS}}}Directory", Id="d_" + _digest(relative), Name=name
    )
    return folders[relative]


# --- what wixl cannot express, written as the rows the WiX toolset would write --------------


def wixl_gap_tables(wxs: Path = WXS) -> dict[str, str]:
    """The Condition and MsiShortcutProperty tables of ``wxs`` as .idt text, for msibuild -i.

    ElementTree drops the processing instructions, so the elements that sit inside
    ``<?ifndef var.Wixl?>`` blocks are read here exactly as WiX reads them on Windows.
    """
    tree = ET.parse(wxs)
    ns = {"w": WIX_NS}
    conditions = [
        (feature.get("Id", ""), cond.get("Level", "0"), (cond.text or "").strip())
        for feature in tree.iter(f"{{{WIX_NS}}}Feature")
        for cond in feature.findall("w:Condition", ns)
    ]
    properties = [
        (f"{shortcut.get('Id')}_aumid", shortcut.get("Id", ""), prop.get("Value", ""))
        for shortcut in tree.iter(f"{{{WIX_NS}}}Shortcut")
        for prop in shortcut.findall("w:ShortcutProperty", ns)
        if prop.get("Key") == "System.AppUserModel.ID"
    ]
    condition_idt = "Feature_\tLevel\tCondition\ns38\ti2\tS255\nCondition\tFeature_\tLevel\n"
    condition_idt += "".join(f"{f}\t{lvl}\t{text}\n" for f, lvl, text in conditions)
    shortcut_idt = (
        "MsiShortcutProperty\tShortcut_\tPropertyKey\tPropVariantValue\n"
        "s72\ts72\ts255\ts255\nMsiShortcutProperty\tMsiShortcutProperty\n"
    )
    shortcut_idt += "".join(
        f"{row}\t{sc}\t{PKEY_APP_USER_MODEL_ID}\t{value}\n" for row, sc, value in properties
    )
    return {"Condition": condition_idt, "MsiShortcutProperty": shortcut_idt}


def build_with_wixl(stage: Path, version: str, output: Path, icon: Path, wxs: Path = WXS) -> None:
    """wixl + msibuild: a structurally complete MSI built on Linux (not for shipping)."""
    if not re.fullmatch(r"\d+\.\d+\.\d+", version):
        raise SystemExit(f"the MSI version must be x.y.z, not {version!r}")
    files = harvest(stage)
    if not any(f.file_id == MAIN_EXE_ID for f in files):
        raise SystemExit(f"{stage} has no {' or '.join(MAIN_EXE_NAMES)} at its top")
    if not icon.is_file():
        raise SystemExit(f"no icon at {icon} (python -m installer.render_icons makes it)")
    output = output.resolve()
    build_dir = stage.resolve().parent
    with tempfile.TemporaryDirectory(prefix="traymon-msi-") as work_dir:
        work = Path(work_dir)
        # wixl accepts only relative Source= paths: build from the stage's parent folder.
        (work / "appfiles.wxs").write_text(fragment(files, Path(stage.name)), encoding="utf-8")
        subprocess.run(
            ["wixl", "-a", "x64", "-D", f"Version={version}", "-D", "Wixl=1",
             "-D", f"IconFile={os.path.relpath(icon.resolve(), build_dir)}",
             "-o", str(output), str(wxs.resolve()), str(work / "appfiles.wxs")],
            cwd=build_dir,
            check=True,
        )  # fmt: skip
        for table, text in wixl_gap_tables(wxs).items():
            idt = work / f"{table}.idt"
            idt.write_text(text, encoding="utf-8")
            subprocess.run(["msibuild", str(output), "-i", str(idt)], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stage", type=Path, help="the PyInstaller one-folder build")
    parser.add_argument("--version", required=True, help="x.y.z")
    parser.add_argument("--output", type=Path, help="the .msi to write (Linux: wixl)")
    parser.add_argument("--icon", type=Path, default=Path("build/icons/traymon.ico"))
    parser.add_argument("--fragment-only", type=Path, metavar="WXS", help="write the fragment")
    args = parser.parse_args(argv)
    if args.fragment_only:
        args.fragment_only.write_text(fragment(harvest(args.stage), args.stage.resolve()))
        return 0
    if not args.output:
        parser.error("give --output or --fragment-only")
    build_with_wixl(args.stage, args.version, args.output, args.icon)
    return 0


if __name__ == "__main__":
    sys.exit(main())
