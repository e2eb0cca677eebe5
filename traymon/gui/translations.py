"""Load the translation for the person's language from ``resources/translations``.

The ``.ts`` sources are made by ``pyside6-lupdate`` from the code and the
``.qm`` files by ``pyside6-lrelease`` (``make translations``); both are committed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from traymon.paths import resources_dir

LANGUAGES = ("en", "de")  # English is the source language: it needs no file


def translations_dir() -> str:
    return str(resources_dir() / "translations")


def install_translator(app: QCoreApplication, locale: QLocale | None = None) -> QTranslator | None:
    """Install the best match for ``locale`` (default: the system's); ``None`` for English."""
    translator = QTranslator(app)
    if not translator.load(locale or QLocale(), "traymon", "_", translations_dir()):
        return None
    app.installTranslator(translator)
    return translator
