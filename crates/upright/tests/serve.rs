//! `upright serve`: prints its URL, answers /health, refuses a bad address
//! (exit 2, naming `addr`), and stops on SIGTERM with exit 0 after finishing
//! requests in flight. The CLI's local user does not see a web user's data.

mod coach_common;

use coach_common::Env;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

fn http_get(addr: &str, path: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn serve_prints_its_url_answers_health_and_stops_on_sigterm() {
    let env = Env::new();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("upright"))
        .env_remove("UPRIGHT_DATABASE_URL")
        .env("RUST_LOG", "warn")
        .arg("--db")
        .arg(&env.db)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("upright: serving on ")
        .unwrap_or_else(|| panic!("{line}"))
        .to_string();
    let addr = url.strip_prefix("http://").unwrap();
    let health = http_get(addr, "/health");
    assert!(
        health.starts_with("HTTP/1.1 200") && health.contains("\"ok\""),
        "{health}"
    );
    let page = http_get(addr, "/login");
    assert!(page.contains("content-security-policy"), "{page}");
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let code = child.wait().unwrap();
    assert_eq!(code.code(), Some(0), "graceful stop exits 0");
    // The same database still works for the CLI afterwards.
    env.ok(&["config"]);
}

#[test]
fn serve_refuses_an_address_it_cannot_listen_on() {
    let env = Env::new();
    let out = env.run(&["serve", "--addr", "not-an-address"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("addr: "), "{err}");
}
