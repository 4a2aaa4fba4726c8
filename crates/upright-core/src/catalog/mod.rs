//! The exercise catalog: data compiled in from `data/catalog.toml`, which a user
//! may extend or override with a file of their own (`--catalog FILE`).

mod cues;
pub mod import;
mod model;

pub use cues::BUILTIN_CUES_TOML;
pub use model::{EquipmentNeed, Exercise};

use crate::vocab::{Equipment, Muscle};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The catalog shipped with upright, written in our own words.
pub const BUILTIN_TOML: &str = include_str!("../../data/catalog.toml");
const BUILTIN_NAME: &str = "<built-in catalog>";

/// A catalog that failed to load: which file, where, which field, and why.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}:{line}: {field}: {message}")]
pub struct CatalogError {
    pub file: String,
    /// 1-based; 0 when the problem is the file as a whole.
    pub line: usize,
    pub field: String,
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    #[serde(default)]
    exercise: Vec<toml::Spanned<Exercise>>,
}

/// Exercises by ID, in ID order (so iteration is deterministic).
#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    exercises: BTreeMap<String, Exercise>,
}

impl Catalog {
    /// The built-in catalog. It is tested to load, so a failure here is a build defect.
    pub fn builtin() -> Catalog {
        let mut catalog = Catalog::from_toml(BUILTIN_TOML, BUILTIN_NAME)
            .expect("built-in catalog is valid (tested)");
        catalog
            .apply_cues(BUILTIN_CUES_TOML, cues::BUILTIN_CUES_NAME)
            .expect("built-in cues are valid (tested)");
        catalog
    }

    /// Parses and validates a whole catalog.
    pub fn from_toml(text: &str, file: &str) -> Result<Catalog, CatalogError> {
        let mut catalog = Catalog {
            exercises: BTreeMap::new(),
        };
        let lines = catalog.merge_toml(text, file)?;
        catalog.validate(file, &lines)?;
        Ok(catalog)
    }

    /// The built-in catalog with a user's file laid over it: same ID replaces, new ID adds.
    /// The file may be TOML (`[[exercise]]` tables) or JSON (`{"exercise": [...]}` or a bare array).
    pub fn builtin_with_overrides(text: &str, file: &str) -> Result<Catalog, CatalogError> {
        let mut catalog = Catalog::builtin();
        let lines = if file.ends_with(".json") {
            catalog.merge_json(text, file)?
        } else {
            catalog.merge_toml(text, file)?
        };
        catalog.validate(file, &lines)?;
        // A replaced built-in exercise keeps the built-in cues unless it brought its own.
        catalog.apply_cues(BUILTIN_CUES_TOML, cues::BUILTIN_CUES_NAME)?;
        Ok(catalog)
    }

    /// This catalog with `exercises` added where it has no exercise of that ID
    /// (the person's stored catalog under a `--catalog` file: the file wins).
    /// Each is checked as a file's exercise would be; `origin` names them in errors.
    pub fn with_added(
        &self,
        exercises: Vec<Exercise>,
        origin: &str,
    ) -> Result<Catalog, CatalogError> {
        let mut catalog = self.clone();
        let mut lines = BTreeMap::new();
        for ex in exercises {
            if !catalog.exercises.contains_key(&ex.id) {
                catalog.insert(ex, 0, origin, &mut lines)?;
            }
        }
        catalog.validate(origin, &lines)?;
        Ok(catalog)
    }

    /// Adds the file's exercises; returns the line of each new ID for later messages.
    fn merge_toml(
        &mut self,
        text: &str,
        file: &str,
    ) -> Result<BTreeMap<String, usize>, CatalogError> {
        let raw: RawCatalog = toml::from_str(text).map_err(|e| {
            let at = e.span().map(|s| s.start);
            CatalogError {
                file: file.into(),
                line: at.map(|b| line_of(text, b)).unwrap_or(0),
                field: field_of_error(e.message(), at.and_then(|b| toml_key_before(text, b))),
                message: e.message().split_whitespace().collect::<Vec<_>>().join(" "),
            }
        })?;
        let mut lines = BTreeMap::new();
        for spanned in raw.exercise {
            let line = line_of(text, spanned.span().start);
            self.insert(spanned.into_inner(), line, file, &mut lines)?;
        }
        Ok(lines)
    }

    fn merge_json(
        &mut self,
        text: &str,
        file: &str,
    ) -> Result<BTreeMap<String, usize>, CatalogError> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Wrapped {
            exercise: Vec<Exercise>,
        }
        // Pick the shape by the first character rather than with an untagged enum,
        // whose error ("did not match any variant") would hide the real field and line.
        let parsed = if text.trim_start().starts_with('[') {
            serde_json::from_str::<Vec<Exercise>>(text)
        } else {
            serde_json::from_str::<Wrapped>(text).map(|w| w.exercise)
        };
        let list = parsed.map_err(|e| {
            let at = byte_of(text, e.line(), e.column());
            let message = e.to_string();
            // serde_json appends " at line L column C"; the line has its own field.
            let message = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(m, _)| m)
                .to_string();
            CatalogError {
                file: file.into(),
                line: e.line(),
                field: field_of_error(&message, json_key_before(text, at)),
                message,
            }
        })?;
        let mut lines = BTreeMap::new();
        let mut from = 0; // exercises come in file order, so each ID is searched after the last
        for ex in list {
            let at = json_id_position(text, &ex.id, from);
            from = at.map_or(from, |a| a + 1);
            self.insert(
                ex,
                at.map(|a| line_of(text, a)).unwrap_or(0),
                file,
                &mut lines,
            )?;
        }
        Ok(lines)
    }

    fn insert(
        &mut self,
        ex: Exercise,
        line: usize,
        file: &str,
        lines: &mut BTreeMap<String, usize>,
    ) -> Result<(), CatalogError> {
        let err = |field: &str, message: String| CatalogError {
            file: file.into(),
            line,
            field: field.into(),
            message,
        };
        if !is_kebab_id(&ex.id) {
            return Err(err(
                "id",
                format!("'{}' is not a kebab-case ID (a-z, 0-9 and '-')", ex.id),
            ));
        }
        if lines.contains_key(&ex.id) {
            return Err(err("id", format!("'{}' appears twice in this file", ex.id)));
        }
        if ex.name.trim().is_empty() {
            return Err(err("name", "must not be empty".into()));
        }
        if ex.primary.is_empty() {
            return Err(err("primary", "needs at least one muscle".into()));
        }
        if let Some(m) = ex.secondary.iter().find(|m| ex.primary.contains(m)) {
            return Err(err(
                "secondary",
                format!("'{m}' is already a primary muscle"),
            ));
        }
        if ex.equipment.iter().any(|n| n.options().is_empty()) {
            return Err(err(
                "equipment",
                "an empty list of alternatives needs nothing; leave it out".into(),
            ));
        }
        for (field, list) in [("cues", &ex.cues), ("faults", &ex.faults)] {
            if let Some(n) = list.iter().position(|s| s.trim().is_empty()) {
                return Err(err(field, format!("entry {} is empty", n + 1)));
            }
        }
        lines.insert(ex.id.clone(), line);
        self.exercises.insert(ex.id.clone(), ex);
        Ok(())
    }

    /// Checks what only the whole catalog can tell: neighbours exist and are not the exercise itself.
    fn validate(&self, file: &str, lines: &BTreeMap<String, usize>) -> Result<(), CatalogError> {
        for ex in self.exercises.values() {
            let (line, src) = match lines.get(&ex.id) {
                Some(l) => (*l, file),
                None => (0, BUILTIN_NAME),
            };
            if ex.top_level.is_some_and(|top| top < ex.level) {
                return Err(CatalogError {
                    file: src.into(),
                    line,
                    field: "top_level".into(),
                    message: format!(
                        "exercise '{}' has top_level below its level; accepted: {} or a higher level",
                        ex.id,
                        ex.level.as_str()
                    ),
                });
            }
            for (field, ids) in [
                ("regressions", &ex.regressions),
                ("progressions", &ex.progressions),
            ] {
                for id in ids {
                    if id == &ex.id || !self.exercises.contains_key(id) {
                        return Err(CatalogError {
                            file: src.into(),
                            line,
                            field: field.into(),
                            message: format!(
                                "exercise '{}' names '{}', which is not in the catalog",
                                ex.id, id
                            ),
                        });
                    }
                }
            }
        }
        Ok(())
    }

    pub fn get(&self, id: &str) -> Option<&Exercise> {
        self.exercises.get(id)
    }

    pub fn len(&self) -> usize {
        self.exercises.len()
    }

    pub fn is_empty(&self) -> bool {
        self.exercises.is_empty()
    }

    /// All exercises in ID order.
    pub fn iter(&self) -> impl Iterator<Item = &Exercise> {
        self.exercises.values()
    }

    /// `catalog list` filters: by a muscle it works (primary or secondary) and equipment the person has.
    pub fn filter<'a>(
        &'a self,
        muscle: Option<Muscle>,
        equipment: Option<&'a [Equipment]>,
    ) -> impl Iterator<Item = &'a Exercise> {
        self.iter()
            .filter(move |e| muscle.is_none_or(|m| e.works(m)))
            .filter(move |e| equipment.is_none_or(|have| e.available_with(have)))
    }

    /// IDs close to an unknown one, for "did you mean" hints.
    pub fn suggest(&self, unknown: &str) -> Vec<&str> {
        let needle = unknown.to_ascii_lowercase();
        let mut hits: Vec<&str> = self
            .exercises
            .keys()
            .filter(|id| {
                id.contains(&needle) || needle.contains(id.as_str()) || shares_word(id, &needle)
            })
            .map(String::as_str)
            .collect();
        hits.truncate(5);
        hits
    }
}

fn shares_word(id: &str, needle: &str) -> bool {
    needle
        .split(['-', ' ', '_'])
        .filter(|w| w.len() > 3)
        .any(|w| id.split('-').any(|p| p == w))
}

fn is_kebab_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn line_of(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].matches('\n').count() + 1
}

/// The field an error is about: the one a "missing field" / "unknown field" message
/// names, else the key the error's position sits under (an unknown variant of
/// `primary`, a bad `equipment` word, a syntax error in a value), else "exercise".
fn field_of_error(msg: &str, key_at_position: Option<String>) -> String {
    for marker in ["missing field `", "unknown field `"] {
        if let Some(start) = msg.find(marker) {
            let rest = &msg[start + marker.len()..];
            if let Some(len) = rest.find('`') {
                return rest[..len].to_string();
            }
        }
    }
    key_at_position.unwrap_or_else(|| "exercise".into())
}

/// The TOML key whose value holds byte `at`: the nearest `key =` before it,
/// not crossing a table header. Dotted keys give their last part.
fn toml_key_before(text: &str, at: usize) -> Option<String> {
    let before = &text[..at.min(text.len())];
    for line in before.rsplit('\n') {
        let line = line.trim_start();
        if is_table_header(line) {
            return None;
        }
        if let Some((key, _)) = line.split_once('=') {
            let key = key
                .trim()
                .rsplit('.')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches('"');
            if !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            {
                return Some(key.to_string());
            }
        }
    }
    None
}

/// `[table]` or `[[array.of.tables]]` (a bare key in brackets), as opposed to a
/// line of a multi-line array such as `["dumbbells", "kettlebell"],`.
fn is_table_header(line: &str) -> bool {
    let line = line.split('#').next().unwrap_or("").trim();
    let inner = line.trim_start_matches('[').trim_end_matches(']');
    line.starts_with('[')
        && line.ends_with(']')
        && !inner.is_empty()
        && inner
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
}

/// The JSON key whose value holds byte `at`: the nearest `"key":` before it.
fn json_key_before(text: &str, at: usize) -> Option<String> {
    let bytes = text.as_bytes();
    let mut i = at.min(bytes.len());
    while i > 0 {
        i -= 1;
        if bytes[i] != b':' {
            continue;
        }
        let mut j = i;
        while j > 0 && bytes[j - 1].is_ascii_whitespace() {
            j -= 1;
        }
        if j == 0 || bytes[j - 1] != b'"' {
            continue;
        }
        let end = j - 1;
        let start = text[..end].rfind('"').map(|q| q + 1)?;
        let key = &text[start..end];
        if !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return Some(key.to_string());
        }
    }
    None
}

/// Where `"id": "<id>"` is written in a JSON file (so the line points at that exercise).
fn json_id_position(text: &str, id: &str, mut from: usize) -> Option<usize> {
    let quoted = format!("\"{id}\"");
    while let Some(found) = text[from..].find(&quoted) {
        let at = from + found;
        let before = text[..at].trim_end();
        if before.ends_with(':') && before[..before.len() - 1].trim_end().ends_with("\"id\"") {
            return Some(at);
        }
        from = at + quoted.len();
    }
    None
}

/// Byte offset of a 1-based line and column (serde_json's error position).
fn byte_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column.saturating_sub(1)).min(text.len())
}

#[cfg(test)]
mod tests;
