//! How many SQL statements a request costs, counted from sqlx's own
//! statement log (target `sqlx::query`): the logs list is one query
//! whatever the page size and however long the history, and a web log
//! (keyed) costs the same number of statements with ten entries stored as
//! with two hundred. One test in this binary: the counter is process-wide.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use chrono::NaiveDate;
use tracing_subscriber::layer::{Context, SubscriberExt};
use upright_app::log::LogRequest;
use upright_app::App;
use upright_core::catalog::Catalog;
use upright_store::Store;

static STATEMENTS: AtomicUsize = AtomicUsize::new(0);

struct Count;

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Count {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        if event.metadata().target() == "sqlx::query" {
            STATEMENTS.fetch_add(1, Ordering::SeqCst);
        }
    }
}

async fn counted<T>(f: impl std::future::Future<Output = T>) -> (T, usize) {
    let before = STATEMENTS.load(Ordering::SeqCst);
    let out = f.await;
    (out, STATEMENTS.load(Ordering::SeqCst) - before)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logs_list_and_keyed_log_statement_counts() {
    tracing::subscriber::set_global_default(tracing_subscriber::registry().with(Count)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_path(&dir.path().join("q.db")).await.unwrap();
    let app = App::new(store, Arc::new(Catalog::builtin()));
    let me = app.local_actor().await.unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let log = |i: usize| LogRequest {
        exercise: "deadlift".into(),
        sets: format!("3x5@{}kg", 60 + i % 40),
        date: Some("2026-03-02".into()),
        again: true,
        ..Default::default()
    };
    let mut per_log = Vec::new();
    for i in 0..200 {
        let (r, n) = counted(app.log_keyed(&me, log(i), &format!("key-{i}"), today)).await;
        assert!(r.unwrap().written);
        per_log.push(n);
        if i == 10 || i == 199 {
            for limit in [1, 20, 100] {
                let (page, n) = counted(app.logs(&me, None, Some(limit))).await;
                assert_eq!(page.unwrap().logs.len(), (limit as usize).min(i + 1));
                assert_eq!(n, 1, "the logs list of {limit} is one query");
            }
        }
    }
    // A log after the first (which builds the summaries) costs the same
    // every time, give or take a merge of the month's summary parts.
    // The claim is that the cost does not grow with history: the last 50 logs
    // cost no more in all than the first 50 after the first.
    let steady = &per_log[1..];
    let hi = *steady.iter().max().unwrap();
    let early: usize = steady[..50].iter().sum();
    let late: usize = steady[steady.len() - 50..].iter().sum();
    assert!(
        late <= early,
        "statements per keyed log grow with history ({early} -> {late}): {per_log:?}"
    );
    assert!(hi <= 20, "a keyed log costs {hi} statements: {per_log:?}");
    // The same key again: one lookup, nothing written.
    let (r, n) = counted(app.log_keyed(&me, log(0), "key-0", today)).await;
    assert!(!r.unwrap().written);
    assert!(n <= 4, "a retried key costs {n} statements");
}
