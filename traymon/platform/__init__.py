"""Operating-system integration without Qt: machine defaults and policy, the system proxy."""
