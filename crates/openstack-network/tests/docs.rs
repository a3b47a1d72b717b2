//! The guide `docs/network.md` quotes this crate's examples whole: check that every example
//! (compiled with the crate) appears verbatim in a code block, so the guide never shows stale
//! code.

#[test]
fn guide_quotes_every_example_exactly() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let guide = std::fs::read_to_string(root.join("docs/network.md")).expect("the guide");
    let mut checked = 0;
    for entry in std::fs::read_dir(root.join("crates/openstack-network/examples")).expect("dir") {
        let path = entry.expect("entry").path();
        let file = std::fs::read_to_string(&path).expect("example file");
        let block = format!("```rust\n{}\n```\n", file.trim_end_matches('\n'));
        assert!(
            guide.contains(&block),
            "{} is not quoted (or quoted out of date) in docs/network.md",
            path.display()
        );
        checked += 1;
    }
    assert!(checked >= 9, "only {checked} examples");
}
