//! The web app and the API end to end: a server on a random port over a
//! fresh database per test, on SQLite and on PostgreSQL.

mod common;

use common::{csrf_in, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

both_databases!(
    health_answers,
    sign_up_sets_a_safe_session_cookie_and_security_headers,
    forms_without_the_csrf_token_are_refused,
    sign_up_refuses_bad_and_taken_logins,
    log_in_and_log_out,
    log_in_is_rate_limited,
    onboarding_saves_a_plan_and_the_plan_page_explains_it,
    the_today_page_says_what_to_do_in_the_clis_words,
    red_flags_refer_and_save_no_plan,
    api_needs_a_token_and_answers_json_errors,
    a_retried_log_is_written_once,
    logs_page_get_and_delete,
    another_persons_ids_are_not_found_on_every_route,
    today_page_logs_set_by_set,
    openapi_document_lists_the_routes,
    malformed_input_is_4xx_never_5xx,
    calendar_link_serves_the_persons_ics_without_a_cookie,
    calendar_links_are_per_person_and_revocable,
    the_page_script_clears_caches_on_log_out,
);

async fn health_answers(app: TestApp) {
    let r = app.get("/health").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.json::<Value>().await.unwrap()["status"], "ok");
}

async fn sign_up_sets_a_safe_session_cookie_and_security_headers(app: TestApp) {
    let (_, html) = app.page("/signup").await;
    let csrf = csrf_in(&html);
    let r = app
        .post_form(
            "/signup",
            &[
                ("csrf", &csrf),
                ("login", "ann"),
                ("password", "correct horse battery"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/onboarding");
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("upright_session="))
        .unwrap();
    for flag in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(flag), "{cookie}");
    }
    assert!(!cookie.contains("Secure"), "no TLS in tests: {cookie}");
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    assert_eq!(r.headers()["x-frame-options"], "DENY");
    // No inline script on a page: scripts are files.
    let (_, today) = app.page("/onboarding").await;
    assert!(!today.contains("<script>") && today.contains("<script src=\"/static/app.js\""));
}

async fn forms_without_the_csrf_token_are_refused(app: TestApp) {
    // Anonymous form: no cookie, or a token that is not the cookie's.
    let r = app
        .post_form(
            "/signup",
            &[
                ("csrf", &"a".repeat(64)),
                ("login", "ann"),
                ("password", "correct horse battery"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    app.sign_up("ann").await;
    let r = app
        .post_form(
            "/settings/tokens",
            &[("csrf", &"0".repeat(64)), ("name", "x")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.text().await.unwrap().contains("reload the page"));
    // The page's own script calling the API with the cookie needs the header.
    let r = app
        .client
        .post(app.at("/api/v1/logs"))
        .header("Idempotency-Key", "k")
        .json(&json!({"exercise": "bird-dog", "sets": "1x8"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

async fn sign_up_refuses_bad_and_taken_logins(app: TestApp) {
    app.sign_up("ann").await;
    let other = clone_url(&app);
    let (_, html) = other.page("/signup").await;
    let csrf = csrf_in(&html);
    for (login, password, want) in [
        ("ann", "correct horse battery", "already taken"),
        ("a", "correct horse battery", "login: "),
        ("bob", "short", "password: "),
    ] {
        let r = other
            .post_form(
                "/signup",
                &[("csrf", &csrf), ("login", login), ("password", password)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let body = r.text().await.unwrap();
        assert!(body.contains(want), "{login}: {body}");
    }
}

/// Another client (no cookies) on the same server.
fn clone_url(app: &TestApp) -> TestApp {
    common::TestApp::sibling(app)
}

async fn log_in_and_log_out(app: TestApp) {
    let csrf = app.sign_up("ann").await;
    let r = app.post_form("/logout", &[("csrf", &csrf)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // The phone forgets this person's cached pages and offline queue.
    let clear = r
        .headers()
        .get("clear-site-data")
        .expect("Clear-Site-Data on log-out")
        .to_str()
        .unwrap()
        .to_string();
    for kind in ["\"cache\"", "\"storage\""] {
        assert!(
            clear.split(',').any(|k| k.trim() == kind),
            "{kind} in {clear}"
        );
    }
    let r = app.get("/today").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/login");
    let (_, html) = app.page("/login").await;
    let csrf = csrf_in(&html);
    let r = app
        .post_form(
            "/login",
            &[
                ("csrf", &csrf),
                ("login", "ann"),
                ("password", "wrong password!"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert!(r.text().await.unwrap().contains("wrong login or password"));
    let r = app
        .post_form(
            "/login",
            &[
                ("csrf", &csrf),
                ("login", "ann"),
                ("password", "correct horse battery"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/today");
}

/// The page script (for browsers that ignore Clear-Site-Data) clears the
/// service worker's caches and the queue before the log-out form goes;
/// `scripts/browser-test.sh` checks it in Chromium.
async fn the_page_script_clears_caches_on_log_out(app: TestApp) {
    let js = app.get("/static/app.js").await.text().await.unwrap();
    let at = js
        .find("form[action=\"/logout\"]")
        .expect("a log-out handler");
    let handler = &js[at..];
    for needle in [
        "caches.delete",
        "localStorage.removeItem(QUEUE)",
        "flush()",
        ".submit()",
    ] {
        assert!(handler.contains(needle), "{needle} in the log-out handler");
    }
}

async fn log_in_is_rate_limited(app: TestApp) {
    let (_, html) = app.page("/login").await;
    let csrf = csrf_in(&html);
    let mut statuses = Vec::new();
    for _ in 0..11 {
        let r = app
            .post_form(
                "/login",
                &[
                    ("csrf", &csrf),
                    ("login", "nobody"),
                    ("password", "guess guess guess"),
                ],
            )
            .await;
        statuses.push(r.status());
    }
    assert!(
        statuses[..10]
            .iter()
            .all(|s| *s == StatusCode::UNAUTHORIZED),
        "{statuses:?}"
    );
    assert_eq!(statuses[10], StatusCode::TOO_MANY_REQUESTS);
}

async fn onboard_form(app: &TestApp, csrf: &str, extra: &[(&str, &str)]) -> reqwest::Response {
    let mut form = vec![
        ("csrf", csrf),
        ("goal", "posture"),
        ("goal", "prevention"),
        ("level", "beginner"),
        ("equipment", "mat"),
        ("equipment", "dumbbells"),
        ("days", "3"),
        ("minutes", "40"),
        ("pain", "none"),
    ];
    form.extend_from_slice(extra);
    app.post_form("/onboarding", &form).await
}

async fn onboarding_saves_a_plan_and_the_plan_page_explains_it(app: TestApp) {
    let csrf = app.sign_up("ann").await;
    let (status, html) = app.page("/onboarding").await;
    assert_eq!(status, StatusCode::OK);
    // The safety questions come first.
    assert!(html.find("name=\"red_flag\"").unwrap() < html.find("name=\"goal\"").unwrap());
    let r = onboard_form(&app, &csrf, &[]).await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "{}",
        r.text().await.unwrap()
    );
    assert_eq!(r.headers()["location"], "/plan");
    let (status, html) = app.page("/plan").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Week 1") && html.contains("<details") && html.contains("<code>"),
        "{html}"
    );
    // The plan's notes and each session's warm-up are on the page, as in the CLI's plan.
    assert!(
        html.contains("Notes on this plan") && html.contains("The Big 3"),
        "{html}"
    );
    assert!(html.contains("Warm-up: light activity"), "{html}");
    // The today page has a set form per exercise (or says it is a rest day).
    let (status, html) = app.page("/today").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Back pain check-in"));
    // Missing answers: the form again, naming the question.
    let r = app
        .post_form("/onboarding", &[("csrf", &csrf), ("level", "beginner")])
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.unwrap().contains("goal"));
}

async fn the_today_page_says_what_to_do_in_the_clis_words(app: TestApp) {
    app.sign_up("ann").await;
    let token = app.token().await;
    let plan = app.onboard(&token).await;
    // Today on the plan's first day: a first loaded session is a test set
    // (E-RTS), and the page says so as the CLI does, not the plan's range.
    let start = plan["start_date"].to_string();
    let (status, today) = app
        .api(reqwest::Method::GET, "/api/v1/today", &token, None)
        .await;
    assert_eq!(status, StatusCode::OK, "{today} (plan from {start})");
    let tests: Vec<&Value> = today["exercises"]
        .as_array()
        .map(|v| v.iter().filter(|e| e["test"] == true).collect())
        .unwrap_or_default();
    let (status, html) = app.page("/today").await;
    assert_eq!(status, StatusCode::OK);
    // The plan starts today, so today is day 1 and its dumbbell work is new.
    let e = tests
        .first()
        .unwrap_or_else(|| panic!("no test set today: {today}"));
    let words = format!(
        "test: {} x {}",
        e["sets"],
        e["target_reps"].as_u64().unwrap_or(5)
    );
    assert!(html.contains(&words), "{words} not in {html}");
    assert!(
        html.contains("with a weight you could lift about 3 more times"),
        "{html}"
    );
    // The test's RPE is asked for and filled in (the load is computed from it),
    // and the form cues are one tap away.
    let rpe = e["rpe"].as_f64().expect("a test has an RPE");
    assert!(html.contains("the test needs it"), "{html}");
    assert!(
        html.contains(&format!("value=\"{rpe}\" required")),
        "{html}"
    );
    assert!(html.contains("<summary>Form cues</summary>"), "{html}");
    // The set form starts at the test's reps, not the bottom of the plan's range.
    assert!(
        html.contains(&format!(
            "value=\"{}\"",
            e["target_reps"].as_u64().unwrap_or(5)
        )),
        "{html}"
    );
}

async fn red_flags_refer_and_save_no_plan(app: TestApp) {
    let csrf = app.sign_up("ann").await;
    let r = onboard_form(&app, &csrf, &[("red_flag", "bladder-bowel")]).await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("emergency") && html.contains("We have not made a training plan"),
        "{html}"
    );
    let r = app.get("/plan").await;
    assert_eq!(r.headers()["location"], "/onboarding");
}

async fn api_needs_a_token_and_answers_json_errors(app: TestApp) {
    let r = reqwest::get(app.at("/api/v1/today")).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["code"], "unauthorized");
    assert!(body["message"].as_str().unwrap().contains("Bearer"));
    let (status, body) = app
        .api(Method::GET, "/api/v1/today", &"f".repeat(64), None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    app.sign_up("ann").await;
    let token = app.token().await;
    let (status, body) = app.api(Method::GET, "/api/v1/today", &token, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "no plan yet: {body}");
    assert_eq!(body["code"], "not_found");
    app.onboard(&token).await;
    let (status, body) = app.api(Method::GET, "/api/v1/today", &token, None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body["status"].is_string());
    let (status, plan) = app.api(Method::GET, "/api/v1/plan", &token, None).await;
    assert_eq!(status, StatusCode::OK);
    // The CLI's contract: it reads back as the planner's document.
    let _doc: upright_core::plan::PlanDocument =
        serde_json::from_value(plan).expect("PlanDocument");
    let (status, profile) = app.api(Method::GET, "/api/v1/profile", &token, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(profile["unit"], "kg");
    // A revoked token opens nothing.
    let (_, tokens) = app.api(Method::GET, "/api/v1/tokens", &token, None).await;
    let id = tokens[0]["id"].as_i64().unwrap();
    let (status, _) = app
        .api(
            Method::DELETE,
            &format!("/api/v1/tokens/{id}"),
            &token,
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = app.api(Method::GET, "/api/v1/plan", &token, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

async fn a_retried_log_is_written_once(app: TestApp) {
    app.sign_up("ann").await;
    let token = app.token().await;
    let set = json!({"exercise": "bird-dog", "sets": "1x8"});
    let (s1, first) = app.log(&token, "key-1", set.clone()).await;
    let (s2, again) = app.log(&token, "key-1", set.clone()).await;
    assert_eq!(s1, StatusCode::CREATED, "{first}");
    assert_eq!(s2, StatusCode::OK, "{again}");
    assert_eq!(first["workout_id"], again["workout_id"]);
    assert_eq!(again["written"], false);
    // The same set under a new key is a second set (set-by-set logging).
    let (s3, second) = app.log(&token, "key-2", set).await;
    assert_eq!(s3, StatusCode::CREATED);
    assert_ne!(second["workout_id"], first["workout_id"]);
    let (_, page) = app.api(Method::GET, "/api/v1/logs", &token, None).await;
    assert_eq!(page["logs"].as_array().unwrap().len(), 2);
    // Racing retries of one key: one write.
    let mut handles = Vec::new();
    for _ in 0..8 {
        let (url, token) = (app.at("/api/v1/logs"), token.clone());
        handles.push(tokio::spawn(async move {
            reqwest::Client::new()
                .post(url)
                .bearer_auth(token)
                .header("Idempotency-Key", "race")
                .json(&json!({"exercise": "bird-dog", "sets": "1x6"}))
                .send()
                .await
                .unwrap()
                .status()
        }));
    }
    let mut created = 0;
    for h in handles {
        let s = h.await.unwrap();
        assert!(s == StatusCode::CREATED || s == StatusCode::OK, "{s}");
        created += usize::from(s == StatusCode::CREATED);
    }
    assert_eq!(created, 1);
    let (_, page) = app.api(Method::GET, "/api/v1/logs", &token, None).await;
    assert_eq!(page["logs"].as_array().unwrap().len(), 3);
}

async fn logs_page_get_and_delete(app: TestApp) {
    app.sign_up("ann").await;
    let token = app.token().await;
    for i in 0..5 {
        let (s, _) = app.log(&token, &format!("k{i}"), json!({"exercise": "dumbbell-romanian-deadlift", "sets": format!("1x{}@20", 8 + i)})).await;
        assert_eq!(s, StatusCode::CREATED);
    }
    let (_, p1) = app
        .api(Method::GET, "/api/v1/logs?limit=2", &token, None)
        .await;
    let logs = p1["logs"].as_array().unwrap();
    assert_eq!(logs.len(), 2);
    assert_eq!(logs[0]["sets"][0]["reps"], 12, "newest first: {p1}");
    let before = p1["next_before"].as_i64().unwrap();
    let (_, p2) = app
        .api(
            Method::GET,
            &format!("/api/v1/logs?limit=2&before={before}"),
            &token,
            None,
        )
        .await;
    assert_eq!(p2["logs"][0]["sets"][0]["reps"], 10);
    let (_, p3) = app
        .api(
            Method::GET,
            &format!("/api/v1/logs?limit=2&before={}", p2["next_before"]),
            &token,
            None,
        )
        .await;
    assert_eq!(p3["logs"].as_array().unwrap().len(), 1);
    assert!(p3["next_before"].is_null());
    let id = logs[0]["id"].as_i64().unwrap();
    let (s, one) = app
        .api(Method::GET, &format!("/api/v1/logs/{id}"), &token, None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(one["sets"][0]["load"], 20.0);
    let (s, _) = app
        .api(Method::DELETE, &format!("/api/v1/logs/{id}"), &token, None)
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, body) = app
        .api(Method::GET, &format!("/api/v1/logs/{id}"), &token, None)
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(body["field"], "id");
    let (_, hist) = app.api(Method::GET, "/api/v1/history", &token, None).await;
    assert_eq!(hist["sets"].as_array().unwrap().len(), 4);
    let (s, prog) = app.api(Method::GET, "/api/v1/progress", &token, None).await;
    assert_eq!(s, StatusCode::OK, "{prog}");
    assert_eq!(prog["sets_logged"], 4);
}

async fn another_persons_ids_are_not_found_on_every_route(app: TestApp) {
    app.sign_up("ann").await;
    let ann = app.token().await;
    app.onboard(&ann).await;
    let (_, logged) = app
        .log(&ann, "a1", json!({"exercise": "bird-dog", "sets": "1x8"}))
        .await;
    let log_id = logged["workout_id"].as_i64().unwrap();
    let (_, tokens) = app.api(Method::GET, "/api/v1/tokens", &ann, None).await;
    let ann_token_id = tokens[0]["id"].as_i64().unwrap();

    let bob = clone_url(&app);
    let bob_csrf = bob.sign_up("bob").await;
    let bob_token = bob.token().await;
    for (method, path) in [
        (Method::GET, format!("/api/v1/logs/{log_id}")),
        (Method::DELETE, format!("/api/v1/logs/{log_id}")),
        (Method::DELETE, format!("/api/v1/tokens/{ann_token_id}")),
    ] {
        let (s, body) = bob.api(method.clone(), &path, &bob_token, None).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{method} {path}: {body}");
    }
    // Bob's reads hold none of Ann's rows.
    let (_, page) = bob.api(Method::GET, "/api/v1/logs", &bob_token, None).await;
    assert!(page["logs"].as_array().unwrap().is_empty());
    let (_, hist) = bob
        .api(Method::GET, "/api/v1/history", &bob_token, None)
        .await;
    assert!(hist["sets"].as_array().unwrap().is_empty());
    let (s, _) = bob.api(Method::GET, "/api/v1/plan", &bob_token, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = bob
        .api(Method::GET, "/api/v1/today", &bob_token, None)
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Pages: revoking Ann's token from Bob's settings form.
    let r = bob
        .post_form(
            &format!("/settings/tokens/{ann_token_id}/revoke"),
            &[("csrf", &bob_csrf)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let (s, page) = bob.page("/progress").await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("Nothing logged yet"));
    // Ann's data is all still there.
    let (s, _) = app
        .api(Method::GET, &format!("/api/v1/logs/{log_id}"), &ann, None)
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = app.api(Method::GET, "/api/v1/plan", &ann, None).await;
    assert_eq!(s, StatusCode::OK);
}

async fn today_page_logs_set_by_set(app: TestApp) {
    let csrf = app.sign_up("ann").await;
    let r = onboard_form(&app, &csrf, &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let form = [
        ("csrf", csrf.as_str()),
        ("exercise", "dumbbell-romanian-deadlift"),
        ("key", "form-key-1"),
        ("reps", "10"),
        ("load", "22.5"),
        ("rpe", "7"),
    ];
    let r = app.post_form("/today/log", &form).await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "{}",
        r.text().await.unwrap()
    );
    let to = r.headers()["location"].to_str().unwrap().to_string();
    assert!(to.starts_with("/today?done="), "{to}");
    // A double-submitted form (same key) is one set.
    let r = app.post_form("/today/log", &form).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (status, html) = app.page(&to).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Logged"), "{html}");
    // The exercise's section counts the set, once, when it is on today's session.
    if html.contains(r#"data-exercise="dumbbell-romanian-deadlift""#) {
        assert!(html.contains("Logged today: 1 of "), "{html}");
    }
    let (_, html) = app.page("/progress").await;
    assert!(
        html.contains("<svg") && html.contains("dumbbell-romanian-deadlift 10 x 22.5 kg"),
        "{html}"
    );
    assert_eq!(html.matches("dumbbell-romanian-deadlift 10 x").count(), 1);
    // Bad reps name the field.
    let r = app
        .post_form(
            "/today/log",
            &[
                ("csrf", &csrf),
                ("exercise", "bird-dog"),
                ("key", "k2"),
                ("reps", "ten"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.unwrap().contains("reps"));
    let r = app
        .post_form(
            "/today/pain",
            &[("csrf", &csrf), ("score", "2"), ("when", "during")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

async fn openapi_document_lists_the_routes(app: TestApp) {
    let doc: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for p in [
        "/api/v1/logs",
        "/api/v1/logs/{id}",
        "/api/v1/plan",
        "/api/v1/today",
        "/api/v1/pain",
        "/api/v1/progress",
        "/api/v1/history",
        "/api/v1/profile",
    ] {
        assert!(doc["paths"][p].is_object(), "{p}");
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}

async fn malformed_input_is_4xx_never_5xx(app: TestApp) {
    app.sign_up("ann").await;
    let token = app.token().await;
    let send = |body: &'static str, key: Option<&'static str>| {
        let mut r = reqwest::Client::new()
            .post(app.at("/api/v1/logs"))
            .bearer_auth(token.clone())
            .header("content-type", "application/json")
            .body(body);
        if let Some(k) = key {
            r = r.header("Idempotency-Key", k);
        }
        r.send()
    };
    for (body, key, field) in [
        ("{not json", Some("k"), "body"),
        ("{\"exercise\": 5}", Some("k"), "body"),
        (
            "{\"exercise\": \"bird-dog\", \"sets\": \"1x8\", \"extra\": 1}",
            Some("k"),
            "body",
        ),
        (
            "{\"exercise\": \"bird-dog\", \"sets\": \"1x8\"}",
            None,
            "idempotency_key",
        ),
        (
            "{\"exercise\": \"no-such\", \"sets\": \"1x8\"}",
            Some("k"),
            "exercise",
        ),
        (
            "{\"exercise\": \"bird-dog\", \"sets\": \"lots\"}",
            Some("k"),
            "sets",
        ),
        (
            "{\"exercise\": \"bird-dog\", \"sets\": \"1x8\", \"date\": \"2999-01-01\"}",
            Some("k"),
            "date",
        ),
    ] {
        let r = send(body, key).await.unwrap();
        let s = r.status();
        let j: Value = r.json().await.unwrap();
        assert!(s.is_client_error(), "{body}: {s} {j}");
        assert_eq!(j["field"], field, "{body}: {j}");
        assert!(j["code"].is_string() && j["message"].is_string());
    }
    for path in [
        "/api/v1/logs?limit=0",
        "/api/v1/logs?limit=x",
        "/api/v1/logs/abc",
        "/api/v1/today?date=2025-13-01",
        "/api/v1/progress?exercise=nope",
    ] {
        let (s, j) = app.api(Method::GET, path, &token, None).await;
        assert!(s.is_client_error(), "{path}: {s} {j}");
        assert!(j["code"].is_string(), "{path}: {j}");
    }
    let (s, _) = app
        .api(
            Method::POST,
            "/api/v1/pain",
            &token,
            Some(json!({"score": "11", "when": "during"})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let r = app.get("/no/such/page").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

/// The calendar URL shown once on the settings page after making a link.
async fn new_calendar_link(app: &TestApp) -> String {
    let csrf = app.session_csrf().await;
    let r = app
        .post_form("/settings/calendar", &[("csrf", &csrf)])
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    let at = html
        .find("<code id=\"calendar-url\">")
        .expect("calendar URL shown")
        + "<code id=\"calendar-url\">".len();
    let url = html[at..].split('<').next().unwrap().to_string();
    assert!(url.starts_with(&app.url) && url.ends_with(".ics"), "{url}");
    // Shown once: the settings page says a link exists, never the link.
    let (_, again) = app.page("/settings").await;
    assert!(
        again.contains("is active") && !again.contains(url.trim_start_matches(&app.url)),
        "{again}"
    );
    url
}

/// The feed fetched with no cookie at all (a calendar application).
async fn fetch_feed(url: &str) -> (StatusCode, String, String) {
    let r = reqwest::get(url).await.unwrap();
    let ct = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (r.status(), ct, r.text().await.unwrap())
}

/// RFC 5545 content lines unfolded and text unescaped.
fn unfolded(ics: &str) -> String {
    ics.replace("\r\n ", "")
        .replace("\\,", ",")
        .replace("\\;", ";")
        .replace("\\n", "\n")
}

fn uids(ics: &str) -> std::collections::BTreeSet<String> {
    unfolded(ics)
        .lines()
        .filter_map(|l| l.strip_prefix("UID:"))
        .map(str::to_string)
        .collect()
}

async fn calendar_link_serves_the_persons_ics_without_a_cookie(app: TestApp) {
    app.sign_up("ann").await;
    let token = app.token().await;
    app.onboard(&token).await;
    let url = new_calendar_link(&app).await;
    let (status, ct, ics) = fetch_feed(&url).await;
    assert_eq!(status, StatusCode::OK, "{ics}");
    assert_eq!(ct, "text/calendar; charset=utf-8");
    assert!(
        ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.trim_end().ends_with("END:VCALENDAR"),
        "{ics}"
    );
    let text = unfolded(&ics);
    assert!(text.matches("BEGIN:VEVENT").count() >= 3, "{text}");
    assert!(!text.contains("STATUS:CANCELLED"), "{text}");
    // The events are the plan's sessions: the first session's exercises are in them.
    let (_, plan) = app.api(Method::GET, "/api/v1/plan", &token, None).await;
    for e in plan["weeks"][0]["sessions"][0]["exercises"]
        .as_array()
        .unwrap()
    {
        let name = e["name"].as_str().unwrap();
        assert!(text.contains(name), "{name} not in {text}");
    }
    // The state was committed as delivered: a new plan's next fetch cancels
    // the old plan's events, which it can only know from the stored state.
    let (s, _) = app
        .api(Method::POST, "/api/v1/plan", &token, Some(json!({"goals": ["posture"], "level": "beginner", "equipment": ["mat"], "days": 2, "minutes": 30})))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (status, _, second) = fetch_feed(&url).await;
    assert_eq!(status, StatusCode::OK);
    let cancelled = unfolded(&second).matches("STATUS:CANCELLED").count();
    assert!(
        cancelled >= 1,
        "the old plan's sessions are cancelled: {second}"
    );
    assert!(
        uids(&ics).is_subset(&uids(&second)),
        "every event sent before is sent again (moved, kept or cancelled)"
    );
}

async fn calendar_links_are_per_person_and_revocable(app: TestApp) {
    app.sign_up("ann").await;
    let ann_token = app.token().await;
    app.onboard(&ann_token).await;
    let ann_url = new_calendar_link(&app).await;
    let bob = clone_url(&app);
    let bob_csrf = bob.sign_up("bob").await;
    let bob_token = bob.token().await;
    bob.onboard(&bob_token).await;
    let bob_url = new_calendar_link(&bob).await;
    let (_, _, ann_ics) = fetch_feed(&ann_url).await;
    let (s, _, bob_ics) = fetch_feed(&bob_url).await;
    assert_eq!(s, StatusCode::OK);
    // Same plan answers, different people: no event of one is the other's.
    assert!(!uids(&ann_ics).is_empty() && uids(&ann_ics).is_disjoint(&uids(&bob_ics)));
    // Unknown, malformed or not-.ics secrets: a bare 404 with no detail.
    let base = format!("{}/calendar/", app.url);
    for bad in [
        format!("{base}{}.ics", "a".repeat(64)),
        format!("{base}nope.ics"),
        ann_url.trim_end_matches(".ics").to_string(),
        format!("{}.txt", ann_url.trim_end_matches(".ics")),
    ] {
        let (s, _, body) = fetch_feed(&bad).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{bad}");
        assert_eq!(body, "not found\n", "{bad}");
    }
    // A session cookie opens nobody's feed: only the secret counts.
    let (s, _) = bob.page(&format!("/calendar/{}.ics", "b".repeat(64))).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Revoked: 404; a new link replaces the old one.
    let r = bob
        .post_form("/settings/calendar/revoke", &[("csrf", &bob_csrf)])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (s, _, body) = fetch_feed(&bob_url).await;
    assert_eq!((s, body.as_str()), (StatusCode::NOT_FOUND, "not found\n"));
    let r = bob
        .post_form("/settings/calendar/revoke", &[("csrf", &bob_csrf)])
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "nothing left to revoke");
    let first = new_calendar_link(&app).await;
    assert_ne!(first, ann_url);
    let (s, _, _) = fetch_feed(&ann_url).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "the replaced link is dead");
    let (s, _, again) = fetch_feed(&first).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        uids(&again),
        uids(&ann_ics),
        "the new link serves the same calendar"
    );
    // Revoking needs the session's CSRF token.
    let r = app
        .post_form("/settings/calendar/revoke", &[("csrf", &"0".repeat(64))])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let (s, _, _) = fetch_feed(&first).await;
    assert_eq!(s, StatusCode::OK);
}
