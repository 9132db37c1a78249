"""Rules, calendar and other domain logic: pure functions over the models. `today` is always passed in."""
