"""The application layer between the engine and the widgets: Qt-free, tested directly."""
