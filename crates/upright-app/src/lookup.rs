//! Finding a catalog exercise from what a person typed, with "did you mean".

use crate::{AppError, AppResult};
use upright_core::catalog::{Catalog, Exercise};
use upright_core::text::echo;

/// A catalog exercise, or bad input naming `field` with close IDs.
pub(crate) fn exercise<'c>(catalog: &'c Catalog, field: &str, id: &str) -> AppResult<&'c Exercise> {
    catalog.get(id.trim()).ok_or_else(|| {
        let hints = suggest(catalog, id.trim());
        let hint = if hints.is_empty() {
            "see `upright catalog list`".to_string()
        } else {
            format!(
                "did you mean {}? (see `upright catalog list`)",
                hints.join(", ")
            )
        };
        AppError::bad(field, format!("unknown exercise '{}'; {hint}", echo(id)))
    })
}

/// Close catalog IDs: the catalog's own suggestions (shared words,
/// substrings), else the IDs within a few typos (edit distance).
pub fn suggest<'c>(catalog: &'c Catalog, unknown: &str) -> Vec<&'c str> {
    if unknown.chars().count() > 100 {
        return Vec::new();
    }
    let hits = catalog.suggest(unknown);
    if !hits.is_empty() {
        return hits;
    }
    let needle = unknown.to_ascii_lowercase();
    let limit = (needle.chars().count() / 4).clamp(1, 3);
    let mut near: Vec<(usize, &str)> = catalog
        .iter()
        .map(|e| (edit_distance(&needle, &e.id), e.id.as_str()))
        .filter(|(d, _)| *d <= limit)
        .collect();
    near.sort();
    near.into_iter().take(3).map(|(_, id)| id).collect()
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_get_suggestions() {
        let c = Catalog::builtin();
        assert_eq!(suggest(&c, "dedlift"), vec!["deadlift"]);
        assert!(suggest(&c, "row").contains(&"bent-over-row"));
        assert!(suggest(&c, "zzzzzzzz").is_empty());
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
