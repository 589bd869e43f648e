#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The repository explains itself and stays readable: no source file a
//! reader cannot hold, no import cycle between the modules of a crate, no
//! reference to a tracker's issue numbers, and every relative link of the
//! documentation points at a file that exists.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The longest source file a reader is asked to hold.
const MAX_LINES: usize = 1_000;

/// Directories never read: builds, environments, generated code.
const SKIPPED: [&str; 7] = ["target", ".git", ".venv", "node_modules", "__pycache__", ".mypy_cache", ".pytest_cache"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// Every file under `dir` (skipping [`SKIPPED`]) whose name ends with one of `endings`.
fn files(dir: &Path, endings: &[&str]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else { return found };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !SKIPPED.contains(&name.as_str()) {
                found.extend(files(&path, endings));
            }
        } else if endings.iter().any(|e| name.ends_with(e)) {
            found.push(path);
        }
    }
    found.sort();
    found
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root()).unwrap_or(path).display().to_string()
}

/// Whether a file says, in its first lines, that a tool writes it (the type
/// stubs, the error classes): a reader reads its source, not the file.
fn generated(text: &str) -> bool {
    let head: String = text.lines().take(3).collect::<Vec<_>>().join(" ");
    head.contains("generated") && head.contains("do not edit")
}

#[test]
fn no_source_file_is_longer_than_a_reader_can_hold() {
    let long: Vec<String> = files(&root(), &[".rs", ".py", ".kt", ".pyi"])
        .into_iter()
        .filter_map(|p| {
            let text = fs::read_to_string(&p).ok()?;
            let lines = text.lines().count();
            (lines > MAX_LINES && !generated(&text)).then(|| format!("{} ({lines} lines)", relative(&p)))
        })
        .collect();
    assert!(long.is_empty(), "source files over {MAX_LINES} lines: {long:?}");
}

/// Whether `text` names a tracker's issue (the word, then a number) or one
/// of its sections (the section sign, then a number): the code and the
/// documents name rules instead.
fn cites_an_issue(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    for (i, _) in lower.match_indices("issue") {
        let rest = lower[i + "issue".len()..].trim_start_matches([' ', '#']);
        if rest.len() < lower.len() - i - "issue".len() && rest.starts_with(|c: char| c.is_ascii_digit()) {
            return Some(text[i..].chars().take(20).collect());
        }
    }
    lower.match_indices('§').find_map(|(i, _)| {
        let rest = lower[i + '§'.len_utf8()..].trim_start();
        rest.starts_with(|c: char| c.is_ascii_digit()).then(|| text[i..].chars().take(20).collect())
    })
}

#[test]
fn the_code_and_documents_name_rules_not_issue_numbers() {
    // Spelled in pieces, so that this file does not cite what it looks for.
    assert!(cites_an_issue(&["see iss", "ue 3 for the rule"].concat()).is_some());
    assert!(cites_an_issue(&["(iss", "ue #12)"].concat()).is_some());
    assert!(cites_an_issue("the batch (\u{a7}6)").is_some());
    assert!(cites_an_issue("an issue of the journal, 3 times").is_none());
    let endings = [".rs", ".py", ".pyi", ".kt", ".md", ".toml", ".json", ".mk", "Makefile", ".xml", ".sh", "run"];
    let cited: Vec<String> = files(&root(), &endings)
        .into_iter()
        .flat_map(|p| {
            let text = fs::read_to_string(&p).unwrap_or_default();
            text.lines()
                .enumerate()
                .filter_map(|(n, line)| cites_an_issue(line).map(|c| format!("{}:{}: {c}", relative(&p), n + 1)))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(cited.is_empty(), "issue numbers cited: {cited:#?}");
}

/// The relative link targets of a Markdown text: `[text](target)`, without
/// web addresses, anchors within the page or a `#section` suffix.
fn links(markdown: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = markdown;
    while let Some(i) = rest.find("](") {
        rest = &rest[i + 2..];
        let Some(end) = rest.find(')') else { break };
        let target = rest[..end].split('#').next().unwrap_or("").trim();
        if !target.is_empty() && !target.contains("://") && !target.starts_with("mailto:") && !target.contains(' ') {
            found.push(target.to_owned());
        }
    }
    found
}

#[test]
fn every_relative_link_of_the_documentation_resolves() {
    assert_eq!(links("see [a](docs/a.md#x), [b](https://x.org) and [c](#here)"), ["docs/a.md"]);
    let broken: Vec<String> = files(&root(), &[".md"])
        .into_iter()
        .flat_map(|p| {
            let text = fs::read_to_string(&p).unwrap_or_default();
            let dir = p.parent().unwrap().to_path_buf();
            links(&text)
                .into_iter()
                .filter(|t| !dir.join(t).exists())
                .map(|t| format!("{} -> {t}", relative(&p)))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(broken.is_empty(), "broken links: {broken:#?}");
}

// ---- import cycles between the modules of a crate ------------------------------------

/// A module's path within its crate (`policy/batch` for
/// `src/policy/batch.rs` or `src/policy/batch/mod.rs`; empty for `lib.rs`).
type Module = Vec<String>;

fn module_of(src: &Path, file: &Path) -> Module {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Module = rel.iter().map(|s| s.to_string_lossy().into_owned()).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts
}

/// The text of a source file without comments and without its tests.
fn code_of(text: &str) -> String {
    let mut code = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let line = rest.find("//");
        let block = rest.find("/*");
        match (line, block) {
            (Some(l), b) if b.is_none_or(|b| l < b) => {
                code.push_str(&rest[..l]);
                rest = rest[l..].find('\n').map_or("", |e| &rest[l + e..]);
            }
            (_, Some(b)) => {
                code.push_str(&rest[..b]);
                rest = rest[b..].find("*/").map_or("", |e| &rest[b + e + 2..]);
            }
            _ => {
                code.push_str(rest);
                break;
            }
        }
    }
    code.split("#[cfg(test)]").next().unwrap_or("").to_owned()
}

/// The `crate::…` and `super::…` paths named in `code`, each as segments,
/// with `crate::{a, b::c}` groups spread out.
fn paths(code: &str, module: &Module) -> Vec<Module> {
    let mut found = Vec::new();
    for anchor in ["crate::", "super::"] {
        for (i, _) in code.match_indices(anchor) {
            let before = code[..i].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let mut base: Module = if anchor == "crate::" { Vec::new() } else { module.clone() };
            if anchor == "super::" {
                // `super` of `a/b.rs` and of `a/b/mod.rs` is `a`.
                base.pop();
            }
            let rest = &code[i + anchor.len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let inner = group.split('}').next().unwrap_or("");
                for item in inner.split(',') {
                    let mut p = base.clone();
                    p.extend(item.trim().split("::").map(str::to_owned).filter(|s| !s.is_empty()));
                    found.push(p);
                }
            } else {
                let mut p = base;
                p.extend(
                    rest.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                        .next()
                        .unwrap_or("")
                        .split("::")
                        .take_while(|s| !s.is_empty())
                        .map(str::to_owned),
                );
                found.push(p);
            }
        }
    }
    found
}

/// The strongly connected components of more than one module.
fn cycles(edges: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<String>> {
    // Reachability by depth-first search from each module: crates have tens of
    // files, so the quadratic walk is instant and needs no recursion.
    let reach = |from: &Module| -> BTreeSet<Module> {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&Module> = edges[from].iter().collect();
        while let Some(m) = todo.pop() {
            if seen.insert(m.clone()) {
                todo.extend(edges[m].iter());
            }
        }
        seen
    };
    let reachable: BTreeMap<&Module, BTreeSet<Module>> = edges.keys().map(|m| (m, reach(m))).collect();
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for m in edges.keys() {
        if done.contains(m) {
            continue;
        }
        let component: Vec<&Module> =
            edges.keys().filter(|n| *n == m || (reachable[m].contains(*n) && reachable[*n].contains(m))).collect();
        done.extend(component.iter().map(|n| (*n).clone()));
        if component.len() > 1 {
            out.push(component.iter().map(|n| n.join("/")).collect());
        }
    }
    out
}

fn crate_cycles(src: &Path) -> Vec<Vec<String>> {
    let sources = files(src, &[".rs"]);
    let modules: BTreeSet<Module> = sources.iter().map(|f| module_of(src, f)).collect();
    let resolve = |path: &Module| -> Option<Module> {
        (0..=path.len()).rev().map(|n| path[..n].to_vec()).find(|p| modules.contains(p))
    };
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = modules.iter().map(|m| (m.clone(), BTreeSet::new())).collect();
    for file in &sources {
        let module = module_of(src, file);
        let code = code_of(&fs::read_to_string(file).unwrap());
        for path in paths(&code, &module) {
            if let Some(target) = resolve(&path) {
                if target != module && !target.is_empty() {
                    edges.get_mut(&module).unwrap().insert(target);
                }
            }
        }
    }
    cycles(&edges)
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let m = |s: &str| s.split('/').map(str::to_owned).collect::<Module>();
    let mut edges = BTreeMap::new();
    edges.insert(m("a"), BTreeSet::from([m("b")]));
    edges.insert(m("b"), BTreeSet::from([m("c")]));
    edges.insert(m("c"), BTreeSet::from([m("a")]));
    edges.insert(m("d"), BTreeSet::from([m("a")]));
    assert_eq!(cycles(&edges), vec![vec!["a".to_owned(), "b".into(), "c".into()]]);
    let code =
        code_of("use crate::{x::Y, z};\n// use crate::w;\nfn f() { super::v::g() }\n#[cfg(test)]\nuse crate::t;");
    assert_eq!(paths(&code, &m("p/q")), vec![m("x/Y"), m("z"), m("p/v/g")]);
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let crates = ["core", "arrow", "bindings-python", "bindings-kotlin", "fuzz"];
    let found: Vec<String> = crates
        .iter()
        .map(|c| root().join(c).join("src"))
        .filter(|src| src.is_dir())
        .flat_map(|src| crate_cycles(&src).into_iter().map(move |c| format!("{}: {}", relative(&src), c.join(", "))))
        .collect();
    assert!(found.is_empty(), "import cycles: {found:#?}");
}
