//! zero2prod's `spawn_app`: a server on a random port over a fresh database
//! per test: SQLite in a temporary directory, or a new PostgreSQL database
//! on the server in `UPRIGHT_TEST_POSTGRES_URL` (scripts/with-postgres.sh
//! sets it; with `UPRIGHT_REQUIRE_POSTGRES=1` a missing server fails).

#![allow(dead_code)]

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use reqwest::redirect::Policy;
use reqwest::StatusCode;
use serde_json::{json, Value};
use sqlx::Connection;
use upright_app::DbTarget;
use upright_core::catalog::Catalog;
use upright_web::{Application, Config};

pub struct TestApp {
    pub url: String,
    /// Keeps cookies, follows no redirects (tests look at them).
    pub client: reqwest::Client,
    _dir: Option<tempfile::TempDir>,
    _stop: tokio::sync::oneshot::Sender<()>,
}

#[derive(Clone, Copy, Debug)]
pub enum Db {
    Sqlite,
    Postgres,
}

fn postgres_admin() -> Option<String> {
    match std::env::var("UPRIGHT_TEST_POSTGRES_URL") {
        Ok(u) if !u.is_empty() => Some(u),
        _ => {
            if std::env::var("UPRIGHT_REQUIRE_POSTGRES").as_deref() == Ok("1") {
                panic!("UPRIGHT_REQUIRE_POSTGRES=1 but UPRIGHT_TEST_POSTGRES_URL is unset");
            }
            eprintln!("upright-web: PostgreSQL test skipped: set UPRIGHT_TEST_POSTGRES_URL (scripts/with-postgres.sh does)");
            None
        }
    }
}

async fn fresh_postgres(admin: &str) -> String {
    static SEQ: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "upright_web_{}_{}_{}",
        std::process::id(),
        SEQ.fetch_add(1, Ordering::Relaxed),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos()
    );
    let mut conn = sqlx::PgConnection::connect(admin)
        .await
        .expect("connect to UPRIGHT_TEST_POSTGRES_URL");
    sqlx::query(&format!("CREATE DATABASE \"{name}\""))
        .execute(&mut conn)
        .await
        .unwrap();
    let _ = conn.close().await;
    let (scheme, rest) = admin.split_once("://").unwrap();
    let authority = rest.split('/').next().unwrap();
    format!("{scheme}://{authority}/{name}")
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .unwrap()
}

/// A running server, or None when PostgreSQL was asked for and is not there.
pub async fn spawn_app(db: Db) -> Option<TestApp> {
    let (target, dir) = match db {
        Db::Sqlite => {
            let dir = tempfile::tempdir().unwrap();
            (DbTarget::Path(dir.path().join("web.db")), Some(dir))
        }
        Db::Postgres => (
            DbTarget::Url(fresh_postgres(&postgres_admin()?).await),
            None,
        ),
    };
    let config = Config {
        addr: "127.0.0.1:0".into(),
        db: target,
        catalog: Arc::new(Catalog::builtin()),
        secure_cookies: false,
    };
    let server = Application::build(config).await.expect("server starts");
    let url = server.url();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(server.run_until_stopped(async move {
        let _ = stopped.await;
    }));
    Some(TestApp {
        url,
        client: client(),
        _dir: dir,
        _stop: stop,
    })
}

/// `name="csrf" value="..."` from a page.
pub fn csrf_in(html: &str) -> String {
    let at =
        html.find("name=\"csrf\" value=\"").expect("a csrf field") + "name=\"csrf\" value=\"".len();
    html[at..at + 64].to_string()
}

impl TestApp {
    pub fn at(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.at(path)).send().await.unwrap()
    }

    pub async fn page(&self, path: &str) -> (StatusCode, String) {
        let r = self.get(path).await;
        (r.status(), r.text().await.unwrap())
    }

    pub async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(self.at(path))
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// Signs up (the client keeps the session cookie); returns the session's CSRF token.
    pub async fn sign_up(&self, login: &str) -> String {
        let (_, html) = self.page("/signup").await;
        let csrf = csrf_in(&html);
        let r = self
            .post_form(
                "/signup",
                &[
                    ("csrf", &csrf),
                    ("login", login),
                    ("password", "correct horse battery"),
                ],
            )
            .await;
        assert_eq!(
            r.status(),
            StatusCode::SEE_OTHER,
            "{}",
            r.text().await.unwrap()
        );
        self.session_csrf().await
    }

    pub async fn session_csrf(&self) -> String {
        let (status, html) = self.page("/settings").await;
        assert_eq!(status, StatusCode::OK);
        csrf_in(&html)
    }

    /// A personal API token made on the settings page.
    pub async fn token(&self) -> String {
        let csrf = self.session_csrf().await;
        let r = self
            .post_form("/settings/tokens", &[("csrf", &csrf), ("name", "phone")])
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        let at =
            html.find("copy it now): <code>").expect("secret shown") + "copy it now): <code>".len();
        html[at..at + 64].to_string()
    }

    pub async fn api(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = reqwest::Client::new()
            .request(method, self.at(path))
            .bearer_auth(token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let r = req.send().await.unwrap();
        let status = r.status();
        let text = r.text().await.unwrap();
        (
            status,
            if text.is_empty() {
                Value::Null
            } else {
                serde_json::from_str(&text).unwrap_or_else(|_| panic!("JSON body: {text}"))
            },
        )
    }

    pub async fn log(&self, token: &str, key: &str, body: Value) -> (StatusCode, Value) {
        let r = reqwest::Client::new()
            .post(self.at("/api/v1/logs"))
            .bearer_auth(token)
            .header("Idempotency-Key", key)
            .json(&body)
            .send()
            .await
            .unwrap();
        (r.status(), r.json().await.unwrap())
    }

    /// A saved plan through the API.
    pub async fn onboard(&self, token: &str) -> Value {
        let (status, body) = self
            .api(
                reqwest::Method::POST,
                "/api/v1/plan",
                token,
                Some(json!({"goals": ["posture"], "level": "beginner", "equipment": ["mat", "dumbbells"], "days": 3, "minutes": 40})),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body
    }
}

/// `sqlite::NAME` and `postgres::NAME` for each `async fn NAME(app: TestApp)`.
#[macro_export]
macro_rules! both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
               async fn $name() { super::$name($crate::common::spawn_app($crate::common::Db::Sqlite).await.unwrap()).await } )*
        }
        mod postgres {
            $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
               async fn $name() {
                   if let Some(app) = $crate::common::spawn_app($crate::common::Db::Postgres).await { super::$name(app).await }
               } )*
        }
    };
}

impl TestApp {
    /// Another client of the same server (its own cookies), sharing nothing else.
    pub fn sibling(app: &TestApp) -> TestApp {
        let (stop, _) = tokio::sync::oneshot::channel::<()>();
        TestApp {
            url: app.url.clone(),
            client: client(),
            _dir: None,
            _stop: stop,
        }
    }
}
