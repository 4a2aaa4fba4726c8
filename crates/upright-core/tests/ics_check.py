#!/usr/bin/env python3
"""Independent check of upright's .ics output (issue 15).

Usage: ics_check.py GYM.toml FILE.ics [FILE.ics ...]

Parses each file with the `icalendar` package (not the writer's code) and
checks, failing with exit 1 and a message on the first violation:
- raw form: CRLF line ends, physical lines of at most 75 octets;
- VCALENDAR has VERSION 2.0 and PRODID; UIDs are unique; DTSTAMP everywhere;
- every TZID used has a VTIMEZONE with STANDARD/DAYLIGHT parts, and the zone
  built from that VTIMEZONE alone gives the same UTC offsets as the system's
  tz database at every event start and end;
- every confirmed event at the gym's address lies inside the gym's opening
  hours for its weekday (read from GYM.toml with tomllib), ends by closing,
  and is not on a closure.

Prints a JSON list (one entry per file) of the events it read, for the Rust
test to compare exports (UID stability, SEQUENCE, cancellations).
"""

import json
import sys
import tomllib
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import icalendar


def fail(msg):
    print(f"ics_check: {msg}", file=sys.stderr)
    sys.exit(1)


def minutes(hhmm):
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def gym_rules(path):
    with open(path, "rb") as f:
        gym = tomllib.load(f)
    hours = {}
    for i, key in enumerate(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]):
        text = gym["hours"][key]
        hours[i] = [] if text == "closed" else [tuple(minutes(t) for t in w.split("-")) for w in text.split(",")]
    closures = []
    for c in gym.get("closures", []):
        d = c.get("date")
        lo, hi = (d, d) if d else (c["from"], c["to"])
        lo, hi = (date.fromisoformat(str(lo)), date.fromisoformat(str(hi)))
        closures.append((lo, hi))
    return gym, hours, closures


def check_raw(name, raw):
    if not raw.endswith(b"\r\n"):
        fail(f"{name}: does not end with CRLF")
    for n, line in enumerate(raw.split(b"\r\n")[:-1], 1):
        if b"\n" in line or b"\r" in line:
            fail(f"{name}:{n}: bare LF or CR")
        if len(line) > 75:
            fail(f"{name}:{n}: {len(line)} octets, more than 75")


def utc(dt):
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def check(name, raw, gym, hours, closures):
    check_raw(name, raw)
    cal = icalendar.Calendar.from_ical(raw)
    if str(cal.get("VERSION")) != "2.0" or not cal.get("PRODID"):
        fail(f"{name}: VERSION 2.0 and PRODID are required")
    zones = {}
    for vtz in cal.walk("VTIMEZONE"):
        tzid = str(vtz["TZID"])
        parts = [c.name for c in vtz.subcomponents]
        if not parts or any(p not in ("STANDARD", "DAYLIGHT") for p in parts):
            fail(f"{name}: VTIMEZONE {tzid} has parts {parts}")
        # Built from the VTIMEZONE's own definition, not looked up by name.
        zones[tzid] = vtz.to_tz(lookup_tzid=False)
    events, uids = [], set()
    for ev in cal.walk("VEVENT"):
        uid = str(ev["UID"])
        if uid in uids:
            fail(f"{name}: UID {uid} repeats")
        uids.add(uid)
        if "DTSTAMP" not in ev:
            fail(f"{name}: {uid} has no DTSTAMP")
        status = str(ev.get("STATUS", ""))
        start, end = ev["DTSTART"], ev["DTEND"]
        tzid = start.params.get("TZID")
        s, e = start.dt, end.dt
        if tzid:
            if tzid not in zones:
                fail(f"{name}: {uid} uses TZID {tzid} without a VTIMEZONE")
            real = ZoneInfo(tzid)
            for label, prop in (("DTSTART", start), ("DTEND", end)):
                naive = prop.dt.replace(tzinfo=None)
                ours = naive.replace(tzinfo=zones[tzid]).utcoffset()
                truth = naive.replace(tzinfo=real).utcoffset()
                if ours != truth:
                    fail(f"{name}: {uid} {label} {naive}: VTIMEZONE offset {ours}, tz database {truth}")
            s, e = s.replace(tzinfo=real), e.replace(tzinfo=real)
        if e <= s:
            fail(f"{name}: {uid} ends before it starts")
        location = str(ev.get("LOCATION", ""))
        if status != "CANCELLED" and location == gym["address"]:
            local_s, local_e = s.astimezone(ZoneInfo(gym["time_zone"])), e.astimezone(ZoneInfo(gym["time_zone"]))
            a = local_s.hour * 60 + local_s.minute
            b = local_e.hour * 60 + local_e.minute
            if local_e.date() != local_s.date():
                fail(f"{name}: {uid} at the gym ends on another day")
            if not any(lo <= a and b <= hi for lo, hi in hours[local_s.weekday()]):
                fail(f"{name}: {uid} at the gym {local_s:%a %H:%M}-{local_e:%H:%M} is outside its hours")
            if any(lo <= local_s.date() <= hi for lo, hi in closures):
                fail(f"{name}: {uid} at the gym on a closure ({local_s.date()})")
        events.append(
            {
                "uid": uid,
                "sequence": int(ev.get("SEQUENCE", 0)),
                "status": status,
                "start": utc(s),
                "end": utc(e),
                "local_start": s.strftime("%Y-%m-%d %H:%M") if tzid else None,
                "tzid": tzid,
                "location": location,
                "summary": str(ev.get("SUMMARY", "")),
                "description": str(ev.get("DESCRIPTION", "")),
            }
        )
    return {"file": name, "timezones": sorted(zones), "events": events}


def main():
    if len(sys.argv) < 3:
        fail("usage: ics_check.py GYM.toml FILE.ics [FILE.ics ...]")
    gym, hours, closures = gym_rules(sys.argv[1])
    out = []
    for path in sys.argv[2:]:
        with open(path, "rb") as f:
            out.append(check(path, f.read(), gym, hours, closures))
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
