//! Idempotency keys: the identity of an imported set, stable across re-imports.
//!
//! Neither app exports a set ID, so identity is built from what a newer export
//! of the same account writes the same way (FORMATS.md §4):
//!
//! * the source (`strong` / `hevy`);
//! * the workout: its start to the second (Strong `Date`; Strong's `Workout #`
//!   is renumbered per export, so it is left out), plus Hevy's `title`, since
//!   Hevy's start has minute resolution and its workout key is (title, start);
//! * the exercise name as written, and which occurrence of that name in the
//!   workout this block is (0 for the first), so an exercise done twice in one
//!   workout keeps both blocks;
//! * the set's 1-based position in its block (Strong: counted over set rows,
//!   pseudo-rows excluded; Hevy: `set_index` + 1).
//!
//! The key is the first 16 bytes of SHA-256 over
//! `"upright-import-v1"` followed by each field above as a little-endian u32
//! byte length and its UTF-8 bytes (the start as `YYYY-MM-DD HH:MM:SS`, numbers
//! in decimal). Length prefixes keep fields from running into each other; a
//! specified hash lets a migration or another tool recompute keys. 128 bits
//! make an accidental collision (which would drop a set as "already imported")
//! negligible for any one person's history.
//!
//! What changes a key: editing a past workout in the app so that a block moves
//! or a set is inserted before another, renaming an exercise, or (Hevy)
//! renaming a workout. Such a set is imported again as new.

use super::Source;
use chrono::{Datelike, NaiveDateTime, Timelike};
use sha2::{Digest, Sha256};
use std::fmt;

/// 128-bit identity of an imported set; `Display` gives 32 lowercase hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct ImportKey(pub [u8; 16]);

impl ImportKey {
    /// The key of a set (see the module docs for what each part means).
    pub fn new(
        source: Source,
        workout_start: NaiveDateTime,
        workout_discriminator: &str,
        exercise: &str,
        occurrence: u32,
        position: u32,
    ) -> ImportKey {
        let mut h = Sha256::new();
        h.update(b"upright-import-v1");
        // Formatted by hand: this runs once per row, and chrono's formatter allocates.
        let start = timestamp(workout_start);
        let mut occ = [0u8; 10];
        let mut pos = [0u8; 10];
        let parts: [&[u8]; 6] = [
            source.as_str().as_bytes(),
            &start,
            workout_discriminator.as_bytes(),
            exercise.as_bytes(),
            decimal(occurrence, &mut occ),
            decimal(position, &mut pos),
        ];
        for part in parts {
            h.update((part.len() as u32).to_le_bytes());
            h.update(part);
        }
        let digest = h.finalize();
        let mut out = [0u8; 16];
        out.copy_from_slice(&digest[..16]);
        ImportKey(out)
    }

    pub fn to_hex(&self) -> String {
        self.to_string()
    }
}

/// `YYYY-MM-DD HH:MM:SS` (years outside 0..=9999 cannot come from a reader).
fn timestamp(t: NaiveDateTime) -> [u8; 19] {
    let mut out = *b"0000-00-00 00:00:00";
    let put = |out: &mut [u8; 19], at: usize, width: usize, mut v: u32| {
        for i in (0..width).rev() {
            out[at + i] = b'0' + (v % 10) as u8;
            v /= 10;
        }
    };
    put(&mut out, 0, 4, t.year().clamp(0, 9999) as u32);
    put(&mut out, 5, 2, t.month());
    put(&mut out, 8, 2, t.day());
    put(&mut out, 11, 2, t.hour());
    put(&mut out, 14, 2, t.minute());
    put(&mut out, 17, 2, t.second());
    out
}

/// `v` in decimal, written into `buf`.
fn decimal(mut v: u32, buf: &mut [u8; 10]) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            return &buf[i..];
        }
    }
}

impl fmt::Display for ImportKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_formatted_as_documented() {
        let t = chrono::NaiveDate::from_ymd_opt(2024, 8, 31)
            .unwrap()
            .and_hms_opt(0, 3, 19)
            .unwrap();
        assert_eq!(&timestamp(t), b"2024-08-31 00:03:19");
        assert_eq!(decimal(0, &mut [0; 10]), b"0");
        assert_eq!(decimal(4_294_967_295, &mut [0; 10]), b"4294967295");
    }

    #[test]
    fn key_is_the_documented_sha256_prefix() {
        // Recomputed from the documented byte string, independently of `new`.
        let t = chrono::NaiveDate::from_ymd_opt(2021, 2, 10)
            .unwrap()
            .and_hms_opt(16, 46, 13)
            .unwrap();
        let mut bytes = b"upright-import-v1".to_vec();
        for part in [
            "strong",
            "2021-02-10 16:46:13",
            "",
            "Bench Press (Barbell)",
            "0",
            "1",
        ] {
            bytes.extend((part.len() as u32).to_le_bytes());
            bytes.extend(part.as_bytes());
        }
        let digest = Sha256::digest(&bytes);
        let key = ImportKey::new(Source::Strong, t, "", "Bench Press (Barbell)", 0, 1);
        assert_eq!(key.0[..], digest[..16]);
        assert_eq!(key.to_hex().len(), 32);
        // Every part matters.
        assert_ne!(
            key,
            ImportKey::new(Source::Hevy, t, "", "Bench Press (Barbell)", 0, 1)
        );
        assert_ne!(
            key,
            ImportKey::new(Source::Strong, t, "x", "Bench Press (Barbell)", 0, 1)
        );
        assert_ne!(
            key,
            ImportKey::new(Source::Strong, t, "", "Bench Press (Barbell)", 1, 1)
        );
        assert_ne!(
            key,
            ImportKey::new(Source::Strong, t, "", "Bench Press (Barbell)", 0, 2)
        );
        // Length prefixes: moving a byte from one field to the next changes the key.
        assert_ne!(
            ImportKey::new(Source::Strong, t, "ab", "c", 0, 1),
            ImportKey::new(Source::Strong, t, "a", "bc", 0, 1)
        );
    }
}
