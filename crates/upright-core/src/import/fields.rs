//! Field parsers shared by the readers: numbers with decimal commas, counts
//! written `10.0`, Strong and Hevy dates, Strong's duration text.
//!
//! Each returns `Err(expected)`, a phrase saying what was expected; the reader
//! adds the line and column.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// The trimmed text, None when empty.
pub(crate) fn non_empty(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}

/// A decimal number. One `,` and no `.` is a decimal comma (`12,5`): Strong's
/// `;` files from comma-decimal locales write them. NaN and infinities are refused.
pub(crate) fn decimal(s: &str) -> Option<f64> {
    let s = s.trim();
    let v: f64 = if s.contains(',') {
        if s.contains('.') || s.matches(',').count() != 1 {
            return None;
        }
        s.replacen(',', ".", 1).parse().ok()?
    } else {
        s.parse().ok()?
    };
    // Rust parses "inf" and "NaN"; no app writes them and no set has them.
    v.is_finite().then_some(v)
}

/// An optional number within `min..=max`.
pub(crate) fn number(
    s: &str,
    min: f64,
    max: f64,
    expected: &'static str,
) -> Result<Option<f64>, String> {
    let Some(t) = non_empty(s) else {
        return Ok(None);
    };
    match decimal(t) {
        Some(v) if (min..=max).contains(&v) => Ok(Some(v)),
        _ => Err(format!("expected {expected}, got '{}'", shorten(t))),
    }
}

/// An optional whole number up to `max`; `10.0` counts as 10 (Strong 2025 writes floats for counts).
pub(crate) fn count(s: &str, max: u32, expected: &'static str) -> Result<Option<u32>, String> {
    let Some(t) = non_empty(s) else {
        return Ok(None);
    };
    // The fast path: plain digits.
    if let Ok(v) = t.parse::<u32>() {
        return if v <= max {
            Ok(Some(v))
        } else {
            Err(format!("expected {expected}, got '{}'", shorten(t)))
        };
    }
    match decimal(t) {
        Some(v) if v.fract() == 0.0 && (0.0..=max as f64).contains(&v) => Ok(Some(v as u32)),
        _ => Err(format!("expected {expected}, got '{}'", shorten(t))),
    }
}

/// An optional number of seconds up to `max`; decimals (`60.0`, `12.5`) round to the nearest second.
pub(crate) fn seconds(s: &str, max: u32, expected: &'static str) -> Result<Option<u32>, String> {
    let Some(t) = non_empty(s) else {
        return Ok(None);
    };
    if let Ok(v) = t.parse::<u32>() {
        return if v <= max {
            Ok(Some(v))
        } else {
            Err(format!("expected {expected}, got '{}'", shorten(t)))
        };
    }
    match decimal(t) {
        Some(v) if (0.0..=max as f64).contains(&v) => Ok(Some(v.round() as u32)),
        _ => Err(format!("expected {expected}, got '{}'", shorten(t))),
    }
}

/// At most 40 characters of a bad value, for messages.
pub(crate) fn shorten(s: &str) -> String {
    if s.chars().count() <= 40 {
        s.to_string()
    } else {
        let cut: String = s.chars().take(40).collect();
        format!("{cut}…")
    }
}

/// Strong's `Date`: `YYYY-MM-DD HH:MM:SS`, 24 h. Also accepted: a one-digit
/// hour (spreadsheet round trips), no seconds, a `T` separator, and a 12-hour
/// time with `am`/`pm` after a space, U+202F or U+00A0 (reported for iOS 17+).
pub(crate) fn strong_datetime(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    let (date, time) = s.split_once([' ', 'T'])?;
    let date = ymd(date)?;
    let time = time.trim_matches(|c: char| c.is_whitespace() || c == '\u{202F}' || c == '\u{00A0}');
    let (clock, meridiem) = split_meridiem(time);
    let t = hms(clock, meridiem)?;
    Some(date.and_time(t))
}

fn ymd(s: &str) -> Option<NaiveDate> {
    let mut it = s.split('-');
    let y: i32 = digits(it.next()?, 4, 4)? as i32;
    let m = digits(it.next()?, 1, 2)?;
    let d = digits(it.next()?, 1, 2)?;
    if it.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

/// `(clock, Some(is_pm))` when the time ends in am/pm.
fn split_meridiem(t: &str) -> (&str, Option<bool>) {
    let lower = |a: &str| a.eq_ignore_ascii_case("am") || a.eq_ignore_ascii_case("a.m.");
    let upper = |a: &str| a.eq_ignore_ascii_case("pm") || a.eq_ignore_ascii_case("p.m.");
    for (i, c) in t.char_indices() {
        if c.is_whitespace() || c == '\u{202F}' || c == '\u{00A0}' {
            let rest = t[i + c.len_utf8()..].trim();
            if lower(rest) {
                return (&t[..i], Some(false));
            }
            if upper(rest) {
                return (&t[..i], Some(true));
            }
            return (t, None);
        }
    }
    // `9:45am` with no space.
    for (suffix, pm) in [("am", false), ("AM", false), ("pm", true), ("PM", true)] {
        if let Some(clock) = t.strip_suffix(suffix) {
            return (clock, Some(pm));
        }
    }
    (t, None)
}

fn hms(s: &str, meridiem: Option<bool>) -> Option<NaiveTime> {
    let mut it = s.split(':');
    let mut h = digits(it.next()?, 1, 2)?;
    let m = digits(it.next()?, 2, 2)?;
    let sec = match it.next() {
        Some(x) => digits(x, 2, 2)?,
        None => 0,
    };
    if it.next().is_some() {
        return None;
    }
    if let Some(pm) = meridiem {
        if !(1..=12).contains(&h) {
            return None;
        }
        h = match (h, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        };
    }
    NaiveTime::from_hms_opt(h, m, sec)
}

/// ASCII digits only, between `min` and `max` of them.
fn digits(s: &str, min: usize, max: usize) -> Option<u32> {
    if s.len() < min || s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Strong's duration text: `1h 43m`, `2h`, `59m`, `45s`, `38min`, `1h 5min`, `264h 1m`.
pub(crate) fn strong_duration(s: &str) -> Option<u32> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let mut total: u64 = 0;
    let mut rest = s;
    while !rest.is_empty() {
        rest = rest.trim_start();
        let n_end = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if n_end == 0 || n_end > 7 {
            return None;
        }
        let n: u64 = rest[..n_end].parse().ok()?;
        rest = rest[n_end..].trim_start();
        let u_end = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let factor = match rest[..u_end].to_ascii_lowercase().as_str() {
            "h" | "hr" | "hrs" | "hour" | "hours" => 3600,
            "m" | "min" | "mins" | "minute" | "minutes" => 60,
            "s" | "sec" | "secs" | "second" | "seconds" => 1,
            _ => return None,
        };
        total += n * factor;
        rest = &rest[u_end..];
    }
    u32::try_from(total).ok()
}

/// A month name or abbreviation in one of the app languages Hevy exports in,
/// matched case- and accent-insensitively, with or without a trailing dot.
/// Latin-script tokens are folded to ASCII first (`févr.` → `fevr`, `Şub` → `sub`).
/// Languages: en, de, fr, es, it, pt, nl, sv, da, no, pl, cs, tr, ro, hu, fi,
/// ru, uk (abbreviations and full names, including genitive forms).
const MONTHS: &[(&str, u32)] = &[
    // English
    ("jan", 1),
    ("january", 1),
    ("feb", 2),
    ("february", 2),
    ("mar", 3),
    ("march", 3),
    ("apr", 4),
    ("april", 4),
    ("may", 5),
    ("jun", 6),
    ("june", 6),
    ("jul", 7),
    ("july", 7),
    ("aug", 8),
    ("august", 8),
    ("sep", 9),
    ("sept", 9),
    ("september", 9),
    ("oct", 10),
    ("october", 10),
    ("nov", 11),
    ("november", 11),
    ("dec", 12),
    ("december", 12),
    // German (Jän/Jänner: Austria)
    ("januar", 1),
    ("jan", 1),
    ("jaen", 1),
    ("jaenner", 1),
    ("februar", 2),
    ("maer", 3),
    ("marz", 3),
    ("maerz", 3),
    ("mrz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("okt", 10),
    ("oktober", 10),
    ("dez", 12),
    ("dezember", 12),
    // French
    ("janv", 1),
    ("janvier", 1),
    ("fevr", 2),
    ("fevrier", 2),
    ("fev", 2),
    ("mars", 3),
    ("avr", 4),
    ("avril", 4),
    ("juin", 6),
    ("juil", 7),
    ("juillet", 7),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("decembre", 12),
    // Spanish
    ("ene", 1),
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abr", 4),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("ago", 8),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("dic", 12),
    ("diciembre", 12),
    // Italian
    ("gen", 1),
    ("gennaio", 1),
    ("febbraio", 2),
    ("marzo", 3),
    ("aprile", 4),
    ("mag", 5),
    ("maggio", 5),
    ("giu", 6),
    ("giugno", 6),
    ("lug", 7),
    ("luglio", 7),
    ("agosto", 8),
    ("set", 9),
    ("settembre", 9),
    ("ott", 10),
    ("ottobre", 10),
    ("novembre", 11),
    ("dicembre", 12),
    // Portuguese
    ("janeiro", 1),
    ("fev", 2),
    ("fevereiro", 2),
    ("marco", 3),
    ("abril", 4),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("out", 10),
    ("outubro", 10),
    ("novembro", 11),
    ("dez", 12),
    ("dezembro", 12),
    // Dutch
    ("januari", 1),
    ("februari", 2),
    ("mrt", 3),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
    // Swedish, Danish, Norwegian
    ("maj", 5),
    ("juni", 6),
    ("augusti", 8),
    ("des", 12),
    ("desember", 12),
    // Polish (nominative and genitive)
    ("sty", 1),
    ("styczen", 1),
    ("stycznia", 1),
    ("lut", 2),
    ("luty", 2),
    ("lutego", 2),
    ("marzec", 3),
    ("marca", 3),
    ("kwi", 4),
    ("kwiecien", 4),
    ("kwietnia", 4),
    ("maja", 5),
    ("cze", 6),
    ("czerwiec", 6),
    ("czerwca", 6),
    ("lip", 7),
    ("lipiec", 7),
    ("lipca", 7),
    ("sie", 8),
    ("sierpien", 8),
    ("sierpnia", 8),
    ("wrz", 9),
    ("wrzesien", 9),
    ("wrzesnia", 9),
    ("paz", 10),
    ("pazdziernik", 10),
    ("pazdziernika", 10),
    ("lis", 11),
    ("listopad", 11),
    ("listopada", 11),
    ("gru", 12),
    ("grudzien", 12),
    ("grudnia", 12),
    // Czech
    ("led", 1),
    ("uno", 2),
    ("bre", 3),
    ("dub", 4),
    ("kve", 5),
    ("cvn", 6),
    ("cvc", 7),
    ("srp", 8),
    ("zar", 9),
    ("rij", 10),
    ("pro", 12),
    // Turkish
    ("oca", 1),
    ("ocak", 1),
    ("sub", 2),
    ("subat", 2),
    ("nis", 4),
    ("nisan", 4),
    ("haz", 6),
    ("haziran", 6),
    ("tem", 7),
    ("temmuz", 7),
    ("agu", 8),
    ("agustos", 8),
    ("eyl", 9),
    ("eylul", 9),
    ("eki", 10),
    ("ekim", 10),
    ("kas", 11),
    ("kasim", 11),
    ("ara", 12),
    ("aralik", 12),
    ("mayis", 5),
    // Romanian
    ("ian", 1),
    ("ianuarie", 1),
    ("iun", 6),
    ("iul", 7),
    ("noi", 11),
    ("oct", 10),
    // Hungarian
    ("febr", 2),
    ("marc", 3),
    ("maj", 5),
    ("jun", 6),
    ("szept", 9),
    ("okt", 10),
    // Finnish
    ("tammi", 1),
    ("helmi", 2),
    ("maalis", 3),
    ("huhti", 4),
    ("touko", 5),
    ("kesa", 6),
    ("heina", 7),
    ("elo", 8),
    ("syys", 9),
    ("loka", 10),
    ("marras", 11),
    ("joulu", 12),
    // Russian (abbreviations as the apps write them, and genitive full names)
    ("янв", 1),
    ("января", 1),
    ("фев", 2),
    ("февр", 2),
    ("февраля", 2),
    ("мар", 3),
    ("марта", 3),
    ("апр", 4),
    ("апреля", 4),
    ("мая", 5),
    ("май", 5),
    ("июн", 6),
    ("июня", 6),
    ("июл", 7),
    ("июля", 7),
    ("авг", 8),
    ("августа", 8),
    ("сен", 9),
    ("сент", 9),
    ("сентября", 9),
    ("окт", 10),
    ("октября", 10),
    ("ноя", 11),
    ("нояб", 11),
    ("ноября", 11),
    ("дек", 12),
    ("декабря", 12),
    // Ukrainian
    ("січ", 1),
    ("січня", 1),
    ("лют", 2),
    ("лютого", 2),
    ("бер", 3),
    ("березня", 3),
    ("кві", 4),
    ("квіт", 4),
    ("квітня", 4),
    ("тра", 5),
    ("трав", 5),
    ("травня", 5),
    ("чер", 6),
    ("черв", 6),
    ("червня", 6),
    ("лип", 7),
    ("липня", 7),
    ("сер", 8),
    ("серп", 8),
    ("серпня", 8),
    ("вер", 9),
    ("вересня", 9),
    ("жов", 10),
    ("жовт", 10),
    ("жовтня", 10),
    ("лис", 11),
    ("лист", 11),
    ("листопада", 11),
    ("гру", 12),
    ("груд", 12),
    ("грудня", 12),
];

/// The month a token names, if any.
pub(crate) fn month(token: &str) -> Option<u32> {
    let token = token.trim().trim_end_matches('.');
    if token.is_empty() || token.len() > 40 {
        return None;
    }
    // English first, without allocating: nearly every file is English.
    const EN: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    if let Some(i) = EN.iter().position(|m| m.eq_ignore_ascii_case(token)) {
        return Some(i as u32 + 1);
    }
    let folded = fold(token);
    MONTHS
        .iter()
        .find(|(name, _)| *name == folded)
        .map(|&(_, m)| m)
}

/// Lower case, Latin letters without their accents (ä → ae as German writes it
/// when it cannot: `Mär`/`Maerz`; the other marks are dropped).
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => out.push_str("ae"),
            'à' | 'á' | 'â' | 'ã' | 'å' | 'ą' | 'ă' => out.push('a'),
            'ç' | 'č' | 'ć' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' | 'ę' | 'ě' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' | 'ı' => out.push('i'),
            'ñ' | 'ń' | 'ň' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ő' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' | 'ů' | 'ű' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'ğ' => out.push('g'),
            'ş' | 'ś' | 'š' | 'ș' => out.push('s'),
            'ł' => out.push('l'),
            'ř' => out.push('r'),
            'ž' | 'ź' | 'ż' => out.push('z'),
            'ț' => out.push('t'),
            _ => out.push(c),
        }
    }
    out
}

/// Hevy's `start_time`/`end_time`: `5 Dec 2025, 11:37` (`d MMM yyyy, H:mm`),
/// the day padded or not, the month in the app's language; also accepted
/// without the comma and with seconds.
pub(crate) fn hevy_datetime(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    let (date, time) = match s.split_once(',') {
        Some((d, t)) => (d.trim(), t.trim()),
        None => {
            // `5 Dec 2025 11:37`: the time is the last word.
            let (d, t) = s.rsplit_once(' ')?;
            (d.trim(), t.trim())
        }
    };
    let mut words = date.split_whitespace();
    let day = digits(words.next()?.trim_end_matches('.'), 1, 2)?;
    let month_word = words.next()?;
    // Some locales write "5 de dic de 2025"; skip the little word.
    let (month_word, year_word) = if month_word.eq_ignore_ascii_case("de") {
        let m = words.next()?;
        let y = words.next()?;
        (
            m,
            if y.eq_ignore_ascii_case("de") {
                words.next()?
            } else {
                y
            },
        )
    } else {
        let y = words.next()?;
        (
            month_word,
            if y.eq_ignore_ascii_case("de") {
                words.next()?
            } else {
                y
            },
        )
    };
    if words.next().is_some() {
        return None;
    }
    let m = month(month_word)?;
    let y = digits(year_word.trim_end_matches('.'), 4, 4)? as i32;
    let date = NaiveDate::from_ymd_opt(y, m, day)?;
    let (clock, meridiem) =
        split_meridiem(time.trim_matches(|c: char| c == '\u{202F}' || c == '\u{00A0}'));
    Some(date.and_time(hms(clock, meridiem)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_opt(h, mi, s)
            .unwrap()
    }

    #[test]
    fn decimals_take_a_comma_or_a_point() {
        assert_eq!(decimal("12,5"), Some(12.5));
        assert_eq!(decimal(" 75.0 "), Some(75.0));
        assert_eq!(decimal("-2.5"), Some(-2.5));
        assert_eq!(decimal("1,234.5"), None);
        assert_eq!(decimal("1,2,3"), None);
        assert_eq!(decimal("NaN"), None);
        assert_eq!(decimal("inf"), None);
        assert_eq!(decimal("12kg"), None);
    }

    #[test]
    fn counts_accept_integral_floats_only() {
        assert_eq!(count("10", 100, "x"), Ok(Some(10)));
        assert_eq!(count("10.0", 100, "x"), Ok(Some(10)));
        assert_eq!(count("10,0", 100, "x"), Ok(Some(10)));
        assert_eq!(count("", 100, "x"), Ok(None));
        assert!(count("10.5", 100, "a whole number")
            .unwrap_err()
            .contains("a whole number, got '10.5'"));
        assert!(count("-1", 100, "x").is_err());
        assert!(count("101", 100, "x").is_err());
        assert_eq!(seconds("60.0", 100, "x"), Ok(Some(60)));
        assert_eq!(seconds("12.5", 100, "x"), Ok(Some(13)));
    }

    #[test]
    fn strong_dates_in_every_seen_shape() {
        assert_eq!(
            strong_datetime("2021-02-10 16:46:13"),
            Some(dt(2021, 2, 10, 16, 46, 13))
        );
        assert_eq!(
            strong_datetime("2020-08-08 9:45:31"),
            Some(dt(2020, 8, 8, 9, 45, 31))
        );
        assert_eq!(
            strong_datetime("2025-01-30 12:34:56\u{202F}pm"),
            Some(dt(2025, 1, 30, 12, 34, 56))
        );
        assert_eq!(
            strong_datetime("2025-01-30 12:34:56\u{00A0}am"),
            Some(dt(2025, 1, 30, 0, 34, 56))
        );
        assert_eq!(
            strong_datetime("2025-01-30 1:04:05 PM"),
            Some(dt(2025, 1, 30, 13, 4, 5))
        );
        assert_eq!(
            strong_datetime("2025-01-30T07:04"),
            Some(dt(2025, 1, 30, 7, 4, 0))
        );
        for bad in [
            "",
            "2021-02-30 10:00:00",
            "2021-02-10",
            "10/02/2021 10:00",
            "2021-02-10 25:00:00",
            "2021-02-10 13:00:00 pm",
        ] {
            assert_eq!(strong_datetime(bad), None, "{bad}");
        }
    }

    #[test]
    fn strong_durations() {
        assert_eq!(strong_duration("1h 43m"), Some(6180));
        assert_eq!(strong_duration("2h"), Some(7200));
        assert_eq!(strong_duration("59m"), Some(3540));
        assert_eq!(strong_duration("45s"), Some(45));
        assert_eq!(strong_duration("38min"), Some(2280));
        assert_eq!(strong_duration("1h 5min"), Some(3900));
        assert_eq!(strong_duration("264h 1m"), Some(950_460));
        assert_eq!(strong_duration(""), None);
        assert_eq!(strong_duration("soon"), None);
        assert_eq!(strong_duration("5"), None);
    }

    #[test]
    fn hevy_months_in_the_languages_seen() {
        assert_eq!(
            hevy_datetime("5 Dec 2025, 11:37"),
            Some(dt(2025, 12, 5, 11, 37, 0))
        );
        assert_eq!(
            hevy_datetime("02 Jul 2025, 17:56"),
            Some(dt(2025, 7, 2, 17, 56, 0))
        );
        assert_eq!(
            hevy_datetime("24 Jul 2024, 7:07"),
            Some(dt(2024, 7, 24, 7, 7, 0))
        );
        assert_eq!(
            hevy_datetime("17 may 2024, 15:05"),
            Some(dt(2024, 5, 17, 15, 5, 0))
        );
        assert_eq!(
            hevy_datetime("3 ene 2024, 15:05"),
            Some(dt(2024, 1, 3, 15, 5, 0))
        );
        assert_eq!(
            hevy_datetime("11 Nis 2026, 13:05"),
            Some(dt(2026, 4, 11, 13, 5, 0))
        );
        assert_eq!(
            hevy_datetime("1 Eki 2026, 19:52"),
            Some(dt(2026, 10, 1, 19, 52, 0))
        );
        assert_eq!(
            hevy_datetime("2 Şub 2026, 19:52"),
            Some(dt(2026, 2, 2, 19, 52, 0))
        );
        assert_eq!(
            hevy_datetime("9 Ağu 2026, 19:52"),
            Some(dt(2026, 8, 9, 19, 52, 0))
        );
        assert_eq!(
            hevy_datetime("3 févr. 2026, 08:00"),
            Some(dt(2026, 2, 3, 8, 0, 0))
        );
        assert_eq!(
            hevy_datetime("3 juil. 2026, 08:00"),
            Some(dt(2026, 7, 3, 8, 0, 0))
        );
        assert_eq!(
            hevy_datetime("3 juin 2026, 08:00"),
            Some(dt(2026, 6, 3, 8, 0, 0))
        );
        assert_eq!(
            hevy_datetime("3 août 2026, 08:00"),
            Some(dt(2026, 8, 3, 8, 0, 0))
        );
        assert_eq!(
            hevy_datetime("3 déc. 2026, 08:00"),
            Some(dt(2026, 12, 3, 8, 0, 0))
        );
        assert_eq!(
            hevy_datetime("3 März 2026, 08:00"),
            Some(dt(2026, 3, 3, 8, 0, 0))
        );
        assert_eq!(
            hevy_datetime("3 Mär 2026, 08:00"),
            Some(dt(2026, 3, 3, 8, 0, 0))
        );
        assert_eq!(
            hevy_datetime("3 Okt 2026, 08:00"),
            Some(dt(2026, 10, 3, 8, 0, 0))
        );
        assert_eq!(
            hevy_datetime("3 mag 2026, 08:00"),
            Some(dt(2026, 5, 3, 8, 0, 0))
        );
        assert_eq!(
            hevy_datetime("3 out 2026, 08:00"),
            Some(dt(2026, 10, 3, 8, 0, 0))
        );
        assert_eq!(
            hevy_datetime("3 mrt 2026, 08:00"),
            Some(dt(2026, 3, 3, 8, 0, 0))
        );
        assert_eq!(
            hevy_datetime("3 paź 2026, 08:00"),
            Some(dt(2026, 10, 3, 8, 0, 0))
        );
        assert_eq!(
            hevy_datetime("3 дек. 2026, 08:00"),
            Some(dt(2026, 12, 3, 8, 0, 0))
        );
        assert_eq!(
            hevy_datetime("3 ДЕК 2026, 08:00"),
            Some(dt(2026, 12, 3, 8, 0, 0))
        );
        assert_eq!(
            hevy_datetime("3 груд. 2026, 08:00"),
            Some(dt(2026, 12, 3, 8, 0, 0))
        );
        assert_eq!(
            hevy_datetime("5 de dic de 2025, 11:37"),
            Some(dt(2025, 12, 5, 11, 37, 0))
        );
        assert_eq!(
            hevy_datetime("5 Dec 2025, 11:37:09"),
            Some(dt(2025, 12, 5, 11, 37, 9))
        );
        for bad in [
            "",
            "5 Dez",
            "32 Dec 2025, 11:37",
            "5 Foo 2025, 11:37",
            "5 Dec 25, 11:37",
            "5 Dec 2025, 11h37",
        ] {
            assert_eq!(hevy_datetime(bad), None, "{bad}");
        }
    }

    #[test]
    fn month_table_never_gives_one_token_two_months() {
        for (i, (a, ma)) in MONTHS.iter().enumerate() {
            assert_eq!(fold(a), *a, "table tokens are stored folded: {a}");
            for (b, mb) in &MONTHS[i + 1..] {
                assert!(a != b || ma == mb, "'{a}' means {ma} and {mb}");
            }
        }
    }
}
