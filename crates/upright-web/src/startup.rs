//! Building and running the server (zero2prod's `Application`): `build`
//! opens the database and binds the address (port 0 picks a free one, for
//! tests), `run_until_stopped` serves until the shutdown future resolves,
//! finishing the requests in flight.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;
use upright_app::{App, AppError, DbTarget};
use upright_core::catalog::Catalog;

use crate::routes;
use crate::state::AppState;

/// How to start a server.
#[derive(Clone)]
pub struct Config {
    /// `127.0.0.1:8080`; port 0 for any free port.
    pub addr: String,
    pub db: DbTarget,
    pub catalog: Arc<Catalog>,
    /// Mark cookies `Secure` and send HSTS (behind TLS).
    pub secure_cookies: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    App(#[from] AppError),
    #[error("addr: cannot listen on {addr}: {source}; accepted: HOST:PORT, e.g. 127.0.0.1:8080")]
    Bind {
        addr: String,
        source: std::io::Error,
    },
}

pub struct Application {
    listener: TcpListener,
    state: AppState,
    addr: SocketAddr,
}

impl Application {
    pub async fn build(config: Config) -> Result<Application, StartError> {
        let app = App::open(&config.db, config.catalog.clone()).await?;
        let listener =
            TcpListener::bind(&config.addr)
                .await
                .map_err(|source| StartError::Bind {
                    addr: config.addr.clone(),
                    source,
                })?;
        let addr = listener.local_addr().map_err(|source| StartError::Bind {
            addr: config.addr.clone(),
            source,
        })?;
        Ok(Application {
            listener,
            state: AppState {
                app,
                secure_cookies: config.secure_cookies,
            },
            addr,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The application the server runs over (tests use its store).
    pub fn app(&self) -> &App {
        &self.state.app
    }

    /// Serves until `shutdown` resolves, then lets requests in flight finish
    /// and closes the database pool.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let app = self.state.app.clone();
        let router = routes::router(self.state);
        let served = axum::serve(
            self.listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await;
        app.close().await;
        served
    }
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
