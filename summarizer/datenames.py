"""English month and weekday names: the one table that name finding and date resolution share.

Written out rather than taken from `calendar`, whose names follow the process locale.
Imports nothing of ours, so any module may use it.
"""

from __future__ import annotations

__all__ = ["MONTHS", "WEEKDAYS"]

# Month names and the abbreviations news text uses (with "Sept"), to the month's number.
MONTHS: dict[str, int] = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
    "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
    "Oct": 10, "Nov": 11, "Dec": 12, "Sept": 9,
}  # fmt: skip

# Weekday names in `datetime.date.weekday()` order (Monday is 0).
WEEKDAYS: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
