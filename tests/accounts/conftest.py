import pytest

T0 = 1_900_000_000.0


class Clock:
    """The throttle's clock, moved by hand (no sleeps)."""

    def __init__(self, monkeypatch):
        self.now = T0
        import services.lib.throttle as throttle

        monkeypatch.setattr(throttle, "clock", lambda: self.now)

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)
