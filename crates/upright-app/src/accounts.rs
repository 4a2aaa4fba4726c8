//! Web accounts: sign up, log in (argon2id), sessions, personal API tokens
//! and the rate limit on both doors. Secrets are random 256-bit values shown
//! once; the store keeps their SHA-256 only, so a leaked database opens no
//! session. Nothing here knows HTTP: the web crate moves the secrets in
//! cookies and headers.

use crate::{Actor, App, AppError, AppResult, ErrorKind};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use serde::Serialize;
use sha2::{Digest, Sha256};
use upright_core::text::echo;
use upright_store::ApiTokenRow;

/// How long a session lasts without logging in again.
pub const SESSION_DAYS: i64 = 30;
/// Attempts allowed per window on each door (per login and per client).
pub const ATTEMPTS_PER_WINDOW: u32 = 10;
/// The rate-limit window.
pub const WINDOW_MINUTES: i64 = 15;
pub const PASSWORD_MIN: usize = 10;
pub const PASSWORD_MAX: usize = 200;

/// A session just opened: the secret for the cookie and the CSRF token.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub secret: String,
    pub csrf: String,
    pub expires: DateTime<Utc>,
}

/// A session found from its cookie secret.
#[derive(Debug, Clone)]
pub struct Session {
    pub actor: Actor,
    pub login: String,
    pub csrf: String,
}

/// A new API token: `secret` is shown once.
#[derive(Debug, Clone, Serialize)]
pub struct NewToken {
    pub id: i64,
    pub name: String,
    pub secret: String,
}

/// 256 random bits as 64 hex digits.
pub fn random_secret() -> String {
    let mut b = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

/// SHA-256 hex of a secret (what the store keeps).
pub fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// A login: 3 to 60 characters, lower-case letters, digits, `.`, `_`, `-`.
pub fn parse_login(s: &str) -> AppResult<String> {
    let l = s.trim().to_lowercase();
    let ok = (3..=60).contains(&l.chars().count())
        && l.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
    if !ok {
        return Err(AppError::bad(
            "login",
            format!(
                "'{}' is not accepted; accepted: 3 to 60 letters, digits, '.', '_' or '-'",
                echo(s)
            ),
        ));
    }
    Ok(l)
}

fn check_password(p: &str) -> AppResult<()> {
    let n = p.chars().count();
    if !(PASSWORD_MIN..=PASSWORD_MAX).contains(&n) {
        return Err(AppError::bad(
            "password",
            format!("{n} characters; accepted: {PASSWORD_MIN} to {PASSWORD_MAX} characters"),
        ));
    }
    Ok(())
}

fn denied(message: &str) -> AppError {
    AppError::new(ErrorKind::Unauthorized, "", message)
}

async fn hash_password(password: String) -> AppResult<String> {
    // argon2id with the crate's defaults (19 MiB, 2 passes): off the async threads.
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::internal(format!("hashing: {e}")))
    })
    .await
    .map_err(|e| AppError::internal(e.to_string()))?
}

async fn verify_password(password: String, hash: String) -> AppResult<bool> {
    tokio::task::spawn_blocking(move || {
        let parsed = PasswordHash::new(&hash)
            .map_err(|e| AppError::internal(format!("stored hash: {e}")))?;
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await
    .map_err(|e| AppError::internal(e.to_string()))?
}

/// A hash of a password nobody has, verified when the login is unknown so
/// that a wrong login costs as long as a wrong password.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0v3cl8GqIVuSGdVQ5CAHE1OqPw2YSUWdUC5P3Mi1yQs";

impl App {
    /// Counts an attempt at `door` (`login`, `signup`) by `who` (a login or a
    /// client address); refuses once the window is full.
    pub async fn attempt(&self, door: &str, who: &str, now: DateTime<Utc>) -> AppResult<()> {
        let bucket: String = format!("{door}:{}", digest(who));
        let ok = self
            .store
            .rate_hit(
                &bucket,
                ATTEMPTS_PER_WINDOW,
                Duration::minutes(WINDOW_MINUTES),
                now,
            )
            .await?;
        if ok {
            Ok(())
        } else {
            Err(AppError::new(
                ErrorKind::RateLimited,
                "",
                format!("too many attempts; wait {WINDOW_MINUTES} minutes and try again"),
            ))
        }
    }

    /// Creates an account and opens its first session.
    pub async fn sign_up(
        &self,
        login: &str,
        password: &str,
        now: DateTime<Utc>,
    ) -> AppResult<NewSession> {
        let login = parse_login(login)?;
        check_password(password)?;
        let hash = hash_password(password.to_string()).await?;
        let user = self
            .store
            .create_account(&login, &hash)
            .await?
            .ok_or_else(|| AppError::bad("login", "already taken; choose another"))?;
        self.open_session(Actor::of(&user), now).await
    }

    /// Checks a login and password; opens a session. The same message for
    /// an unknown login and a wrong password.
    pub async fn log_in(
        &self,
        login: &str,
        password: &str,
        now: DateTime<Utc>,
    ) -> AppResult<NewSession> {
        let wrong = || denied("wrong login or password");
        let Ok(login) = parse_login(login) else {
            return Err(wrong());
        };
        if password.chars().count() > PASSWORD_MAX {
            return Err(wrong());
        }
        let found = self.store.account_by_login(&login).await?;
        let (user, hash) = match found {
            Some((u, h)) => (Some(u), h),
            None => (None, DUMMY_HASH.to_string()),
        };
        let ok = verify_password(password.to_string(), hash).await?;
        match user {
            Some(u) if ok => self.open_session(Actor::of(&u), now).await,
            _ => Err(wrong()),
        }
    }

    async fn open_session(&self, actor: Actor, now: DateTime<Utc>) -> AppResult<NewSession> {
        let s = NewSession {
            secret: random_secret(),
            csrf: random_secret(),
            expires: now + Duration::days(SESSION_DAYS),
        };
        self.store
            .create_session(&digest(&s.secret), actor.id, &s.csrf, s.expires)
            .await?;
        Ok(s)
    }

    /// The session a cookie secret names, if it is open.
    pub async fn session(&self, secret: &str, now: DateTime<Utc>) -> AppResult<Option<Session>> {
        Ok(self
            .store
            .session(&digest(secret), now)
            .await?
            .map(|(u, csrf)| Session {
                login: u
                    .handle
                    .strip_prefix(upright_store::WEB_HANDLE_PREFIX)
                    .unwrap_or(&u.handle)
                    .to_string(),
                actor: Actor::of(&u),
                csrf,
            }))
    }

    pub async fn log_out(&self, secret: &str, now: DateTime<Utc>) -> AppResult<()> {
        Ok(self.store.delete_session(&digest(secret), now).await?)
    }

    /// The person a Bearer token names.
    pub async fn token_actor(&self, secret: &str) -> AppResult<Actor> {
        if secret.len() != 64 || !secret.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(denied("not a valid API token"));
        }
        match self.store.user_by_api_token(&digest(secret)).await? {
            Some(u) => Ok(Actor::of(&u)),
            None => Err(denied("not a valid API token (revoked or never issued)")),
        }
    }

    pub async fn create_token(&self, me: &Actor, name: &str) -> AppResult<NewToken> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
            return Err(AppError::bad(
                "name",
                "accepted: 1 to 100 characters, no control characters",
            ));
        }
        let secret = random_secret();
        let id = self
            .store
            .create_api_token(me.id, name, &digest(&secret))
            .await?;
        Ok(NewToken {
            id,
            name: name.to_string(),
            secret,
        })
    }

    pub async fn tokens(&self, me: &Actor) -> AppResult<Vec<ApiTokenRow>> {
        Ok(self.store.api_tokens(me.id).await?)
    }

    /// Revokes one of the person's tokens; another person's id is "not found".
    pub async fn revoke_token(&self, me: &Actor, id: i64) -> AppResult<()> {
        if self.store.revoke_api_token(me.id, id).await? {
            Ok(())
        } else {
            Err(AppError::new(
                ErrorKind::NotFound,
                "token",
                format!("you have no API token {id}"),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_and_secrets() {
        assert_eq!(parse_login(" Ann.B ").unwrap(), "ann.b");
        for bad in ["ab", "a b c", "ünïcode", "local:x", &"x".repeat(61)] {
            assert!(
                parse_login(bad)
                    .unwrap_err()
                    .to_string()
                    .starts_with("login: "),
                "{bad}"
            );
        }
        let s = random_secret();
        assert_eq!(s.len(), 64);
        assert_ne!(s, random_secret());
        assert_eq!(
            digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn dummy_hash_parses() {
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }
}
