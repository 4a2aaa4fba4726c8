//! The storage suites' shared harness: a fresh database per test (a temp
//! SQLite file, or a new PostgreSQL database on `UPRIGHT_TEST_POSTGRES_URL`),
//! and `on_both_databases!`, which runs each suite function on both.
#![allow(dead_code)]

use std::io::Write;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Once;

use sqlx::Connection;

/// A fresh, empty database for one test.
pub struct Fresh {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    pg: Option<(String, String)>, // (admin URL, database name)
}

impl Fresh {
    pub async fn cleanup(self) {
        if let Some((admin, name)) = &self.pg {
            if let Ok(mut conn) = sqlx::PgConnection::connect(admin).await {
                let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                    .execute(&mut conn)
                    .await;
            }
        }
    }
}

pub fn fresh_sqlite() -> Fresh {
    let dir = tempfile::tempdir().unwrap();
    // A directory that does not exist yet: connect must create it.
    let path = dir.path().join("data dir/upright.db");
    Fresh {
        url: format!("sqlite://{}", path.display()),
        _dir: Some(dir),
        pg: None,
    }
}

fn admin_url() -> Option<String> {
    match std::env::var("UPRIGHT_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            if std::env::var("UPRIGHT_REQUIRE_POSTGRES").as_deref() == Ok("1") {
                panic!(
                    "UPRIGHT_REQUIRE_POSTGRES=1 but UPRIGHT_TEST_POSTGRES_URL is unset: \
                     run under scripts/with-postgres.sh"
                );
            }
            static NOTE: Once = Once::new();
            NOTE.call_once(|| {
                // Straight to stderr, past libtest's capture, so it is seen.
                let _ = writeln!(
                    std::io::stderr(),
                    "upright-store: PostgreSQL storage tests skipped: set \
                     UPRIGHT_TEST_POSTGRES_URL (scripts/with-postgres.sh does)"
                );
            });
            None
        }
    }
}

/// `url` with its database name replaced by `db`.
fn with_database(url: &str, db: &str) -> String {
    let (scheme, rest) = url.split_once("://").expect("postgres URL");
    let (main, query) = match rest.split_once('?') {
        Some((m, q)) => (m, Some(q)),
        None => (rest, None),
    };
    let authority = main.split('/').next().unwrap_or_default();
    let mut out = format!("{scheme}://{authority}/{db}");
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

pub async fn fresh_postgres() -> Option<Fresh> {
    let admin = admin_url()?;
    static SEQ: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let name = format!(
        "upright_test_{}_{}_{nanos}",
        std::process::id(),
        SEQ.fetch_add(1, Ordering::Relaxed)
    );
    let mut conn = sqlx::PgConnection::connect(&admin)
        .await
        .unwrap_or_else(|e| panic!("cannot connect to UPRIGHT_TEST_POSTGRES_URL: {e}"));
    sqlx::query(&format!("CREATE DATABASE \"{name}\""))
        .execute(&mut conn)
        .await
        .unwrap();
    let _ = conn.close().await;
    Some(Fresh {
        url: with_database(&admin, &name),
        _dir: None,
        pg: Some((admin, name)),
    })
}

/// Generates `sqlite::NAME` and `postgres::NAME` for every suite function:
/// `store:` functions take a connected `&Store`, `url:` functions a URL.
macro_rules! on_both_databases {
    (store: [$($s:ident),* $(,)?], url: [$($u:ident),* $(,)?]) => {
        on_both_databases!(@backend sqlite, { Some($crate::harness::fresh_sqlite()) }, [$($s),*], [$($u),*]);
        on_both_databases!(@backend postgres, { $crate::harness::fresh_postgres().await }, [$($s),*], [$($u),*]);
    };
    (@backend $m:ident, $fresh:block, [$($s:ident),*], [$($u:ident),*]) => {
        mod $m {
            use super::*;
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $s() {
                    let Some(db) = ($fresh) else { return };
                    let store = Store::connect(&db.url).await.unwrap();
                    suite::$s(&store).await;
                    store.close().await;
                    db.cleanup().await;
                }
            )*
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $u() {
                    let Some(db) = ($fresh) else { return };
                    suite::$u(&db.url).await;
                    db.cleanup().await;
                }
            )*
        }
    };
}
