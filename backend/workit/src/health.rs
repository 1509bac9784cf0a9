//! `workit healthcheck`: the container's health probe, so the image needs no shell or curl
//! (the runtime image's /bin/sh is dash, which has no /dev/tcp).

use anyhow::{Context as _, bail};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

/// One plain HTTP/1.0 GET of a loopback `http://host:port/path`; ready means status 200.
pub async fn check(url: &str) -> anyhow::Result<()> {
    let rest = url.strip_prefix("http://").context("only http:// addresses are probed")?;
    let (authority, path) = rest.split_once('/').map_or((rest, "/".to_owned()), |(a, p)| (a, format!("/{p}")));
    let probe = async {
        let mut stream =
            tokio::net::TcpStream::connect(authority).await.with_context(|| format!("connecting to {authority}"))?;
        stream.write_all(format!("GET {path} HTTP/1.0\r\nHost: {authority}\r\n\r\n").as_bytes()).await?;
        let mut head = [0_u8; 32];
        let read = stream.read(&mut head).await?;
        anyhow::Ok(String::from_utf8_lossy(&head[..read]).into_owned())
    };
    let answer =
        tokio::time::timeout(std::time::Duration::from_secs(3), probe).await.context("no answer within 3 s")??;
    let status = answer.split_whitespace().nth(1).unwrap_or("none");
    if status != "200" {
        bail!("{url} answered {status}");
    }
    Ok(())
}
