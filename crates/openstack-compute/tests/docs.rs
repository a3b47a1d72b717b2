//! The guide (`docs/compute.md`) quotes the examples verbatim, so its code compiles.

#[test]
fn guide_quotes_the_examples() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let Ok(guide) = std::fs::read_to_string(root.join("../../docs/compute.md")) else {
        eprintln!("SKIPPED: docs/compute.md not found");
        return;
    };
    for ex in [
        "servers_create",
        "servers_list",
        "servers_resize",
        "servers_delete",
    ] {
        let src = std::fs::read_to_string(root.join(format!("examples/{ex}.rs")))
            .unwrap_or_else(|e| panic!("{ex}: {e}"));
        assert!(
            guide.contains(&src),
            "docs/compute.md does not quote examples/{ex}.rs as it is"
        );
    }
}
