//! The private calendar subscription of the web app: a secret link per
//! person (`/calendar/SECRET.ics`) that a calendar application fetches
//! without a session. The secret is 256 random bits shown once; the store
//! keeps its SHA-256 only, as for API tokens. A new link replaces the old
//! one; a revoked or unknown secret names nobody.

use crate::accounts::{digest, random_secret};
use crate::calendar::{CalendarExport, CalendarQuery};
use crate::{Actor, App, AppError, AppResult, ErrorKind};
use chrono::{DateTime, NaiveDate, Utc};

/// A secret that cannot be one of ours is refused before the database is asked.
fn well_formed(secret: &str) -> bool {
    secret.len() == 64 && secret.bytes().all(|b| b.is_ascii_hexdigit())
}

impl App {
    /// Makes a new calendar link for the person (the old one, if any, stops
    /// working); returns its secret, to be shown once.
    pub async fn create_calendar_link(&self, me: &Actor) -> AppResult<String> {
        let secret = random_secret();
        self.store
            .set_calendar_subscription(me.id, &digest(&secret))
            .await?;
        Ok(secret)
    }

    /// When the person's current calendar link was made, if there is one.
    pub async fn calendar_link(&self, me: &Actor) -> AppResult<Option<DateTime<Utc>>> {
        Ok(self.store.calendar_subscription(me.id).await?)
    }

    /// Revokes the person's calendar link.
    pub async fn revoke_calendar_link(&self, me: &Actor) -> AppResult<()> {
        if self.store.revoke_calendar_subscription(me.id).await? {
            Ok(())
        } else {
            Err(AppError::new(
                ErrorKind::NotFound,
                "calendar",
                "you have no calendar link",
            ))
        }
    }

    /// The person a calendar link's secret names; `None` for a revoked,
    /// unknown or malformed secret (the caller says no more than "not found").
    pub async fn calendar_link_actor(&self, secret: &str) -> AppResult<Option<Actor>> {
        if !well_formed(secret) {
            return Ok(None);
        }
        Ok(self
            .store
            .user_by_calendar_token(&digest(secret))
            .await?
            .map(|u| Actor::of(&u)))
    }

    /// What a subscription fetch serves: the same calendar as `upright
    /// calendar` with its defaults (from `today`, until the plan's last
    /// session), prepared against the state of the last export. The caller
    /// answers with `ics` and then calls [`App::calendar_commit`].
    pub async fn calendar_feed(
        &self,
        me: &Actor,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> AppResult<CalendarExport> {
        self.calendar_prepare(me, CalendarQuery::default(), today, now)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_64_hex_digits_are_looked_up() {
        assert!(well_formed(&random_secret()));
        for bad in ["", "abc", &"g".repeat(64), &"a".repeat(63), &"a".repeat(65)] {
            assert!(!well_formed(bad), "{bad}");
        }
    }
}
