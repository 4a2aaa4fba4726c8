//! Onboarding (the web's `upright plan --save`): the answers as typed, the
//! safety screen first (a referral saves nothing), then the plan saved as
//! the active one. Also the person's current profile and plan, read back.

use crate::{Actor, App, AppError, AppResult, ErrorKind};
use chrono::NaiveDate;
use upright_core::plan::{PlanDocument, Planned};
use upright_core::profile::{Profile, ProfileInput};

impl App {
    /// Validates the answers and saves the plan (unless it is a referral).
    pub async fn onboard(
        &self,
        me: &Actor,
        input: ProfileInput,
        start: Option<&str>,
        today: NaiveDate,
    ) -> AppResult<(Planned, Option<crate::plan::Saved>)> {
        // Safety first: a referral needs no other answer and saves nothing.
        if let Some(document) = upright_core::plan::screen_input(&input) {
            let planned = Planned {
                document,
                problem: None,
                solution: None,
            };
            return Ok((planned, None));
        }
        if let Some(m) = input.missing().first() {
            let field = m.trim_start_matches("--");
            return Err(AppError::bad(field, "required; answer this question"));
        }
        let profile = input.into_profile()?;
        self.save_plan(me, profile, start, today, |_| {}).await
    }

    /// The active plan's document, its current profile and id.
    pub async fn current_plan(&self, me: &Actor) -> AppResult<(PlanDocument, Profile, i64)> {
        let a = self.active(me).await?.ok_or_else(|| {
            AppError::new(
                ErrorKind::NotFound,
                "plan",
                "no active plan yet; answer the onboarding questions first",
            )
        })?;
        Ok((
            std::sync::Arc::unwrap_or_clone(a.doc),
            a.profile,
            a.stored.id.0,
        ))
    }
}
