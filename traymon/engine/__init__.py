"""The engine decides: it checks services, combines answers, and says what changed."""
