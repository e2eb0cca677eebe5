"""A real X desktop for tray tests: Xvfb, the trayer panel, and the tools to look and click.

Recipe proven in research/ci_lab.md §2. The app under test runs as its own
process, exactly as a person starts it; the test only looks at the screen and
clicks, like a person would.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtGui import QImage

TOOLS = ("Xvfb", "trayer", "xdotool", "xwininfo", "import")

# One window in `xwininfo -root -tree`, e.g.
#      0x400007 "Traymon": ("traymon" "Traymon")  22x38+0+0  +777+1
# The root's direct children (the top-level windows) are indented by five spaces.
_APP_WINDOW = re.compile(
    r'^(?P<indent> +)(?P<id>0x[0-9a-f]+) "(?P<name>.*)": \("[^"]*" "Traymon"\)\s+'
    r"(?P<width>\d+)x(?P<height>\d+)\S*\s+\+(?P<x>-?\d+)\+(?P<y>-?\d+)",
    re.MULTILINE,
)
_TOP_LEVEL_INDENT = 5


def _rect(match: re.Match[str]) -> QRect:
    return QRect(int(match["x"]), int(match["y"]), int(match["width"]), int(match["height"]))


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


@dataclass
class XDesktop:
    display: str
    screenshots: Path

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "DISPLAY": self.display, "QT_QPA_PLATFORM": "xcb"}

    def run(self, *args: str, timeout: float = 10) -> str:
        done = subprocess.run(
            args, capture_output=True, text=True, env=self.env, timeout=timeout, check=False
        )
        return done.stdout

    def screenshot(self, name: str) -> QImage:
        path = self.screenshots / f"{name}.png"
        subprocess.run(
            ["import", "-window", "root", str(path)], env=self.env, check=True, timeout=20
        )
        image = QImage(str(path))
        assert not image.isNull(), f"could not read {path}"
        return image

    def tray_icon_geometry(self) -> QRect | None:
        """Where the app's icon sits inside the tray panel, once it is embedded."""
        for match in _APP_WINDOW.finditer(self.run("xwininfo", "-root", "-tree")):
            rect = _rect(match)
            nested = len(match["indent"]) > _TOP_LEVEL_INDENT
            if nested and rect.x() > 0 and rect.width() < 100:  # inside the panel
                return rect
        return None

    def app_windows(self, title: str) -> list[QRect]:
        """Top-level windows of the app whose title matches ``title`` and that are on screen."""
        found = []
        for match in _APP_WINDOW.finditer(self.run("xwininfo", "-root", "-tree")):
            if len(match["indent"]) != _TOP_LEVEL_INDENT or not re.search(title, match["name"]):
                continue
            if "IsViewable" in self.run("xwininfo", "-id", match["id"]):
                found.append(_rect(match))
        return found

    def click(self, x: int, y: int, button: int = 1) -> None:
        self.run("xdotool", "mousemove", str(x), str(y), "click", str(button))

    def keys(self, *names: str) -> None:
        """Press keys (xdotool names: Up, Return, Escape) in the window that has the focus."""
        self.run("xdotool", "key", "--delay", "60", *names)

    def save_crop(self, image: QImage, rect: QRect, name: str, scale: int = 1) -> Path:
        """Save part of a screenshot (optionally enlarged, pixels kept sharp) for the README."""
        part = image.copy(rect)
        if scale > 1:
            part = part.scaled(part.width() * scale, part.height() * scale)
        path = self.screenshots / f"{name}.png"
        part.save(str(path))
        return path


@contextmanager
def x_desktop(screenshots: Path) -> Iterator[XDesktop]:
    """Start Xvfb on a free display and the trayer panel on it; stop both afterwards."""
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "800x600x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()  # Xvfb writes the display number when it is ready
    desktop = XDesktop(display=f":{number}", screenshots=screenshots)
    trayer: subprocess.Popen[bytes] | None = None
    try:
        problems = []
        for _attempt in range(3):  # under heavy load trayer has been seen to die at start
            trayer, problem = _start_trayer(desktop)
            if problem is None:
                break
            problems.append(problem)
        else:
            raise AssertionError(f"the trayer panel did not appear: {problems}")
        yield desktop
    finally:
        for process in (trayer, xvfb):
            if process is None:
                continue
            process.terminate()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()


def _start_trayer(desktop: XDesktop) -> tuple[subprocess.Popen[bytes], str | None]:
    """Start the panel; return it and ``None``, or the reason it did not show within 10 s."""
    log = tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the panel; closed at exit)
    trayer = subprocess.Popen(
        [
            "trayer", "--edge", "top", "--align", "right", "--widthtype", "pixel",
            "--width", "120", "--heighttype", "pixel", "--height", "40",
            "--SetDockType", "true", "--transparent", "false", "--expand", "false",
        ],
        env=desktop.env,
        stdout=subprocess.DEVNULL,
        stderr=log,  # a file, not a pipe: a chatty panel can never block on a full pipe
    )  # fmt: skip
    deadline = time.monotonic() + 10
    while "trayer" not in desktop.run("xwininfo", "-root", "-tree"):
        if trayer.poll() is not None or time.monotonic() > deadline:
            trayer.kill()
            trayer.wait()
            log.seek(0)
            return trayer, f"exit {trayer.returncode}: {log.read().decode(errors='replace')[-300:]}"
        time.sleep(0.05)
    return trayer, None
