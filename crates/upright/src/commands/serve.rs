//! `upright serve`: the web app and the JSON API (upright-web) over the same
//! database as the CLI. Prints the URL, logs requests (tracing, `RUST_LOG`),
//! stops gracefully on Ctrl-C or SIGTERM.

use crate::error::{CliError, CliResult};
use clap::Args;
use std::sync::Arc;
use upright_core::catalog::Catalog;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0: any free port).
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// Mark cookies Secure and send HSTS: set when served over TLS (directly or behind a proxy).
    #[arg(long)]
    pub secure_cookies: bool,
}

pub async fn run(args: ServeArgs, catalog: &Catalog, db: Option<&str>) -> CliResult<i32> {
    let config = upright_web::Config {
        addr: args.addr,
        db: super::coach::target(db)?,
        catalog: Arc::new(catalog.clone()),
        secure_cookies: args.secure_cookies,
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn")),
        )
        .with_writer(std::io::stderr)
        .try_init();
    // The CLI's runtime has one thread; the server gets its own, multi-threaded.
    let served = std::thread::spawn(move || -> CliResult<()> {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(|e| {
                CliError::Internal(anyhow::anyhow!("cannot start the server runtime: {e}"))
            })?;
        rt.block_on(async move {
            let server = upright_web::Application::build(config)
                .await
                .map_err(|e| match e {
                    upright_web::StartError::App(e) => CliError::from(e),
                    other => CliError::bad(other.to_string()),
                })?;
            super::write_ack(
                &format!("upright: serving on {}\n", server.url()),
                "serving",
            );
            server
                .run_until_stopped(upright_web::shutdown_signal())
                .await
                .map_err(|e| CliError::Internal(anyhow::anyhow!("server: {e}")))
        })
    })
    .join()
    .map_err(|_| CliError::Internal(anyhow::anyhow!("the server thread panicked")))?;
    served.map(|()| 0)
}
