#[test]
fn docs_schema_graphql_is_what_the_binary_prints() {
    let output =
        std::process::Command::new(crate::helpers::workit_binary()).arg("schema").output().expect("run workit schema");
    assert!(output.status.success());
    let printed = String::from_utf8(output.stdout).unwrap();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/schema.graphql");
    let documented = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        printed == documented,
        "docs/schema.graphql is out of date: run `cargo run -p workit -- schema > docs/schema.graphql`"
    );
}
