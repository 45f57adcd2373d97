"""Texts written for the despin tests (no third-party text)."""

#: A short report as the seed's spinner would write it: "yr", "making an attempt" and
#: "historical past" are T1 forms nobody else writes.
SPUN = (
    "Greater than a yr after the flood, the city council stated it's going to lastly rebuild "
    "the bridge. Residents have been making an attempt to get it fastened for a very long "
    "time.\n"
    "The power went out throughout the storm, and crews worked throughout Saturday to "
    "restore it. Officers mentioned the historical past of the river was a part of the "
    "downside.\n"
)
