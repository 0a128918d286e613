//! The crate's modules depend on each other one way: the format knows nothing else; values
//! and drafts know the format; the rules know those; the importers, exporters and the check
//! build on the rules; only the CLI and the TUI sit on top. Read from the sources' `crate::`
//! paths (test code excluded), so a new circle fails here instead of growing quietly.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// What each core module may use of the crate. Modules not named here are not constrained,
/// except that none below the front ends may use them (see the second test).
const ALLOWED: &[(&str, &[&str])] = &[
    ("format", &[]),
    ("i18n", &[]),
    ("textwidth", &[]),
    ("trim", &[]),
    ("char_search", &[]),
    ("value", &["format", "trim"]),
    ("draft", &["format", "value", "trim"]),
    ("lcs", &[]),
    (
        "rules",
        &[
            "format",
            "value",
            "draft",
            "i18n",
            "lcs",
            "trim",
            "char_search",
        ],
    ),
];

const FRONT_ENDS: &[&str] = &["cli", "tui"];

/// The source of a file without its test code: an item under `#[cfg(test)]` (a `mod tests`
/// block or a `use`) is skipped to its end by counting braces.
fn without_tests(source: &str) -> String {
    let mut out = String::new();
    let mut lines = source.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "#[cfg(test)]" {
            let mut depth = 0i32;
            let mut opened = false;
            for item in lines.by_ref() {
                depth += item.matches('{').count() as i32 - item.matches('}').count() as i32;
                opened |= item.contains('{');
                if (opened && depth <= 0) || (!opened && item.trim_end().ends_with(';')) {
                    break;
                }
            }
            continue;
        }
        // Comments may name other modules (`see crate::export`); only code counts.
        let code = line.split("//").next().unwrap_or("");
        out.push_str(code);
        out.push('\n');
    }
    out
}

/// For each top-level module, the other top-level modules its non-test code names.
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "tests") {
                    stack.push(path);
                }
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs")
                || path.file_name().is_some_and(|n| n == "tests.rs")
            {
                continue;
            }
            let rel = path.strip_prefix(&src).expect("under src");
            let first = rel.components().next().expect("a component");
            let module = first
                .as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string();
            if module == "main" || module == "lib" {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("readable");
            let code = without_tests(&text);
            let used = deps.entry(module.clone()).or_default();
            for (i, _) in code.match_indices("crate::") {
                let name: String = code[i + "crate::".len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && name != module {
                    used.insert(name);
                }
            }
        }
    }
    deps
}

#[test]
fn the_core_depends_one_way() {
    let deps = dependencies();
    assert!(
        deps.contains_key("rules") && deps.contains_key("format"),
        "{deps:?}"
    );
    for (module, allowed) in ALLOWED {
        let used = deps.get(*module).cloned().unwrap_or_default();
        let extra: Vec<&String> = used
            .iter()
            .filter(|u| !allowed.contains(&u.as_str()))
            .collect();
        assert!(
            extra.is_empty(),
            "src/{module} uses {extra:?}; the core's layers allow it only {allowed:?}"
        );
    }
}

#[test]
fn only_the_front_ends_use_the_front_ends() {
    for (module, used) in dependencies() {
        if FRONT_ENDS.contains(&module.as_str()) {
            continue;
        }
        for front in FRONT_ENDS {
            assert!(
                !used.contains(*front),
                "src/{module} uses crate::{front}: the CLI and the TUI sit on top of the core"
            );
        }
    }
}

#[test]
fn test_code_and_comments_are_not_counted() {
    let source = "use crate::format::Format;\n// crate::tui in a comment\n#[cfg(test)]\nmod tests {\n    use crate::tui::App;\n    fn f() { if x { y } }\n}\n#[cfg(test)]\nuse crate::cli::Ctx;\nfn g() -> crate::value::Number { todo!() }\n";
    let code = without_tests(source);
    assert!(code.contains("crate::format") && code.contains("crate::value"));
    assert!(
        !code.contains("crate::tui") && !code.contains("crate::cli"),
        "{code}"
    );
}
