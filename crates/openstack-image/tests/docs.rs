//! The guide `docs/image.md` quotes this crate's examples whole: check that the quotes match
//! the files (which are compiled with the crate), so the guide never shows stale code.

#[test]
fn guide_quotes_the_examples_exactly() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let guide = std::fs::read_to_string(root.join("docs/image.md")).expect("the guide");
    let mut checked = 0;
    let mut rest = guide.as_str();
    while let Some(at) = rest.find("<!-- example: ") {
        rest = &rest[at + "<!-- example: ".len()..];
        let (path, after) = rest.split_once(" -->").expect("marker end");
        let body = after.split_once("```rust,no_run\n").expect("code block").1;
        let (code, _) = body.split_once("\n```\n").expect("block end");
        let file = std::fs::read_to_string(root.join(path)).expect("example file");
        assert_eq!(
            code,
            file.trim_end_matches('\n'),
            "{path} is quoted out of date"
        );
        checked += 1;
    }
    let examples = std::fs::read_dir(root.join("crates/openstack-image/examples"))
        .expect("examples")
        .count();
    assert_eq!(checked, examples, "every example is quoted");
}
