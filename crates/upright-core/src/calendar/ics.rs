//! The iCalendar (RFC 5545) writer.
//!
//! Written by hand, not with the `icalendar` crate (0.17, checked): its
//! component writer adds a `DTSTAMP` and a random-UUID `UID` to every
//! component that lacks them, VTIMEZONE, STANDARD and DAYLIGHT included, which
//! RFC 5545 does not allow there and which makes two exports of the same
//! schedule differ; it has no public way to build a named sub-component such as
//! VTIMEZONE except by parsing text; and it needs Rust 1.88 where the
//! workspace declares rust-version 1.80. What we need is small: content lines, escaping,
//! folding, and VTIMEZONEs generated from the compiled-in tz database.
//!
//! Contract of an export:
//! - `UID` = hash of the person/plan key + the session's sequence key, so a
//!   session keeps its UID when its time moves;
//! - `SEQUENCE` starts at 0 and goes up by one whenever the start, end or
//!   content (summary, description, location, zone) differ from the previous
//!   export's state, which the caller passes in and stores the returned state of;
//! - an event of the previous export whose session is gone is written with
//!   `STATUS:CANCELLED` (SEQUENCE bumped once, then kept), so clients remove
//!   it, unless it ended by DTSTAMP: a past session stays as history, as it was;
//! - one VTIMEZONE per zone used, with the observance in force at the first
//!   event and every transition up to the last one, as single-onset
//!   STANDARD/DAYLIGHT components;
//! - `DTSTART`/`DTEND` carry `TZID` in local time; a local time that is not
//!   exactly one instant (the scheduler never produces one) is written in UTC;
//! - CRLF line ends, lines folded at 75 octets on character boundaries, TEXT
//!   escaped (`\\`, `\;`, `\,`, `\n`).

use super::scheduler::{Location, PlacedSession};
use super::time::is_exact;
use super::InputError;
use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

pub const PRODID: &str = "-//upright//upright back-training calendar//EN";

/// What an export said about one event: the caller stores this (per uid)
/// and passes it back in on the next export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventState {
    pub sequence: u32,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// FNV-1a of the zone, summary, description and location (stable across
    /// builds, unlike std's hasher).
    pub content_hash: u64,
    /// The rest is kept so an event can be written again when its session is
    /// gone from the schedule: as history when it is past, cancelled when not.
    pub summary: String,
    pub description: String,
    pub location: String,
    /// IANA zone of DTSTART/DTEND.
    pub time_zone: String,
    pub cancelled: bool,
}

/// uid -> state, as of one export.
pub type ExportState = BTreeMap<String, EventState>;

/// One export.
#[derive(Debug, Clone)]
pub struct ExportInput<'a> {
    /// Identifies the person and plan (e.g. `user:1/plan:7`); hashed into UIDs.
    pub calendar_key: &'a str,
    /// The calendar's display name (`X-WR-CALNAME`).
    pub calendar_name: &'a str,
    /// The export's time, written as every event's DTSTAMP.
    pub dtstamp: DateTime<Utc>,
    pub sessions: &'a [PlacedSession],
    /// The state returned by the previous export (empty the first time).
    pub previous: &'a ExportState,
}

/// The `.ics` text and the state to keep for the next export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub ics: String,
    pub state: ExportState,
}

/// The UID of a session: stable across exports and time changes.
pub fn uid_for(calendar_key: &str, session_key: &str) -> String {
    let mut key = String::with_capacity(session_key.len());
    for b in session_key.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
            key.push(b as char);
        } else {
            key.push_str(&format!("%{b:02X}"));
        }
    }
    format!("{:016x}-{key}@upright", fnv1a64(calendar_key.as_bytes()))
}

/// FNV-1a, 64 bit: tiny, and the same value on every build and platform.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn summary_of(s: &PlacedSession) -> String {
    match s.location {
        Location::Gym => format!("Back training {} at {}", s.seq + 1, s.place),
        Location::Home => format!("Back training {} at home", s.seq + 1),
    }
}

fn description_of(s: &PlacedSession) -> String {
    let mut d = s.summary.trim().to_string();
    if !d.is_empty() {
        d.push('\n');
    }
    d.push_str(&format!("{} min, warm-up included.", s.minutes));
    if s.heavy_spinal_load {
        d.push_str("\nHeavy spinal loading: 48 h from the previous heavy session (F-ONEDAY).");
    }
    if s.loaded_flexion {
        d.push_str("\nLoaded flexion: not in the first 30 min after waking (E-MCGILL-FLEXION).");
    }
    d
}

/// One VEVENT to write.
struct Row {
    uid: String,
    sequence: u32,
    state: EventState,
}

/// Writes the calendar for `input.sessions` and the state to store.
///
/// Events of the previous export that are not in `sessions`: if they ended
/// by `dtstamp` they are history (a done session) and are written again as
/// they were; if not, they are cancelled.
pub fn export(input: &ExportInput<'_>) -> Result<Exported, InputError> {
    let mut rows: Vec<Row> = Vec::with_capacity(input.sessions.len());
    let mut uids = BTreeSet::new();
    for (i, s) in input.sessions.iter().enumerate() {
        let uid = uid_for(input.calendar_key, &s.key);
        if !uids.insert(uid.clone()) {
            return Err(InputError::new(
                &format!("sessions[{i}].key"),
                format!("expected unique keys, '{}' repeats", s.key),
            ));
        }
        // Keeps the VTIMEZONE search (400 days back) far from chrono's limits.
        if !(1900..=9000).contains(&s.start.year()) {
            return Err(InputError::new(
                &format!("sessions[{i}].start"),
                format!(
                    "expected a year between 1900 and 9000, got {}",
                    s.start.year()
                ),
            ));
        }
        if s.end <= s.start {
            return Err(InputError::new(
                &format!("sessions[{i}].end"),
                "expected an end after the start",
            ));
        }
        let mut state = EventState {
            sequence: 0,
            start: s.start.with_timezone(&Utc),
            end: s.end.with_timezone(&Utc),
            content_hash: 0,
            summary: summary_of(s),
            description: description_of(s),
            location: s.address.clone().unwrap_or_else(|| s.place.clone()),
            time_zone: s.time_zone().name().to_string(),
            cancelled: false,
        };
        state.content_hash = content_hash(&state);
        let p = input.previous.get(&uid);
        state.sequence = match p {
            None => 0,
            Some(p) if p.cancelled || !same_event(p, &state) => p.sequence + 1,
            Some(p) => p.sequence,
        };
        rows.push(Row {
            uid,
            sequence: state.sequence,
            state,
        });
    }
    for (uid, p) in input
        .previous
        .iter()
        .filter(|(uid, _)| !uids.contains(*uid))
    {
        let mut state = p.clone();
        if !p.cancelled && p.end > input.dtstamp {
            state.cancelled = true;
            state.sequence = p.sequence + 1;
        }
        rows.push(Row {
            uid: uid.clone(),
            sequence: state.sequence,
            state,
        });
    }
    // Confirmed events in time order, then cancelled ones in time order.
    rows.sort_by(|a, b| {
        (a.state.cancelled, a.state.start, &a.uid).cmp(&(b.state.cancelled, b.state.start, &b.uid))
    });

    let mut out = Out::default();
    out.line("BEGIN:VCALENDAR");
    out.line(&format!("PRODID:{PRODID}"));
    out.line("VERSION:2.0");
    out.line("CALSCALE:GREGORIAN");
    if !input.calendar_name.trim().is_empty() {
        out.line(&format!(
            "X-WR-CALNAME:{}",
            escape_text(input.calendar_name)
        ));
    }

    // One VTIMEZONE per zone that a DTSTART or DTEND refers to, for the span of its events.
    let mut spans: BTreeMap<&str, (Tz, DateTime<Utc>, DateTime<Utc>)> = BTreeMap::new();
    for r in rows.iter().filter(|r| !r.state.cancelled) {
        if let Ok(tz) = r.state.time_zone.parse::<Tz>() {
            let (a, b) = (r.state.start, r.state.end);
            let span = spans.entry(tz.name()).or_insert((tz, a, b));
            span.1 = span.1.min(a);
            span.2 = span.2.max(b);
        }
    }
    for (tz, a, b) in spans.values() {
        write_vtimezone(&mut out, *tz, *a, *b);
    }

    let stamp = utc_stamp(input.dtstamp);
    let mut state = ExportState::new();
    for r in rows {
        let e = &r.state;
        out.line("BEGIN:VEVENT");
        out.line(&format!("UID:{}", r.uid));
        out.line(&format!("DTSTAMP:{stamp}"));
        out.line(&format!("SEQUENCE:{}", r.sequence));
        match e.time_zone.parse::<Tz>() {
            Ok(tz) if !e.cancelled => {
                out.line(&zoned("DTSTART", &e.start.with_timezone(&tz)));
                out.line(&zoned("DTEND", &e.end.with_timezone(&tz)));
            }
            // A cancelled event needs no zone: UTC is exact and needs no VTIMEZONE.
            _ => {
                out.line(&format!("DTSTART:{}", utc_stamp(e.start)));
                out.line(&format!("DTEND:{}", utc_stamp(e.end)));
            }
        }
        out.line(&format!("SUMMARY:{}", escape_text(&e.summary)));
        out.line(&format!("LOCATION:{}", escape_text(&e.location)));
        out.line(&format!("DESCRIPTION:{}", escape_text(&e.description)));
        if e.cancelled {
            out.line("STATUS:CANCELLED");
            out.line("TRANSP:TRANSPARENT");
        } else {
            out.line("STATUS:CONFIRMED");
            out.line("TRANSP:OPAQUE");
        }
        out.line("END:VEVENT");
        state.insert(r.uid, r.state);
    }
    out.line("END:VCALENDAR");
    Ok(Exported { ics: out.0, state })
}

/// Same times and same content: the SEQUENCE stays.
fn same_event(a: &EventState, b: &EventState) -> bool {
    a.start == b.start && a.end == b.end && a.content_hash == b.content_hash
}

fn content_hash(e: &EventState) -> u64 {
    let parts = [
        e.time_zone.as_str(),
        &e.summary,
        &e.description,
        &e.location,
    ];
    fnv1a64(parts.join("\u{0}").as_bytes())
}

/// `NAME;TZID=Zone:YYYYMMDDTHHMMSS`, or UTC when the local time is not exact.
fn zoned(name: &str, t: &DateTime<Tz>) -> String {
    let tz = t.timezone();
    let local = t.naive_local();
    if is_exact(tz, local) {
        format!(
            "{name};TZID={}:{}",
            param_value(tz.name()),
            local_stamp(local)
        )
    } else {
        format!("{name}:{}", utc_stamp(t.with_timezone(&Utc)))
    }
}

fn local_stamp(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

fn utc_stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A parameter value, quoted when it holds `:`, `;` or `,`.
fn param_value(v: &str) -> String {
    let v: String = v.chars().filter(|&c| c != '"' && !c.is_control()).collect();
    if v.contains([':', ';', ',']) {
        format!("\"{v}\"")
    } else {
        v
    }
}

/// TEXT escaping (RFC 5545 §3.3.11); other control characters are dropped.
pub fn escape_text(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Content lines, folded and CRLF-terminated.
#[derive(Default)]
struct Out(String);

impl Out {
    /// Folds at 75 octets (RFC 5545 §3.1): a continuation starts with a space,
    /// which counts, and a UTF-8 character is never split.
    fn line(&mut self, content: &str) {
        let mut limit = 75;
        let mut rest = content;
        while rest.len() > limit {
            let mut cut = limit;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            self.0.push_str(&rest[..cut]);
            self.0.push_str("\r\n ");
            rest = &rest[cut..];
            limit = 74;
        }
        self.0.push_str(rest);
        self.0.push_str("\r\n");
    }
}

/// The observance a zone is in at an instant: UTC offset, DST part, name.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Observance {
    offset: i32,
    dst: bool,
    name: String,
}

fn observance(tz: Tz, t: DateTime<Utc>) -> Observance {
    let o = tz.offset_from_utc_datetime(&t.naive_utc());
    Observance {
        offset: o.fix().local_minus_utc(),
        dst: o.dst_offset() != Duration::zero(),
        name: o.abbreviation().unwrap_or("").to_string(),
    }
}

/// Instants in `(a, b]` where the observance changes, with the observances
/// before and after. Scans in 6-hour steps (zones never change twice that
/// fast) and bisects to the second.
fn transitions(
    tz: Tz,
    a: DateTime<Utc>,
    b: DateTime<Utc>,
) -> Vec<(DateTime<Utc>, Observance, Observance)> {
    let step = Duration::hours(6);
    let mut out = Vec::new();
    let mut t = a;
    let mut cur = observance(tz, t);
    while t < b {
        let next = (t + step).min(b);
        let obs = observance(tz, next);
        if obs != cur {
            // Whole seconds: tz data changes on second boundaries.
            let (mut lo, mut hi) = (t.timestamp(), next.timestamp());
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                let at = DateTime::from_timestamp(mid, 0).unwrap_or(t);
                if observance(tz, at) == cur {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let hi = DateTime::from_timestamp(hi, 0).unwrap_or(next);
            let after = observance(tz, hi);
            out.push((hi, cur, after.clone()));
            cur = after;
            // The bisection found the first change; look on from it.
            t = hi;
            continue;
        }
        t = next;
    }
    out
}

fn offset_text(secs: i32) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let s = secs.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

/// VTIMEZONE for events between `a` and `b`: the observance in force at `a`
/// (from its last onset, up to ~13 months back; a zone without changes gets a
/// single STANDARD from 1970), then each transition up to `b`.
fn write_vtimezone(out: &mut Out, tz: Tz, a: DateTime<Utc>, b: DateTime<Utc>) {
    let before = transitions(tz, a - Duration::days(400), a);
    let during = transitions(tz, a, b);
    out.line("BEGIN:VTIMEZONE");
    out.line(&format!("TZID:{}", tz.name()));
    let mut write = |at: NaiveDateTime, from: &Observance, to: &Observance| {
        let kind = if to.dst { "DAYLIGHT" } else { "STANDARD" };
        out.line(&format!("BEGIN:{kind}"));
        out.line(&format!("DTSTART:{}", local_stamp(at)));
        out.line(&format!("TZOFFSETFROM:{}", offset_text(from.offset)));
        out.line(&format!("TZOFFSETTO:{}", offset_text(to.offset)));
        if !to.name.is_empty() {
            out.line(&format!("TZNAME:{}", escape_text(&to.name)));
        }
        out.line(&format!("END:{kind}"));
    };
    match before.last() {
        // DTSTART of an observance is the local time of the onset in the old offset.
        Some((t, from, to)) => write(local_in(*t, from.offset), from, to),
        None => {
            let now = observance(tz, a);
            let epoch = DateTime::<Utc>::UNIX_EPOCH.naive_utc();
            write(epoch, &now, &now);
        }
    }
    for (t, from, to) in &during {
        write(local_in(*t, from.offset), from, to);
    }
    out.line("END:VTIMEZONE");
}

fn local_in(t: DateTime<Utc>, offset: i32) -> NaiveDateTime {
    t.naive_utc() + Duration::seconds(i64::from(offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_is_75_octets_on_char_boundaries_with_crlf() {
        let mut out = Out::default();
        let long = format!("DESCRIPTION:{}", "Rückenstrecker, ".repeat(20));
        out.line(&long);
        assert!(out.0.ends_with("\r\n"));
        let lines: Vec<&str> = out.0.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(lines.len() > 3);
        for (i, l) in lines.iter().enumerate() {
            assert!(l.len() <= 75, "line {i} has {} octets", l.len());
            assert_eq!(i > 0, l.starts_with(' '));
        }
        let unfolded: String = lines
            .iter()
            .enumerate()
            .map(|(i, l)| if i == 0 { *l } else { &l[1..] })
            .collect();
        assert_eq!(unfolded, long);
    }

    #[test]
    fn text_escaping() {
        assert_eq!(
            escape_text("a,b;c\\d\r\ne\nf\u{7}"),
            "a\\,b\\;c\\\\d\\ne\\nf"
        );
    }

    #[test]
    fn uids_are_stable_and_safe() {
        let u = uid_for("user:1/plan:7", "w1 s2");
        assert_eq!(u, uid_for("user:1/plan:7", "w1 s2"));
        assert!(u.ends_with("-w1%20s2@upright"), "{u}");
        assert_ne!(u, uid_for("user:2/plan:7", "w1 s2"));
        // FNV-1a test vector
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
    }

    fn placed(key: &str, seq: u32, start: (u32, u32, u32, u32), minutes: i64) -> PlacedSession {
        let tz = chrono_tz::America::New_York;
        let start = tz
            .with_ymd_and_hms(2026, start.0, start.1, start.2, start.3, 0)
            .unwrap();
        PlacedSession {
            key: key.into(),
            seq,
            week: 1,
            date: start.date_naive(),
            start,
            end: start + Duration::minutes(minutes),
            minutes: minutes as u16,
            location: Location::Gym,
            place: "Cardinal Street Gym".into(),
            address: Some("304 North Cardinal St., Dorchester Center, MA 02124".into()),
            heavy_spinal_load: seq == 0,
            loaded_flexion: false,
            summary: "Deadlift 3x5; Plank 3x30 s".into(),
        }
    }

    fn stamp(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 10, d, 12, 0, 0).unwrap()
    }

    fn events(ics: &str) -> Vec<String> {
        ics.split("BEGIN:VEVENT\r\n")
            .skip(1)
            .map(|e| e.split("END:VEVENT").next().unwrap_or("").to_string())
            .collect()
    }

    #[test]
    fn sequence_moves_with_changes_and_gone_sessions_are_cancelled_or_kept_as_history() {
        let first = vec![
            placed("a", 0, (10, 19, 10, 0), 60),
            placed("b", 1, (10, 21, 10, 0), 60),
            placed("c", 2, (10, 23, 10, 0), 60),
            placed("d", 3, (10, 26, 10, 0), 60),
        ];
        let input = ExportInput {
            calendar_key: "user:1/plan:1",
            calendar_name: "upright",
            dtstamp: stamp(18),
            sessions: &first,
            previous: &ExportState::new(),
        };
        let one = export(&input).unwrap();
        assert_eq!(export(&input).unwrap(), one, "same inputs, same bytes");
        assert!(one.state.values().all(|e| e.sequence == 0 && !e.cancelled));

        // Thursday: "a" done (gone from the schedule, in the past), "b" missed and
        // moved, "c" unchanged, "d" dropped from the plan, "e" new.
        let mut c = first[2].clone();
        c.week = 2; // not part of the event: no bump
        let second = vec![
            placed("b", 1, (10, 24, 10, 0), 60),
            c,
            placed("e", 4, (10, 28, 10, 0), 60),
        ];
        let two = export(&ExportInput {
            dtstamp: stamp(22),
            sessions: &second,
            previous: &one.state,
            ..input.clone()
        })
        .unwrap();
        let seq = |st: &ExportState, k: &str| {
            let e = &st[&uid_for("user:1/plan:1", k)];
            (e.sequence, e.cancelled)
        };
        assert_eq!(seq(&two.state, "a"), (0, false), "past: kept as it was");
        assert_eq!(seq(&two.state, "b"), (1, false), "moved: bumped");
        assert_eq!(seq(&two.state, "c"), (0, false), "unchanged");
        assert_eq!(
            seq(&two.state, "d"),
            (1, true),
            "gone and future: cancelled"
        );
        assert_eq!(seq(&two.state, "e"), (0, false), "new");
        let evs = events(&two.ics);
        assert_eq!(evs.len(), 5);
        assert!(evs.last().unwrap().contains("STATUS:CANCELLED"));
        assert!(
            evs[0].contains(&uid_for("user:1/plan:1", "a"))
                && evs[0].contains("DTSTART;TZID=America/New_York:20261019T100000")
        );

        // Exporting again changes nothing but DTSTAMP; the cancellation is not bumped again.
        let three = export(&ExportInput {
            dtstamp: stamp(23),
            sessions: &second,
            previous: &two.state,
            ..input.clone()
        })
        .unwrap();
        assert_eq!(three.state, two.state);
        assert_eq!(
            three.ics.replace("20261023T120000Z", "20261022T120000Z"),
            two.ics
        );

        // A changed description bumps; a session coming back after cancellation bumps.
        let mut b = second[0].clone();
        b.summary = "Deadlift 3x5; Side plank 3x20 s".into();
        let back = placed("d", 3, (10, 30, 10, 0), 60);
        let four = export(&ExportInput {
            dtstamp: stamp(23),
            sessions: &[b, second[1].clone(), second[2].clone(), back],
            previous: &three.state,
            ..input
        })
        .unwrap();
        assert_eq!(seq(&four.state, "b"), (2, false));
        assert_eq!(seq(&four.state, "d"), (2, false));
    }

    #[test]
    fn vtimezone_covers_the_span_with_both_observances() {
        let sessions = vec![
            placed("a", 0, (10, 26, 7, 0), 60),
            placed("b", 1, (11, 2, 7, 0), 60),
        ];
        let ics = export(&ExportInput {
            calendar_key: "k",
            calendar_name: "",
            dtstamp: stamp(18),
            sessions: &sessions,
            previous: &ExportState::new(),
        })
        .unwrap()
        .ics;
        let tz = ics
            .split("BEGIN:VTIMEZONE\r\n")
            .nth(1)
            .unwrap()
            .split("END:VTIMEZONE")
            .next()
            .unwrap();
        assert_eq!(
            tz,
            "TZID:America/New_York\r\n\
             BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\nEND:DAYLIGHT\r\n\
             BEGIN:STANDARD\r\nDTSTART:20261101T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nTZNAME:EST\r\nEND:STANDARD\r\n"
        );
        assert!(ics.contains("DTSTART;TZID=America/New_York:20261102T070000\r\n"));
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nPRODID:"));
        assert!(ics.contains("\r\nVERSION:2.0\r\n"));
        assert!(!ics.contains("X-WR-CALNAME"));
        assert!(
            ics.contains("DESCRIPTION:Deadlift 3x5\\; Plank 3x30 s\\n60 min\\, warm-up included.")
        );
        assert!(ics.contains("LOCATION:304 North Cardinal St.\\, Dorchester Center\\, MA 02124"));
        assert_eq!(ics.matches("BEGIN:VTIMEZONE").count(), 1);
    }

    #[test]
    fn a_local_time_that_is_not_exact_is_written_in_utc() {
        let tz = chrono_tz::America::New_York;
        // 01:30 on 2026-11-01 happens twice: the second one (EST) cannot be said with TZID.
        let start = Utc
            .with_ymd_and_hms(2026, 11, 1, 6, 30, 0)
            .unwrap()
            .with_timezone(&tz);
        assert_eq!(zoned("DTSTART", &start), "DTSTART:20261101T063000Z");
        let fine = Utc
            .with_ymd_and_hms(2026, 11, 1, 12, 0, 0)
            .unwrap()
            .with_timezone(&tz);
        assert_eq!(
            zoned("DTSTART", &fine),
            "DTSTART;TZID=America/New_York:20261101T070000"
        );
    }

    #[test]
    fn transitions_of_new_york_2026() {
        let ny = chrono_tz::America::New_York;
        let a = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let b = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
        let t = transitions(ny, a, b);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].0, Utc.with_ymd_and_hms(2026, 3, 8, 7, 0, 0).unwrap());
        assert_eq!(
            (t[0].1.offset, t[0].2.offset, t[0].2.dst),
            (-5 * 3600, -4 * 3600, true)
        );
        assert_eq!(
            local_in(t[0].0, t[0].1.offset).to_string(),
            "2026-03-08 02:00:00"
        );
        assert_eq!(t[1].0, Utc.with_ymd_and_hms(2026, 11, 1, 6, 0, 0).unwrap());
        assert_eq!(
            local_in(t[1].0, t[1].1.offset).to_string(),
            "2026-11-01 02:00:00"
        );
        assert_eq!(t[1].2.name, "EST");
        assert!(transitions(chrono_tz::Asia::Tokyo, a, b).is_empty());
        assert_eq!(offset_text(-5 * 3600), "-0500");
        assert_eq!(offset_text(5 * 3600 + 45 * 60), "+0545");
    }
}
