//! `workit`: the WORKIT Hub server and its administration commands.

mod cli;
mod health;
mod settings;
mod users;

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::{Context as _, bail};
use clap::Parser;
use workit_api::{AppState, Clock as _, SystemClock};
use workit_persistence::demo;

use crate::cli::{Cli, Command, UserCommand};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    settings::init_tracing(&cli.log, cli.log_format_json);
    match cli.command {
        Command::Schema => {
            print!("{}", workit_api::graphql::sdl());
            Ok(())
        }
        Command::Migrate => {
            let db = settings::open_database(&cli.database_url, cli.max_connections).await?;
            workit_persistence::migrate(&db).await.context("applying migrations")?;
            println!("Migrations applied to {}.", workit_persistence::db::engine_name(&db));
            Ok(())
        }
        Command::SeedDemo { demo_password, scale } => {
            let db = settings::open_database(&cli.database_url, cli.max_connections).await?;
            workit_persistence::migrate(&db).await.context("applying migrations")?;
            seed_demo(&db, &demo_password, scale.into()).await
        }
        Command::Serve(serve) => run_server(&cli.database_url, cli.max_connections, serve).await,
        Command::Healthcheck { url } => match health::check(&url).await {
            Ok(()) => Ok(()),
            Err(error) => {
                eprintln!("not ready: {error:#}");
                std::process::exit(1);
            }
        },
        Command::User { command } => {
            let db = settings::open_database(&cli.database_url, cli.max_connections).await?;
            workit_persistence::migrate(&db).await.context("applying migrations")?;
            let now = SystemClock.now();
            match command {
                UserCommand::Add(add) => users::add(&db, add, now).await,
                UserCommand::List => users::list(&db).await,
                UserCommand::Disable(who) => users::set_disabled(&db, &who.email, true, now).await,
                UserCommand::Enable(who) => users::set_disabled(&db, &who.email, false, now).await,
                UserCommand::ResetPassword(who) => users::reset_password(&db, &who.email, now).await,
            }
        }
    }
}

async fn seed_demo(db: &workit_persistence::Database, password: &str, scale: demo::Scale) -> anyhow::Result<()> {
    if !demo::is_empty(db).await? {
        bail!(
            "The database already holds data; the demo data set loads only into an empty database. Point WORKIT_DATABASE_URL at a new file or database."
        );
    }
    let hash = workit_api::auth::password::hash_now(password).map_err(|e| anyhow::anyhow!("{e}"))?;
    let accounts =
        demo::seed_at_scale(db, &hash, SystemClock.now(), scale).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    println!("Demo data loaded (synthetic: every person, organisation and figure is invented).");
    println!("Demo logins, all with the password \"{password}\":");
    for account in accounts {
        println!("  {:<42} {:<22} {}", account.email, account.role, account.scope);
    }
    Ok(())
}

async fn run_server(database_url: &str, max_connections: Option<u32>, serve: cli::Serve) -> anyhow::Result<()> {
    let config = Arc::new(settings::api_config(&serve)?);
    // The GraphQL schemas are most of the start and need no database: built while it opens.
    let schemas = {
        let config = Arc::clone(&config);
        tokio::task::spawn_blocking(move || workit_api::graphql::documents::Executor::new(&config))
    };
    let mut db = settings::open_database(database_url, max_connections).await?;
    workit_api::request_cost::count_statements(&mut db);
    if !serve.no_migrate {
        workit_persistence::migrate(&db).await.context("applying migrations")?;
    }
    if serve.demo && demo::is_empty(&db).await? {
        seed_demo(&db, &serve.demo_password, demo::Scale::Demo).await?;
    }
    let graphql = schemas.await.context("building the GraphQL schemas")?;
    let state = AppState::with_graphql(db, config, Arc::new(SystemClock), graphql);
    workit_api::spawn_delivery(&state).context("the SMTP settings")?;
    workit_api::spawn_weekly_digest(&state);
    workit_api::spawn_access_listener(&state);
    let app = workit_api::router(state);
    let listener =
        tokio::net::TcpListener::bind(&serve.bind).await.with_context(|| format!("binding {}", serve.bind))?;
    let address = listener.local_addr()?;
    tracing::info!(%address, "listening");
    println!("WORKIT Hub is running at http://{address}/");
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("serving")?;
    tracing::info!("stopped");
    Ok(())
}

/// Finishes in-flight requests on SIGINT (Ctrl-C) or SIGTERM (container stop), then exits.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
