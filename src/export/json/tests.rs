//! The export is validated against docs/EXPORT-JSON.md itself: the field tables there are
//! read and every object of an export must have exactly the fields listed, of the listed type.

use super::*;
use crate::document::fixture::complete;
use serde_json::Value;
use std::collections::BTreeMap;

const DOC: &str = include_str!("../../../docs/EXPORT-JSON.md");

/// `## heading` → (field → type) from the page's tables.
fn documented() -> BTreeMap<String, BTreeMap<String, String>> {
    let mut out: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut current = String::new();
    for line in DOC.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            // `## \`cell\` (each item of …)` names the object `cell`.
            current = h.split('`').nth(1).unwrap_or(h).to_string();
        } else if let Some(rest) = line.strip_prefix("| `") {
            let cols: Vec<&str> = rest.split(" | ").collect();
            let field = cols[0].trim_end_matches('`').to_string();
            let ty = cols[1].replace("\\|", "|");
            out.entry(current.clone()).or_default().insert(field, ty);
        }
    }
    out
}

fn check_object(
    doc: &BTreeMap<String, BTreeMap<String, String>>,
    table: &str,
    v: &Value,
) -> Result<(), String> {
    let fields = doc.get(table).ok_or(format!("no table {table}"))?;
    let obj = v.as_object().ok_or(format!("{table}: not an object"))?;
    for k in obj.keys() {
        if !fields.contains_key(k) {
            return Err(format!("{table}: undocumented field {k}"));
        }
    }
    for (field, ty) in fields {
        let value = obj.get(field).ok_or(format!("{table}: missing {field}"))?;
        check_type(doc, ty, value).map_err(|e| format!("{table}.{field}: {e}"))?;
    }
    Ok(())
}

fn check_type(
    doc: &BTreeMap<String, BTreeMap<String, String>>,
    ty: &str,
    v: &Value,
) -> Result<(), String> {
    let ok = match ty {
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "boolean" => v.is_boolean(),
        "string|null" => v.is_string() || v.is_null(),
        "[string]" => v.as_array().is_some_and(|a| a.iter().all(Value::is_string)),
        // Described in prose: checked by hand below.
        "{location}" | "{message}" => v.is_object(),
        t if t.starts_with("[{") => {
            let name = &t[2..t.len() - 2];
            for item in v.as_array().ok_or("not an array")? {
                check_object(doc, name, item)?;
            }
            true
        }
        t if t.starts_with('{') => {
            check_object(doc, &t[1..t.len() - 1], v)?;
            true
        }
        t => return Err(format!("undocumented type {t}")),
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{v} is not {ty}"))
    }
}

fn validate(v: &Value) -> Result<(), String> {
    let doc = documented();
    check_object(&doc, "Top level", v)?;
    for d in v["diagnostics"].as_array().into_iter().flatten() {
        let loc = d["location"].as_object().ok_or("location")?;
        if !loc["text"].is_string() {
            return Err("location.text".into());
        }
        for (k, val) in loc {
            let fine = match k.as_str() {
                "text" | "section" | "table" | "row" | "column" => val.is_string(),
                "section_line" | "line" => val.is_u64(),
                _ => false,
            };
            if !fine {
                return Err(format!("location.{k}"));
            }
        }
        let m = d["message"].as_object().ok_or("message")?;
        if m.len() != 2 || !m["zh"].is_string() || !m["en"].is_string() {
            return Err("message".into());
        }
    }
    Ok(())
}

#[test]
fn the_page_documents_every_object() {
    let doc = documented();
    for t in ["Top level", "metadata", "section", "cell", "diagnostic"] {
        assert!(doc.contains_key(t), "{t}");
    }
    assert!(DOC.contains(SCHEMA));
}

#[test]
fn an_export_has_the_documented_shape() {
    let (f, d, e) = complete();
    let v: Value =
        serde_json::from_str(&render(&Document::build(f, &d, &e, &e.diagnostics))).expect("json");
    validate(&v).expect("valid");
    assert_eq!(v["schema"], SCHEMA);
    assert_eq!(v["nianbao_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        v["metadata"]["content_hash"],
        crate::document::content_hash(&d)
    );
    assert_eq!(v["sections"].as_array().map(Vec::len), Some(6));
    // Every cell of the format, each with the draft's value (or its computed total).
    let cells = v["cells"].as_array().expect("cells");
    assert_eq!(cells.len(), f.cells().len());
    for c in cells {
        let key = format!(
            "{}.{}.{}",
            c["table"].as_str().unwrap_or(""),
            c["row"].as_str().unwrap_or(""),
            c["column"].as_str().unwrap_or("")
        );
        let cell = crate::format::CellRef::parse_key(&key).expect("key");
        assert_eq!(c["value"].as_str(), e.display(&cell).as_deref(), "{key}");
        assert_eq!(
            c["computed"],
            e.cells
                .get(&cell)
                .expect("a cell of the format")
                .is_computed,
            "{key}"
        );
    }
    let commercial = cells
        .iter()
        .find(|c| c["table"] == "t3" && c["row"] == "new" && c["column"] == "commercial")
        .expect("cell");
    assert_eq!(
        commercial["column_labels"],
        serde_json::json!(["法人或其他组织", "商业企业"])
    );
    assert_eq!(commercial["row_label"], "一、本年新收政府信息公开申请数量");
}

#[test]
fn a_forced_export_carries_the_diagnostics_and_still_validates() {
    let (f, mut d, _) = complete();
    d.set_cell(f, &crate::format::CellRef::new("t3", "new", "natural"), "1");
    let e = crate::rules::evaluate(f, &d, crate::rules::Stage::Final, d.created.date_naive());
    let v: Value =
        serde_json::from_str(&render(&Document::build(f, &d, &e, &e.diagnostics))).expect("json");
    validate(&v).expect("valid");
    assert_eq!(v["metadata"]["passed_check"], false);
    let diags = v["diagnostics"].as_array().expect("diagnostics");
    assert!(diags.iter().any(|d| d["severity"] == "error"));
}

#[test]
fn the_validator_rejects_a_wrong_shape() {
    let (f, d, e) = complete();
    let mut v: Value =
        serde_json::from_str(&render(&Document::build(f, &d, &e, &e.diagnostics))).expect("json");
    v["year"] = Value::from("2024");
    assert!(validate(&v).is_err());
    let mut v2: Value =
        serde_json::from_str(&render(&Document::build(f, &d, &e, &e.diagnostics))).expect("json");
    v2["metadata"]["extra"] = Value::from(1);
    assert!(validate(&v2).is_err());
}

#[test]
fn the_preamble_and_the_signature_are_exported() {
    let (f, d, e) = complete();
    let v: Value =
        serde_json::from_str(&render(&Document::build(f, &d, &e, &e.diagnostics))).expect("json");
    assert_eq!(
        (
            v["preamble"].as_str(),
            v["signature"].as_array().map(Vec::len)
        ),
        (Some(""), Some(0))
    );
    let mut d = d;
    d.set_section_text("preamble", "本报告根据《条例》编制。\n\n如有疑问请联系。");
    d.set_section_text("signature", "某某市某某局\n\n2025年1月20日\n");
    let v: Value =
        serde_json::from_str(&render(&Document::build(f, &d, &e, &e.diagnostics))).expect("json");
    validate(&v).expect("valid");
    assert_eq!(
        v["preamble"],
        "本报告根据《条例》编制。\n\n如有疑问请联系。"
    );
    assert_eq!(
        v["signature"],
        serde_json::json!(["某某市某某局", "2025年1月20日"])
    );
    // The six sections stay six: the parts are not sections.
    assert_eq!(v["sections"].as_array().map(Vec::len), Some(6));
}
