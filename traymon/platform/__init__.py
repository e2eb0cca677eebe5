"""Operating-system integration without Qt: start at login, and (later) policy and secrets."""
