"""Operating-system integration without Qt: machine defaults and policy, start at login."""
