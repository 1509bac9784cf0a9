//! Links into the web app, written into e-mails: the app's public address (`WORKIT_PUBLIC_URL`)
//! joined to a page's path. Without an address, e-mails carry no links.

/// The web app's page at `path` (starting with `/`), or none when the address is unknown.
pub fn page(public_url: Option<&str>, path: &str) -> Option<String> {
    public_url.map(|base| format!("{}{path}", base.trim_end_matches('/')))
}

/// A meeting's page.
pub fn meeting(public_url: Option<&str>, meeting_id: i64) -> Option<String> {
    page(public_url, &format!("/meetings/{meeting_id}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_the_address_and_the_path_with_one_slash() {
        assert_eq!(meeting(Some("https://hub.example/"), 7).as_deref(), Some("https://hub.example/meetings/7"));
        assert_eq!(page(Some("https://hub.example"), "/towns/3").as_deref(), Some("https://hub.example/towns/3"));
    }

    #[test]
    fn gives_no_link_without_an_address() {
        assert_eq!(meeting(None, 7), None);
    }
}
