"""Shared test set-up: every test starts in the default language, whatever the one before it set."""

from __future__ import annotations

import pytest

import cnnlib


@pytest.fixture(autouse=True)
def default_language():
    cnnlib.set_language("both")
    yield
    cnnlib.set_language("both")
