"""The application layer: between the engine's results and the widgets, with no Qt and no words.

What a screen shows is decided here as typed data (``presenter``); the person's state
(mute, pause, tell me when it's back) is owned here (``person``); ``traymon/gui`` turns
them into widgets and sentences in the desktop's language, and forwards clicks back.
"""
