//! upright-app: the use cases of upright, one module each, over the store.
//!
//! Every use case is an `async fn` on [`App`] that takes the acting user and
//! a request of plain values (text as typed, so the CLI and the web get the
//! same checks and messages), and returns a plain serialisable view model or
//! an [`AppError`] naming the field. Nothing here blocks on a runtime, knows
//! a terminal or HTTP, or writes SQL: the binary owns the tokio runtime, a
//! web server can call the same functions inside its handlers.
//!
//! Input is checked before anything is written; a write is one store
//! transaction; plan edits are read-modify-writes under the store's revision
//! check, retried when a concurrent edit won (so none is lost).

pub mod accounts;
mod active;
pub mod assess;
pub mod availability;
pub mod calendar;
pub mod catalog;
pub mod config;
mod error;
pub mod exclude;
pub mod export;
pub mod gym;
pub mod history;
pub mod import;
pub mod log;
pub mod logs;
mod lookup;
pub mod onboard;
pub mod open;
pub mod pain;
mod places;
pub mod plan;
pub mod progress;
pub mod schedule;
pub mod subscription;
pub mod swap;
pub mod today;

pub use error::{AppError, AppResult, ErrorKind};
pub use open::DbTarget;

use chrono::NaiveDate;
use std::sync::Arc;
use upright_core::catalog::Catalog;
use upright_core::coach::Unit;
use upright_store::{Store, User, UserId};

/// The store and the catalog in use: what every use case runs over. Cheap
/// to clone (shared pool and catalog).
#[derive(Clone)]
pub struct App {
    store: Store,
    catalog: Arc<Catalog>,
    /// Plan documents already read, by their text (see [`active::DocCache`]).
    docs: Arc<active::DocCache>,
}

/// Who a use case acts for, with their settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    pub id: UserId,
    pub unit: Unit,
}

impl Actor {
    pub fn of(user: &User) -> Actor {
        Actor {
            id: user.id,
            unit: unit_of(user.unit),
        }
    }
}

impl App {
    /// Opens (and migrates) the database.
    pub async fn open(target: &DbTarget, catalog: Arc<Catalog>) -> AppResult<App> {
        let store = match target {
            DbTarget::Url(u) => Store::connect(u).await?,
            DbTarget::Path(p) => Store::open_path(p).await?,
        };
        Ok(App::new(store, catalog))
    }

    /// An app over an open store.
    pub fn new(store: Store, catalog: Arc<Catalog>) -> App {
        App {
            store,
            catalog,
            docs: Arc::default(),
        }
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The user the CLI acts as, created on first use.
    pub async fn local_actor(&self) -> AppResult<Actor> {
        Ok(Actor::of(&self.store.local_user().await?))
    }

    /// Closes the pool (waits for connections to be returned).
    pub async fn close(&self) {
        self.store.close().await
    }
}

/// Core's unit for the store's.
pub(crate) fn unit_of(u: upright_store::Unit) -> Unit {
    match u {
        upright_store::Unit::Kg => Unit::Kg,
        upright_store::Unit::Lb => Unit::Lb,
    }
}

/// A day given as text, or `today` (the caller's clock: the app has none).
pub(crate) fn day_or(field: &str, s: Option<&str>, today: NaiveDate) -> AppResult<NaiveDate> {
    match s {
        Some(s) => Ok(upright_core::coach::dates::parse_date(field, s)?),
        None => Ok(today),
    }
}

/// Refuses a day more than one day after `today` (a day ahead is allowed for
/// time zones and late-night logging).
pub(crate) fn not_future(field: &str, d: NaiveDate, today: NaiveDate) -> AppResult<()> {
    if d > today + chrono::Days::new(1) {
        return Err(AppError::bad(
            field,
            format!(
                "{} is in the future; accepted: a day up to {}",
                upright_core::coach::dates::iso(d),
                upright_core::coach::dates::iso(today + chrono::Days::new(1))
            ),
        ));
    }
    Ok(())
}

impl App {
    /// One round trip to the database (health checks).
    pub async fn ping(&self) -> AppResult<()> {
        Ok(self.store.ping().await?)
    }
}
