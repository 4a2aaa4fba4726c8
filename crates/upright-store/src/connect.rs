//! Opening a pool: URL handling, SQLite pragmas, migrations, the write lock.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex as StdMutex, OnceLock};
use std::time::{Duration, Instant};

use sqlx::any::AnyPoolOptions;
use sqlx::migrate::Migrator;
use sqlx::{Any, AnyConnection, AnyPool, Connection, Executor, Transaction};
use tokio::sync::{Mutex, OwnedMutexGuard};

use crate::error::{Result, StoreError};

static SQLITE_MIGRATOR: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATOR: Migrator = sqlx::migrate!("./migrations/postgres");

/// How long SQLite waits for another connection's write lock before it
/// reports "database is locked" (per attempt; see [`BUSY_BUDGET`]).
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// Total time a write waits for the SQLite write lock held by other processes.
const BUSY_BUDGET: Duration = Duration::from_secs(30);
/// Pool size for a SQLite file: readers run in parallel under WAL, writers
/// queue on the in-process write lock.
const SQLITE_MAX_CONNECTIONS: u32 = 4;
const POSTGRES_MAX_CONNECTIONS: u32 = 10;
/// How long opening a database may take before it is reported (a refused
/// or unreachable server, a locked file): a few seconds, not the pool's 30.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a command waits for a pooled connection once the database is open.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(15);

/// Which database a [`crate::Store`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Backend {
    Sqlite,
    Postgres,
}

enum Target {
    SqliteFile { path: PathBuf, url: String },
    SqliteMemory { url: String },
    Postgres { url: String },
}

fn bad_url(url: &str, reason: &'static str) -> StoreError {
    StoreError::InvalidUrl {
        url: redact(url),
        reason,
    }
}

/// Hide a password in an error message (`postgres://u:secret@h` → `postgres://u:***@h`).
fn redact(url: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://") {
        if let Some((userinfo, host)) = rest.split_once('@') {
            if let Some((user, _)) = userinfo.split_once(':') {
                return format!("{scheme}://{user}:***@{host}");
            }
        }
    }
    url.to_owned()
}

fn classify(url: &str) -> Result<Target> {
    if let Some(rest) = url.strip_prefix("sqlite:") {
        let rest = rest.strip_prefix("//").unwrap_or(rest);
        let (db, params) = match rest.split_once('?') {
            Some((db, params)) => (db, Some(params)),
            None => (rest, None),
        };
        let param = |key: &str| {
            params.and_then(|p| {
                p.split('&')
                    .find_map(|kv| kv.strip_prefix(key).and_then(|v| v.strip_prefix('=')))
            })
        };
        if db == ":memory:" || param("mode") == Some("memory") {
            return Ok(Target::SqliteMemory {
                url: url.to_owned(),
            });
        }
        if db.is_empty() {
            return Err(bad_url(url, "no file path after sqlite://"));
        }
        let path = PathBuf::from(
            percent_decode(db)
                .ok_or_else(|| bad_url(url, "the file path is not valid percent-encoded UTF-8"))?,
        );
        let url = match (param("mode"), params) {
            (Some(_), _) => url.to_owned(),
            (None, Some(_)) => format!("{url}&mode=rwc"),
            (None, None) => format!("{url}?mode=rwc"),
        };
        Ok(Target::SqliteFile { path, url })
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Target::Postgres {
            url: url.to_owned(),
        })
    } else {
        Err(bad_url(
            url,
            "expected sqlite://PATH, sqlite::memory: or postgres://…",
        ))
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// `sqlite://` URL for a file path (absolute, percent-encoded, `mode=rwc`).
pub(crate) fn sqlite_url_for(path: &Path) -> Result<String> {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|source| StoreError::Io {
                path: path.to_path_buf(),
                source,
            })?
            .join(path)
    };
    let s = abs
        .to_str()
        .ok_or_else(|| StoreError::invalid("path", format!("{abs:?} is not valid UTF-8")))?;
    let mut url = String::from("sqlite://");
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                url.push(b as char)
            }
            _ => url.push_str(&format!("%{b:02X}")),
        }
    }
    url.push_str("?mode=rwc");
    Ok(url)
}

pub(crate) struct Opened {
    pub pool: AnyPool,
    pub backend: Backend,
    /// SQLite only: PostgreSQL runs concurrent write transactions.
    pub write_lock: Option<Arc<Mutex<()>>>,
}

/// One write lock per SQLite file per process: SQLite allows one writer at a
/// time, and its busy handler polls (with sleeps up to 100 ms, no fairness).
/// Queueing in-process writers on a fair async mutex instead makes them run
/// back to back; the busy handler is left for other processes.
fn sqlite_file_lock(path: &Path) -> Arc<Mutex<()>> {
    static LOCKS: OnceLock<StdMutex<HashMap<PathBuf, Arc<Mutex<()>>>>> = OnceLock::new();
    let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut map = LOCKS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    map.entry(key).or_default().clone()
}

pub(crate) async fn open(url: &str) -> Result<Opened> {
    sqlx::any::install_default_drivers();
    let target = classify(url)?;
    let shown = match &target {
        Target::SqliteFile { path, .. } => path.display().to_string(),
        Target::SqliteMemory { .. } => "sqlite::memory:".to_owned(),
        Target::Postgres { url } => redact(url),
    };
    let opened = tokio::time::timeout(CONNECT_TIMEOUT * 2, open_target(&target, &shown))
        .await
        .map_err(|_| StoreError::Open {
            target: shown.clone(),
            reason: format!("no answer within {} s", (CONNECT_TIMEOUT * 2).as_secs()),
        })??;
    Ok(opened)
}

/// Any failure while opening, as one line naming the database.
fn open_error(shown: &str, e: StoreError) -> StoreError {
    match e {
        StoreError::Database(e) => StoreError::Open {
            target: shown.to_owned(),
            reason: crate::error::root_cause(&e),
        },
        StoreError::Migrate(sqlx::migrate::MigrateError::VersionMissing(_)) => {
            StoreError::NotUpright {
                target: shown.to_owned(),
                reason: "its migration history is not upright's".to_owned(),
            }
        }
        StoreError::Migrate(e) => StoreError::Open {
            target: shown.to_owned(),
            reason: format!(
                "migration failed: {}",
                crate::error::one_line(&e.to_string())
            ),
        },
        other => other,
    }
}

async fn open_target(target: &Target, shown: &str) -> Result<Opened> {
    let (backend, pool) = match target {
        Target::SqliteFile { path, url } => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                    path: dir.to_path_buf(),
                    source,
                })?;
            }
            probe(url, Backend::Sqlite, shown).await?;
            let pool = sqlite_pool_options()
                .max_connections(SQLITE_MAX_CONNECTIONS)
                .connect(url)
                .await
                .map_err(|e| open_error(shown, e.into()))?;
            enable_wal(&pool).await.map_err(|e| open_error(shown, e))?;
            (Backend::Sqlite, pool)
        }
        Target::SqliteMemory { url } => {
            // Every connection to `sqlite::memory:` would be a new, empty
            // database: keep exactly one, forever.
            let pool = sqlite_pool_options()
                .max_connections(1)
                .min_connections(1)
                .idle_timeout(None)
                .max_lifetime(None)
                .connect(url)
                .await
                .map_err(|e| open_error(shown, e.into()))?;
            (Backend::Sqlite, pool)
        }
        Target::Postgres { url } => {
            probe(url, Backend::Postgres, shown).await?;
            let pool = AnyPoolOptions::new()
                .max_connections(POSTGRES_MAX_CONNECTIONS)
                .acquire_timeout(ACQUIRE_TIMEOUT)
                .connect(url)
                .await
                .map_err(|e| open_error(shown, e.into()))?;
            (Backend::Postgres, pool)
        }
    };
    let write_lock = match target {
        Target::SqliteFile { path, .. } => Some(sqlite_file_lock(path)),
        Target::SqliteMemory { .. } => Some(Arc::default()),
        Target::Postgres { .. } => None,
    };
    migrate(&pool, backend, &write_lock)
        .await
        .map_err(|e| open_error(shown, e))?;
    Ok(Opened {
        pool,
        backend,
        write_lock,
    })
}

/// One direct connection before the pool is built: the pool retries a
/// failing connect until its timeout and then says only "pool timed out";
/// this says why at once (refused, not a database, read-only, another
/// application's database).
async fn probe(url: &str, backend: Backend, shown: &str) -> Result<()> {
    let fail = |e: sqlx::Error| open_error(shown, StoreError::Database(e));
    let mut conn = tokio::time::timeout(CONNECT_TIMEOUT, AnyConnection::connect(url))
        .await
        .map_err(|_| StoreError::Open {
            target: shown.to_owned(),
            reason: format!("no answer within {} s", CONNECT_TIMEOUT.as_secs()),
        })?
        .map_err(fail)?;
    let tables_sql = match backend {
        Backend::Sqlite => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        Backend::Postgres => {
            "SELECT CAST(table_name AS TEXT) FROM information_schema.tables WHERE table_schema = current_schema()"
        }
    };
    let tables: Vec<String> = sqlx::query_scalar(tables_sql)
        .fetch_all(&mut conn)
        .await
        .map_err(fail)?;
    let _ = conn.close().await;
    if !tables.is_empty() && !tables.iter().any(|t| t == "_sqlx_migrations") {
        let mut some: Vec<&str> = tables.iter().map(String::as_str).take(3).collect();
        some.sort_unstable();
        return Err(StoreError::NotUpright {
            target: shown.to_owned(),
            reason: format!(
                "it holds another application's tables ({})",
                some.join(", ")
            ),
        });
    }
    Ok(())
}

fn sqlite_pool_options() -> AnyPoolOptions {
    AnyPoolOptions::new()
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .after_connect(|conn: &mut AnyConnection, _meta| {
            Box::pin(async move {
                // Per-connection settings (journal_mode=WAL is stored in the file).
                conn.execute(
                    format!("PRAGMA busy_timeout = {}", BUSY_TIMEOUT.as_millis()).as_str(),
                )
                .await?;
                conn.execute("PRAGMA synchronous = FULL").await?;
                conn.execute("PRAGMA foreign_keys = ON").await?;
                // Statement journals (one per multi-row INSERT inside a
                // transaction) stay in memory: written to a temporary file
                // they were a fifth of a large import's time.
                conn.execute("PRAGMA temp_store = MEMORY").await?;
                Ok(())
            })
        })
}

/// Switch the file to WAL (persistent). Changing the journal mode needs an
/// exclusive lock that the busy handler does not wait for, hence the loop.
async fn enable_wal(pool: &AnyPool) -> Result<()> {
    let start = Instant::now();
    loop {
        let res = sqlx::query_scalar::<_, String>("PRAGMA journal_mode = WAL")
            .fetch_one(pool)
            .await;
        match res {
            Ok(mode) if mode.eq_ignore_ascii_case("wal") => return Ok(()),
            Ok(mode) => {
                return Err(StoreError::invalid(
                    "journal_mode",
                    format!("SQLite refused WAL mode (journal_mode is {mode:?})"),
                ))
            }
            Err(e) if is_busy(&e) && start.elapsed() < BUSY_BUDGET => {
                tokio::time::sleep(Duration::from_millis(20)).await
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// Apply the embedded migrations. PostgreSQL serialises concurrent migrators
/// with an advisory lock; SQLite has none, so two processes opening a new file
/// at once may collide: the loser retries and then finds the work done.
async fn migrate(
    pool: &AnyPool,
    backend: Backend,
    write_lock: &Option<Arc<Mutex<()>>>,
) -> Result<()> {
    let migrator = match backend {
        Backend::Sqlite => &SQLITE_MIGRATOR,
        Backend::Postgres => &POSTGRES_MIGRATOR,
    };
    let _guard = match write_lock {
        Some(lock) => Some(lock.lock().await),
        None => None,
    };
    let mut attempt = 0;
    loop {
        match migrator.run(pool).await {
            Ok(()) => return Ok(()),
            Err(_) if backend == Backend::Sqlite && attempt < 5 => {
                attempt += 1;
                tokio::time::sleep(Duration::from_millis(50 * attempt)).await;
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// SQLITE_BUSY or SQLITE_LOCKED (any extended code).
pub(crate) fn is_busy(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(db) => db
            .code()
            .and_then(|c| c.parse::<i32>().ok())
            .is_some_and(|c| matches!(c & 0xff, 5 | 6)),
        _ => false,
    }
}

/// A write transaction: on SQLite it holds the in-process write lock and
/// SQLite's RESERVED lock from the start (`BEGIN IMMEDIATE`), so it never
/// has to upgrade a read snapshot (which fails at once, busy handler or not).
pub(crate) struct WriteTx {
    pub tx: Transaction<'static, Any>,
    _guard: Option<OwnedMutexGuard<()>>,
}

impl WriteTx {
    pub async fn commit(self) -> Result<()> {
        self.tx.commit().await?;
        Ok(())
    }
}

pub(crate) async fn begin_write(
    pool: &AnyPool,
    backend: Backend,
    write_lock: &Option<Arc<Mutex<()>>>,
) -> Result<WriteTx> {
    let guard = match write_lock {
        Some(lock) => Some(lock.clone().lock_owned().await),
        None => None,
    };
    begin_write_guarded(pool, backend, guard).await
}

/// [`begin_write`] for a caller that already holds the process's write lock.
pub(crate) async fn begin_write_guarded(
    pool: &AnyPool,
    backend: Backend,
    guard: Option<OwnedMutexGuard<()>>,
) -> Result<WriteTx> {
    let tx = match backend {
        Backend::Postgres => pool.begin().await?,
        Backend::Sqlite => {
            let start = Instant::now();
            loop {
                match pool.begin_with("BEGIN IMMEDIATE").await {
                    Ok(tx) => break tx,
                    Err(e) if is_busy(&e) && start.elapsed() < BUSY_BUDGET => {
                        tokio::time::sleep(Duration::from_millis(5)).await
                    }
                    Err(e) => return Err(e.into()),
                }
            }
        }
    };
    Ok(WriteTx { tx, _guard: guard })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert!(matches!(
            classify("sqlite::memory:"),
            Ok(Target::SqliteMemory { .. })
        ));
        match classify("sqlite:///tmp/a%20b/x.db").unwrap() {
            Target::SqliteFile { path, url } => {
                assert_eq!(path, Path::new("/tmp/a b/x.db"));
                assert_eq!(url, "sqlite:///tmp/a%20b/x.db?mode=rwc");
            }
            _ => panic!(),
        }
        match classify("sqlite://rel/x.db?mode=rw").unwrap() {
            Target::SqliteFile { path, url } => {
                assert_eq!(path, Path::new("rel/x.db"));
                assert_eq!(url, "sqlite://rel/x.db?mode=rw");
            }
            _ => panic!(),
        }
        assert!(matches!(
            classify("postgresql://h/db"),
            Ok(Target::Postgres { .. })
        ));
        let err = classify("mysql://u:pw@h/db").err().unwrap().to_string();
        assert!(err.contains("u:***@h") && !err.contains("pw"), "{err}");
        assert_eq!(
            sqlite_url_for(Path::new("/a b/c?.db")).unwrap(),
            "sqlite:///a%20b/c%3F.db?mode=rwc"
        );
    }
}
