//! A journal as schema 1 wrote it, before the hash chain: tests of what a
//! rule refuses on replay edit such a journal, since an edit of a chained one
//! breaks its chain first.

/// `journal` (written by this build) with the schema-1 header and its lines without their `"hash"`.
pub fn schema_1(journal: &str) -> String {
    let mut lines = journal.lines();
    let header = lines.next().expect("a header");
    assert!(header.contains(r#""schema_version":2"#), "{header}");
    let mut out = String::from("{\"format\":\"coopetition-journal\",\"schema_version\":1}\n");
    for line in lines {
        let at = line.rfind(r#","hash":""#).expect("a hash");
        out.push_str(&line[..at]);
        out.push_str("}\n");
    }
    out
}
