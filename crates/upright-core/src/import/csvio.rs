//! Opening an export: header line, delimiter, quoting, and the CSV reader over
//! the rest; plus the bookkeeping both readers share (workouts, exercise blocks).

use super::quotes::QuoteRepair;
use super::ImportError;
use std::collections::BTreeMap;
use std::io::{Chain, Cursor, Read};

/// The byte stream the CSV reader parses: the bytes read while looking for the
/// header line, then the rest of the input.
pub(crate) type Stream<R> = QuoteRepair<Chain<Cursor<Vec<u8>>, R>>;

/// A header longer than this is not a Strong or Hevy header (and an input
/// without a newline must not be read whole into memory to find out).
const MAX_HEADER: usize = 64 * 1024;

pub(crate) struct Opened<R: Read> {
    pub csv: csv::Reader<Stream<R>>,
    /// Normalised header names (trimmed, unquoted, lower case, single spaces).
    pub names: Vec<String>,
}

/// Reads the header line and sets up the CSV reader for the rest.
/// `repair_all_quoted`: undo S3's unescaped quotes when every header field is quoted.
pub(crate) fn open<R: Read>(
    mut input: R,
    repair_all_quoted: bool,
) -> Result<Opened<R>, ImportError> {
    let mut head = Vec::with_capacity(8 * 1024);
    let mut chunk = [0u8; 8 * 1024];
    loop {
        if head.contains(&b'\n') {
            break;
        }
        if head.len() > MAX_HEADER {
            return Err(ImportError::Header {
                message: format!(
                    "the first line is longer than {} KiB: not a Strong or Hevy export",
                    MAX_HEADER / 1024
                ),
            });
        }
        let n = match input.read(&mut chunk) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(ImportError::Io {
                    line: 1,
                    message: e.to_string(),
                })
            }
        };
        if n == 0 {
            break;
        }
        head.extend_from_slice(&chunk[..n]);
    }
    // A BOM appears after spreadsheet round trips; the CSV reader would keep it in the first name.
    if head.starts_with(b"\xEF\xBB\xBF") {
        head.drain(..3);
    }
    let header_end = head.iter().position(|&b| b == b'\n').unwrap_or(head.len());
    let line = &head[..header_end];
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::Header {
            message: "the file is empty: no header line".into(),
        });
    }
    // Sniff from the header only: notes in data rows hold both characters.
    let semicolons = line.iter().filter(|&&b| b == b';').count();
    let commas = line.iter().filter(|&&b| b == b',').count();
    let delimiter = if semicolons > commas { b';' } else { b',' };
    let raw_fields: Vec<&[u8]> = line.split(|&b| b == delimiter).collect();
    let all_quoted = raw_fields.iter().all(|f| {
        let f = f.trim_ascii();
        f.len() >= 2 && f.starts_with(b"\"") && f.ends_with(b"\"")
    });
    let names = {
        let mut header = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .from_reader(line);
        let mut record = csv::ByteRecord::new();
        // An in-memory read cannot fail with I/O; a bad header reads as no record.
        match header.read_byte_record(&mut record) {
            Ok(true) => record.iter().map(normalise_name).collect(),
            _ => Vec::new(),
        }
    };
    let repair = repair_all_quoted && all_quoted && delimiter == b';';
    let stream = QuoteRepair::new(Cursor::new(head).chain(input), delimiter, repair);
    let csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        // Field counts are checked by the readers, which name the line and say why.
        .flexible(true)
        .buffer_capacity(64 * 1024)
        .from_reader(stream);
    Ok(Opened { csv, names })
}

/// `"Weight (kg)"` → `weight (kg)`.
pub(crate) fn normalise_name(raw: &[u8]) -> String {
    let s = String::from_utf8_lossy(raw);
    let s = s.trim().trim_matches('"').trim();
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The index of the first header name in `wanted`.
pub(crate) fn find(names: &[String], wanted: &[&str]) -> Option<usize> {
    names.iter().position(|n| wanted.contains(&n.as_str()))
}

/// Where in a workout a set is: which block, and the set's place in it.
/// Memory is bounded by the exercises of one workout.
#[derive(Debug, Default)]
pub(crate) struct Blocks {
    /// Blocks begun so far in this workout, per exercise name (a map, so a
    /// hostile file of one workout with a million names is not quadratic).
    seen: BTreeMap<String, u32>,
    current: Option<Block>,
}

#[derive(Debug)]
struct Block {
    exercise: String,
    occurrence: u32,
    position: u32,
    /// The order number (Strong `Set Order`, Hevy `set_index`) of the block's last numbered set.
    last_number: Option<u32>,
}

impl Blocks {
    /// A new workout begins: forget the last one's blocks.
    pub(crate) fn new_workout(&mut self) {
        self.seen.clear();
        self.current = None;
    }

    /// Places a set of `exercise` with order number `number` (None for a tag such
    /// as `W`). A block ends when the exercise changes, when the numbering
    /// restarts, or when `force_new` (a `Note` row heads a new block).
    /// Returns (occurrence of this exercise in the workout, position in block).
    pub(crate) fn place(
        &mut self,
        exercise: &str,
        number: Option<u32>,
        force_new: bool,
    ) -> (u32, u32) {
        let continues = match &self.current {
            Some(b) => {
                !force_new
                    && b.exercise == exercise
                    && !matches!((b.last_number, number), (Some(last), Some(n)) if n <= last)
            }
            None => false,
        };
        if continues {
            let b = self.current.as_mut().expect("checked above");
            b.position += 1;
            if number.is_some() {
                b.last_number = number;
            }
            return (b.occurrence, b.position);
        }
        let occurrence = match self.seen.get_mut(exercise) {
            Some(n) => {
                *n += 1;
                *n - 1
            }
            None => {
                self.seen.insert(exercise.to_string(), 1);
                0
            }
        };
        self.current = Some(Block {
            exercise: exercise.to_string(),
            occurrence,
            position: 1,
            last_number: number,
        });
        (occurrence, 1)
    }

    /// True when the current block is of `exercise` and holds a set.
    pub(crate) fn in_block_of(&self, exercise: &str) -> bool {
        self.current
            .as_ref()
            .is_some_and(|b| b.exercise == exercise)
    }
}

/// A field as text, or an error naming the column.
pub(crate) fn text<'a>(
    record: &'a csv::ByteRecord,
    index: Option<usize>,
    column: &str,
    line: u64,
) -> Result<&'a str, ImportError> {
    let Some(i) = index else { return Ok("") };
    let bytes = record.get(i).unwrap_or(b"");
    std::str::from_utf8(bytes).map_err(|_| ImportError::Row {
        line,
        column: column.to_string(),
        message: "not valid UTF-8 text (the file must be UTF-8, as both apps write it)".into(),
    })
}

pub(crate) fn row_error(line: u64, column: &str, message: impl Into<String>) -> ImportError {
    ImportError::Row {
        line,
        column: column.to_string(),
        message: message.into(),
    }
}

/// The error for a record whose field count differs from the header's.
pub(crate) fn field_count_error(
    line: u64,
    end_line: u64,
    expected: usize,
    found: usize,
) -> ImportError {
    let span = if end_line > line {
        format!(" (the record runs to line {end_line})")
    } else {
        String::new()
    };
    row_error(
        line,
        "record",
        format!(
            "expected {expected} fields as in the header, found {found}{span}; a quote may be unbalanced or the line wrapped in quotes"
        ),
    )
}
