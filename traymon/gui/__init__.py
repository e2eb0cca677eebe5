"""The desktop face of Traymon: the only package that imports Qt."""
