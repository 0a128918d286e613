#!/usr/bin/env bash
# Pictures of the Word export for the docs: a real published report (../shared/samples/real/)
# imported, exported to DOCX, converted by LibreOffice to PDF and by pdftoppm to PNG, written as
#   docs/images/docx-page1.png    the first page (title, section 一)
#   docs/images/docx-table3.png   the page with table 三
#
# bash scripts/render-docx-pages.sh [SAMPLE.txt] [DPI]
#
# Needs soffice (libreoffice-writer-nogui), pdftoppm and pdftotext (poppler-utils) and a CJK
# font (fonts-noto-cjk). The official fonts (仿宋_GB2312, 方正小标宋简体, 楷体_GB2312, 黑体)
# are not free: the pictures are drawn with Noto Serif CJK SC standing in for the serif ones and
# Noto Sans CJK SC for 黑体 (scripts/docx-fonts.conf), as a machine without them would show.
set -euo pipefail
cd "$(dirname "$0")/.."

sample=${1:-../shared/samples/real/01-huaianshi-2024.txt}
dpi=${2:-70}
for t in soffice pdftoppm pdftotext; do
    command -v "$t" >/dev/null 2>&1 || {
        echo "needs $t: apt-get install libreoffice-writer-nogui poppler-utils fonts-noto-cjk" >&2
        exit 2
    }
done
[[ -f $sample ]] || { echo "sample $sample not found" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --locked --quiet --bin nianbao
bin=target/debug/nianbao

# The samples are text copied out of a PDF: one printed line per line, page footers between.
# Join a paragraph's lines back, as the author's own text would be, in the prose of sections
# 一, 五 and 六 (the tables of 二, 三, 四 are left as printed): a long line that does not end a
# sentence runs on into the next; footers (- 3 -) go.
LC_ALL=C.UTF-8 awk '
    function flush() { if (buf != "") print buf; buf = "" }
    /^- *[0-9]+ *-$/ { next }
    /^二、/ { tables = 1 }
    /^五、/ { tables = 0 }
    /^[一二三四五六]、/ { flush(); print; next }
    tables { flush(); print; next }
    {
        buf = buf $0
        if (length($0) < 22 || $0 ~ /(。|；|：|！|？|报告)$/) flush()
    }
    END { flush() }
' "$sample" >"$work/sample.txt"

export NIANBAO_DATA_DIR="$work/data"
id=$("$bin" import "$work/sample.txt" 2>/dev/null | tail -n 1)
"$bin" export "$id" --to docx -o "$work/report.docx" --force >/dev/null

export FONTCONFIG_FILE="$PWD/scripts/docx-fonts.conf"
soffice "-env:UserInstallation=file://$work/profile" --headless --norestore \
    --convert-to pdf --outdir "$work" "$work/report.docx" >/dev/null 2>&1
pdf="$work/report.pdf"
[[ -f $pdf ]] || { echo "LibreOffice wrote no PDF" >&2; exit 1; }

# The page that holds table 三's row 四、结转下年度继续办理 (its last), else its heading.
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
t3=""
for ((p = 1; p <= pages; p++)); do
    if pdftotext -f "$p" -l "$p" "$pdf" - | tr -d ' \n' | grep -q '四、结转下年度继续办理'; then
        t3=$p
        break
    fi
done
[[ -n $t3 ]] || { echo "no page with table 三" >&2; exit 1; }

mkdir -p docs/images
pdftoppm -r "$dpi" -png -f 1 -l 1 -singlefile "$pdf" docs/images/docx-page1
pdftoppm -r "$dpi" -png -f "$t3" -l "$t3" -singlefile "$pdf" docs/images/docx-table3
ls -l docs/images/docx-page1.png docs/images/docx-table3.png
echo "table 三 on page $t3 of $pages"
