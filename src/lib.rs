//! nianbao: draft, check and export the 政府信息公开工作年度报告.
//!
//! The core (format, draft, rules, export, import, storage) knows nothing of the terminal;
//! the command line (and the TUI) are thin layers over it.

pub mod alloc;
pub mod char_search;
pub mod check;
pub mod cli;
pub mod diff;
pub mod document;
pub mod draft;
pub mod export;
pub mod format;
pub mod fsread;
pub mod i18n;
pub mod import;
pub mod lcs;
pub mod pairing;
pub mod paste;
pub mod rules;
pub mod sanitize;
pub mod storage;
pub mod summary;
pub mod textwidth;
pub mod trim;
pub mod tui;
pub mod value;
