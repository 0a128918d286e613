//! Every user-visible string of the core and the command line, one table per language.
//!
//! Templates name their parameters in braces (`{sum}`) and are filled with [`fill`].
//! Official labels never appear here: they come from the format asset.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// `--lang` when given, else `LC_ALL`/`LANG` starting with `en`, else Chinese.
    pub fn detect(explicit: Option<Lang>) -> Lang {
        if let Some(l) = explicit {
            return l;
        }
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var)
                && !v.is_empty()
            {
                return if v.starts_with("en") {
                    Lang::En
                } else {
                    Lang::Zh
                };
            }
        }
        Lang::Zh
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

/// A message in both languages (diagnostics carry both).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Localized {
    pub zh: String,
    pub en: String,
}

impl Localized {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// Fills the same template of both tables.
    pub fn from_template(pick: impl Fn(&Strings) -> &str, args: &[(&str, &str)]) -> Localized {
        Localized {
            zh: fill(pick(&ZH), args),
            en: fill(pick(&EN), args),
        }
    }
}

/// Replaces `{name}` with its value for each pair (in turn: a value's own `{…}` text is
/// filled by the pairs after it).
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    // Bytes, not characters: a value is often a sentence quoted from the report.
    let braced = |s: &str| memchr::memchr2(b'{', b'}', s.as_bytes()).is_some();
    if args.iter().any(|(k, v)| braced(k) || braced(v)) || !balanced(template) {
        return fill_in_turn(template, args);
    }
    // Every `{…}` of the template is a name no value can change and no filling can join to
    // others: one pass over the template fills each with its first pair, as the turns would.
    let mut out =
        String::with_capacity(template.len() + args.iter().map(|(_, v)| v.len()).sum::<usize>());
    let mut rest = template;
    while let Some(open) = memchr::memchr(b'{', rest.as_bytes()) {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = memchr::memchr(b'}', after.as_bytes()).unwrap_or(after.len());
        let name = &after[..close];
        match args.iter().find(|(k, _)| *k == name) {
            Some((_, v)) => out.push_str(v),
            None => {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
        }
        rest = &after[(close + 1).min(after.len())..];
    }
    out.push_str(rest);
    out
}

/// Whether the template's braces alternate `{`, `}`, `{`, … and end closed: each `{` opens a
/// name that its `}` ends.
fn balanced(template: &str) -> bool {
    let mut open = false;
    for b in template.bytes() {
        match b {
            b'{' if !open => open = true,
            b'}' if open => open = false,
            b'{' | b'}' => return false,
            _ => {}
        }
    }
    !open
}

/// [`fill`] as a replacement of every `{name}` in turn, each in the previous one's result.
fn fill_in_turn(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in args {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

pub struct Strings {
    // Diagnostics
    pub sum_mismatch: &'static str,
    pub cell_suspect: &'static str,
    pub balance_mismatch: &'static str,
    pub value_invalid: &'static str,
    pub reason_not_a_number: &'static str,
    pub reason_negative: &'static str,
    pub reason_not_integer: &'static str,
    pub reason_too_many_decimals: &'static str,
    pub value_extra_decimals: &'static str,
    pub cross_carry_over: &'static str,
    pub cross_stock_flow: &'static str,
    pub cross_same_text: &'static str,
    pub text_number_mismatch: &'static str,
    pub section_in_name_only: &'static str,
    pub text_wrong_year: &'static str,
    pub text_contradiction: &'static str,
    pub sum_exceeds: &'static str,
    pub sum_short: &'static str,
    pub zero_spelling: &'static str,
    pub reason_too_large: &'static str,
    pub reason_exponent: &'static str,
    pub reason_above_max: &'static str,
    pub reason_other_digits: &'static str,
    pub cell_blank: &'static str,
    pub section_empty: &'static str,
    pub numbering_collision: &'static str,
    pub text_missing_phrase: &'static str,
    pub year_in_future: &'static str,
    pub year_before_format: &'static str,
    pub agency_empty: &'static str,
    pub unknown_format: &'static str,
    pub missing_title: &'static str,
    pub missing_section: &'static str,
    pub missing_table: &'static str,
    pub missing_row: &'static str,
    pub unplaced_line: &'static str,
    pub duplicate_row: &'static str,
    pub values_dropped: &'static str,
    pub import_column_order: &'static str,
    pub import_group_column: &'static str,
    pub import_heading_variant: &'static str,
    pub import_heading_numbering: &'static str,
    pub import_narrative_split: &'static str,
    pub import_year_source: &'static str,
    pub import_kind_assumed: &'static str,
    pub import_ambiguous_digits: &'static str,
    pub import_no_split: &'static str,
    pub import_too_few_values: &'static str,
    pub import_label_variant: &'static str,
    pub import_single_row_group: &'static str,
    pub import_preamble: &'static str,
    pub import_preamble_kept: &'static str,
    pub import_format_2019: &'static str,
    pub import_bad_bytes: &'static str,
    pub import_bad_bytes_more: &'static str,
    pub import_html_too_deep: &'static str,
    pub import_value_sign: &'static str,
    pub import_value_digits: &'static str,
    pub import_value_unit: &'static str,
    // Locations
    pub loc_cell: &'static str,
    pub loc_section_line: &'static str,
    pub loc_report: &'static str,
    pub loc_line: &'static str,
    // Severities
    pub error: &'static str,
    /// The summary of a folder check (`--summary`): the report sheet's first columns (file,
    /// agency, year, kind, errors, warnings, completeness) …
    pub summary_columns: [&'static str; 7],
    /// … the column of findings against last year, of why a report was unreadable …
    pub summary_cross_year: &'static str,
    pub summary_unreadable: &'static str,
    pub summary_compared_clean: &'static str,
    /// A batch's cross-year finding ends naming the report compared with; the closing total
    /// counts the pairs.
    pub against_source: &'static str,
    pub check_total_paired: &'static str,
    /// … what the completeness column says …
    pub summary_complete: &'static str,
    pub summary_lacks: &'static str,
    pub list_sep: &'static str,
    /// … the diagnostics sheet's columns, the sheets' and the page's titles.
    pub summary_finding_columns: [&'static str; 6],
    pub summary_reports_sheet: &'static str,
    pub summary_findings_sheet: &'static str,
    pub summary_title: &'static str,
    pub summary_written: &'static str,
    pub summary_kind_unknown: &'static str,
    pub warning: &'static str,
    // Command line
    pub check_summary: &'static str,
    pub check_total: &'static str,
    pub check_clean: &'static str,
    pub export_refused: &'static str,
    pub export_written: &'static str,
    pub import_saved: &'static str,
    /// A draft saved (new or imported) whose id could not go to stdout.
    pub saved_as: &'static str,
    /// `open ID` run without a terminal.
    pub needs_terminal: &'static str,
    pub import_recognised: &'static str,
    pub import_found: &'static str,
    pub import_missing: &'static str,
    pub import_placed: &'static str,
    pub import_kind: &'static str,
    pub import_variant: &'static str,
    pub import_row_values: &'static str,
    pub import_not_placed: &'static str,
    pub import_footer: &'static str,
    pub import_unplaced_header: &'static str,
    pub list_empty: &'static str,
    pub list_header: &'static str,
    pub list_broken: &'static str,
    pub kind_department: &'static str,
    pub kind_government: &'static str,
    pub target_not_found: &'static str,
    pub error_prefix: &'static str,
}

pub static ZH: Strings = Strings {
    sum_mismatch: "分项之和为 {sum}，填写为 {value}，相差 {diff}",
    cell_suspect: "很可能填错：填写为 {value}，按涉及它的 {count} 处合计推算应为 {expected}",
    balance_mismatch: "应满足“{note}”：{lhs} = {left}，{rhs} = {right}，相差 {diff}",
    value_invalid: "“{text}”不是{type}：{reason}",
    reason_not_a_number: "不是数字",
    reason_negative: "不能为负数",
    reason_not_integer: "应为整数",
    reason_too_many_decimals: "小数不能超过 {n} 位",
    value_extra_decimals: "“{value}”有 {digits} 位小数，按规定最多 {max} 位：计算按 {rounded}，公布时宜四舍五入",
    cross_carry_over: "应等于 {year} 年报告的“{from}”：本年填写 {now}，{year} 年为 {then}",
    cross_stock_flow: "{year} 年现行有效 {then} + 本年制发 {added} − 本年废止 {removed} = {expected}，填写为 {now}（修订、清理等可能使二者不同，请核对）",
    cross_same_text: "本部分文字有 {percent}% 与 {year} 年报告相同（内容雷同），请按本年度实际情况撰写",
    text_number_mismatch: "正文“{quote}”说 {stated}，统计表 {cell} 为 {value}，请核对",
    section_in_name_only: "只写了“{text}”：本部分应写明本年度存在的主要问题和改进情况（有实际内容，不少于 {min} 个字）",
    text_wrong_year: "“{quote}”写的是 {found} 年，本报告是 {year} 年度的：如是沿用上年报告的文字，请改为本年度的情况",
    text_contradiction: "正文“{quote}”与统计表不符：{cell} 为 {value}",
    sum_exceeds: "{target} 为 {value}，已填的 {filled} 之和已达 {sum}，超出 {diff}，空白单元格无论填什么都不能相符",
    sum_short: "{target} 为 {value}，已填的之和为 {sum}，还差 {diff}，空白单元格为 {blanks}：只有它们合计为 {diff} 才相符",
    zero_spelling: "{count} 个单元格写的是“{spellings}”，已按 0 读取：{cells}",
    reason_too_large: "数值过大",
    reason_exponent: "科学计数法不是统计数的写法",
    reason_above_max: "大于 {max}，不像是实际的统计数",
    reason_other_digits: "混用了不同文字的数字",
    cell_blank: "未填写（没有发生的请填 0）",
    section_empty: "本部分尚未填写内容",
    numbering_collision: "“{excerpt}”使用了与报告一级标题相同的编号“{marker}”，小标题建议改用{suggest}等",
    text_missing_phrase: "未提及“{phrases}”{note}",
    year_in_future: "报告年度 {year} 晚于当前年度 {current}",
    year_before_format: "报告年度 {year} 早于本格式适用的首个年度 {first}",
    agency_empty: "未填写机关名称",
    unknown_format: "草稿使用的报告格式“{id}”本程序没有（可能是更新版本的 nianbao 写的），请升级后再打开",
    missing_title: "未找到报告标题（应为“{title}”的形式）",
    missing_section: "缺少“{heading}”部分",
    missing_table: "缺少“{heading}”的统计表",
    missing_row: "统计表缺少“{row}”一行",
    unplaced_line: "无法识别、未导入的内容：{text}",
    duplicate_row: "“{row}”出现了不止一次，已采用第一次的数值",
    values_dropped: "“{row}”一行有 {found} 个数值，表中只有 {expected} 列，无法对应各列，该行未导入",
    import_column_order: "统计表的表头列为“{columns}”，与规定的列序不同，数值已按表头对应到各列，请核对",
    import_group_column: "表头的“{column}”一列没有对应的单元格（规定按其下各列分别填写），该列的 {count} 个数值未导入",
    import_heading_variant: "标题“{printed}”与规定的“{heading}”不一致，已按后者读取",
    import_narrative_split: "“{row}”的数字连在一起（“{digits}”），符合表内合计关系的拆分不止一种，按正文第 {line} 行“{sentence}”取 {values}，请核对",
    import_heading_numbering: "标题“{printed}”的编号与规定的“{heading}”不同，已按其文字读作后者",
    import_year_source: "标题中没有年度，年度 {year} 取自{source}：“{text}”，请核对",
    import_kind_assumed: "从机关名称“{agency}”看不出报告类型，已按{kind}导入；如不对，请用 --kind {other} 重新导入",
    import_ambiguous_digits: "“{row}”的数字连在一起（“{digits}”），有 {ways} 种拆分都符合表内的合计关系，无法确定，已留空",
    import_no_split: "“{row}”的数字连在一起（“{digits}”），没有一种拆分符合本行的合计，已留空",
    import_too_few_values: "“{row}”一行只有 {found} 个数值（{values}），应有 {expected} 个，看不出各属哪一列，已留空",
    import_label_variant: "“{printed}”与规定的行名不一致，按编号读作“{row}”",
    import_single_row_group: "“{row}”印成了一行{format}，没有分列其 {count} 个子项：数值记为该项的小计，子项留空",
    import_preamble: "第 {from}–{to} 行是第一个标题之前的文字（“{text}…”），未导入",
    import_preamble_kept: "第 {from}–{to} 行（标题之后、第一个标题之前：“{text}…”）已作为前言导入，请核对",
    import_format_2019: "“{word}”是{format}的内容，2021 年格式没有对应的单元格，这一行的数字请核对后手工填写",
    import_bad_bytes: "这一行有无法识别的字节（已显示为 �），附近的文字或数字可能有误：{text}",
    import_bad_bytes_more: "另有 {count} 行有无法识别的字节（已显示为 �）",
    import_html_too_deep: "网页的标签嵌套了 {depth} 层，超过 {limit} 层的标签已忽略，其中的文字按普通段落读取",
    import_value_sign: "“{text}”带有正号，已按 {value} 读取",
    import_value_digits: "“{text}”用的不是 0–9 这样的数字，已按 {value} 读取，请核对",
    import_value_unit: "“{text}”是以{unit}计的金额，本表以{of}计，已换算为 {value}，请核对",
    loc_cell: "{section}、{row} / {column}",
    loc_section_line: "{heading} 第 {line} 行",
    loc_report: "报告",
    loc_line: "第 {line} 行",
    error: "错误",
    summary_columns: ["文件", "机关", "年度", "类型", "错误", "警告", "章节与表格"],
    summary_cross_year: "与上年报告比对",
    summary_unreadable: "无法读取的原因",
    summary_compared_clean: "已与 {source} 对照，未见问题",
    against_source: "（对照 {source}）",
    check_total_paired: "{line}；其中 {n} 份与同一机关上一年度的报告对照",
    summary_complete: "齐全",
    summary_lacks: "缺少：",
    list_sep: "、",
    summary_finding_columns: ["文件", "行", "位置", "代码", "级别", "说明"],
    summary_reports_sheet: "报告",
    summary_findings_sheet: "问题清单",
    summary_title: "政府信息公开工作年度报告检查汇总",
    summary_written: "汇总表已写入 {path}（{count} 份报告）",
    summary_kind_unknown: "{path}：汇总表须为 .xlsx、.csv 或 .html 文件",
    warning: "警告",
    check_summary: "{target}：{errors} 个错误，{warnings} 个警告",
    check_total: "共检查 {files} 份报告：{with_errors} 份有错误，{with_warnings} 份有警告，{unreadable} 份无法读取（共 {errors} 个错误，{warnings} 个警告）",
    check_clean: "{target}：未发现问题",
    export_refused: "报告还有 {errors} 个错误，未导出（确需导出请加 --force）：",
    export_written: "已导出到 {path}",
    import_saved: "已导入为草稿 {id}",
    saved_as: "已保存为草稿 {id}",
    needs_terminal: "编辑草稿 {id} 需要在终端中运行（标准输入和标准输出须为终端）；脚本中请用 check、export、import",
    import_recognised: "识别结果：{format}，机关：{agency}，年度：{year}，编码：{encoding}",
    import_found: "找到",
    import_missing: "缺少",
    import_placed: "已填入 {count} 个数值",
    import_kind: "机关类型：{kind}",
    import_variant: "部分内容按{format}书写",
    import_row_values: "  第 {line} 行 {row}：{values}",
    import_not_placed: "  第 {line} 行未导入：{text}",
    import_footer: "  第 {line} 行是页脚或表头，已略过：{text}",
    import_unplaced_header: "未能导入的行：",
    list_empty: "还没有草稿。用 nianbao new --agency 机关名称 --year 年度 新建一份。",
    list_header: "编号\t机关\t年度\t最后保存\t错误\t警告",
    list_broken: "{path}：无法读取：{reason}",
    kind_department: "部门",
    kind_government: "人民政府",
    target_not_found: "找不到“{target}”：既不是草稿编号，也不是文件",
    error_prefix: "错误",
};

pub static EN: Strings = Strings {
    sum_mismatch: "the parts add up to {sum}, but {value} is entered, a difference of {diff}",
    cell_suspect: "probably mistyped: {value} is entered, but the {count} totals it takes part in imply {expected}",
    balance_mismatch: "must satisfy “{note}”: {lhs} = {left}, {rhs} = {right}, a difference of {diff}",
    value_invalid: "“{text}” is not a {type}: {reason}",
    reason_not_a_number: "not a number",
    reason_negative: "must not be negative",
    reason_not_integer: "must be a whole number",
    reason_too_many_decimals: "at most {n} decimals",
    value_extra_decimals: "“{value}” has {digits} decimals where the format has at most {max}: reckoned as {rounded}; round it when publishing",
    cross_carry_over: "must equal “{from}” of the {year} report: {now} this year, {then} in {year}",
    cross_stock_flow: "in force in {year} {then} + issued {added} − repealed {removed} = {expected}, but {now} is entered (revisions and clean-ups can make them differ; please check)",
    cross_same_text: "{percent}% of this section's text is the same as in the {year} report; write it for this year",
    text_number_mismatch: "the text “{quote}” says {stated}, but the table has {value} in {cell}; please check",
    section_in_name_only: "only “{text}” is written: this section must state the year's main problems and the improvements made or planned (real content, at least {min} characters)",
    text_wrong_year: "“{quote}” names the year {found}, but this is the report for {year}: if the text was carried over from last year's report, write this year's facts",
    text_contradiction: "the text “{quote}” contradicts the table: {cell} is {value}",
    sum_exceeds: "{target} is {value}, but the filled cells {filled} already add up to {sum}, {diff} too many: no value in the blank cells can make it hold",
    sum_short: "{target} is {value}, the filled cells add up to {sum}, {diff} short; the blank cells are {blanks}: only if they add up to {diff} does it hold",
    zero_spelling: "{count} cells hold “{spellings}”, read as 0: {cells}",
    reason_too_large: "too large",
    reason_exponent: "exponent notation is not how a count is written",
    reason_above_max: "above {max}, not a plausible count",
    reason_other_digits: "digits of different scripts mixed",
    cell_blank: "blank (enter 0 if there were none)",
    section_empty: "this section has no text yet",
    numbering_collision: "“{excerpt}” numbers a part “{marker}” like the report's own headings; use {suggest} … for sub-headings",
    text_missing_phrase: "does not mention “{phrases}”{note}",
    year_in_future: "report year {year} is after the current year {current}",
    year_before_format: "report year {year} is before {first}, the first year of this format",
    agency_empty: "the agency name is empty",
    unknown_format: "the draft uses the report format “{id}”, which this nianbao does not have (a newer version may have written it); please upgrade to open it",
    missing_title: "no report title found (expected “{title}”)",
    missing_section: "section “{heading}” is missing",
    missing_table: "the table of “{heading}” is missing",
    missing_row: "the table has no row “{row}”",
    unplaced_line: "not recognised, not imported: {text}",
    duplicate_row: "row “{row}” appears more than once; the first one was used",
    values_dropped: "row “{row}” has {found} values but the table has {expected} columns; they cannot be matched to columns, so the row was not imported",
    import_column_order: "the table's header prints its columns as “{columns}”, not in the official order; the values were placed by the header; please check",
    import_group_column: "the header's column “{column}” has no cells of its own (the format has one for each of its parts); its {count} values were not imported",
    import_heading_variant: "heading “{printed}” differs from the official “{heading}”; read as the latter",
    import_narrative_split: "the numbers of “{row}” run together (“{digits}”) and several splits agree with the table's totals; the text on line {line} (“{sentence}”) chose {values}; please check",
    import_heading_numbering: "heading “{printed}” is numbered otherwise than the official “{heading}”; read as the latter by its words",
    import_year_source: "the title gives no year; the year {year} was taken from {source}: “{text}”; please check",
    import_kind_assumed: "the name “{agency}” does not tell the kind of report; imported as {kind}; if wrong, import again with --kind {other}",
    import_ambiguous_digits: "the numbers of “{row}” run together (“{digits}”) and {ways} ways to split them agree with the table's totals; left blank",
    import_no_split: "the numbers of “{row}” run together (“{digits}”) and no way to split them agrees with the row's total; left blank",
    import_too_few_values: "row “{row}” has {found} values ({values}) but {expected} columns; which value belongs where cannot be told, left blank",
    import_label_variant: "“{printed}” differs from the official row label; read as “{row}” by its numbering",
    import_single_row_group: "“{row}” is printed as a single row{format} instead of its {count} sub-rows: its numbers are kept as the row's subtotal, the sub-rows are blank",
    import_preamble: "lines {from}–{to} stand before the first heading (“{text}…”) and were not imported",
    import_preamble_kept: "lines {from}–{to} (after the title, before the first heading: “{text}…”) were imported as the preamble; check them",
    import_format_2019: "“{word}” belongs to the {format}; the 2021 form has no cell for it, check this line's numbers and enter them by hand",
    import_bad_bytes: "this line has bytes that could not be read (shown as �); text or numbers near them may be wrong: {text}",
    import_bad_bytes_more: "{count} more lines have bytes that could not be read (shown as �)",
    import_html_too_deep: "the page nests its tags {depth} levels deep; tags past {limit} levels were ignored and their text read as plain paragraphs",
    import_value_sign: "“{text}” has a plus sign; read as {value}",
    import_value_digits: "“{text}” is not written with the digits 0–9; read as {value}, please check",
    import_value_unit: "“{text}” is an amount in {unit}; this table counts in {of}, so it was converted to {value}, please check",
    loc_cell: "{section}、{row} / {column}",
    loc_section_line: "{heading}, line {line}",
    loc_report: "report",
    loc_line: "line {line}",
    error: "error",
    summary_columns: [
        "File",
        "Agency",
        "Year",
        "Kind",
        "Errors",
        "Warnings",
        "Sections and tables",
    ],
    summary_cross_year: "Against last year's report",
    summary_unreadable: "Why it could not be read",
    summary_compared_clean: "checked against {source}: nothing found",
    against_source: " (against {source})",
    check_total_paired: "{line}; {n} checked against the same agency's year before",
    summary_complete: "all there",
    summary_lacks: "lacks: ",
    list_sep: "; ",
    summary_finding_columns: ["File", "Line", "Location", "Code", "Severity", "Message"],
    summary_reports_sheet: "Reports",
    summary_findings_sheet: "Findings",
    summary_title: "Annual reports on government information disclosure: check summary",
    summary_written: "summary written to {path} ({count} reports)",
    summary_kind_unknown: "{path}: the summary must be an .xlsx, .csv or .html file",
    warning: "warning",
    check_summary: "{target}: {errors} errors, {warnings} warnings",
    check_total: "{files} reports checked: {with_errors} with errors, {with_warnings} with warnings, {unreadable} unreadable ({errors} errors, {warnings} warnings)",
    check_clean: "{target}: no problems found",
    export_refused: "the report still has {errors} errors; not exported (use --force to export anyway):",
    export_written: "exported to {path}",
    import_saved: "imported as draft {id}",
    saved_as: "saved as draft {id}",
    needs_terminal: "editing draft {id} needs a terminal (standard input and output must be one); in scripts use check, export, import",
    import_recognised: "recognised: {format}, agency: {agency}, year: {year}, encoding: {encoding}",
    import_found: "found",
    import_missing: "missing",
    import_placed: "{count} values placed",
    import_kind: "kind of agency: {kind}",
    import_variant: "parts follow the {format}",
    import_row_values: "  line {line} {row}: {values}",
    import_not_placed: "  line {line} not imported: {text}",
    import_footer: "  line {line} is a page footer or a table header, skipped: {text}",
    import_unplaced_header: "lines not imported:",
    list_empty: "No drafts yet. Create one with: nianbao new --agency NAME --year YYYY",
    list_header: "id\tagency\tyear\tlast saved\terrors\twarnings",
    list_broken: "{path}: cannot be read: {reason}",
    kind_department: "department",
    kind_government: "people's government",
    target_not_found: "“{target}” is neither a draft id nor a file",
    error_prefix: "error",
};

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The one pass fills as replacing each pair in turn does, for any template and values
        /// (braces, repeated and unknown names, values naming others).
        #[test]
        fn fill_agrees_with_replacing_in_turn(
            template in "[{}ab年 ]{0,16}",
            args in proptest::collection::vec(("[ab{}]{0,2}", "[{}ab1]{0,3}"), 0..4),
        ) {
            let args: Vec<(&str, &str)> =
                args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            proptest::prop_assert_eq!(fill(&template, &args), fill_in_turn(&template, &args));
        }
    }

    #[test]
    fn fill_replaces_every_named_parameter() {
        assert_eq!(
            fill("{a} 与 {b}，再 {a}", &[("a", "1"), ("b", "2")]),
            "1 与 2，再 1"
        );
    }

    #[test]
    fn both_tables_use_the_same_parameters() {
        // A parameter present in one language but not the other would silently vanish.
        fn params(s: &str) -> Vec<String> {
            let mut v: Vec<String> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string()))
                .collect();
            v.sort();
            v.dedup();
            v
        }
        let pairs = [
            (ZH.sum_mismatch, EN.sum_mismatch),
            (ZH.cell_suspect, EN.cell_suspect),
            (ZH.balance_mismatch, EN.balance_mismatch),
            (ZH.value_invalid, EN.value_invalid),
            (ZH.numbering_collision, EN.numbering_collision),
            (ZH.text_missing_phrase, EN.text_missing_phrase),
            (ZH.values_dropped, EN.values_dropped),
            (ZH.import_column_order, EN.import_column_order),
            (ZH.import_group_column, EN.import_group_column),
            (ZH.import_heading_variant, EN.import_heading_variant),
            (ZH.import_heading_numbering, EN.import_heading_numbering),
            (ZH.import_narrative_split, EN.import_narrative_split),
            (ZH.import_year_source, EN.import_year_source),
            (ZH.import_kind_assumed, EN.import_kind_assumed),
            (ZH.import_ambiguous_digits, EN.import_ambiguous_digits),
            (ZH.import_no_split, EN.import_no_split),
            (ZH.import_too_few_values, EN.import_too_few_values),
            (ZH.import_label_variant, EN.import_label_variant),
            (ZH.import_single_row_group, EN.import_single_row_group),
            (ZH.import_preamble, EN.import_preamble),
            (ZH.import_preamble_kept, EN.import_preamble_kept),
            (ZH.import_format_2019, EN.import_format_2019),
            (ZH.import_bad_bytes, EN.import_bad_bytes),
            (ZH.reason_above_max, EN.reason_above_max),
            (ZH.value_extra_decimals, EN.value_extra_decimals),
            (ZH.cross_carry_over, EN.cross_carry_over),
            (ZH.cross_stock_flow, EN.cross_stock_flow),
            (ZH.cross_same_text, EN.cross_same_text),
            (ZH.text_number_mismatch, EN.text_number_mismatch),
            (ZH.section_in_name_only, EN.section_in_name_only),
            (ZH.text_wrong_year, EN.text_wrong_year),
            (ZH.text_contradiction, EN.text_contradiction),
            (ZH.sum_exceeds, EN.sum_exceeds),
            (ZH.sum_short, EN.sum_short),
            (ZH.zero_spelling, EN.zero_spelling),
            (ZH.import_bad_bytes_more, EN.import_bad_bytes_more),
            (ZH.import_html_too_deep, EN.import_html_too_deep),
            (ZH.import_value_sign, EN.import_value_sign),
            (ZH.import_value_digits, EN.import_value_digits),
            (ZH.import_value_unit, EN.import_value_unit),
            (ZH.check_summary, EN.check_summary),
            (ZH.import_recognised, EN.import_recognised),
            (ZH.import_row_values, EN.import_row_values),
            (ZH.import_not_placed, EN.import_not_placed),
            (ZH.import_footer, EN.import_footer),
        ];
        for (zh, en) in pairs {
            assert_eq!(params(zh), params(en), "{zh} / {en}");
        }
    }
}
