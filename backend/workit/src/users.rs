//! `workit user add`: accounts for real people, created by an operator.

use std::io::Read as _;

use anyhow::{Context as _, bail};
use chrono::{DateTime, Utc};
use rand::distr::{Alphanumeric, SampleString};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};
use workit_domain::SystemRole;
use workit_domain::accounts::AccountRole;
use workit_persistence::Database;
use workit_persistence::accounts::manage;
use workit_persistence::accounts::{NewUser, create_user};
use workit_persistence::entities::{regions, towns};

use crate::cli::AddUser;
use workit_domain::validation::codes;

pub async fn add(db: &Database, args: AddUser, now: DateTime<Utc>) -> anyhow::Result<()> {
    let role = args.role.trim().to_uppercase();
    let Some(account_role) = AccountRole::parse(&role) else {
        bail!(
            "unknown role {role:?}: use ADMIN, NATIONAL, REGIONAL_COORDINATOR, CHAIR, EMPLOYMENT_LEAD, REFERENT or MEMBER"
        )
    };
    let (system_role, town_role) = (account_role.system_role(), account_role.town_role());
    let mut v = workit_domain::Validator::new();
    let email = v.optional_email("email", Some(&args.email));
    let name = v.required_text("name", &args.name, 200);
    if v.finish().is_err() {
        bail!("give a valid --email and a non-empty --name");
    }
    let email = email.context("--email is required")?;

    let password = if args.password_stdin {
        let mut input = String::new();
        std::io::stdin().read_to_string(&mut input).context("reading the password from standard input")?;
        input.trim_end_matches(['\r', '\n']).to_owned()
    } else {
        Alphanumeric.sample_string(&mut rand::rng(), 20)
    };
    workit_domain::accounts::check_password(&password, &[&email, &name]).map_err(|_| {
        anyhow::anyhow!(
            "the password is too weak: at least {} characters, not a common or guessable one",
            workit_domain::accounts::MIN_PASSWORD_CHARS
        )
    })?;
    let password_hash = workit_api::auth::password::hash_now(&password).map_err(|e| anyhow::anyhow!("{e}"))?;

    let region_id = match (system_role, &args.region) {
        (SystemRole::RegionalCoordinator, Some(region)) => Some(find_region(db, region).await?),
        (SystemRole::RegionalCoordinator, None) => bail!("a regional coordinator needs --region"),
        (_, Some(_)) => bail!("--region is only for REGIONAL_COORDINATOR"),
        _ => None,
    };
    let town_id = match (town_role, &args.town) {
        (Some(_), Some(town)) => Some(find_town(db, town).await?),
        (Some(_), None) => bail!("a town role needs --town"),
        (None, Some(_)) => bail!("--town is only for town roles"),
        (None, None) => None,
    };

    let txn = db.begin().await?;
    let person_id = match (town_role, town_id) {
        (Some(role), Some(town)) => Some(
            workit_persistence::accounts::manage::grant_town_role(&txn, town, &name, &email, role, now)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?,
        ),
        _ => None,
    };
    let user = NewUser {
        email: email.clone(),
        display_name: name,
        password_hash,
        system_role,
        region_id,
        person_id,
        locale: "he".into(),
    };
    create_user(&txn, user, now).await.map_err(|e| match e {
        workit_persistence::StoreError::Domain(workit_domain::DomainError::Conflict { .. }) => {
            anyhow::anyhow!("an account with e-mail {email} already exists")
        }
        other => anyhow::anyhow!("{other}"),
    })?;
    txn.commit().await?;
    println!("Created {email} ({role}).");
    if !args.password_stdin {
        println!("One-time password (give it to the user over a separate channel): {password}");
    }
    Ok(())
}

pub async fn list(db: &Database) -> anyhow::Result<()> {
    for user in manage::all(db).await.map_err(|e| anyhow::anyhow!("{e}"))? {
        let state = if user.disabled_at.is_some() { "disabled" } else { "active" };
        println!("{}\t{}\t{}\t{state}\t{}", user.id, user.email, user.system_role, user.display_name);
    }
    Ok(())
}

pub async fn set_disabled(db: &Database, email: &str, disabled: bool, now: DateTime<Utc>) -> anyhow::Result<()> {
    let user =
        manage::set_disabled_by_operator(db, email, disabled, now).await.map_err(|e| operator_error(e, email))?;
    println!("{} {}.", if disabled { "Disabled" } else { "Enabled" }, user.email);
    Ok(())
}

pub async fn reset_password(db: &Database, email: &str, now: DateTime<Utc>) -> anyhow::Result<()> {
    let (token, hash) = workit_api::auth::tokens::new_refresh_token();
    let user = manage::issue_reset_by_operator(db, email, hash, now).await.map_err(|e| operator_error(e, email))?;
    let base = std::env::var("WORKIT_PUBLIC_URL").unwrap_or_default();
    println!("One-time link for {} (valid 24 hours; give it over a separate channel):", user.email);
    println!("{}/set-password/{token}", base.trim_end_matches('/'));
    Ok(())
}

fn operator_error(error: workit_persistence::StoreError, email: &str) -> anyhow::Error {
    match error {
        workit_persistence::StoreError::Domain(workit_domain::DomainError::NotFound { .. }) => {
            anyhow::anyhow!("no account with e-mail {email}")
        }
        workit_persistence::StoreError::Domain(workit_domain::DomainError::Validation(fields))
            if fields.iter().any(|f| f.code == codes::ACCOUNT_DISABLED) =>
        {
            anyhow::anyhow!("{email} is disabled: enable it first")
        }
        other => anyhow::anyhow!("{other}"),
    }
}

async fn find_region(db: &Database, key: &str) -> anyhow::Result<i64> {
    let found = match key.parse::<i64>() {
        Ok(id) => regions::Entity::find_by_id(id).one(db).await?,
        Err(_) => regions::Entity::find().filter(regions::Column::Code.eq(key.to_lowercase())).one(db).await?,
    };
    found.map(|r| r.id).with_context(|| format!("no region {key:?}"))
}

async fn find_town(db: &Database, key: &str) -> anyhow::Result<i64> {
    let found = match key.parse::<i64>() {
        Ok(id) => towns::Entity::find_by_id(id).one(db).await?,
        Err(_) => {
            let all = towns::Entity::find().all(db).await?;
            all.into_iter().find(|t| {
                t.name_en.eq_ignore_ascii_case(key.trim())
                    || t.name_he == key.trim()
                    || t.name_ar.as_deref() == Some(key.trim())
            })
        }
    };
    found.map(|t| t.id).with_context(|| format!("no town {key:?}"))
}
