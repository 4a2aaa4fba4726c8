//! The active plan as the use cases read it: the stored row, the typed plan
//! document (the struct the planner writes, read back), and the current
//! profile (the plan's own, with the person's stored exclusions).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::{Actor, App, AppError, AppResult, ErrorKind};
use upright_core::coach::programme::Programme;
use upright_core::plan::PlanDocument;
use upright_core::profile::Profile;
use upright_store::StoredPlan;

pub(crate) struct Active {
    pub stored: StoredPlan,
    pub doc: Arc<PlanDocument>,
    pub profile: Profile,
}

impl Active {
    pub fn programme(&self) -> Programme<'_> {
        Programme::new(&self.doc, self.stored.start_date)
    }
}

/// Reads a stored plan document back as the planner's type.
pub(crate) fn read_doc(stored: &StoredPlan) -> AppResult<PlanDocument> {
    serde_json::from_str(&stored.plan_json).map_err(|e| {
        AppError::internal(format!("the stored plan {} cannot be read: {e}", stored.id))
    })
}

/// Plan documents already parsed, by plan and revision, each with the text
/// it was parsed from. A hit is a document whose stored text, read just now,
/// is byte for byte the text it was parsed from: the database stays the only
/// truth (every request still reads the row), this process only skips
/// parsing the same text again. Another server sharing the database keeps
/// its own and needs nothing from this one.
#[derive(Default)]
pub(crate) struct DocCache(Mutex<Docs>);

/// (plan id, revision) -> (the stored text, the document parsed from it).
type Docs = HashMap<(i64, i64), (String, Arc<PlanDocument>)>;

/// Documents kept at most (a plan's text is tens of kilobytes): past that
/// the cache starts again.
const DOC_CACHE_MAX: usize = 64;

impl DocCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, Docs> {
        // Entries are inserted whole: a panic elsewhere cannot leave one half-made.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The stored plan's document, parsed unless this very text was parsed before.
    pub(crate) fn doc(&self, stored: &StoredPlan) -> AppResult<Arc<PlanDocument>> {
        let key = (stored.id.0, stored.revision);
        if let Some((text, doc)) = self.lock().get(&key) {
            if *text == stored.plan_json {
                return Ok(doc.clone());
            }
        }
        let doc = Arc::new(read_doc(stored)?);
        let mut m = self.lock();
        if m.len() >= DOC_CACHE_MAX {
            m.clear();
        }
        m.insert(key, (stored.plan_json.clone(), doc.clone()));
        Ok(doc)
    }
}

impl App {
    /// The active plan, or None.
    pub(crate) async fn active(&self, me: &Actor) -> AppResult<Option<Active>> {
        let Some(stored) = self.store.active_plan(me.id).await? else {
            return Ok(None);
        };
        let doc = self.docs.doc(&stored)?;
        let mut profile = doc.profile.clone();
        profile.exclude.extend(self.store.exclusions(me.id).await?);
        profile.exclude.sort();
        profile.exclude.dedup();
        Ok(Some(Active {
            stored,
            doc,
            profile,
        }))
    }

    /// The active plan, or an error telling how to make one.
    pub(crate) async fn require_active(&self, me: &Actor, command: &str) -> AppResult<Active> {
        self.active(me).await?.ok_or_else(|| {
            AppError::new(
                ErrorKind::NotFound,
                command,
                "no active plan; make one and save it with `upright plan --goal ... --level ... --equipment ... --save [--start YYYY-MM-DD]`",
            )
        })
    }
}
