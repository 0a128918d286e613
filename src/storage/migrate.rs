//! Explicit, one-step migrations from every older draft layout to the current one. A draft is
//! migrated in memory when it is read; the file on disk is rewritten in the new layout only at
//! the next save (and the `.bak` of that save keeps the old one).
//!
//! Layout history:
//! - 1: the first layout.
//! - 2: adds `revision`, a count of saves, so that a reader can tell which of two copies of a
//!   draft (the draft and its `.bak`, or two files after a crash) is the newer one.

use crate::draft::SCHEMA_VERSION;
use serde_json::Value;

/// Brings `value` (a JSON object with `schema_version` = `from`) up to [`SCHEMA_VERSION`].
/// `Err` says why it cannot be (an unknown old version).
pub fn to_current(mut value: Value, from: u64) -> Result<Value, String> {
    let mut version = from;
    while version < SCHEMA_VERSION as u64 {
        value = match version {
            1 => v1_to_v2(value)?,
            v => return Err(format!("unknown schema_version {v}")),
        };
        version += 1;
    }
    Ok(value)
}

fn v1_to_v2(mut value: Value) -> Result<Value, String> {
    let obj = value
        .as_object_mut()
        .ok_or_else(|| "not a JSON object".to_string())?;
    obj.entry("revision").or_insert(Value::from(0u64));
    obj.insert("schema_version".into(), Value::from(2u64));
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_1_gains_a_revision_and_version_0_is_refused() {
        let v1 = serde_json::json!({"schema_version": 1, "id": "x"});
        let v2 = to_current(v1, 1).expect("migrates");
        assert_eq!(v2["schema_version"], 2);
        assert_eq!(v2["revision"], 0);
        assert!(to_current(serde_json::json!({"schema_version": 0}), 0).is_err());
        assert!(to_current(serde_json::json!([1]), 1).is_err());
    }
}
