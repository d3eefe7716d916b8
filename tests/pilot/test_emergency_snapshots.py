"""Snapshots of the emergency first screen at 80x24, with and without a configured region."""

from __future__ import annotations


def test_emergency_first_screen_without_region(snap_compare, app_factory):
    assert snap_compare(app_factory(), press=["e"], terminal_size=(80, 24))


def test_emergency_first_screen_with_region(snap_compare, app_factory):
    assert snap_compare(app_factory(region="UK"), press=["e"], terminal_size=(80, 24))
