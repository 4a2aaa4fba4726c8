//! The active plan as the use cases read it: the stored row, the typed plan
//! document (the struct the planner writes, read back), and the current
//! profile (the plan's own, with the person's stored exclusions).

use crate::{Actor, App, AppError, AppResult, ErrorKind};
use upright_core::coach::programme::Programme;
use upright_core::plan::PlanDocument;
use upright_core::profile::Profile;
use upright_store::StoredPlan;

pub(crate) struct Active {
    pub stored: StoredPlan,
    pub doc: PlanDocument,
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

impl App {
    /// The active plan, or None.
    pub(crate) async fn active(&self, me: &Actor) -> AppResult<Option<Active>> {
        let Some(stored) = self.store.active_plan(me.id).await? else {
            return Ok(None);
        };
        let doc = read_doc(&stored)?;
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
